package dev.vigil.request;

/**
 * Vigil is too busy to take the request now, for example because too many jobs are waiting; the
 * same request may succeed later. Immutable and thread-safe.
 */
public final class BusyException extends RequestRefusedException {
  private static final long serialVersionUID = 1L;

  public BusyException(String message) {
    super(message, null);
  }
}
