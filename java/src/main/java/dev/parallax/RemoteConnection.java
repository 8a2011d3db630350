package dev.parallax;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.parallax.proto.Request;
import dev.parallax.proto.Response;
import dev.parallax.proto.StatusCode;
import java.io.ByteArrayOutputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One WebSocket connection to a Perspective server (JDK {@link java.net.http.WebSocket}): sends
 * {@code Request}s with fresh msg_ids and routes each incoming {@code Response} by msg_id, to the
 * one-shot future of a request or to a persistent subscription (pushes).
 *
 * <p><b>Threading.</b> Sends are serialised (the JDK socket allows one at a time). Request
 * futures complete on the shared HttpClient's selector thread, which reads every connection of
 * the process: never block inside their dependent stages.
 * Subscription callbacks and async results ({@link #requestAsync}) run on the connection's callback
 * executor ({@link RemoteOptions}): by default one dedicated thread per connection, in arrival
 * order, so they may make blocking calls on the same client. A blocking call made on the I/O
 * thread fails at once instead of deadlocking. When the connection ends, every pending request
 * fails with a {@code Transport error}.
 */
final class RemoteConnection implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("dev.parallax");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final URI uri;
  private final Map<Integer, CompletableFuture<Response>> pending = new ConcurrentHashMap<>();
  private final Map<Integer, Consumer<Response>> subscriptions = new ConcurrentHashMap<>();
  private final AtomicInteger nextId = new AtomicInteger(RANDOM.nextInt());
  /** The connection's own callback thread (null when the options name an executor); owned, shut down on close. */
  private final ExecutorService ownCallbacks;
  /** Where subscription callbacks and async results run: {@link #ownCallbacks} or the options' executor. */
  private final java.util.concurrent.Executor callbacks;
  /**
   * The thread that last delivered a message: the shared HttpClient's selector thread (its
   * executor runs tasks in place). A blocking call on it could never see its reply.
   */
  private static volatile Thread ioThread;
  private final Object sendLock = new Object();
  private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);
  private volatile WebSocket socket;
  private volatile String closedReason;

  private RemoteConnection(URI uri, RemoteOptions options) {
    this.uri = uri;
    if (options.callbackExecutor() != null) {
      this.ownCallbacks = null;
      this.callbacks = options.callbackExecutor();
    } else {
      this.ownCallbacks = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "parallax-remote-callbacks");
        t.setDaemon(true);
        return t;
      });
      this.callbacks = ownCallbacks;
    }
  }

  static RemoteConnection open(URI uri, RemoteOptions options) {
    RemoteConnection c = new RemoteConnection(uri, options);
    try {
      c.socket = SharedHttp.CLIENT.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT)
          .buildAsync(uri, c.new Reader()).get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      return c;
    } catch (ExecutionException e) {
      c.shutdownCallbacks(true);
      throw new ParallaxException("Transport error: cannot connect to " + uri + ": " + e.getCause(), e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      c.shutdownCallbacks(true);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new ParallaxException("Transport error: cannot connect to " + uri + ": " + e, e);
    }
  }

  /**
   * One JDK HttpClient for every connection of the process: each HttpClient runs its own selector
   * thread, so a client per connection meant one more thread to wake per connection and push (a
   * hundred connections, a hundred selector threads). Its executor runs tasks in place, so the
   * selector thread itself decodes each incoming message and routes it (a pool executor added a
   * thread hand-off per message: ~20 of the ~75 voluntary context switches per update with 10
   * clients in {@code ServerBench}). That is safe because nothing run there blocks: {@link
   * Reader} only parses and completes futures or queues a subscription callback on {@link
   * #callbacks}. Created on first use, never closed; its threads are daemons. Thread-safe.
   */
  private static final class SharedHttp {
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).executor(Runnable::run).build();
  }

  URI uri() {
    return uri;
  }

  /** Sends {@code req} with a new msg_id; the future completes with its response. */
  CompletableFuture<Response> request(Request.Builder req) {
    int id = nextId.incrementAndGet();
    CompletableFuture<Response> f = new CompletableFuture<>();
    pending.put(id, f);
    send(req.setMsgId(id).build(), id);
    return f;
  }

  /**
   * Sends {@code req}; the future completes on the callback executor, with the response or
   * with a {@link ParallaxException} for a {@code ServerError}.
   */
  CompletableFuture<Response> requestAsync(Request.Builder req) {
    return request(req).thenApplyAsync(RemoteConnection::check, callbacks);
  }

  /** Sends {@code req} and waits for its response; a {@code ServerError} is thrown. */
  Response call(Request.Builder req) {
    return await(request(req));
  }

  /** Sends a subscription request; its pushes go to {@code onPush}. Returns the msg_id. */
  int subscribe(Request.Builder req, Consumer<Response> onPush) {
    int id = nextId.incrementAndGet();
    subscriptions.put(id, onPush);
    send(req.setMsgId(id).build(), id);
    return id;
  }

  void unsubscribe(int msgId) {
    subscriptions.remove(msgId);
  }

  /** Sends raw request bytes (a proxy), with responses routed to {@code onResponse}. */
  int forward(Request req, boolean persistent, Consumer<Response> onResponse) {
    int id = nextId.incrementAndGet();
    if (persistent) {
      subscriptions.put(id, onResponse);
    } else {
      CompletableFuture<Response> f = new CompletableFuture<>();
      pending.put(id, f);
      f.whenComplete((r, e) -> {
        if (r != null) {
          onResponse.accept(r);
        } else {
          onResponse.accept(Session.error("Transport error: " + e.getMessage(), StatusCode.TRANSPORT_ERROR).build());
        }
      });
    }
    send(req.toBuilder().setMsgId(id).build(), id);
    return id;
  }

  private void send(Request req, int id) {
    if (closedReason != null) {
      fail(id, closedReason);
      return;
    }
    ByteBuffer bytes = ByteBuffer.wrap(req.toByteArray());
    synchronized (sendLock) {
      lastSend = lastSend.handle((x, e) -> null)
          .thenCompose(x -> socket.sendBinary(bytes, true))
          .whenComplete((x, e) -> {
            if (e != null) {
              fail(id, "cannot send: " + e.getMessage());
            }
          });
    }
  }

  private void fail(int id, String reason) {
    CompletableFuture<Response> f = pending.remove(id);
    if (f != null) {
      f.completeExceptionally(new ParallaxException("Transport error: " + reason));
    }
  }

  /** Waits for {@code f}; a {@code ServerError} response becomes a {@link ParallaxException}. */
  static Response await(CompletableFuture<Response> f) {
    if (Thread.currentThread() == ioThread && !f.isDone()) {
      throw new ParallaxStateException("A blocking remote call cannot run on the connection's I/O thread "
          + "(a callback run with RemoteOptions.callbackExecutor(Runnable::run)): use the AsyncView/AsyncTable calls there");
    }
    Response r;
    try {
      r = f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ParallaxException("interrupted while waiting for the server", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      throw c instanceof ParallaxException ? (ParallaxException) c : new ParallaxException(String.valueOf(c), c);
    }
    return check(r);
  }

  static Response check(Response r) {
    if (r.hasServerError()) {
      String message = r.getServerError().getMessage();
      if (r.getServerError().getStatusCode() == StatusCode.VIEW_NOT_FOUND) {
        throw new ParallaxStateException(message);
      }
      throw new ParallaxException(message);
    }
    return r;
  }

  static CompletionException unwrap(Throwable e) {
    return e instanceof CompletionException ? (CompletionException) e : new CompletionException(e);
  }

  boolean isOpen() {
    return closedReason == null;
  }

  @Override
  public void close() {
    if (closedReason == null) {
      closed("client closed the connection");
      WebSocket ws = socket;
      if (ws != null) {
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
        ws.abort();
      }
    }
    shutdownCallbacks(false);
  }

  private void shutdownCallbacks(boolean now) {
    if (ownCallbacks != null) {
      if (now) {
        ownCallbacks.shutdownNow();
      } else {
        ownCallbacks.shutdown();
      }
    }
  }

  private void closed(String reason) {
    closedReason = reason;
    List<Integer> ids = new ArrayList<>(pending.keySet());
    ids.forEach(id -> fail(id, reason));
    subscriptions.clear();
  }

  /** Routes one whole message; {@code bytes} is read before this returns (not kept). */
  private void dispatch(ByteBuffer bytes) {
    Response r;
    try {
      r = Response.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      LOG.log(Level.WARNING, "undecodable message from " + uri + " dropped");
      return;
    }
    CompletableFuture<Response> f = pending.remove(r.getMsgId());
    if (f != null) {
      f.complete(r);
      return;
    }
    Consumer<Response> sub = subscriptions.get(r.getMsgId());
    if (sub != null) {
      try {
        callbacks.execute(() -> Listeners.invoke(sub, s -> s.accept(r)));
      } catch (java.util.concurrent.RejectedExecutionException e) {
        LOG.log(Level.DEBUG, "push dropped: the callback executor is shut down");
      }
    }
  }

  /** Reassembles binary messages and hands them to {@link #dispatch}. */
  private final class Reader implements WebSocket.Listener {
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      ioThread = Thread.currentThread();
      if (last && partial.size() == 0) {
        dispatch(data); // a whole message in one piece (the usual case): parsed in place
      } else {
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        partial.write(chunk, 0, chunk.length);
        if (last) {
          ByteBuffer message = ByteBuffer.wrap(partial.toByteArray());
          partial.reset();
          dispatch(message);
        }
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
      closed("connection closed (" + status + (reason.isEmpty() ? "" : ": " + reason) + ")");
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      closed(String.valueOf(error.getMessage()));
    }
  }

  /** A random 21-letter id, as the JS client makes for views and unnamed tables. */
  static String randomId() {
    String letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    StringBuilder b = new StringBuilder(21);
    for (int i = 0; i < 21; i++) {
      b.append(letters.charAt(RANDOM.nextInt(letters.length())));
    }
    return b.toString();
  }
}
