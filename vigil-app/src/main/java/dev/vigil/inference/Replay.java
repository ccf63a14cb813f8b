package dev.vigil.inference;

import java.time.Instant;
import java.util.Objects;

/**
 * A replay: a scheduler's windows over a past range, run again with its current settings, whose
 * results replace the ones stored. Immutable and thread-safe.
 *
 * @param id stable identifier
 * @param schedulerId the scheduler replayed
 * @param requestedStart the start asked for
 * @param requestedEnd the end asked for
 * @param rangeStart the start of the first window covering the request
 * @param rangeEnd the end of the last one: {@code [rangeStart, rangeEnd)} is overwritten
 * @param modelName the model that scores the windows (the scheduler's when the replay started)
 * @param modelVersion its version
 * @param estimatedPoints data points the range was estimated to hold, checked against the limit
 * @param status where it stands
 * @param windowsTotal windows in the range
 * @param windowsDone windows handled so far, in order (scored or failed)
 * @param windowsFailed windows that could not be scored
 * @param scoredRows rows scored so far
 * @param outcome for users, once finished: what was done and what failed
 * @param createdAt when it was asked for
 * @param startedAt when its first window started, null before
 * @param finishedAt when it ended, null before
 */
record Replay(
    String id,
    String schedulerId,
    Instant requestedStart,
    Instant requestedEnd,
    Instant rangeStart,
    Instant rangeEnd,
    String modelName,
    int modelVersion,
    int estimatedPoints,
    ReplayStatus status,
    int windowsTotal,
    int windowsDone,
    int windowsFailed,
    int scoredRows,
    String outcome,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt) {
  Replay {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(schedulerId, "schedulerId");
    Objects.requireNonNull(requestedStart, "requestedStart");
    Objects.requireNonNull(requestedEnd, "requestedEnd");
    Objects.requireNonNull(rangeStart, "rangeStart");
    Objects.requireNonNull(rangeEnd, "rangeEnd");
    Objects.requireNonNull(modelName, "modelName");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
