package dev.vigil.alert;

import dev.vigil.engine.model.Sensitivity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An alert configuration as stored: when the results of one inference scheduler alert, and which
 * hooks hear of it. Immutable and thread-safe.
 *
 * @param id stable identifier, never reused
 * @param name unique name
 * @param schedulerId the scheduler whose windows it judges
 * @param schedulerName that scheduler's name, for display
 * @param sensitivity 1 to 100: a point is anomalous when its score is above {@code 1 - S/100}
 * @param mode one alert per group of anomalies, or one per anomaly
 * @param withinPoints with {@link CorrelationMode#GROUP}: anomalies at most this many data points
 *     apart are one incident; 0 with {@link CorrelationMode#EACH}
 * @param snooze after an anomaly alert, no other for this long
 * @param notifyOnFailure whether a failed execution alerts (once per streak of failures)
 * @param notifyOnSystemPause whether a system pause alerts
 * @param hooks the hooks notified, by id and name, in name order
 * @param createdAt creation time
 * @param updatedAt time of the last change
 */
record AlertConfiguration(
    String id,
    String name,
    String schedulerId,
    String schedulerName,
    Sensitivity sensitivity,
    CorrelationMode mode,
    int withinPoints,
    Duration snooze,
    boolean notifyOnFailure,
    boolean notifyOnSystemPause,
    List<HookRef> hooks,
    Instant createdAt,
    Instant updatedAt) {
  AlertConfiguration {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(schedulerId, "schedulerId");
    Objects.requireNonNull(schedulerName, "schedulerName");
    Objects.requireNonNull(sensitivity, "sensitivity");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(snooze, "snooze");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    hooks = List.copyOf(hooks);
    if ((mode == CorrelationMode.GROUP) != (withinPoints > 0)) {
      throw new IllegalArgumentException(
          "withinPoints must be positive with GROUP and 0 with EACH, not " + withinPoints);
    }
  }

  /** A hook of a configuration. */
  record HookRef(String id, String name) {
    HookRef {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(name, "name");
    }
  }
}
