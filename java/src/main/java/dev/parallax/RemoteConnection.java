package dev.parallax;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.parallax.proto.Request;
import dev.parallax.proto.Response;
import dev.parallax.proto.StatusCode;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One WebSocket connection to a Perspective server (Netty): sends {@code Request}s with fresh
 * msg_ids and routes each incoming {@code Response} by msg_id, to the one-shot future of a
 * request or to a persistent subscription (pushes).
 *
 * <p><b>Threading.</b> Every connection of the process is served by one shared Netty event loop
 * thread, which reads each frame, parses the {@code Response} and routes it in place. Request
 * futures therefore complete on that thread: never block inside their dependent stages. Sends
 * may come from any thread; Netty queues them to the event loop in call order. Subscription
 * callbacks run on one dedicated thread per connection, in arrival order, so they may make
 * blocking calls on the same client. When the connection ends, every pending request fails with
 * a {@code Transport error}.
 */
final class RemoteConnection implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("dev.parallax");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final URI uri;
  private final Map<Integer, CompletableFuture<Response>> pending = new ConcurrentHashMap<>();
  private final Map<Integer, Consumer<Response>> subscriptions = new ConcurrentHashMap<>();
  private final AtomicInteger nextId = new AtomicInteger(RANDOM.nextInt());
  private final ExecutorService callbacks;
  private volatile Channel channel;
  private volatile String closedReason;

  private RemoteConnection(URI uri) {
    this.uri = uri;
    this.callbacks = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "parallax-remote-callbacks");
      t.setDaemon(true);
      return t;
    });
  }

  static RemoteConnection open(URI uri) {
    RemoteConnection c = new RemoteConnection(uri);
    try {
      c.connect();
      return c;
    } catch (ExecutionException e) {
      c.abort();
      throw new ParallaxException("Transport error: cannot connect to " + uri + ": " + e.getCause(), e.getCause());
    } catch (Exception e) {
      c.abort();
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new ParallaxException("Transport error: cannot connect to " + uri + ": " + e, e);
    }
  }

  /**
   * One Netty event loop thread for every connection of the process (as the JDK HttpClient had
   * one selector thread): a thread per connection would be one more thread to wake per push.
   * Nothing run there blocks: {@link Reader} only parses and completes futures or queues a
   * subscription callback on {@link #callbacks}. Created on first use, never closed; a daemon.
   */
  private static final class SharedLoop {
    static final EventLoopGroup GROUP = new NioEventLoopGroup(1, new DefaultThreadFactory("parallax-ws-client", true));
  }

  private void connect() throws Exception {
    String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
    if (!scheme.equals("ws") && !scheme.equals("wss")) {
      throw new IllegalArgumentException("not a ws:// or wss:// URL");
    }
    boolean tls = scheme.equals("wss");
    String host = uri.getHost();
    int port = uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80;
    SslContext ssl = tls ? SslContextBuilder.forClient().build() : null;
    Reader reader = new Reader();
    // No frame limit (2 GiB): a server's answer may be as large as the data asked for.
    WebSocketClientProtocolHandler protocol = new WebSocketClientProtocolHandler(
        WebSocketClientHandshakerFactory.newHandshaker(uri, WebSocketVersion.V13, null, false, new DefaultHttpHeaders(), Integer.MAX_VALUE),
        false, true, CONNECT_TIMEOUT.toMillis());
    Bootstrap b = new Bootstrap().group(SharedLoop.GROUP).channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis())
        .handler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ChannelPipeline p = ch.pipeline();
            if (ssl != null) {
              p.addLast(ssl.newHandler(ch.alloc(), host, port));
            }
            p.addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 16), protocol, reader);
          }
        });
    Channel ch = b.connect(host, port).sync().channel();
    channel = ch;
    reader.handshake.get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  /** After a failed connect: no connection, no callback thread. */
  private void abort() {
    closedReason = "connection failed";
    Channel ch = channel;
    if (ch != null) {
      ch.close();
    }
    callbacks.shutdownNow();
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
    channel.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(req.toByteArray()))).addListener(f -> {
      if (!f.isSuccess()) {
        fail(id, "cannot send: " + f.cause());
      }
    });
  }

  private void fail(int id, String reason) {
    CompletableFuture<Response> f = pending.remove(id);
    if (f != null) {
      f.completeExceptionally(new ParallaxException("Transport error: " + reason));
    }
  }

  /** Waits for {@code f}; a {@code ServerError} response becomes a {@link ParallaxException}. */
  static Response await(CompletableFuture<Response> f) {
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
      Channel ch = channel;
      if (ch != null) {
        ch.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(ChannelFutureListener.CLOSE);
      }
    }
    callbacks.shutdown();
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
      callbacks.execute(() -> Listeners.invoke(sub, s -> s.accept(r)));
    }
  }

  /**
   * On the event loop: completes the handshake, reassembles fragmented binary messages and hands
   * whole ones to {@link #dispatch} (an unfragmented one is parsed straight from Netty's buffer).
   * One per connection; its fields are event-loop only.
   */
  private final class Reader extends ChannelInboundHandlerAdapter {
    final CompletableFuture<Void> handshake = new CompletableFuture<>();
    private CompositeByteBuf partial;
    private String closeStatus = "1006";

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
        handshake.complete(null);
      } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
        handshake.completeExceptionally(new TimeoutException("WebSocket handshake timed out"));
      }
      ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (!(msg instanceof WebSocketFrame frame)) {
        ctx.fireChannelRead(msg);
        return;
      }
      try {
        if (frame instanceof CloseWebSocketFrame close) {
          String reason = close.reasonText();
          closeStatus = close.statusCode() + (reason.isEmpty() ? "" : ": " + reason);
          ctx.writeAndFlush(new CloseWebSocketFrame(close.statusCode(), "")).addListener(ChannelFutureListener.CLOSE);
        } else if (frame instanceof BinaryWebSocketFrame || frame instanceof ContinuationWebSocketFrame) {
          binary(ctx, frame);
        }
      } finally {
        frame.release();
      }
    }

    private void binary(ChannelHandlerContext ctx, WebSocketFrame frame) {
      if (frame.isFinalFragment() && partial == null) {
        dispatch(frame.content().nioBuffer()); // a whole message in one piece (the usual case)
        return;
      }
      if (partial == null) {
        partial = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
      }
      partial.addComponent(true, frame.content().retain());
      if (frame.isFinalFragment()) {
        try {
          dispatch(partial.nioBuffer());
        } finally {
          partial.release();
          partial = null;
        }
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      handshake.completeExceptionally(cause);
      if (closedReason == null) {
        closed(String.valueOf(cause.getMessage()));
      }
      ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (partial != null) {
        partial.release();
        partial = null;
      }
      handshake.completeExceptionally(new java.io.IOException("connection closed (" + closeStatus + ")"));
      if (closedReason == null) {
        closed("connection closed (" + closeStatus + ")");
      }
      ctx.fireChannelInactive();
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
