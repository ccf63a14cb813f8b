package dev.vigil.request;

/** The request names a resource that does not exist. Immutable and thread-safe. */
public final class NotFoundException extends RequestRefusedException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(message, null);
  }
}
