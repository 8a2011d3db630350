package dev.parallax.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parallax.Client;
import dev.parallax.Server;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP side of the server: files of the web folder next to the WebSocket endpoint on the
 * same port, content types, and requests that must not reach a file (outside the folder,
 * hidden, missing, other methods).
 */
class StaticFilesTest {
  @TempDir
  Path dir;
  private Path web;
  private Server parallax;
  private WebSocketServer ws;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws Exception {
    web = Files.createDirectories(dir.resolve("web"));
    Files.writeString(web.resolve("index.html"), "<html>page</html>");
    Files.createDirectories(web.resolve("lib"));
    Files.write(web.resolve("lib/engine.wasm"), new byte[] {0, 'a', 's', 'm'});
    Files.writeString(web.resolve("lib/app.js"), "export default 1;");
    Files.writeString(web.resolve(".secret"), "hidden");
    Files.writeString(dir.resolve("outside.txt"), "outside");
    parallax = new Server();
    ws = WebSocketServer.start(parallax, "127.0.0.1", 0, WebSocketOptions.defaults(), new StaticFiles(web));
  }

  @AfterEach
  void stop() {
    ws.close();
    parallax.close();
  }

  private HttpResponse<byte[]> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ws.port() + path)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  /** The status line of a request written byte for byte (no client-side path normalisation). */
  private String rawStatus(String requestLine) throws Exception {
    try (Socket s = new Socket("127.0.0.1", ws.port())) {
      OutputStream out = s.getOutputStream();
      out.write((requestLine + "\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
      return response.substring(0, response.indexOf("\r\n"));
    }
  }

  @Test
  void servesFilesWithTheirTypes() throws Exception {
    HttpResponse<byte[]> index = get("/");
    assertEquals(200, index.statusCode());
    assertEquals(Files.readString(web.resolve("index.html")), new String(index.body(), StandardCharsets.UTF_8));
    assertTrue(index.headers().firstValue("content-type").orElse("").startsWith("text/html"));
    HttpResponse<byte[]> wasm = get("/lib/engine.wasm?v=1");
    assertEquals(200, wasm.statusCode());
    assertEquals("application/wasm", wasm.headers().firstValue("content-type").orElse(""));
    assertEquals(Files.size(web.resolve("lib/engine.wasm")), wasm.body().length);
    assertTrue(get("/lib/app.js").headers().firstValue("content-type").orElse("").startsWith("text/javascript"));
    assertEquals(404, get("/lib/").statusCode(), "a folder without index.html is not listed");
  }

  @Test
  void nothingOutsideTheFolderOrHidden() throws Exception {
    assertEquals(404, get("/missing.html").statusCode());
    assertEquals(404, get("/.secret").statusCode());
    assertTrue(rawStatus("GET /../outside.txt HTTP/1.1").contains(" 404 "));
    assertTrue(rawStatus("GET /lib/%2e%2e/%2e%2e/outside.txt HTTP/1.1").contains(" 404 "));
    assertTrue(rawStatus("POST /index.html HTTP/1.1").contains(" 405 "));
    // A plain GET on the WebSocket path is not an upgrade: it is a file request like any other.
    assertEquals(404, get("/websocket").statusCode());
  }

  @Test
  void theWebSocketEndpointSharesThePort() throws Exception {
    try (Client remote = Client.websocket("ws://127.0.0.1:" + ws.port() + "/websocket")) {
      assertEquals(java.util.List.of(), remote.getHostedTableNames());
    }
    assertEquals(200, get("/").statusCode(), "HTTP keeps working beside WebSocket connections");
  }
}
