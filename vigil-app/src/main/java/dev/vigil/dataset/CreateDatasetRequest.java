package dev.vigil.dataset;

import dev.vigil.api.ApiException;
import java.util.regex.Pattern;

/** The body of {@code POST /api/v1/datasets}. */
record CreateDatasetRequest(String name, DatasetSchema schema) {
  /** Lookout's rule for dataset names. */
  static final Pattern NAME = Pattern.compile("^[0-9a-zA-Z_-]{1,200}$");

  /**
   * @throws ApiException naming the first field that breaks a rule
   */
  void validate() {
    JsonBodies.required(name, "name");
    JsonBodies.required(schema, "schema");
    if (!NAME.matcher(name).matches()) {
      throw ApiException.invalid(
          "name",
          "name '"
              + name
              + "' must match ^[0-9a-zA-Z_-]{1,200}$ (1 to 200 letters, digits, underscores and"
              + " dashes)");
    }
    schema.validate("schema");
  }
}
