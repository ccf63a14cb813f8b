package dev.vigil.portal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.Comparator;

/** JSON comparisons for the portal tests. Stateless and thread-safe. */
final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * Numbers compare by value: the browser answers 1704088800 where Jackson wrote 1.7040888E9, the
   * same number.
   */
  private static final Comparator<JsonNode> BY_VALUE =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return Double.compare(a.asDouble(), b.asDouble());
        }
        return a.equals(b) ? 0 : 1;
      };

  private Json() {}

  /** Whether two documents are the same, numbers compared by value. */
  static boolean same(JsonNode a, JsonNode b) {
    return a.equals(BY_VALUE, b);
  }

  /** The {@code type} of a JSON document, empty when it has none or is no JSON. */
  static String type(String document) {
    try {
      return MAPPER.readTree(document).path("type").asText("");
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
