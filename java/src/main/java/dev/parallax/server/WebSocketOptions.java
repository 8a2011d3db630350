package dev.parallax.server;

import java.time.Duration;

/**
 * Settings of {@link ParallaxWebSocket}: the path the endpoint answers on ({@code "/websocket"}
 * by default; {@code "/*"} for any path, as the reference Node server), the largest message a
 * client may send (256 MiB), the bytes a connection may have waiting to be sent before it is
 * judged too slow and disconnected (64 MiB; one message larger than that is still sent when
 * nothing else waits), the idle timeout (none: the protocol has no heartbeat), and the size from
 * which a request is handled off the event loop (1 MiB: see {@link #withOffloadBytes}).
 *
 * <p>Immutable and thread-safe.
 */
public final class WebSocketOptions {
  private final String path;
  private final long maxMessageBytes;
  private final long maxQueuedBytes;
  private final Duration idleTimeout;
  private final long offloadBytes;

  private WebSocketOptions(String path, long maxMessageBytes, long maxQueuedBytes, Duration idleTimeout, long offloadBytes) {
    if (maxMessageBytes <= 0 || maxMessageBytes > Integer.MAX_VALUE || maxQueuedBytes <= 0 || offloadBytes < 0) {
      throw new IllegalArgumentException("message and queue limits must be positive (messages at most 2 GiB)");
    }
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("the path must start with '/': " + path);
    }
    this.path = path;
    this.maxMessageBytes = maxMessageBytes;
    this.maxQueuedBytes = maxQueuedBytes;
    this.idleTimeout = idleTimeout;
    this.offloadBytes = offloadBytes;
  }

  public static WebSocketOptions defaults() {
    return new WebSocketOptions("/websocket", 256L << 20, 64L << 20, Duration.ZERO, 1L << 20);
  }

  public WebSocketOptions withPath(String path) {
    return new WebSocketOptions(path, maxMessageBytes, maxQueuedBytes, idleTimeout, offloadBytes);
  }

  public WebSocketOptions withMaxMessageBytes(long bytes) {
    return new WebSocketOptions(path, bytes, maxQueuedBytes, idleTimeout, offloadBytes);
  }

  public WebSocketOptions withMaxQueuedBytes(long bytes) {
    return new WebSocketOptions(path, maxMessageBytes, bytes, idleTimeout, offloadBytes);
  }

  /** {@link Duration#ZERO} for no timeout. */
  public WebSocketOptions withIdleTimeout(Duration timeout) {
    return new WebSocketOptions(path, maxMessageBytes, maxQueuedBytes, timeout, offloadBytes);
  }

  /**
   * Requests of at least this many bytes (a table load or a large update) are handled on a
   * worker thread instead of the connection's event loop, so that they do not stall the other
   * connections of that loop; the connection reads nothing more until they are done. Smaller
   * requests (every view read, every small update) run on the event loop, with no thread
   * hand-off. 0 offloads every request.
   */
  public WebSocketOptions withOffloadBytes(long bytes) {
    return new WebSocketOptions(path, maxMessageBytes, maxQueuedBytes, idleTimeout, bytes);
  }

  public String getPath() {
    return path;
  }

  public long getMaxMessageBytes() {
    return maxMessageBytes;
  }

  public long getMaxQueuedBytes() {
    return maxQueuedBytes;
  }

  public Duration getIdleTimeout() {
    return idleTimeout;
  }

  public long getOffloadBytes() {
    return offloadBytes;
  }
}
