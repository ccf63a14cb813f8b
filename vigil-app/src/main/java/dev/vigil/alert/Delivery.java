package dev.vigil.alert;

import java.time.Instant;
import java.util.Objects;

/**
 * The delivery of one alert to one hook, an outbox row. Immutable and thread-safe.
 *
 * @param seq its place in the outbox: a configuration's deliveries to a hook go in this order
 * @param alertId the alert
 * @param configurationId the configuration that decided the alert
 * @param hookId the hook
 * @param hookName its name when the alert was decided
 * @param status where it stands
 * @param attempts attempts made
 * @param nextAttemptAt when it is due, while PENDING
 * @param giveUpAt no attempt starts after this
 * @param lastError why the latest attempt failed, null when it did not
 * @param deliveredAt when the hook took it, null unless DELIVERED
 * @param createdAt when the alert was decided
 */
record Delivery(
    long seq,
    String alertId,
    String configurationId,
    String hookId,
    String hookName,
    DeliveryStatus status,
    int attempts,
    Instant nextAttemptAt,
    Instant giveUpAt,
    String lastError,
    Instant deliveredAt,
    Instant createdAt) {
  Delivery {
    Objects.requireNonNull(alertId, "alertId");
    Objects.requireNonNull(configurationId, "configurationId");
    Objects.requireNonNull(hookId, "hookId");
    Objects.requireNonNull(hookName, "hookName");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    Objects.requireNonNull(giveUpAt, "giveUpAt");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
