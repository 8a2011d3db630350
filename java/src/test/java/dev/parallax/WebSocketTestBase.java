package dev.parallax;

import dev.parallax.server.WebSocketOptions;
import dev.parallax.server.WebSocketServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A {@link ParallaxTestBase} whose server is also served over WebSocket (an in-process Netty
 * server on a free port), for tests of remote tables and views ({@link Client#websocket}).
 */
abstract class WebSocketTestBase extends ParallaxTestBase {
  private WebSocketServer ws;
  /** The server's protocol endpoint. */
  protected String url;

  @BeforeEach
  void startWebSocket() throws Exception {
    ws = WebSocketServer.start(server, "127.0.0.1", 0, WebSocketOptions.defaults(), null);
    url = "ws://127.0.0.1:" + ws.port() + "/websocket";
  }

  @AfterEach
  void stopWebSocket() {
    ws.close();
  }
}
