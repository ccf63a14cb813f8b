package dev.vigil.alert;

import java.time.Instant;
import java.util.Objects;

/**
 * One delivery attempt, as history shows it. Immutable and thread-safe.
 *
 * @param deliverySeq the delivery
 * @param alertId its alert
 * @param hookName the hook
 * @param attempt which attempt, from 1
 * @param startedAt when it started
 * @param durationMillis how long it took
 * @param delivered whether the hook took the alert
 * @param httpStatus the webhook's HTTP status, null for email or when none came
 * @param reply the start of the HTTP body, or the SMTP server's reply
 * @param error why it failed, null when delivered
 */
record Attempt(
    long deliverySeq,
    String alertId,
    String hookName,
    int attempt,
    Instant startedAt,
    long durationMillis,
    boolean delivered,
    Integer httpStatus,
    String reply,
    String error) {
  Attempt {
    Objects.requireNonNull(alertId, "alertId");
    Objects.requireNonNull(hookName, "hookName");
    Objects.requireNonNull(startedAt, "startedAt");
  }
}
