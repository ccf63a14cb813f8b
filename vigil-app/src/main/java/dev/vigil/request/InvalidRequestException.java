package dev.vigil.request;

/**
 * The request breaks a rule: a field is missing, malformed or out of range. Immutable and
 * thread-safe.
 */
public final class InvalidRequestException extends RequestRefusedException {
  private static final long serialVersionUID = 1L;

  /**
   * @param field the field at fault, a JSON path such as {@code input.bucket}, or null when the
   *     request as a whole is at fault
   */
  public InvalidRequestException(String field, String message) {
    super(message, field);
  }
}
