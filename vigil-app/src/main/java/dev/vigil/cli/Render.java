package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns pieces of the API's JSON into the text of the human-readable output. */
final class Render {
  private static final MathContext SIGNIFICANT = new MathContext(6);

  private Render() {}

  /**
   * A field as text: null when absent or null; numbers in at most six significant digits; arrays
   * joined with commas; other objects as compact JSON.
   */
  static String text(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isIntegralNumber()) {
      return node.asText();
    }
    if (node.isNumber()) {
      return number(node.asDouble());
    }
    if (node.isTextual()) {
      return node.asText();
    }
    if (node.isBoolean()) {
      return node.asBoolean() ? "yes" : "no";
    }
    if (node.isArray()) {
      List<String> items = new ArrayList<>();
      for (JsonNode item : node) {
        items.add(item.isValueNode() ? text(item) : ApiOptions.compact(item));
      }
      return String.join(", ", items);
    }
    return ApiOptions.compact(node);
  }

  /** {@link #text} of {@code node.get(name)}. */
  static String text(JsonNode node, String name) {
    return text(node.get(name));
  }

  static String number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return Double.toString(value);
    }
    double magnitude = Math.abs(value);
    if (value != 0 && (magnitude < 1e-4 || magnitude >= 1e9)) {
      return String.format(Locale.ROOT, "%.3e", value);
    }
    return new BigDecimal(value).round(SIGNIFICANT).stripTrailingZeros().toPlainString();
  }

  /** A 0..1 progress as a percentage, or null when absent. */
  static String percent(JsonNode node) {
    return node == null || !node.isNumber() ? null : ApiOptions.percent(node.asDouble());
  }

  /** {@code start to end}, or null when neither is known. */
  static String range(JsonNode start, JsonNode end) {
    String from = text(start);
    String to = text(end);
    if (from == null && to == null) {
      return null;
    }
    return (from == null ? "?" : from) + " to " + (to == null ? "?" : to);
  }

  /** Prints a {@code dataQuality} object, after a blank line and a title. */
  static void dataQuality(PrintWriter out, JsonNode quality) {
    if (quality == null || !quality.isObject()) {
      return;
    }
    out.println();
    out.println("Data quality");
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("  Rows", text(quality, "totalRows"));
    fields.put("  Missing values", text(quality, "missingValues"));
    fields.put("  Invalid values", text(quality, "invalidValues"));
    fields.put("  Duplicate timestamps", text(quality, "duplicateTimestamps"));
    fields.put("  Unsupported timestamps", text(quality, "unsupportedTimestamps"));
    fields.put("  Large gaps", text(quality, "largeGaps"));
    fields.put("  Monotonic sensors", text(quality, "monotonicSensors"));
    fields.put("  Constant sensors", text(quality, "constantSensors"));
    Table.fields(out, fields);
  }

  /** Prints a {@code sensorStatistics} array as a table, after a blank line and a title. */
  static void sensorStatistics(PrintWriter out, JsonNode statistics) {
    if (statistics == null || !statistics.isArray() || statistics.isEmpty()) {
      return;
    }
    out.println();
    out.println("Sensor statistics");
    Table table =
        new Table(
            "COMPONENT",
            "SENSOR",
            "COUNT",
            "MISSING",
            "INVALID",
            "MIN",
            "MAX",
            "MEAN",
            "CONSTANT",
            "MONOTONIC",
            "LARGE GAPS",
            "DATA START",
            "DATA END");
    for (JsonNode sensor : statistics) {
      table.add(
          text(sensor, "component"),
          text(sensor, "sensor"),
          text(sensor, "count"),
          text(sensor, "missingValues"),
          text(sensor, "invalidValues"),
          text(sensor, "min"),
          text(sensor, "max"),
          text(sensor, "mean"),
          text(sensor, "constant"),
          text(sensor, "monotonic"),
          text(sensor, "largeGaps"),
          text(sensor, "dataStart"),
          text(sensor, "dataEnd"));
    }
    table.print(out);
  }
}
