package dev.vigil.alert;

import java.time.Instant;
import java.util.Objects;

/**
 * An alert as stored: what it is about and the document its hooks receive. Immutable and
 * thread-safe.
 *
 * @param id stable identifier, the same in every delivery attempt
 * @param configurationId the alert configuration that decided it
 * @param configurationName its name
 * @param schedulerId the inference scheduler it is about
 * @param schedulerName its name
 * @param kind anomaly, execution failure or system pause
 * @param replayId the replay whose window raised it, null when the schedule's did
 * @param windowEnd the end of the window that raised it, null for a system pause
 * @param rangeStart the first anomalous point, null unless ANOMALY
 * @param rangeEnd the last anomalous point reported, null unless ANOMALY
 * @param peakScore the highest score, null unless ANOMALY
 * @param reason why the execution failed or the scheduler paused, null for ANOMALY
 * @param payload the JSON document sent to webhooks
 * @param createdAt when it was decided
 */
record AlertRecord(
    String id,
    String configurationId,
    String configurationName,
    String schedulerId,
    String schedulerName,
    AlertKind kind,
    String replayId,
    Instant windowEnd,
    Instant rangeStart,
    Instant rangeEnd,
    Double peakScore,
    String reason,
    String payload,
    Instant createdAt) {
  AlertRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(configurationId, "configurationId");
    Objects.requireNonNull(configurationName, "configurationName");
    Objects.requireNonNull(schedulerId, "schedulerId");
    Objects.requireNonNull(schedulerName, "schedulerName");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
