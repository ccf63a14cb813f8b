package dev.vigil.lookout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A model's evaluation in Lookout's ModelMetrics shape. */
class ModelMetricsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  private static ObjectNode event(ArrayNode events, int fromMinute, int toMinute) {
    ObjectNode event = events.addObject();
    event.put("start", T.plus(Duration.ofMinutes(fromMinute)).toString());
    event.put("end", T.plus(Duration.ofMinutes(toMinute)).toString());
    event.put("durationSeconds", (toMinute - fromMinute) * 60.0);
    event.putArray("diagnostics").addObject().put("name", "pump\\Current").put("value", 1.0);
    return event;
  }

  private static JsonNode range() {
    return JSON.createObjectNode()
        .put("start", T.toString())
        .put("end", T.plus(Duration.ofDays(1)).toString());
  }

  @Test
  void labels_are_identified_by_overlapping_events_and_the_others_are_unknown_events()
      throws Exception {
    ObjectNode evaluation = JSON.createObjectNode();
    ArrayNode labels = evaluation.putArray("labels");
    labels
        .addObject()
        .put("start", T.plus(Duration.ofMinutes(10)).toString())
        .put("end", T.plus(Duration.ofMinutes(60)).toString());
    labels
        .addObject()
        .put("start", T.plus(Duration.ofMinutes(300)).toString())
        .put("end", T.plus(Duration.ofMinutes(310)).toString());
    ArrayNode events = evaluation.putArray("events");
    event(events, 0, 2);
    event(events, 40, 45);
    event(events, 100, 130);

    JsonNode metrics = JSON.readTree(ModelMetrics.of(JSON, evaluation, range()));

    assertThat(metrics.get("labeled_ranges"))
        .isEqualTo(
            JSON.readTree(
                "[{\"start\":\"2026-01-01T00:10:00.000000\",\"end\":\"2026-01-01T01:00:00.000000\"},"
                    + "{\"start\":\"2026-01-01T05:00:00.000000\",\"end\":\"2026-01-01T05:10:00.000000\"}]"));
    // The first label is found 30 minutes before its end; the second not at all.
    assertThat(metrics.get("labeled_event_metrics"))
        .isEqualTo(
            JSON.readTree(
                "{\"num_labeled\":2,\"num_identified\":1,\"total_warning_time_in_seconds\":1200}"));
    assertThat(metrics.get("unknown_event_metrics"))
        .isEqualTo(JSON.readTree("{\"num_identified\":2,\"total_duration_in_seconds\":1920}"));
    assertThat(metrics.get("predicted_ranges")).hasSize(3);
    assertThat(metrics.at("/predicted_ranges/1/diagnostics/0/name").asText())
        .isEqualTo("pump\\Current");
    assertThat(metrics.get("data_start_time").asText()).isEqualTo("2026-01-01T00:00:00.000000");
    assertThat(metrics.get("labels_present").asBoolean()).isTrue();
  }

  @Test
  void metrics_of_very_many_events_keep_within_lookouts_length_and_say_what_they_left_out()
      throws Exception {
    ObjectNode evaluation = JSON.createObjectNode();
    evaluation.putArray("labels");
    ArrayNode events = evaluation.putArray("events");
    for (int i = 0; i < 2_000; i++) {
      event(events, 2 * i, 2 * i + 1);
    }
    String text = ModelMetrics.of(JSON, evaluation, range());
    JsonNode metrics = JSON.readTree(text);
    assertThat(text.length()).isLessThanOrEqualTo(ModelMetrics.MAX_LENGTH);
    int kept = metrics.get("predicted_ranges").size();
    assertThat(metrics.get("predicted_ranges_omitted").asInt()).isEqualTo(2_000 - kept);
    assertThat(metrics.at("/unknown_event_metrics/num_identified").asInt()).isEqualTo(2_000);
    assertThat(metrics.get("labels_present").asBoolean()).isFalse();
  }
}
