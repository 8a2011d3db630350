package dev.parallax;

/**
 * Base of every error raised by Parallax. Unchecked, like Perspective's errors in Python and JS.
 * The message is the engine's own (e.g. {@code Invalid column 'zz' found in View columns.}).
 *
 * <p>Subclasses follow the engine's status codes: {@link InvalidInputException} (bad data,
 * config, types, unknown columns), {@link ParallaxStateException} (closed or deleted objects,
 * a table with live views, remove on an unindexed table), {@link ParseException} (malformed CSV,
 * JSON or Arrow) and {@link EngineException} (an engine bug or resource exhaustion).
 */
public class ParallaxException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ParallaxException(String message) {
    super(message);
  }

  public ParallaxException(String message, Throwable cause) {
    super(message, cause);
  }
}
