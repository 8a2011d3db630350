package dev.parallax.server;

import dev.parallax.Server;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A ready-made Netty server for {@link ParallaxWebSocket}: one event loop group (the listening
 * socket and every connection), bound to a host and port.
 *
 * <pre>{@code
 * try (WebSocketServer ws = WebSocketServer.start(parallax, "127.0.0.1", 8080, WebSocketOptions.defaults(),
 *                                                 new StaticFiles(Path.of("web")))) {
 *   ...  // ws://127.0.0.1:8080/websocket, and the files of web/ at http://127.0.0.1:8080/
 * }
 * }</pre>
 *
 * <p>Thread-safety: {@link #close()} may be called from any thread, more than once.
 */
public final class WebSocketServer implements AutoCloseable {
  private final EventLoopGroup group;
  private final Channel channel;

  private WebSocketServer(EventLoopGroup group, Channel channel) {
    this.group = group;
    this.channel = channel;
  }

  /**
   * Listens on {@code host:port} (port 0: any free port, see {@link #port()}) with as many event
   * loop threads as CPUs; {@code otherRequests} as in {@link ParallaxWebSocket#initializer}.
   */
  public static WebSocketServer start(Server parallax, String host, int port, WebSocketOptions options,
      ChannelHandler otherRequests) throws InterruptedException {
    return start(parallax, host, port, options, otherRequests, 0, null);
  }

  /**
   * As above with {@code threads} event loops (0: as many as CPUs). A connection stays on one
   * loop; a push to a connection of another loop than the updating thread's is a hand-off.
   */
  public static WebSocketServer start(Server parallax, String host, int port, WebSocketOptions options,
      ChannelHandler otherRequests, int threads) throws InterruptedException {
    return start(parallax, host, port, options, otherRequests, threads, null);
  }

  /** As above; {@code connections}, if given, tracks the open connections (for tests). */
  static WebSocketServer start(Server parallax, String host, int port, WebSocketOptions options, ChannelHandler otherRequests,
      int threads, Set<SessionEndpoint> connections) throws InterruptedException {
    int n = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    EventLoopGroup group = new NioEventLoopGroup(n, new DefaultThreadFactory("parallax-ws", true));
    try {
      Channel ch = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(ParallaxWebSocket.initializer(parallax, options, otherRequests,
              connections != null ? connections : ConcurrentHashMap.newKeySet()))
          .bind(new InetSocketAddress(host, port)).sync().channel();
      return new WebSocketServer(group, ch);
    } catch (InterruptedException | RuntimeException e) {
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      throw e;
    }
  }

  /** The port listened on. */
  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  /** Stops listening, closes every connection (their sessions end) and stops the threads. */
  @Override
  public void close() {
    channel.close().awaitUninterruptibly();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
  }
}
