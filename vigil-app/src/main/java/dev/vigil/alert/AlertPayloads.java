package dev.vigil.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.hook.Notification;
import dev.vigil.inference.FinishedWindow;
import dev.vigil.inference.SystemPause;
import dev.vigil.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The documents alerts send: the JSON payload of webhooks, written once when the alert is decided
 * and sent byte for byte at every attempt, and the email written from it with the same facts.
 *
 * <p>Every payload has {@code id} (the alert's, stable across retries), {@code type} ({@code
 * ANOMALY}, {@code EXECUTION_FAILED} or {@code SYSTEM_PAUSE}), {@code replay} (and {@code replayId}
 * when a replay raised it), {@code alertConfiguration}, {@code scheduler}, {@code model} ({@code
 * name}, {@code version}), {@code link} (to the results in Vigil) and {@code createdAt}; an anomaly
 * adds {@code window} and {@code anomaly} (range, points, peak score and time, sensitivity,
 * threshold and the top contributing sensors), a failure adds {@code window} and {@code failure}, a
 * system pause {@code systemPause}.
 *
 * <p>Thread-safe.
 */
final class AlertPayloads {
  private static final ObjectMapper JSON = Json.mapper();
  private static final double SCALE = 1e5;

  private final String publicUrl;

  /**
   * @param publicUrl Vigil's address as receivers reach it, without a trailing slash
   */
  AlertPayloads(String publicUrl) {
    this.publicUrl = publicUrl;
  }

  /** The payload of an anomaly alert for {@code incident}, as far as {@code window} saw it. */
  String anomaly(
      String id,
      AlertConfiguration configuration,
      FinishedWindow window,
      Incident incident,
      Instant now) {
    Map<String, Object> json = header(id, AlertKind.ANOMALY, configuration, window.replayId());
    json.put("model", model(window.modelName(), window.modelVersion()));
    json.put("window", range(window.windowStart(), window.windowEnd()));
    Map<String, Object> anomaly = new LinkedHashMap<>();
    anomaly.put("start", Instant.ofEpochMilli(incident.startMillis()).toString());
    anomaly.put("end", Instant.ofEpochMilli(incident.lastAnomalyMillis()).toString());
    anomaly.put("anomalousPoints", incident.anomalies());
    anomaly.put("peakScore", round(incident.peakScore()));
    anomaly.put("peakAt", Instant.ofEpochMilli(incident.peakMillis()).toString());
    anomaly.put("sensitivity", configuration.sensitivity().value());
    anomaly.put("scoreThreshold", configuration.sensitivity().scoreThreshold());
    List<Map<String, Object>> sensors = new ArrayList<>();
    for (SensorShare sensor : incident.peakSensors()) {
      Map<String, Object> share = new LinkedHashMap<>();
      share.put("name", sensor.name());
      share.put("contribution", round(sensor.contribution()));
      sensors.add(share);
    }
    anomaly.put("topSensors", sensors);
    json.put("anomaly", anomaly);
    Instant from =
        Instant.ofEpochMilli(Math.min(incident.startMillis(), window.windowStart().toEpochMilli()));
    json.put(
        "link",
        schedulerUrl(configuration) + "/results?from=" + from + "&to=" + window.windowEnd());
    json.put("createdAt", now.toString());
    return write(json);
  }

  /** The payload of an execution failure alert. */
  String executionFailed(
      String id, AlertConfiguration configuration, FinishedWindow window, Instant now) {
    Map<String, Object> json =
        header(id, AlertKind.EXECUTION_FAILED, configuration, window.replayId());
    json.put("model", model(window.modelName(), window.modelVersion()));
    json.put("window", range(window.windowStart(), window.windowEnd()));
    Map<String, Object> failure = new LinkedHashMap<>();
    failure.put("reason", window.failedReason() == null ? "" : window.failedReason());
    failure.put("missed", window.missed());
    json.put("failure", failure);
    json.put(
        "link",
        schedulerUrl(configuration)
            + "/executions?from="
            + window.windowStart()
            + "&to="
            + window.windowEnd());
    json.put("createdAt", now.toString());
    return write(json);
  }

  /** The payload of a system pause alert. */
  String systemPause(String id, AlertConfiguration configuration, SystemPause pause, Instant now) {
    Map<String, Object> json = header(id, AlertKind.SYSTEM_PAUSE, configuration, null);
    json.put("model", model(pause.modelName(), pause.modelVersion()));
    Map<String, Object> paused = new LinkedHashMap<>();
    paused.put("reason", pause.reason());
    paused.put("at", pause.at().toString());
    json.put("systemPause", paused);
    json.put("link", schedulerUrl(configuration));
    json.put("createdAt", now.toString());
    return write(json);
  }

  private static Map<String, Object> header(
      String id, AlertKind kind, AlertConfiguration configuration, String replayId) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", id);
    json.put("type", kind.name());
    json.put("replay", replayId != null);
    if (replayId != null) {
      json.put("replayId", replayId);
    }
    json.put("alertConfiguration", configuration.name());
    json.put("scheduler", configuration.schedulerName());
    return json;
  }

  private String schedulerUrl(AlertConfiguration configuration) {
    return publicUrl + "/api/v1/inference-schedulers/" + configuration.schedulerName();
  }

  private static Map<String, Object> model(String name, int version) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("name", name);
    model.put("version", version);
    return model;
  }

  private static Map<String, Object> range(Instant start, Instant end) {
    Map<String, Object> range = new LinkedHashMap<>();
    range.put("start", start.toString());
    range.put("end", end.toString());
    return range;
  }

  private static double round(double value) {
    return Math.round(value * SCALE) / SCALE;
  }

  private static String write(Map<String, Object> json) {
    try {
      return JSON.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write an alert as JSON", e);
    }
  }

  /**
   * The notification of attempt {@code attempt} of the alert whose payload is {@code payload}: the
   * payload itself for webhooks, and an email with the same facts in words.
   */
  static Notification notification(String payload, int attempt) {
    JsonNode json;
    try {
      json = JSON.readTree(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored alert payload is not JSON: " + e.getMessage(), e);
    }
    String id = json.path("id").asText();
    String scheduler = json.path("scheduler").asText();
    boolean replay = json.path("replay").asBoolean();
    String prefix = "[Vigil]" + (replay ? " (replay)" : "") + " ";
    JsonNode model = json.path("model");
    StringBuilder text = new StringBuilder();
    String subject;
    switch (AlertKind.valueOf(json.path("type").asText())) {
      case ANOMALY -> {
        JsonNode anomaly = json.path("anomaly");
        subject =
            prefix
                + "Anomaly on "
                + scheduler
                + ": "
                + anomaly.path("start").asText()
                + " to "
                + anomaly.path("end").asText()
                + ", peak score "
                + number(anomaly.path("peakScore").asDouble());
        text.append("Vigil found an anomaly on inference scheduler ")
            .append(scheduler)
            .append(".\n\n");
        line(text, "Scheduler", scheduler);
        line(text, "Model", model.path("name").asText() + ", version " + model.path("version"));
        line(
            text,
            "Anomalous",
            anomaly.path("start").asText()
                + " to "
                + anomaly.path("end").asText()
                + " ("
                + anomaly.path("anomalousPoints").asInt()
                + " anomalous points)");
        line(
            text,
            "Peak score",
            number(anomaly.path("peakScore").asDouble())
                + " at "
                + anomaly.path("peakAt").asText()
                + " (threshold "
                + number(anomaly.path("scoreThreshold").asDouble())
                + ", sensitivity "
                + anomaly.path("sensitivity").asInt()
                + ")");
        List<String> sensors = new ArrayList<>();
        for (JsonNode sensor : anomaly.path("topSensors")) {
          sensors.add(
              sensor.path("name").asText()
                  + " "
                  + String.format(
                      Locale.ROOT, "%.0f%%", 100 * sensor.path("contribution").asDouble()));
        }
        line(text, "Top sensors", sensors.isEmpty() ? "(none)" : String.join(", ", sensors));
        window(text, json);
      }
      case EXECUTION_FAILED -> {
        JsonNode failure = json.path("failure");
        subject =
            prefix
                + "Execution failed on "
                + scheduler
                + ": window ending "
                + json.path("window").path("end").asText();
        text.append("An execution of inference scheduler ")
            .append(scheduler)
            .append(" failed.\n\n");
        line(text, "Scheduler", scheduler);
        line(text, "Model", model.path("name").asText() + ", version " + model.path("version"));
        window(text, json);
        line(text, "Reason", failure.path("reason").asText());
      }
      case SYSTEM_PAUSE -> {
        JsonNode paused = json.path("systemPause");
        subject = prefix + scheduler + " was paused by the system";
        text.append("Inference scheduler ")
            .append(scheduler)
            .append(" was paused by the system after repeated failures: it judges no new data")
            .append(" until it is started again.\n\n");
        line(text, "Scheduler", scheduler);
        line(text, "Model", model.path("name").asText() + ", version " + model.path("version"));
        line(text, "Paused at", paused.path("at").asText());
        line(text, "Reason", paused.path("reason").asText());
      }
      default -> throw new IllegalStateException("unknown alert type in " + payload);
    }
    if (replay) {
      line(text, "Replay", json.path("replayId").asText());
    }
    line(text, "In Vigil", json.path("link").asText());
    text.append('\n')
        .append("Alert configuration ")
        .append(json.path("alertConfiguration").asText())
        .append(", alert ")
        .append(id)
        .append(" (the same id in every retry of this alert), decided at ")
        .append(json.path("createdAt").asText())
        .append(".\n");
    return new Notification(id, attempt, payload, subject, text.toString());
  }

  private static void window(StringBuilder text, JsonNode json) {
    JsonNode window = json.path("window");
    line(text, "Window", window.path("start").asText() + " to " + window.path("end").asText());
  }

  private static void line(StringBuilder text, String label, String value) {
    text.append(String.format(Locale.ROOT, "%-12s %s", label + ":", value)).append('\n');
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }
}
