package dev.parallax.server;

import java.time.Duration;

/**
 * Settings of {@link ParallaxWebSocket}: the path the endpoint answers on ({@code "/websocket"}
 * by default; {@code "/*"} for any path, as the reference Node server), the largest message a
 * client may send (256 MiB), the bytes a connection may have waiting to be sent before it is
 * judged too slow and disconnected (64 MiB; one message larger than that is still sent when
 * nothing else waits), and the idle timeout (none: the protocol has no heartbeat).
 *
 * <p>Immutable and thread-safe.
 */
public final class WebSocketOptions {
  private final String path;
  private final long maxMessageBytes;
  private final long maxQueuedBytes;
  private final Duration idleTimeout;

  private WebSocketOptions(String path, long maxMessageBytes, long maxQueuedBytes, Duration idleTimeout) {
    if (maxMessageBytes <= 0 || maxMessageBytes > Integer.MAX_VALUE || maxQueuedBytes <= 0) {
      throw new IllegalArgumentException("message and queue limits must be positive (messages at most 2 GiB)");
    }
    this.path = path;
    this.maxMessageBytes = maxMessageBytes;
    this.maxQueuedBytes = maxQueuedBytes;
    this.idleTimeout = idleTimeout;
  }

  public static WebSocketOptions defaults() {
    return new WebSocketOptions("/websocket", 256L << 20, 64L << 20, Duration.ZERO);
  }

  public WebSocketOptions withPath(String path) {
    return new WebSocketOptions(path, maxMessageBytes, maxQueuedBytes, idleTimeout);
  }

  public WebSocketOptions withMaxMessageBytes(long bytes) {
    return new WebSocketOptions(path, bytes, maxQueuedBytes, idleTimeout);
  }

  public WebSocketOptions withMaxQueuedBytes(long bytes) {
    return new WebSocketOptions(path, maxMessageBytes, bytes, idleTimeout);
  }

  /** {@link Duration#ZERO} for no timeout. */
  public WebSocketOptions withIdleTimeout(Duration timeout) {
    return new WebSocketOptions(path, maxMessageBytes, maxQueuedBytes, timeout);
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
}
