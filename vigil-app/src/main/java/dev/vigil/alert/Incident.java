package dev.vigil.alert;

import dev.vigil.inference.StoredResult;
import java.util.List;

/**
 * An incident of an alert configuration: a run of anomalous points that correlation treats as one,
 * with what its alert reports. Immutable and thread-safe.
 *
 * @param startMillis its first anomalous point
 * @param lastAnomalyMillis its latest anomalous point
 * @param pointsSinceAnomaly data points judged since that latest anomalous point, across windows
 * @param anomalies how many anomalous points it has
 * @param peakScore its highest score
 * @param peakMillis when that score was reached
 * @param peakSensors the sensors that contributed most at the peak, largest first
 * @param settled whether it needs no alert any more: it sent one, or a replay found it in windows
 *     judged before
 * @param alertId the alert it sent, null when none
 */
record Incident(
    long startMillis,
    long lastAnomalyMillis,
    int pointsSinceAnomaly,
    int anomalies,
    double peakScore,
    long peakMillis,
    List<SensorShare> peakSensors,
    boolean settled,
    String alertId) {
  /** Counting stops here: any correlation distance is far shorter. */
  static final int MAX_POINTS_SINCE = 1_000_000;

  Incident {
    peakSensors = List.copyOf(peakSensors);
    if (alertId != null && !settled) {
      throw new IllegalArgumentException("an incident that alerted is settled");
    }
  }

  /** A new incident starting at an anomalous point. */
  static Incident startingAt(StoredResult result) {
    return new Incident(
        result.timestampMillis(),
        result.timestampMillis(),
        0,
        1,
        result.anomalyScore(),
        result.timestampMillis(),
        Diagnostics.top(result.line()),
        false,
        null);
  }

  /** This incident with one more anomalous point. */
  Incident with(StoredResult result) {
    boolean peak = result.anomalyScore() > peakScore;
    return new Incident(
        startMillis,
        result.timestampMillis(),
        0,
        anomalies + 1,
        peak ? result.anomalyScore() : peakScore,
        peak ? result.timestampMillis() : peakMillis,
        peak ? Diagnostics.top(result.line()) : peakSensors,
        settled,
        alertId);
  }

  /** This incident after one more point that is not anomalous. */
  Incident afterQuietPoint() {
    return new Incident(
        startMillis,
        lastAnomalyMillis,
        Math.min(MAX_POINTS_SINCE, pointsSinceAnomaly + 1),
        anomalies,
        peakScore,
        peakMillis,
        peakSensors,
        settled,
        alertId);
  }

  /** This incident, settled by {@code alert} (null: it needs no alert). */
  Incident settledBy(String alert) {
    return new Incident(
        startMillis,
        lastAnomalyMillis,
        pointsSinceAnomaly,
        anomalies,
        peakScore,
        peakMillis,
        peakSensors,
        true,
        alert);
  }

  /** Whether {@code other} is the same incident, perhaps further along. */
  boolean sameAs(Incident other) {
    return other != null && other.startMillis == startMillis;
  }
}
