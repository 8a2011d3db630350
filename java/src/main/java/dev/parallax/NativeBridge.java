package dev.parallax;

import dev.parallax.jni.ParallaxNative;
import java.nio.charset.StandardCharsets;
import org.bytedeco.javacpp.BytePointer;

/**
 * Status and buffer plumbing between the Java API and {@link ParallaxNative}: turns a C status
 * into the matching typed exception, and copies an engine-owned {@code px_buf} into Java memory
 * before freeing it.
 *
 * <p>Thread-safety: stateless. The engine keeps its last error message per thread, so
 * {@link #check} must run on the thread that made the failing call, right after it (every caller
 * does).
 */
final class NativeBridge {
  private NativeBridge() {}

  /** Raises the exception that matches {@code status}, carrying the engine's message. */
  static void check(int status) {
    if (status == ParallaxNative.PX_OK) {
      return;
    }
    String message = lastErrorMessage();
    switch (status) {
      case ParallaxNative.PX_ERR_INVALID:
        throw new InvalidInputException(message);
      case ParallaxNative.PX_ERR_STATE:
        throw new ParallaxStateException(message);
      case ParallaxNative.PX_ERR_PARSE:
        throw new ParseException(message);
      case ParallaxNative.PX_ERR_INTERNAL:
        throw new EngineException(message);
      default:
        throw new EngineException("unknown engine status " + status + ": " + message);
    }
  }

  static String lastErrorMessage() {
    BytePointer p = ParallaxNative.px_last_error_message();
    return p == null || p.isNull() ? "" : p.getString(StandardCharsets.UTF_8);
  }

  /** The engine's version string. */
  static String version() {
    return ParallaxNative.px_version().getString(StandardCharsets.UTF_8);
  }

  /** A native call that fills a {@code px_buf*} out-parameter. */
  @FunctionalInterface
  interface BufCall {
    int apply(long[] out);
  }

  /** Runs {@code call}, raises on error, and returns the buffer's bytes (the buffer is freed). */
  static byte[] takeBytes(BufCall call) {
    long[] out = new long[1];
    int status = call.apply(out);
    try {
      check(status);
      long size = ParallaxNative.px_buf_size(out[0]);
      if (size > Integer.MAX_VALUE - 16) {
        throw new EngineException("output of " + size + " bytes does not fit in a Java array");
      }
      byte[] bytes = new byte[(int) size];
      if (size > 0) {
        ParallaxNative.px_buf_data(out[0]).capacity(size).get(bytes);
      }
      return bytes;
    } finally {
      ParallaxNative.px_buf_free(out[0]);
    }
  }

  /** {@link #takeBytes} decoded as UTF-8. */
  static String takeString(BufCall call) {
    return new String(takeBytes(call), StandardCharsets.UTF_8);
  }

  static byte[] cstr(String s) {
    return ParallaxNative.cstr(s);
  }
}
