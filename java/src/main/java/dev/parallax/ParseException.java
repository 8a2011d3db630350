package dev.parallax;

/**
 * Malformed input bytes: CSV, JSON or Arrow that cannot be parsed. Status {@code PX_ERR_PARSE}.
 */
public class ParseException extends ParallaxException {
  private static final long serialVersionUID = 1L;

  public ParseException(String message) {
    super(message);
  }

  public ParseException(String message, Throwable cause) {
    super(message, cause);
  }
}
