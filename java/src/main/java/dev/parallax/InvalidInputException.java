package dev.parallax;

/**
 * Bad input: a malformed config, a value of the wrong type, an unknown column, an unknown
 * option. Status {@code PX_ERR_INVALID}.
 */
public class InvalidInputException extends ParallaxException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
