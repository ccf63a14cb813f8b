package dev.vigil.request;

import dev.vigil.engine.VigilException;

/**
 * A request a feature refuses, with a message for people and, when one field is at fault, its name
 * (a JSON path such as {@code trainingRange.start}). The subclasses say why: the request breaks a
 * rule, names something that does not exist, conflicts with the state of a resource, or comes while
 * Vigil is too busy. Features know nothing of the protocol; the API maps each kind to its answer.
 *
 * <p>Immutable and thread-safe.
 */
public abstract sealed class RequestRefusedException extends VigilException
    permits InvalidRequestException,
        NotFoundException,
        ConflictException,
        BusyException,
        UnauthenticatedException,
        ForbiddenException,
        TooManyAttemptsException {
  private static final long serialVersionUID = 1L;

  private final String field;

  protected RequestRefusedException(String message, String field) {
    super(message);
    this.field = field;
  }

  /** The field at fault, or null. */
  public String field() {
    return field;
  }
}
