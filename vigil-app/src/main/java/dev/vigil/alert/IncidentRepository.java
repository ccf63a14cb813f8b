package dev.vigil.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/**
 * The correlation state of alert configurations (tables {@code alert_incidents} and {@code
 * alert_windows} of {@code V7__alerts_and_hooks.sql}), read and written on the handle of the
 * transaction that records a window, so that the state moves exactly when the window is recorded.
 * The windows of one stream (the schedule, or one replay) of a scheduler are recorded one after the
 * other, never at once, so read-then-write needs no lock here.
 *
 * <p>Stateless and thread-safe.
 */
final class IncidentRepository {
  /** The stream of the windows the schedule runs; a replay's stream is its id. */
  static final String LIVE = "live";

  private static final ObjectMapper JSON = Json.mapper();
  private static final TypeReference<List<SensorShare>> SENSORS = new TypeReference<>() {};

  /** The latest incident of a configuration in a stream. */
  Optional<Incident> find(Handle handle, String configurationId, String stream) {
    return handle
        .createQuery(
            "SELECT start_millis, last_anomaly_millis, points_since_anomaly, anomalies,"
                + " peak_score, peak_millis, peak_sensors, settled, alert_id FROM alert_incidents"
                + " WHERE configuration_id = :configuration AND stream = :stream")
        .bind("configuration", configurationId)
        .bind("stream", stream)
        .map(
            (row, context) ->
                new Incident(
                    row.getLong("start_millis"),
                    row.getLong("last_anomaly_millis"),
                    row.getInt("points_since_anomaly"),
                    row.getInt("anomalies"),
                    row.getDouble("peak_score"),
                    row.getLong("peak_millis"),
                    sensors(row.getString("peak_sensors")),
                    row.getBoolean("settled"),
                    row.getString("alert_id")))
        .findOne();
  }

  /** Stores the latest incident of a configuration in a stream. */
  void save(Handle handle, String configurationId, String stream, Incident incident) {
    int updated =
        bind(
                handle.createUpdate(
                    "UPDATE alert_incidents SET start_millis = :start,"
                        + " last_anomaly_millis = :last, points_since_anomaly = :since,"
                        + " anomalies = :anomalies, peak_score = :peak, peak_millis = :peakAt,"
                        + " peak_sensors = :sensors, settled = :settled, alert_id = :alert"
                        + " WHERE configuration_id = :configuration AND stream = :stream"),
                configurationId,
                stream,
                incident)
            .execute();
    if (updated == 0) {
      bind(
              handle.createUpdate(
                  "INSERT INTO alert_incidents (configuration_id, stream, start_millis,"
                      + " last_anomaly_millis, points_since_anomaly, anomalies, peak_score,"
                      + " peak_millis, peak_sensors, settled, alert_id) VALUES (:configuration,"
                      + " :stream, :start, :last, :since, :anomalies, :peak, :peakAt, :sensors,"
                      + " :settled, :alert)"),
              configurationId,
              stream,
              incident)
          .execute();
    }
  }

  private static Update bind(
      Update update, String configurationId, String stream, Incident incident) {
    return update
        .bind("start", incident.startMillis())
        .bind("last", incident.lastAnomalyMillis())
        .bind("since", incident.pointsSinceAnomaly())
        .bind("anomalies", incident.anomalies())
        .bind("peak", incident.peakScore())
        .bind("peakAt", incident.peakMillis())
        .bind("sensors", write(incident.peakSensors()))
        .bind("settled", incident.settled())
        .bind("alert", incident.alertId())
        .bind("configuration", configurationId)
        .bind("stream", stream);
  }

  /** Whether the configuration saw anomalies in the window before (its alert or not). */
  boolean windowJudged(Handle handle, String configurationId, Instant windowEnd) {
    return handle
            .createQuery(
                "SELECT COUNT(*) FROM alert_windows WHERE configuration_id = :configuration"
                    + " AND window_end = :end")
            .bind("configuration", configurationId)
            .bind("end", windowEnd.toEpochMilli())
            .mapTo(Integer.class)
            .one()
        > 0;
  }

  /** Records that the configuration saw anomalies in the window, and its first alert, if any. */
  void recordWindow(Handle handle, String configurationId, Instant windowEnd, String alertId) {
    if (windowJudged(handle, configurationId, windowEnd)) {
      return;
    }
    handle
        .createUpdate(
            "INSERT INTO alert_windows (configuration_id, window_end, alert_id)"
                + " VALUES (:configuration, :end, :alert)")
        .bind("configuration", configurationId)
        .bind("end", windowEnd.toEpochMilli())
        .bind("alert", alertId)
        .execute();
  }

  private static String write(List<SensorShare> sensors) {
    try {
      return JSON.writeValueAsString(sensors);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write sensors as JSON", e);
    }
  }

  private static List<SensorShare> sensors(String text) {
    try {
      return JSON.readValue(text, SENSORS);
    } catch (JsonProcessingException e) {
      return List.of();
    }
  }
}
