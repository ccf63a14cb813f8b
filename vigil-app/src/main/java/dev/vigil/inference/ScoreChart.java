package dev.vigil.inference;

import dev.vigil.engine.model.PredictionReason;
import dev.vigil.engine.model.Sensitivity;
import dev.vigil.request.InvalidRequestException;
import dev.vigil.request.NotFoundException;
import dev.vigil.storage.Database;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The anomaly score of a scheduler over a time range, ready to draw: the stored results reduced on
 * the server to at most a few thousand entries that keep every peak ({@link ScoreSeries}), the
 * threshold of a sensitivity with the anomalous ranges it makes, and which model version scored
 * which part of the range. A month of 1-minute results (about 43,000) answers in a fraction of a
 * second and a few hundred kilobytes, where the results themselves, with their diagnostics, would
 * weigh megabytes.
 *
 * <p>Thread-safe: it reads the database only.
 */
public final class ScoreChart {
  /** Entries drawn when the request does not say. */
  public static final int DEFAULT_POINTS = 2_000;

  /** The fewest entries a request may ask for. */
  public static final int MIN_POINTS = 10;

  /** The most entries a request may ask for. */
  public static final int MAX_POINTS = 10_000;

  /** Anomalous ranges listed at most; the others are counted in {@code anomaliesOmitted}. */
  static final int MAX_RANGES = 1_000;

  private final ExecutionRepository executions;
  private final SchedulerNames names;

  public ScoreChart(Database database, SchedulerNames names) {
    this.executions = new ExecutionRepository(database);
    this.names = Objects.requireNonNull(names, "names");
  }

  /**
   * The chart of scheduler {@code schedulerName} over {@code [from, to)} (ISO-8601 instants; absent
   * for every stored result).
   *
   * @param points the most entries, {@value #MIN_POINTS} to {@value #MAX_POINTS}; absent for
   *     {@value #DEFAULT_POINTS}
   * @param sensitivity 1 to 100, whose threshold marks the anomalous ranges; absent for 50 (the
   *     threshold of the stored predictions, 0.5)
   * @throws NotFoundException when there is no such scheduler
   * @throws InvalidRequestException naming the parameter at fault
   */
  public Map<String, Object> chart(
      String schedulerName, String from, String to, String points, String sensitivity) {
    String id =
        names
            .idOf(schedulerName)
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "inference scheduler '" + schedulerName + "' does not exist"));
    Instant start = instant("from", from, Instant.EPOCH);
    Instant end = instant("to", to, Instant.ofEpochMilli(Long.MAX_VALUE));
    if (!start.isBefore(end)) {
      throw new InvalidRequestException(
          "to", "to (" + end + ") must be after from (" + start + ")");
    }
    int buckets = number("points", points, DEFAULT_POINTS, MIN_POINTS, MAX_POINTS);
    Sensitivity chosen =
        new Sensitivity(
            number(
                "sensitivity",
                sensitivity,
                Sensitivity.DEFAULT.value(),
                Sensitivity.MIN,
                Sensitivity.MAX));

    ScoreSeries series = series(id, start, end, buckets, chosen.scoreThreshold());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("schedulerName", schedulerName);
    if (from != null && !from.isBlank()) {
      json.put("from", start.toString());
    }
    if (to != null && !to.isBlank()) {
      json.put("to", end.toString());
    }
    json.put("dataPoints", series.count());
    json.put("downsampled", series.downsampled());
    if (series.downsampled()) {
      json.put("bucketSeconds", series.bucketMillis() / 1000.0);
    }
    json.put("sensitivity", chosen.value());
    json.put("threshold", chosen.scoreThreshold());
    json.put("series", series.columns());
    json.put("anomalies", series.ranges());
    json.put("anomaliesOmitted", series.rangesOmitted());
    json.put("models", models(id, start, end));
    return json;
  }

  private ScoreSeries series(
      String schedulerId, Instant start, Instant end, int buckets, double threshold) {
    // The results are stored a window to a row: read the scores once, then size the buckets.
    List<long[]> timestamps = new ArrayList<>();
    List<double[]> scores = new ArrayList<>();
    List<boolean[]> machineOff = new ArrayList<>();
    int[] count = {0};
    int chunk = 4_096;
    executions.forEachScore(
        schedulerId,
        start,
        end,
        (timestamp, score, reason) -> {
          int at = count[0] % chunk;
          if (at == 0) {
            timestamps.add(new long[chunk]);
            scores.add(new double[chunk]);
            machineOff.add(new boolean[chunk]);
          }
          int block = count[0] / chunk;
          timestamps.get(block)[at] = timestamp;
          scores.get(block)[at] = score;
          machineOff.get(block)[at] = reason == PredictionReason.MACHINE_OFF;
          count[0]++;
        });
    int n = count[0];
    long first = n == 0 ? 0 : timestamps.get(0)[0];
    long last = n == 0 ? 0 : timestamps.get((n - 1) / chunk)[(n - 1) % chunk];
    ScoreSeries series = new ScoreSeries(first, last, n, buckets, threshold, MAX_RANGES);
    for (int i = 0; i < n; i++) {
      series.add(
          timestamps.get(i / chunk)[i % chunk],
          scores.get(i / chunk)[i % chunk],
          machineOff.get(i / chunk)[i % chunk]);
    }
    return series;
  }

  /**
   * Which model version scored which part of the range: consecutive successful windows scored by
   * the same model version make one part, from the start of the first to the end of the last.
   */
  private List<Map<String, Object>> models(String schedulerId, Instant start, Instant end) {
    List<Map<String, Object>> parts = new ArrayList<>();
    Map<String, Object> part = null;
    for (ExecutionRecord execution : executions.list(schedulerId, start, end)) {
      if (execution.status() != ExecutionStatus.SUCCESS || execution.scoredRows() == 0) {
        continue;
      }
      if (part == null
          || !part.get("modelName").equals(execution.modelName())
          || (int) part.get("modelVersion") != execution.modelVersion()) {
        part = new LinkedHashMap<>();
        part.put("start", execution.windowStart().toString());
        part.put("end", execution.windowEnd().toString());
        part.put("modelName", execution.modelName());
        part.put("modelVersion", execution.modelVersion());
        parts.add(part);
      } else {
        part.put("end", execution.windowEnd().toString());
      }
    }
    return parts;
  }

  private static Instant instant(String field, String text, Instant absent) {
    if (text == null || text.isBlank()) {
      return absent;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidRequestException(
          field, field + " '" + text + "' is not an ISO-8601 instant such as 2026-01-01T10:00:00Z");
    }
  }

  private static int number(String field, String text, int absent, int min, int max) {
    if (text == null || text.isBlank()) {
      return absent;
    }
    try {
      int value = Integer.parseInt(text.strip());
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // Refused below with the rule.
    }
    throw new InvalidRequestException(
        field,
        field + " must be a whole number from " + min + " to " + max + ", got '" + text + "'");
  }
}
