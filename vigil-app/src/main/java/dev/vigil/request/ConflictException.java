package dev.vigil.request;

/**
 * The request conflicts with the state of a resource: it exists already, is in use, or is busy with
 * a job. Immutable and thread-safe.
 */
public final class ConflictException extends RequestRefusedException {
  private static final long serialVersionUID = 1L;

  public ConflictException(String message) {
    super(message, null);
  }
}
