package dev.vigil.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the top contributing sensors of a Lookout results line, whose {@code diagnostics} are
 * ranked largest first. Stateless and thread-safe.
 */
final class Diagnostics {
  /** Sensors an alert lists. */
  static final int TOP_SENSORS = 5;

  private static final ObjectMapper JSON = Json.mapper();

  private Diagnostics() {}

  /**
   * The first {@value #TOP_SENSORS} diagnostics of {@code line}; empty when it has none (a machine
   * off row) or is not a results line, so that an odd line never stops a window from being
   * recorded.
   */
  static List<SensorShare> top(String line) {
    JsonNode diagnostics;
    try {
      diagnostics = JSON.readTree(line).path("diagnostics");
    } catch (JsonProcessingException | RuntimeException e) {
      return List.of();
    }
    List<SensorShare> top = new ArrayList<>();
    for (JsonNode diagnostic : diagnostics) {
      if (top.size() == TOP_SENSORS) {
        break;
      }
      if (diagnostic.path("name").isTextual() && diagnostic.path("value").isNumber()) {
        top.add(
            new SensorShare(diagnostic.get("name").asText(), diagnostic.get("value").asDouble()));
      }
    }
    return top;
  }
}
