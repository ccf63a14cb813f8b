package dev.vigil.dataset;

import dev.vigil.request.InvalidRequestException;
import dev.vigil.request.RequiredFields;
import java.util.regex.Pattern;

/** The body of {@code POST /api/v1/datasets}. Immutable and thread-safe. */
public record CreateDatasetRequest(String name, DatasetSchema schema) {
  /** Lookout's rule for dataset names. */
  static final Pattern NAME = Pattern.compile("^[0-9a-zA-Z_-]{1,200}$");

  /**
   * @throws InvalidRequestException naming the first field that breaks a rule
   */
  void validate() {
    RequiredFields.required(name, "name");
    RequiredFields.required(schema, "schema");
    if (!NAME.matcher(name).matches()) {
      throw new InvalidRequestException(
          "name",
          "name '"
              + name
              + "' must match ^[0-9a-zA-Z_-]{1,200}$ (1 to 200 letters, digits, underscores and"
              + " dashes)");
    }
    schema.validate("schema");
  }
}
