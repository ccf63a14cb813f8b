package dev.vigil.inference;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.json.Json;
import dev.vigil.request.InvalidRequestException;
import dev.vigil.request.NotFoundException;
import dev.vigil.storage.Database;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the executions of a scheduler produced, for the API: executions, results and events over a
 * time range, and the latest inference result. Thread-safe.
 */
public final class InferenceResults {
  /** The latest result of a scheduler, as Lookout's {@code LatestInferenceResult}. */
  public enum LatestInferenceResult {
    ANOMALOUS,
    NORMAL
  }

  private static final ObjectMapper JSON = Json.mapper();

  private final ExecutionRepository executions;
  private final SchedulerNames names;

  public InferenceResults(Database database, SchedulerNames names) {
    this.executions = new ExecutionRepository(database);
    this.names = names;
  }

  /** {@code {"executions":[...]}} of the windows that overlap {@code [from, to)}, oldest first. */
  public Map<String, Object> executions(String schedulerName, String from, String to) {
    String id = id(schedulerName);
    List<Map<String, Object>> list = new ArrayList<>();
    for (ExecutionRecord execution :
        executions.list(id, instant("from", from, Instant.EPOCH), instant("to", to, null))) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("windowStart", execution.windowStart().toString());
      json.put("windowEnd", execution.windowEnd().toString());
      json.put("scheduledStart", execution.scheduledStart().toString());
      putInstant(json, "dataStart", execution.dataStart());
      putInstant(json, "dataEnd", execution.dataEnd());
      json.put("status", execution.status().name());
      if (execution.failedReason() != null) {
        json.put("failedReason", execution.failedReason());
      }
      json.put("modelName", execution.modelName());
      json.put("modelVersion", execution.modelVersion());
      if (execution.resultKey() != null) {
        json.put(
            "resultObject",
            Map.of("bucket", execution.resultBucket(), "key", execution.resultKey()));
      }
      putInstant(json, "startedAt", execution.startedAt());
      putInstant(json, "finishedAt", execution.finishedAt());
      list.add(json);
    }
    return Map.of("executions", list);
  }

  /**
   * {@code {"results":[...]}}: Lookout results lines with timestamps in range, plus modelVersion.
   */
  public Map<String, Object> results(String schedulerName, String from, String to) {
    String id = id(schedulerName);
    List<Object> list = new ArrayList<>();
    for (StoredResult result :
        executions.results(id, instant("from", from, Instant.EPOCH), instant("to", to, null))) {
      ObjectNode line = parse(result.line());
      line.put("modelVersion", result.modelVersion());
      list.add(line);
    }
    return Map.of("results", list);
  }

  /**
   * {@code {"events":[...]}}: runs of consecutive anomalous results (a normal or machine-off row
   * ends a run) with start, end (the last anomalous timestamp), duration in seconds, peak score and
   * the diagnostics summed over the run, normalised to sum to 1 and ranked.
   */
  public Map<String, Object> events(String schedulerName, String from, String to) {
    String id = id(schedulerName);
    List<Map<String, Object>> events = new ArrayList<>();
    EventBuilder open = null;
    for (StoredResult result :
        executions.results(id, instant("from", from, Instant.EPOCH), instant("to", to, null))) {
      if (result.prediction() == 1) {
        if (open == null) {
          open = new EventBuilder(result.timestampMillis());
        }
        open.add(result, parse(result.line()));
      } else if (open != null) {
        events.add(open.json());
        open = null;
      }
    }
    if (open != null) {
      events.add(open.json());
    }
    return Map.of("events", events);
  }

  /** Whether the latest stored result of the scheduler is anomalous; empty before any result. */
  public Optional<LatestInferenceResult> latestInferenceResult(String schedulerId) {
    return executions
        .latestPrediction(schedulerId)
        .map(p -> p == 1 ? LatestInferenceResult.ANOMALOUS : LatestInferenceResult.NORMAL);
  }

  private String id(String schedulerName) {
    return names
        .idOf(schedulerName)
        .orElseThrow(
            () -> new NotFoundException("inference scheduler '" + schedulerName + "' not found"));
  }

  private static Instant instant(String field, String text, Instant absent) {
    if (text == null || text.isBlank()) {
      return absent == null ? Instant.ofEpochMilli(Long.MAX_VALUE) : absent;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidRequestException(
          field, field + " '" + text + "' is not an ISO-8601 instant such as 2026-01-01T10:00:00Z");
    }
  }

  private static void putInstant(Map<String, Object> json, String field, Instant instant) {
    if (instant != null) {
      json.put(field, instant.toString());
    }
  }

  private static ObjectNode parse(String line) {
    try {
      return (ObjectNode) JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("stored result line is not JSON: " + line, e);
    }
  }

  /** Sums one event's diagnostics as its rows come. Not thread-safe. */
  private static final class EventBuilder {
    private final long start;
    private long end;
    private double peak;
    private final Map<String, Double> sums = new LinkedHashMap<>();

    EventBuilder(long start) {
      this.start = start;
      this.end = start;
    }

    void add(StoredResult result, ObjectNode line) {
      end = result.timestampMillis();
      peak = Math.max(peak, result.anomalyScore());
      line.get("diagnostics")
          .forEach(d -> sums.merge(d.get("name").asText(), d.get("value").asDouble(), Double::sum));
    }

    Map<String, Object> json() {
      double total = sums.values().stream().mapToDouble(Double::doubleValue).sum();
      List<Map<String, Object>> diagnostics = new ArrayList<>();
      sums.entrySet().stream()
          .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
          .forEach(
              e -> {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("name", e.getKey());
                d.put("value", total > 0 ? Math.round(e.getValue() / total * 1e5) / 1e5 : 0.0);
                diagnostics.add(d);
              });
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("start", Instant.ofEpochMilli(start).toString());
      json.put("end", Instant.ofEpochMilli(end).toString());
      json.put("durationSeconds", Duration.ofMillis(end - start).toSeconds());
      json.put("peakScore", peak);
      json.put("diagnostics", diagnostics);
      return json;
    }
  }
}
