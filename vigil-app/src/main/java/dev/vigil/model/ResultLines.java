package dev.vigil.model;

import dev.vigil.engine.model.PredictionReason;
import dev.vigil.engine.model.ScoredRow;
import dev.vigil.results.ResultLineWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps scored rows to the objects of Lookout's results format, field for field what {@link
 * ResultLineWriter} writes as a line (same timestamp layout, same rounding, diagnostics ranked by
 * contribution, none on a {@code MACHINE_OFF} row), for answers that carry results inside a JSON
 * document rather than as JSON lines. Stateless and thread-safe.
 */
final class ResultLines {
  private static final double SCALE = Math.pow(10, ResultLineWriter.DECIMALS);

  private ResultLines() {}

  /** One results line as a JSON object. */
  static Map<String, Object> line(ScoredRow row, List<String> sensorNames) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put(
        "timestamp",
        ResultLineWriter.TIMESTAMP.format(Instant.ofEpochMilli(row.timestampMillis())));
    line.put("prediction", row.prediction());
    line.put("prediction_reason", row.reason().name());
    line.put("anomaly_score", round(row.anomalyScore()));
    List<Map<String, Object>> diagnostics = new ArrayList<>();
    if (row.reason() != PredictionReason.MACHINE_OFF) {
      diagnostics = diagnostics(row.diagnostics(), sensorNames, row.diagnostics().length);
    }
    line.put("diagnostics", diagnostics);
    return line;
  }

  /**
   * The {@code limit} largest shares as {@code {name, value}} objects, values rounded as in results
   * and ranked as results rank them: by the rounded value, largest first, equal ones in sensor
   * order.
   */
  static List<Map<String, Object>> diagnostics(
      double[] shares, List<String> sensorNames, int limit) {
    List<Integer> order = new ArrayList<>(shares.length);
    for (int i = 0; i < shares.length; i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble((Integer i) -> -round(shares[i])));
    List<Map<String, Object>> diagnostics = new ArrayList<>();
    for (int index : order.subList(0, Math.min(limit, order.size()))) {
      Map<String, Object> diagnostic = new LinkedHashMap<>();
      diagnostic.put("name", sensorNames.get(index));
      diagnostic.put("value", round(shares[index]));
      diagnostics.add(diagnostic);
    }
    return diagnostics;
  }

  /** Rounds as results do, to {@link ResultLineWriter#DECIMALS} decimals. */
  static double round(double value) {
    return Math.round(value * SCALE) / SCALE;
  }
}
