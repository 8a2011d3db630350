package dev.parallax;

/**
 * An internal engine failure (a bug or resource exhaustion). Status {@code PX_ERR_INTERNAL}.
 */
public class EngineException extends ParallaxException {
  private static final long serialVersionUID = 1L;

  public EngineException(String message) {
    super(message);
  }

  public EngineException(String message, Throwable cause) {
    super(message, cause);
  }
}
