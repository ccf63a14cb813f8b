package dev.vigil.request;

import java.time.Duration;
import java.util.Objects;

/**
 * Too many failed sign-ins: the user name or the client address is locked out until a time the
 * message names. Immutable and thread-safe.
 */
public final class TooManyAttemptsException extends RequestRefusedException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  /**
   * @param retryAfter how long until a sign-in is accepted again
   */
  public TooManyAttemptsException(String message, Duration retryAfter) {
    super(message, null);
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
  }

  /** How long until a sign-in is accepted again. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
