package dev.vigil.ingestion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.api.ApiException;
import dev.vigil.api.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Request and response bodies of this feature. Requests are read as strictly as {@link Json} reads
 * (unknown fields and wrong types are refused) except that absent fields are left null, so that
 * optional fields can be absent and a missing required one gets a message naming it. Responses
 * leave out absent (null) fields. Thread-safe.
 */
final class JsonBodies {
  static final ObjectMapper MAPPER =
      Json.mapper().disable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES);

  private JsonBodies() {}

  /**
   * Parses a request body.
   *
   * @throws JsonProcessingException when it is not JSON of that shape; the API server turns it into
   *     a 400 naming the field
   */
  static <T> T read(String body, Class<T> type) throws JsonProcessingException {
    return MAPPER.readValue(body, type);
  }

  /**
   * @throws ApiException naming {@code field} when {@code value} is null
   */
  static <T> T required(T value, String field) {
    if (value == null) {
      throw ApiException.invalid(field, "field '" + field + "' is required");
    }
    return value;
  }

  /** The value as a JSON tree without its null fields, at any depth. */
  static JsonNode withoutNulls(Object value) {
    JsonNode tree = MAPPER.valueToTree(value);
    stripNulls(tree);
    return tree;
  }

  private static void stripNulls(JsonNode node) {
    if (node instanceof ObjectNode object) {
      List<String> nulls = new ArrayList<>();
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        if (field.getValue().isNull()) {
          nulls.add(field.getKey());
        } else {
          stripNulls(field.getValue());
        }
      }
      object.remove(nulls);
    } else if (node.isArray()) {
      node.forEach(JsonBodies::stripNulls);
    }
  }
}
