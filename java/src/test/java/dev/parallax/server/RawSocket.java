package dev.parallax.server;

import dev.parallax.proto.Request;
import dev.parallax.proto.Response;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bare WebSocket client for tests: sends any bytes or text, collects decoded responses, and
 * records the close. With {@code reading=false} it never asks for messages, like a client that
 * has stopped reading (the server's writes then back up).
 */
final class RawSocket implements WebSocket.Listener, AutoCloseable {
  final BlockingQueue<Response> responses = new LinkedBlockingQueue<>();
  final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
  private final boolean reading;
  final WebSocket socket;

  RawSocket(URI uri, boolean reading) throws Exception {
    this.reading = reading;
    this.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, this).get(10, TimeUnit.SECONDS);
  }

  @Override
  public void onOpen(WebSocket ws) {
    if (reading) {
      ws.request(1);
    }
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
    byte[] chunk = new byte[data.remaining()];
    data.get(chunk);
    partial.write(chunk, 0, chunk.length);
    if (last) {
      try {
        responses.add(Response.parseFrom(partial.toByteArray()));
      } catch (Exception e) {
        responses.add(Response.newBuilder().setEntityId("<undecodable>").build());
      }
      partial.reset();
    }
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
    closed.complete(status);
    return null;
  }

  @Override
  public void onError(WebSocket ws, Throwable error) {
    closed.complete(-1);
  }

  void send(Request.Builder req) throws Exception {
    send(req.build().toByteArray());
  }

  void send(byte[] bytes) throws Exception {
    socket.sendBinary(ByteBuffer.wrap(bytes), true).get(30, TimeUnit.SECONDS);
  }

  Response next() throws InterruptedException {
    Response r = responses.poll(30, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("no response within 30 s");
    }
    return r;
  }

  @Override
  public void close() {
    socket.abort();
  }
}
