package dev.vigil.lookout;

import dev.vigil.engine.VigilException;

/**
 * A refusal of the Lookout-compatible endpoint in Lookout's own terms: one of its seven errors and
 * a message. Immutable and thread-safe.
 */
final class LookoutException extends VigilException {
  private static final long serialVersionUID = 1L;

  private final LookoutError error;

  LookoutException(LookoutError error, String message) {
    super(message);
    this.error = error;
  }

  LookoutError error() {
    return error;
  }

  static LookoutException validation(String message) {
    return new LookoutException(LookoutError.VALIDATION, message);
  }

  static LookoutException notFound(String message) {
    return new LookoutException(LookoutError.RESOURCE_NOT_FOUND, message);
  }

  static LookoutException conflict(String message) {
    return new LookoutException(LookoutError.CONFLICT, message);
  }

  static LookoutException accessDenied(String message) {
    return new LookoutException(LookoutError.ACCESS_DENIED, message);
  }
}
