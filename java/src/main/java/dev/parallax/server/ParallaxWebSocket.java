package dev.parallax.server;

import dev.parallax.Server;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * Perspective's WebSocket endpoint for an embedded Jetty 12 server, like Perspective's
 * {@code PerspectiveTornadoHandler}: each connection gets a {@link dev.parallax.Session} of the
 * given {@link Server}; one binary message carries one protocol message each way.
 *
 * <pre>{@code
 * Server parallax = new Server();
 * parallax.newLocalClient().table(csv, Map.of("name", "data_source"));
 * org.eclipse.jetty.server.Server jetty = new org.eclipse.jetty.server.Server(8080);
 * jetty.setHandler(ParallaxWebSocket.handler(jetty, parallax));   // ws://host:8080/websocket
 * jetty.start();
 * }</pre>
 *
 * The returned handler upgrades requests on the configured path and passes every other request
 * to its own child handler ({@code setHandler}), e.g. a {@code ResourceHandler} for the page.
 *
 * <p>Each connection has a bounded outbound queue: a client that reads too slowly is
 * disconnected (its views deleted) without slowing the others. Messages of one connection are
 * handled in order, one at a time; different connections run in parallel on Jetty's threads.
 */
public final class ParallaxWebSocket {
  private ParallaxWebSocket() {}

  /** The endpoint on {@code /websocket} with {@link WebSocketOptions#defaults()}. */
  public static WebSocketUpgradeHandler handler(org.eclipse.jetty.server.Server jetty, Server parallax) {
    return handler(jetty, parallax, WebSocketOptions.defaults());
  }

  public static WebSocketUpgradeHandler handler(org.eclipse.jetty.server.Server jetty, Server parallax, WebSocketOptions options) {
    return handler(jetty, parallax, options, null);
  }

  /** As above; {@code connections}, if given, tracks the open connections (for tests and stats). */
  static WebSocketUpgradeHandler handler(org.eclipse.jetty.server.Server jetty, Server parallax, WebSocketOptions options,
      Set<SessionEndpoint> connections) {
    Set<SessionEndpoint> live = connections != null ? connections : ConcurrentHashMap.newKeySet();
    return WebSocketUpgradeHandler.from(jetty, container -> {
      container.setMaxBinaryMessageSize(options.getMaxMessageBytes());
      container.setMaxFrameSize(options.getMaxMessageBytes());
      container.setMaxTextMessageSize(64 * 1024);
      container.setIdleTimeout(options.getIdleTimeout());
      container.addMapping(options.getPath(), (request, response, callback) -> new SessionEndpoint(parallax, options, live));
    });
  }
}
