package dev.parallax;

/**
 * The object cannot do this now: it is closed or deleted, a table still has live views, or a
 * remove was sent to an unindexed table. Status {@code PX_ERR_STATE}; also raised by any call on
 * a closed Java object.
 */
public class ParallaxStateException extends ParallaxException {
  private static final long serialVersionUID = 1L;

  public ParallaxStateException(String message) {
    super(message);
  }

  public ParallaxStateException(String message, Throwable cause) {
    super(message, cause);
  }
}
