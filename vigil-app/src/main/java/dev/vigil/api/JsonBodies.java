package dev.vigil.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.json.Json;
import dev.vigil.request.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Request and response bodies of the feature routes. Requests are read with {@link Json}'s strict
 * mapper (unknown fields and wrong types are refused; absent fields are left null, so that optional
 * fields can be absent and a missing required one gets a message naming it). Responses may leave
 * out absent (null) fields. Stateless and thread-safe.
 */
public final class JsonBodies {
  private static final ObjectMapper MAPPER = Json.mapper();

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
   * Parses a request body that must be a JSON object.
   *
   * @throws InvalidRequestException when the body is blank or JSON null
   * @throws JsonProcessingException when it is not JSON of that shape; the API server turns it into
   *     a 400 naming the field
   */
  public static <T> T readObject(String body, Class<T> type) throws JsonProcessingException {
    if (body.isBlank()) {
      throw new InvalidRequestException(null, "the request needs a JSON body");
    }
    T value = read(body, type);
    if (value == null) {
      throw new InvalidRequestException(null, "the request needs a JSON object, not null");
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
