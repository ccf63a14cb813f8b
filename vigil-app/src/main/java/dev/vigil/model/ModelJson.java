package dev.vigil.model;

import dev.vigil.engine.model.ExcludedSensor;
import dev.vigil.engine.model.TrainingSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON documents of models and versions as the API writes them. Optional fields are left out
 * rather than written as null. Stateless and thread-safe.
 */
final class ModelJson {
  private ModelJson() {}

  /** The engine's training summary, excluded sensors included. */
  static Map<String, Object> trainingSummary(TrainingSummary summary) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("trainingRows", summary.trainingRows());
    json.put("machineOffRows", summary.machineOffRows());
    json.put("vectors", summary.vectors());
    json.put("sensorsUsed", summary.sensorsUsed());
    List<Map<String, Object>> excluded = new ArrayList<>();
    for (ExcludedSensor sensor : summary.excludedSensors()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", sensor.name());
      entry.put("reason", sensor.reason());
      excluded.add(entry);
    }
    json.put("excludedSensors", excluded);
    json.put("components", summary.components());
    json.put("explainedVariance", summary.explainedVariance());
    json.put("holdoutRows", summary.holdoutRows());
    json.put("holdoutScoreMedian", summary.holdoutScoreMedian());
    json.put("holdoutScoreP90", summary.holdoutScoreP90());
    json.put("holdoutScoreP99", summary.holdoutScoreP99());
    json.put("holdoutScoreMax", summary.holdoutScoreMax());
    json.put("holdoutFlaggedFraction", summary.holdoutFlaggedFraction());
    json.put("threshold", summary.threshold());
    return json;
  }

  /** A version as listed: status and times. */
  static Map<String, Object> versionSummary(VersionRecord version, Integer activeVersion) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("version", version.version());
    json.put("status", version.status().name());
    json.put("active", activeVersion != null && activeVersion == version.version());
    json.put("progress", version.progress());
    if (version.failedReason() != null) {
      json.put("failedReason", version.failedReason());
    }
    json.put("createdAt", instant(version.createdAtMillis()));
    json.put("updatedAt", instant(version.updatedAtMillis()));
    return json;
  }

  static String instant(long millis) {
    return Instant.ofEpochMilli(millis).toString();
  }
}
