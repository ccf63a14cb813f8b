package dev.vigil.lookout;

/**
 * The seven errors of Lookout for Equipment's API, as its clients tell them apart: by the name in
 * the body's {@code __type} and in the {@code x-amzn-ErrorType} header. All are HTTP 400 but the
 * internal error, a 500, which the AWS SDKs and the CLI retry.
 */
enum LookoutError {
  /** The request breaks a rule of the service model or of Vigil, or names no operation. */
  VALIDATION("ValidationException", 400),
  /** The request conflicts with the state of a resource, or reuses a ClientToken. */
  CONFLICT("ConflictException", 400),
  /** The request names a resource that does not exist. */
  RESOURCE_NOT_FOUND("ResourceNotFoundException", 400),
  /** A limit would be exceeded, such as 200 tags on a resource. */
  SERVICE_QUOTA_EXCEEDED("ServiceQuotaExceededException", 400),
  /** Vigil is too busy to take the request now; clients retry it. */
  THROTTLING("ThrottlingException", 400),
  /** The request is not signed with a configured access key, or its signature does not match. */
  ACCESS_DENIED("AccessDeniedException", 400),
  /** An unexpected failure; the message carries an id that the server log holds. */
  INTERNAL_SERVER("InternalServerException", 500);

  private final String type;
  private final int status;

  LookoutError(String type, int status) {
    this.type = type;
    this.status = status;
  }

  /** The name clients see in {@code __type}. */
  String type() {
    return type;
  }

  int status() {
    return status;
  }
}
