package dev.vigil.lookout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A model version's evaluation as Lookout's {@code ModelMetrics}, the JSON document (in a string)
 * its users parse:
 *
 * <pre>{@code
 * {"labeled_ranges": [{"start": "...", "end": "..."}],
 *  "labeled_event_metrics": {"num_labeled": 2, "num_identified": 1,
 *                            "total_warning_time_in_seconds": 3600},
 *  "predicted_ranges": [{"start": "...", "end": "...", "diagnostics": [{"name": "pump\\Current",
 *                        "value": 0.42}, ...]}],
 *  "unknown_event_metrics": {"num_identified": 3, "total_duration_in_seconds": 1800},
 *  "data_start_time": "...", "data_end_time": "...", "labels_present": true}
 * }</pre>
 *
 * Times are written as in results files ({@code 2026-01-01T10:00:00.000000}, UTC). A predicted
 * range is one of Vigil's evaluation events; a label is identified when an event overlaps it, and
 * its warning time runs from the first such event's start to the label's end. Events that overlap
 * no label are the unknown events. An evaluation with so many events that the document would exceed
 * Lookout's 50,000 characters keeps the first ranges, and says how many it left out in {@code
 * predicted_ranges_omitted}. Stateless and thread-safe.
 */
final class ModelMetrics {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

  /** The longest {@code ModelMetrics} of the service model. */
  static final int MAX_LENGTH = 50_000;

  private ModelMetrics() {}

  /**
   * The metrics of an evaluation (the native {@code evaluation} document) over {@code
   * evaluationRange} (the native {@code {start, end}}).
   */
  static String of(ObjectMapper mapper, JsonNode evaluation, JsonNode evaluationRange) {
    ObjectNode metrics = mapper.createObjectNode();
    ArrayNode labeled = metrics.putArray("labeled_ranges");
    JsonNode events = evaluation.path("events");
    boolean[] matchesLabel = new boolean[events.size()];
    long identified = 0;
    double warningSeconds = 0;
    for (JsonNode label : evaluation.path("labels")) {
      Instant start = Instant.parse(label.get("start").asText());
      Instant end = Instant.parse(label.get("end").asText());
      labeled.addObject().put("start", time(start)).put("end", time(end));
      Instant firstDetection = null;
      for (int i = 0; i < events.size(); i++) {
        Instant eventStart = Instant.parse(events.get(i).get("start").asText());
        Instant eventEnd = Instant.parse(events.get(i).get("end").asText());
        if (eventStart.isBefore(end) && !eventEnd.isBefore(start)) {
          matchesLabel[i] = true;
          if (firstDetection == null || eventStart.isBefore(firstDetection)) {
            firstDetection = eventStart;
          }
        }
      }
      if (firstDetection != null) {
        identified++;
        warningSeconds += Math.max(0, end.toEpochMilli() - firstDetection.toEpochMilli()) / 1000.0;
      }
    }
    ObjectNode labeledMetrics = metrics.putObject("labeled_event_metrics");
    labeledMetrics.put("num_labeled", evaluation.path("labels").size());
    labeledMetrics.put("num_identified", identified);
    labeledMetrics.put("total_warning_time_in_seconds", Math.round(warningSeconds));
    ArrayNode predicted = metrics.putArray("predicted_ranges");
    long unknown = 0;
    double unknownSeconds = 0;
    for (int i = 0; i < events.size(); i++) {
      JsonNode event = events.get(i);
      ObjectNode range = predicted.addObject();
      range.put("start", time(Instant.parse(event.get("start").asText())));
      range.put("end", time(Instant.parse(event.get("end").asText())));
      range.set("diagnostics", event.path("diagnostics").deepCopy());
      if (!matchesLabel[i]) {
        unknown++;
        unknownSeconds += event.path("durationSeconds").asDouble();
      }
    }
    ObjectNode unknownMetrics = metrics.putObject("unknown_event_metrics");
    unknownMetrics.put("num_identified", unknown);
    unknownMetrics.put("total_duration_in_seconds", Math.round(unknownSeconds));
    metrics.put("data_start_time", time(Instant.parse(evaluationRange.get("start").asText())));
    metrics.put("data_end_time", time(Instant.parse(evaluationRange.get("end").asText())));
    metrics.put("labels_present", !evaluation.path("labels").isEmpty());
    // Lookout's ModelMetrics holds at most MAX_LENGTH characters: the last ranges give way.
    String text = metrics.toString();
    int excess = text.length() - MAX_LENGTH;
    if (excess > 0) {
      // Room for "predicted_ranges_omitted": n, then a range and its comma at a time.
      excess += 40;
      int omitted = 0;
      while (excess > 0 && !predicted.isEmpty()) {
        excess -= predicted.get(predicted.size() - 1).toString().length() + 1;
        predicted.remove(predicted.size() - 1);
        omitted++;
      }
      metrics.put("predicted_ranges_omitted", omitted);
      text = metrics.toString();
    }
    return text;
  }

  private static String time(Instant instant) {
    return TIME.format(instant);
  }
}
