package dev.vigil.inference;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A window whose execution just finished, as {@link InferenceListener}s see it. Immutable and
 * thread-safe.
 *
 * @param schedulerId the scheduler's id
 * @param schedulerName its name
 * @param modelName the model that scored (or was to score) the window
 * @param modelVersion its version
 * @param windowStart the first instant of the window
 * @param windowEnd the boundary that ends it
 * @param status SUCCESS or FAILED
 * @param failedReason why it failed, null unless FAILED
 * @param missed whether it failed because it came due while Vigil was down, past the catch-up
 *     horizon
 * @param results the scored rows, in time order; empty unless SUCCESS
 * @param replayId the replay that ran it, null when the schedule did
 * @param scheduledStart the window's wake (its end plus the data delay offset), null when unknown
 * @param finishedAt when its execution ended, null when unknown
 */
public record FinishedWindow(
    String schedulerId,
    String schedulerName,
    String modelName,
    int modelVersion,
    Instant windowStart,
    Instant windowEnd,
    ExecutionStatus status,
    String failedReason,
    boolean missed,
    List<StoredResult> results,
    String replayId,
    Instant scheduledStart,
    Instant finishedAt) {
  public FinishedWindow {
    Objects.requireNonNull(schedulerId, "schedulerId");
    Objects.requireNonNull(schedulerName, "schedulerName");
    Objects.requireNonNull(modelName, "modelName");
    Objects.requireNonNull(windowStart, "windowStart");
    Objects.requireNonNull(windowEnd, "windowEnd");
    Objects.requireNonNull(status, "status");
    results = List.copyOf(results);
  }

  /** A finished window whose wake and finish times are not known. */
  public FinishedWindow(
      String schedulerId,
      String schedulerName,
      String modelName,
      int modelVersion,
      Instant windowStart,
      Instant windowEnd,
      ExecutionStatus status,
      String failedReason,
      boolean missed,
      List<StoredResult> results,
      String replayId) {
    this(
        schedulerId,
        schedulerName,
        modelName,
        modelVersion,
        windowStart,
        windowEnd,
        status,
        failedReason,
        missed,
        results,
        replayId,
        null,
        null);
  }

  /** The outcome of {@code execution}, a window of {@code scheduler}. */
  static FinishedWindow of(
      SchedulerDefinition scheduler, ExecutionRecord execution, List<StoredResult> results) {
    return new FinishedWindow(
        scheduler.id(),
        scheduler.name(),
        execution.modelName(),
        execution.modelVersion(),
        execution.windowStart(),
        execution.windowEnd(),
        execution.status(),
        execution.failedReason(),
        execution.missed(),
        results,
        execution.replayId(),
        execution.scheduledStart(),
        execution.finishedAt());
  }

  /**
   * This window without its results: what is kept of it until it is on disk ({@link
   * InferenceListener#windowOnDisk}), so that windows waiting for a slow or failing disk hold a few
   * fields each rather than their rows.
   */
  public FinishedWindow withoutResults() {
    return results.isEmpty()
        ? this
        : new FinishedWindow(
            schedulerId,
            schedulerName,
            modelName,
            modelVersion,
            windowStart,
            windowEnd,
            status,
            failedReason,
            missed,
            List.of(),
            replayId,
            scheduledStart,
            finishedAt);
  }

  /** Whether a replay ran the window, rather than the schedule. */
  public boolean replay() {
    return replayId != null;
  }
}
