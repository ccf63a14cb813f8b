package dev.vigil.inference;

import java.time.Instant;
import java.util.Objects;

/**
 * A scheduler that the engine has just paused after repeated failures, as {@link
 * InferenceListener}s see it. Immutable and thread-safe.
 *
 * @param schedulerId the scheduler's id
 * @param schedulerName its name
 * @param modelName its model
 * @param modelVersion the version that ran
 * @param reason why, as shown to users
 * @param at when
 */
public record SystemPause(
    String schedulerId,
    String schedulerName,
    String modelName,
    int modelVersion,
    String reason,
    Instant at) {
  public SystemPause {
    Objects.requireNonNull(schedulerId, "schedulerId");
    Objects.requireNonNull(schedulerName, "schedulerName");
    Objects.requireNonNull(modelName, "modelName");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(at, "at");
  }
}
