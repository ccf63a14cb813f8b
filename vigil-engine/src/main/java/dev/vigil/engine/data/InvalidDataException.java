package dev.vigil.engine.data;

import dev.vigil.engine.VigilException;

/**
 * Input data that cannot be used: the message names the source, the row and the column where it
 * applies, and the rule that was broken.
 */
public class InvalidDataException extends VigilException {
  private static final long serialVersionUID = 1L;

  public InvalidDataException(String message) {
    super(message);
  }

  public InvalidDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
