package dev.vigil.request;

/** Checks of required request fields. Stateless and thread-safe. */
public final class RequiredFields {
  private RequiredFields() {}

  /**
   * The value, when there is one.
   *
   * @throws InvalidRequestException naming {@code field} when {@code value} is null
   */
  public static <T> T required(T value, String field) {
    if (value == null) {
      throw new InvalidRequestException(field, "field '" + field + "' is required");
    }
    return value;
  }
}
