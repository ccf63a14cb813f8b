package dev.vigil.lookout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;

/**
 * Vigil's data quality of an ingestion in Lookout's shapes: the dataset-wide {@code
 * DataQualitySummary} and the per-sensor {@code SensorStatisticsSummary}. Vigil's quality analysis
 * knows missing and invalid values, duplicate and unreadable timestamps (per dataset), large gaps,
 * monotonic and constant sensors; what it does not measure (categorical values, multiple operating
 * modes, per-sensor timestamp problems, the direction of a monotonic trend, the longest gap) is
 * left out of the answers rather than guessed, as the model allows. Stateless and thread-safe.
 */
final class QualityShapes {
  /**
   * A sensor whose values cover less than this share of its dataset's data range counts in {@code
   * SensorsWithShortDateRange}.
   */
  static final double SHORT_RANGE_SHARE = 0.9;

  private final ObjectMapper mapper;

  QualityShapes(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * The {@code DataQualitySummary} of an ingestion's {@code dataQuality} and {@code
   * sensorStatistics} (native JSON).
   */
  ObjectNode summary(JsonNode quality, JsonNode statistics) {
    long missingSensors = 0;
    long invalidSensors = 0;
    long shortSensors = 0;
    Instant first = null;
    Instant last = null;
    for (JsonNode sensor : statistics) {
      if (sensor.hasNonNull("dataStart")) {
        Instant start = Instant.parse(sensor.get("dataStart").asText());
        Instant end = Instant.parse(sensor.get("dataEnd").asText());
        first = first == null || start.isBefore(first) ? start : first;
        last = last == null || end.isAfter(last) ? end : last;
      }
    }
    for (JsonNode sensor : statistics) {
      missingSensors += sensor.path("missingValues").asLong() > 0 ? 1 : 0;
      invalidSensors += sensor.path("invalidValues").asLong() > 0 ? 1 : 0;
      if (first != null && sensor.hasNonNull("dataStart")) {
        Duration range = Duration.between(first, last);
        Duration covered =
            Duration.between(
                Instant.parse(sensor.get("dataStart").asText()),
                Instant.parse(sensor.get("dataEnd").asText()));
        shortSensors += covered.toMillis() < SHORT_RANGE_SHARE * range.toMillis() ? 1 : 0;
      }
    }
    ObjectNode summary = mapper.createObjectNode();
    ObjectNode insufficient = summary.putObject("InsufficientSensorData");
    insufficient
        .putObject("MissingCompleteSensorData")
        .put("AffectedSensorCount", count(quality.path("sensorsWithoutValues").asLong()));
    insufficient
        .putObject("SensorsWithShortDateRange")
        .put("AffectedSensorCount", count(shortSensors));
    summary
        .putObject("MissingSensorData")
        .put("AffectedSensorCount", count(missingSensors))
        .put("TotalNumberOfMissingValues", count(quality.path("missingValues").asLong()));
    summary
        .putObject("InvalidSensorData")
        .put("AffectedSensorCount", count(invalidSensors))
        .put("TotalNumberOfInvalidValues", count(quality.path("invalidValues").asLong()));
    summary
        .putObject("UnsupportedTimestamps")
        .put(
            "TotalNumberOfUnsupportedTimestamps",
            count(quality.path("unsupportedTimestamps").asLong()));
    summary
        .putObject("DuplicateTimestamps")
        .put(
            "TotalNumberOfDuplicateTimestamps",
            count(quality.path("duplicateTimestamps").asLong()));
    return summary;
  }

  /** The {@code SensorStatisticsSummary} of one entry of a native {@code sensorStatistics}. */
  ObjectNode sensor(JsonNode sensor) {
    long count = sensor.path("count").asLong();
    long missing = sensor.path("missingValues").asLong();
    long invalid = sensor.path("invalidValues").asLong();
    long rows = count + missing + invalid;
    ObjectNode summary = mapper.createObjectNode();
    summary.put("ComponentName", sensor.path("component").asText());
    summary.put("SensorName", sensor.path("sensor").asText());
    summary.put("DataExists", count > 0);
    summary.set("MissingValues", countPercent(missing, rows));
    summary.set("InvalidValues", countPercent(invalid, rows));
    long gaps = sensor.path("largeGaps").asLong();
    ObjectNode largeGaps = summary.putObject("LargeTimestampGaps");
    largeGaps.put("Status", gaps > 0 ? "POTENTIAL_ISSUE_DETECTED" : "NO_ISSUE_DETECTED");
    largeGaps.put("NumberOfLargeTimestampGaps", count(gaps));
    boolean constant = sensor.path("constant").asBoolean();
    boolean monotonic = sensor.path("monotonic").asBoolean();
    ObjectNode monotonicValues = summary.putObject("MonotonicValues");
    monotonicValues.put(
        "Status", constant || monotonic ? "POTENTIAL_ISSUE_DETECTED" : "NO_ISSUE_DETECTED");
    if (constant) {
      monotonicValues.put("Monotonicity", "STATIC");
    }
    if (sensor.hasNonNull("dataStart")) {
      summary.set("DataStartTime", Timestamps.node(sensor.get("dataStart").asText()));
      summary.set("DataEndTime", Timestamps.node(sensor.get("dataEnd").asText()));
    }
    return summary;
  }

  private ObjectNode countPercent(long count, long total) {
    ObjectNode node = mapper.createObjectNode();
    node.put("Count", count(count));
    node.put("Percentage", total == 0 ? 0f : (float) (100.0 * count / total));
    return node;
  }

  /** Lookout's counts are 32-bit. */
  private static int count(long value) {
    return (int) Math.min(Integer.MAX_VALUE, value);
  }
}
