package dev.vigil.request;

/**
 * The request carries no credentials, or credentials that let nobody in (a wrong password, an
 * unknown, revoked or expired API token). The message says which. Immutable and thread-safe.
 */
public final class UnauthenticatedException extends RequestRefusedException {
  private static final long serialVersionUID = 1L;

  public UnauthenticatedException(String message) {
    super(message, null);
  }
}
