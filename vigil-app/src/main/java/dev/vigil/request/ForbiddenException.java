package dev.vigil.request;

/**
 * Who makes the request may not do it: their role does not allow it, it concerns another user's
 * resource, or a form came without its CSRF token. Immutable and thread-safe.
 */
public final class ForbiddenException extends RequestRefusedException {
  private static final long serialVersionUID = 1L;

  private final String code;

  /** Refused for the role or the owner of the resource: code {@code forbidden}. */
  public ForbiddenException(String message) {
    this("forbidden", message);
  }

  /**
   * @param code the error code the API answers, e.g. {@code csrf_token_invalid}
   */
  public ForbiddenException(String code, String message) {
    super(message, null);
    this.code = code;
  }

  /** The error code the API answers. */
  public String code() {
    return code;
  }
}
