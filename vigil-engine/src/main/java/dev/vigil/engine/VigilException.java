package dev.vigil.engine;

/**
 * The one unchecked root exception of Vigil. Subclasses exist only where a caller branches on the
 * kind of failure; everything else is a {@code VigilException} whose message names the thing, its
 * state and what happens next.
 */
public class VigilException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public VigilException(String message) {
    super(message);
  }

  public VigilException(String message, Throwable cause) {
    super(message, cause);
  }
}
