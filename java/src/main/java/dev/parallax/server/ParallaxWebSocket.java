package dev.parallax.server;

import dev.parallax.Server;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.extensions.compression.WebSocketServerCompressionHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Perspective's WebSocket endpoint for a Netty 4.1 server, like Perspective's
 * {@code PerspectiveTornadoHandler}: each connection gets a {@link dev.parallax.Session} of the
 * given {@link Server}; one binary message carries one protocol message each way.
 *
 * <pre>{@code
 * Server parallax = new Server();
 * parallax.newLocalClient().table(csv, Map.of("name", "data_source"));
 * EventLoopGroup group = new NioEventLoopGroup();
 * new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
 *     .childHandler(ParallaxWebSocket.initializer(parallax, WebSocketOptions.defaults(), myHttpHandler))
 *     .bind(8080).sync();                                        // ws://host:8080/websocket
 * }</pre>
 *
 * or, for no server code at all, {@link WebSocketServer#start}. An application that already
 * has its own pipeline adds the endpoint to it with {@link #configure}. Requests on the
 * configured path that ask for a WebSocket upgrade become Perspective connections; every other
 * HTTP request (a {@code FullHttpRequest}) goes to {@code otherRequests}, e.g.
 * {@link StaticFiles} for the viewer page ({@code null}: 404).
 *
 * <p>Each connection has a bounded outbound queue: a client that reads too slowly is
 * disconnected (its views deleted) without slowing the others. Messages of one connection are
 * handled in order, one at a time, on the connection's event loop (no thread hand-off); requests
 * of at least {@link WebSocketOptions#getOffloadBytes()} bytes run on a worker thread instead.
 * Pushes are written by the thread that changed the table when it is the connection's event
 * loop, and handed to that loop otherwise. Thread-safety: the returned handlers are created per
 * connection by the initializer; the initializer itself may be shared.
 */
public final class ParallaxWebSocket {
  private ParallaxWebSocket() {}

  /** The endpoint on {@code /websocket} with {@link WebSocketOptions#defaults()}, nothing else served. */
  public static ChannelInitializer<SocketChannel> initializer(Server parallax) {
    return initializer(parallax, WebSocketOptions.defaults(), null);
  }

  /** A child handler for {@code ServerBootstrap}: {@link #configure} on each new connection. */
  public static ChannelInitializer<SocketChannel> initializer(Server parallax, WebSocketOptions options, ChannelHandler otherRequests) {
    return initializer(parallax, options, otherRequests, null);
  }

  /** As above; {@code connections}, if given, tracks the open connections (for tests and stats). */
  static ChannelInitializer<SocketChannel> initializer(Server parallax, WebSocketOptions options, ChannelHandler otherRequests,
      Set<SessionEndpoint> connections) {
    Set<SessionEndpoint> live = connections != null ? connections : ConcurrentHashMap.newKeySet();
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(SocketChannel ch) {
        configure(ch.pipeline(), parallax, options, otherRequests, live);
      }
    };
  }

  /**
   * Appends the HTTP codec, the WebSocket upgrade on {@code options.getPath()} and then
   * {@code otherRequests} (which must be {@code @Sharable} or new per call) to a new
   * connection's pipeline.
   */
  public static void configure(ChannelPipeline pipeline, Server parallax, WebSocketOptions options, ChannelHandler otherRequests) {
    configure(pipeline, parallax, options, otherRequests, ConcurrentHashMap.newKeySet());
  }

  private static void configure(ChannelPipeline p, Server parallax, WebSocketOptions options, ChannelHandler otherRequests,
      Set<SessionEndpoint> live) {
    if (!options.getIdleTimeout().isZero()) {
      p.addLast("parallax-idle", new IdleStateHandler(0, 0, options.getIdleTimeout().toMillis(), TimeUnit.MILLISECONDS));
    }
    p.addLast("parallax-http", new HttpServerCodec());
    p.addLast("parallax-http-aggregator", new HttpObjectAggregator(1 << 16));
    // permessage-deflate when the client offers it; a message may not inflate beyond the limit.
    p.addLast("parallax-ws-compression", new WebSocketServerCompressionHandler((int) options.getMaxMessageBytes()));
    p.addLast("parallax-upgrade", new UpgradeHandler(parallax, options, live));
    p.addLast("parallax-other", otherRequests != null ? otherRequests : StaticFiles.NOT_FOUND);
  }
}
