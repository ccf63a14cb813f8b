package dev.vigil.api;

import dev.vigil.engine.VigilException;

/**
 * A request the API refuses, with the HTTP status, a stable code for programs, a message for people
 * and, when one field is at fault, its name (a JSON path such as {@code trainingRange.start}).
 */
public class ApiException extends VigilException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final String field;

  public ApiException(int status, String code, String message, String field) {
    super(message);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  /** 400: a field breaks a rule. */
  public static ApiException invalid(String field, String message) {
    return new ApiException(400, "invalid_request", message, field);
  }

  /** 404: the named resource does not exist. */
  public static ApiException notFound(String message) {
    return new ApiException(404, "not_found", message, null);
  }

  /** 409: the request conflicts with the state of a resource. */
  public static ApiException conflict(String message) {
    return new ApiException(409, "conflict", message, null);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** The field at fault, or null. */
  public String field() {
    return field;
  }
}
