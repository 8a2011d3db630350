package dev.parallax.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.timeout.IdleStateEvent;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One WebSocket connection: feeds each binary message to its {@link dev.parallax.Session} and
 * writes the session's responses and pushes through a bounded queue.
 *
 * <p><b>Inbound</b> (event loop only): fragments are gathered up to the message limit (beyond
 * it: close 1009); each whole message is handled on the event loop, in order, before the next
 * one is read. A message of at least {@link WebSocketOptions#getOffloadBytes()} bytes is
 * handled on a worker thread, reading pauses, and later messages queue behind it, so the order
 * holds. Text frames break the protocol: the connection is closed (1003).
 *
 * <p><b>Outbound:</b> the session's callback ({@link #offer}; never concurrent for one session)
 * only queues, and writes straight away when it runs on this connection's event loop (a request
 * answered in place, or a push from an update that this loop handled); from any other thread
 * it schedules one drain on the loop. Queued bytes count until Netty has written them; when they
 * would exceed {@link WebSocketOptions#getMaxQueuedBytes()} the client is too slow and is
 * disconnected. Thread-safety: the queue and counters are guarded by {@code this}.
 */
final class SessionEndpoint extends ChannelInboundHandlerAdapter {
  private static final System.Logger LOG = System.getLogger("dev.parallax.server");
  /** How long a connection we closed keeps reading (and dropping) the peer's input. */
  private static final long CLOSE_GRACE_MILLIS = 2_000;
  /** Runs offloaded (large) requests; daemon threads, created on demand, shared by every connection. */
  private static final ExecutorService OFFLOAD = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "parallax-ws-offload");
    t.setDaemon(true);
    return t;
  });

  private final dev.parallax.Server parallax;
  private final WebSocketOptions options;
  private final Set<SessionEndpoint> live;
  private final WebSocketServerHandshaker handshaker;
  private volatile Channel channel;
  private volatile dev.parallax.Session session;

  // Event loop only.
  private boolean closing; // a close frame was sent or answered: later frames are dropped
  private CompositeByteBuf partial;
  private int offloaded;
  private CompletableFuture<Void> offloadTail = CompletableFuture.completedFuture(null);

  // Guarded by this.
  private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
  private long queuedBytes;
  private boolean drainScheduled;
  private boolean closed;
  private final AtomicBoolean ended = new AtomicBoolean();
  private final Runnable drainTask = this::drain;

  SessionEndpoint(dev.parallax.Server parallax, WebSocketOptions options, Set<SessionEndpoint> live, WebSocketServerHandshaker handshaker) {
    this.parallax = parallax;
    this.options = options;
    this.live = live;
    this.handshaker = handshaker;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    channel = ctx.channel();
    session = parallax.newSession(this::offer);
    live.add(this);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof WebSocketFrame frame)) {
      ctx.fireChannelRead(msg);
      return;
    }
    try {
      if (closing) {
        if (frame instanceof CloseWebSocketFrame) {
          ctx.close(); // the peer answered our close: the handshake is complete
        }
        return;
      }
      if (frame instanceof BinaryWebSocketFrame || frame instanceof ContinuationWebSocketFrame) {
        binary(ctx, frame);
      } else if (frame instanceof TextWebSocketFrame) {
        closeWith(ctx, WebSocketCloseStatus.INVALID_MESSAGE_TYPE, "binary frames only");
      } else if (frame instanceof PingWebSocketFrame) {
        ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
      } else if (frame instanceof CloseWebSocketFrame) {
        closing = true;
        handshaker.close(ctx.channel(), (CloseWebSocketFrame) frame.retain());
      }
    } finally {
      frame.release();
    }
  }

  private void binary(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (frame instanceof BinaryWebSocketFrame && partial != null) {
      closeWith(ctx, WebSocketCloseStatus.PROTOCOL_ERROR, "new message inside a fragmented one");
      return;
    }
    if (frame.isFinalFragment() && partial == null) {
      handle(ByteBufUtil.getBytes(frame.content())); // the usual case: one frame, one message
      return;
    }
    if (partial == null) {
      if (frame instanceof ContinuationWebSocketFrame) {
        closeWith(ctx, WebSocketCloseStatus.PROTOCOL_ERROR, "continuation without a message");
        return;
      }
      partial = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
    }
    if ((long) partial.readableBytes() + frame.content().readableBytes() > options.getMaxMessageBytes()) {
      partial.release();
      partial = null;
      closeWith(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG, "message larger than " + options.getMaxMessageBytes() + " bytes");
      return;
    }
    partial.addComponent(true, frame.content().retain());
    if (frame.isFinalFragment()) {
      byte[] bytes = ByteBufUtil.getBytes(partial);
      partial.release();
      partial = null;
      handle(bytes);
    }
  }

  /**
   * Runs one request in order: in place when it is small, cheap and nothing is offloaded, else
   * behind the offloaded ones on an offload thread (large messages, and requests the session
   * says may take long: view creation on a large table, big serialisations), so that one slow
   * request does not hold up the other connections of this event loop.
   */
  private void handle(byte[] bytes) {
    dev.parallax.Session.Call call = session.prepare(bytes);
    if (offloaded == 0 && bytes.length < options.getOffloadBytes() && !call.mayTakeLong()) {
      call.run();
      return;
    }
    if (offloaded++ == 0) {
      channel.config().setAutoRead(false);
    }
    EventLoop loop = channel.eventLoop();
    offloadTail = offloadTail.thenRunAsync(call::run, OFFLOAD)
        .handle((x, e) -> {
          loop.execute(() -> {
            if (--offloaded == 0) {
              channel.config().setAutoRead(true);
            }
          });
          return null;
        });
  }

  /**
   * Sends a close frame, then half-closes: closing the socket while the peer is still sending
   * (the rest of an oversized message) would reset the connection and could lose the close frame
   * before the peer read it. The input is read and dropped until the peer's close frame, its
   * end of stream, or {@link #CLOSE_GRACE_MILLIS}.
   */
  private void closeWith(ChannelHandlerContext ctx, WebSocketCloseStatus status, String reason) {
    if (closing) {
      return;
    }
    closing = true;
    channel.config().setAutoRead(true);
    ctx.writeAndFlush(new CloseWebSocketFrame(status.code(), reason)).addListener(f -> {
      if (!f.isSuccess() || !(ctx.channel() instanceof SocketChannel socket)) {
        ctx.close();
        return;
      }
      socket.shutdownOutput();
      ctx.executor().schedule(() -> ctx.close(), CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    });
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent) {
      closeWith(ctx, WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "idle timeout");
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (partial != null) {
      partial.release();
      partial = null;
    }
    // After any offloaded request: the session must not close under a request still running.
    offloadTail.whenComplete((x, e) -> shutdown());
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.log(Level.DEBUG, "WebSocket error: " + cause);
    // A bad frame (e.g. over the size limit): the decoder skips the rest of the input and we
    // close with its code (1009, 1002).
    if (cause instanceof CorruptedWebSocketFrameException bad) {
      closeWith(ctx, bad.closeStatus(), "bad frame");
    } else {
      ctx.close();
    }
  }

  /**
   * Drops the queue and ends the protocol session (its views are deleted), then leaves the live
   * set: a connection missing from it has no views left. Runs once. Never called inside the
   * session's callback (that may hold a table's change lock, which deleting views takes).
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

  /** Number of bytes waiting to be sent (queued and not yet written by Netty). */
  synchronized long queuedBytes() {
    return queuedBytes;
  }

  /** Queues one message; disconnects the client when it cannot keep up. */
  void offer(byte[] message) {
    Channel ch = channel;
    boolean schedule = false;
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
        if (!ch.eventLoop().inEventLoop()) {
          schedule = !drainScheduled;
          drainScheduled = true;
        }
      }
    }
    if (overflow) {
      LOG.log(Level.WARNING, "disconnecting a WebSocket client that does not keep up (more than "
          + options.getMaxQueuedBytes() + " bytes waiting)");
      ch.close(); // channelInactive runs as a later task of the loop and ends the session
    } else if (schedule) {
      try {
        ch.eventLoop().execute(drainTask);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // the server is shutting down: the connection is closing anyway
      }
    } else if (ch.eventLoop().inEventLoop()) {
      drain();
    }
  }

  /** On the event loop: writes everything queued, in order, with one flush. */
  private void drain() {
    Channel ch = channel;
    boolean wrote = false;
    while (true) {
      byte[] next;
      synchronized (this) {
        drainScheduled = false;
        next = queue.poll();
        if (next == null || closed) {
          break;
        }
      }
      int length = next.length;
      ch.write(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(next))).addListener(f -> sent(f.isSuccess(), length, f.cause()));
      wrote = true;
    }
    if (wrote) {
      ch.flush();
    }
  }

  private void sent(boolean ok, int length, Throwable cause) {
    if (!ok) {
      LOG.log(Level.DEBUG, "WebSocket send failed: " + cause);
      channel.close();
      return;
    }
    synchronized (this) {
      queuedBytes = Math.max(0, queuedBytes - length);
    }
  }
}
