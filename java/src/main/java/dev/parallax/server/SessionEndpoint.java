package dev.parallax.server;

import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Set;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * One WebSocket connection: feeds each binary message to its {@link dev.parallax.Session} and
 * writes the session's responses and pushes through a bounded queue.
 *
 * <p><b>Inbound:</b> explicit demand; the next message is read only after the current one has
 * been handled, so requests run in order and a flooding client is throttled by TCP. Text frames
 * break the protocol: the connection is closed (1003).
 *
 * <p><b>Outbound:</b> the session's callback only queues (never blocks the thread that changed a
 * table). One message is in flight at a time; when the queued bytes would exceed
 * {@link WebSocketOptions#getMaxQueuedBytes()} the client is too slow and is disconnected.
 * Thread-safety: the queue is guarded by {@code this}; a {@code pumping} flag makes exactly one
 * thread send at a time, including when Jetty completes a send synchronously.
 *
 * <p>Public only because Jetty invokes the listener methods reflectively; not an API.
 */
public final class SessionEndpoint implements Session.Listener {
  private static final System.Logger LOG = System.getLogger("dev.parallax.server");

  private final dev.parallax.Server parallax;
  private final WebSocketOptions options;
  private final Set<SessionEndpoint> live;
  private volatile Session socket;
  private volatile dev.parallax.Session session;

  private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
  private long queuedBytes;
  private boolean inFlight;
  private boolean pumping;
  private boolean closed;
  private final java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();

  SessionEndpoint(dev.parallax.Server parallax, WebSocketOptions options, Set<SessionEndpoint> live) {
    this.parallax = parallax;
    this.options = options;
    this.live = live;
  }

  @Override
  public void onWebSocketOpen(Session s) {
    socket = s;
    session = parallax.newSession(this::offer);
    live.add(this);
    s.demand();
  }

  @Override
  public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
    byte[] bytes = new byte[payload.remaining()];
    payload.get(bytes);
    callback.succeed();
    try {
      session.handleRequest(bytes);
    } finally {
      Session s = socket;
      if (s != null && s.isOpen()) {
        s.demand();
      }
    }
  }

  @Override
  public void onWebSocketText(String message) {
    socket.close(StatusCode.BAD_DATA, "binary frames only", Callback.NOOP);
  }

  @Override
  public void onWebSocketClose(int statusCode, String reason, Callback callback) {
    shutdown();
    callback.succeed();
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    LOG.log(Level.DEBUG, "WebSocket error: " + cause);
    shutdown();
  }

  /**
   * Disconnects and ends the session on another thread: this may run inside the session's
   * response callback, where closing the session (which deletes views, taking their tables'
   * change locks) could deadlock with a thread that holds such a lock and waits to push here.
   */
  private void disconnectLater() {
    java.util.concurrent.CompletableFuture.runAsync(() -> {
      Session s = socket;
      if (s != null) {
        s.disconnect();
      }
      shutdown();
    });
  }

  /**
   * Drops the queue and ends the protocol session (its views are deleted), then leaves the live
   * set: a connection missing from it has no views left. Runs once, even when a disconnect and
   * Jetty's close callback race (the second caller must not report the connection gone while
   * the first is still deleting its views).
   */
  private void shutdown() {
    synchronized (this) {
      closed = true;
      queue.clear();
      queuedBytes = 0;
    }
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    dev.parallax.Session s = session;
    if (s != null) {
      s.close();
    }
    live.remove(this);
  }

  /** Number of bytes waiting to be sent (queued and in flight). */
  synchronized long queuedBytes() {
    return queuedBytes;
  }

  /** Queues one message; disconnects the client when it cannot keep up. */
  void offer(byte[] message) {
    boolean overflow = false;
    synchronized (this) {
      if (closed) {
        return;
      }
      if (queuedBytes > 0 && queuedBytes + message.length > options.getMaxQueuedBytes()) {
        overflow = true;
        closed = true;
        queue.clear();
        queuedBytes = 0;
      } else {
        queue.add(message);
        queuedBytes += message.length;
        if (pumping) {
          return;
        }
        pumping = true;
      }
    }
    if (overflow) {
      LOG.log(Level.WARNING, "disconnecting a WebSocket client that does not keep up (more than "
          + options.getMaxQueuedBytes() + " bytes waiting)");
      disconnectLater();
      return;
    }
    pump();
  }

  private void pump() {
    while (true) {
      byte[] next;
      synchronized (this) {
        if (inFlight || closed || queue.isEmpty()) {
          pumping = false;
          return;
        }
        next = queue.poll();
        inFlight = true;
      }
      int length = next.length;
      socket.sendBinary(ByteBuffer.wrap(next), Callback.from(() -> sent(length), this::failed));
    }
  }

  private void sent(int length) {
    synchronized (this) {
      inFlight = false;
      queuedBytes = Math.max(0, queuedBytes - length);
      if (pumping) {
        return;
      }
      pumping = true;
    }
    pump();
  }

  private void failed(Throwable cause) {
    LOG.log(Level.DEBUG, "WebSocket send failed: " + cause);
    disconnectLater();
  }
}
