package dev.vigil.inference;

import java.time.Instant;
import java.util.Objects;

/**
 * One execution: the run of one window of one scheduler. Immutable and thread-safe.
 *
 * @param schedulerId the scheduler
 * @param windowStart the first instant of the window
 * @param windowEnd the boundary T that ends the window; with the scheduler, the key
 * @param scheduledStart the wake of the window, T plus the delay offset
 * @param dataStart the first scored timestamp, null when none
 * @param dataEnd the last scored timestamp, null when none
 * @param status where it stands
 * @param missed whether the window was never scored because it came due while Vigil was down and is
 *     older than the catch-up horizon (status FAILED)
 * @param failedReason why it failed, null unless FAILED
 * @param modelName the model that scored (or was to score) the window
 * @param modelVersion its version
 * @param resultBucket where results.jsonl was written, null unless SUCCESS
 * @param resultKey its key, null unless SUCCESS
 * @param scoredRows rows scored
 * @param startedAt when the execution started
 * @param finishedAt when it ended, null while IN_PROGRESS
 * @param replayId the replay that last scored the window, null when the schedule did
 */
record ExecutionRecord(
    String schedulerId,
    Instant windowStart,
    Instant windowEnd,
    Instant scheduledStart,
    Instant dataStart,
    Instant dataEnd,
    ExecutionStatus status,
    boolean missed,
    String failedReason,
    String modelName,
    int modelVersion,
    String resultBucket,
    String resultKey,
    int scoredRows,
    Instant startedAt,
    Instant finishedAt,
    String replayId) {
  ExecutionRecord {
    Objects.requireNonNull(schedulerId, "schedulerId");
    Objects.requireNonNull(windowStart, "windowStart");
    Objects.requireNonNull(windowEnd, "windowEnd");
    Objects.requireNonNull(scheduledStart, "scheduledStart");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(modelName, "modelName");
    Objects.requireNonNull(startedAt, "startedAt");
  }

  /** A window that starts running now. */
  static ExecutionRecord inProgress(SchedulerDefinition scheduler, Window window, Instant now) {
    return new ExecutionRecord(
        scheduler.id(),
        window.start(),
        window.end(),
        window.wake(),
        null,
        null,
        ExecutionStatus.IN_PROGRESS,
        false,
        null,
        scheduler.modelName(),
        scheduler.modelVersion(),
        null,
        null,
        0,
        now,
        null,
        null);
  }

  /** This execution, FAILED now for {@code reason}. */
  ExecutionRecord failed(String reason, boolean missedWindow, Instant now) {
    return new ExecutionRecord(
        schedulerId,
        windowStart,
        windowEnd,
        scheduledStart,
        null,
        null,
        ExecutionStatus.FAILED,
        missedWindow,
        reason,
        modelName,
        modelVersion,
        null,
        null,
        0,
        startedAt,
        now,
        replayId);
  }

  /** This execution, SUCCESS now. */
  ExecutionRecord succeeded(
      Instant firstScored, Instant lastScored, String bucket, String key, int rows, Instant now) {
    return new ExecutionRecord(
        schedulerId,
        windowStart,
        windowEnd,
        scheduledStart,
        firstScored,
        lastScored,
        ExecutionStatus.SUCCESS,
        false,
        null,
        modelName,
        modelVersion,
        bucket,
        key,
        rows,
        startedAt,
        now,
        replayId);
  }

  /** This execution, as run by replay {@code replayId} rather than by the schedule. */
  ExecutionRecord byReplay(String replayId) {
    return new ExecutionRecord(
        schedulerId,
        windowStart,
        windowEnd,
        scheduledStart,
        dataStart,
        dataEnd,
        status,
        missed,
        failedReason,
        modelName,
        modelVersion,
        resultBucket,
        resultKey,
        scoredRows,
        startedAt,
        finishedAt,
        replayId);
  }
}
