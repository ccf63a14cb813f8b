package dev.vigil.inference;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An inference scheduler as stored: its settings, the model version it runs and its status.
 * Immutable and thread-safe.
 *
 * @param id stable identifier, never reused
 * @param name unique name
 * @param modelName the model whose version runs
 * @param modelVersion the version that runs
 * @param datasetName the model's dataset; a model swap keeps it
 * @param status where the scheduler stands
 * @param stopReason why a STOPPED scheduler stopped, null otherwise
 * @param stopDetail the reason of a system pause, null otherwise
 * @param schedule frequency, delay offset and first window
 * @param startTime the start time asked for; the first window is the first aligned one at or after
 *     it
 * @param inputBucket where input files are read
 * @param inputPrefix the folder of the input files, empty or ending with {@code /}
 * @param naming the input file names and time zone
 * @param outputBucket where results are written
 * @param outputPrefix the folder of the results, empty or ending with {@code /}
 * @param createdAt creation time
 * @param updatedAt time of the last change, status changes included
 */
record InferenceScheduler(
    String id,
    String name,
    String modelName,
    int modelVersion,
    String datasetName,
    SchedulerStatus status,
    StopReason stopReason,
    String stopDetail,
    WindowSchedule schedule,
    Instant startTime,
    String inputBucket,
    String inputPrefix,
    FileNaming naming,
    String outputBucket,
    String outputPrefix,
    Instant createdAt,
    Instant updatedAt) {
  /** Portal label of a scheduler that is not stopped. */
  static final String ACTIVE_LABEL = "Active";

  InferenceScheduler {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(modelName, "modelName");
    Objects.requireNonNull(datasetName, "datasetName");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(startTime, "startTime");
    Objects.requireNonNull(inputBucket, "inputBucket");
    Objects.requireNonNull(inputPrefix, "inputPrefix");
    Objects.requireNonNull(naming, "naming");
    Objects.requireNonNull(outputBucket, "outputBucket");
    Objects.requireNonNull(outputPrefix, "outputPrefix");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if ((status == SchedulerStatus.STOPPED) != (stopReason != null)) {
      throw new IllegalArgumentException(
          "a stop reason goes with status STOPPED only, not " + status + " and " + stopReason);
    }
  }

  /** What the execution engine needs to run the scheduler. */
  SchedulerDefinition definition() {
    return new SchedulerDefinition(
        id,
        name,
        modelName,
        modelVersion,
        schedule,
        inputBucket,
        inputPrefix,
        naming,
        outputBucket,
        outputPrefix);
  }

  /** The data delay offset D. */
  Duration delay() {
    return schedule.delay();
  }

  /** The status label of the Metrics Advisor for Equipment portal. */
  String portalStatus() {
    return stopReason == null ? ACTIVE_LABEL : stopReason.portalLabel();
  }

  /**
   * The next window to come due after {@code now}: the first window whose wake is after it. Empty
   * for a stopped scheduler, which runs no window.
   */
  Optional<Window> nextWindow(Instant now) {
    if (!status.active()) {
      return Optional.empty();
    }
    return Optional.of(schedule.latestDue(now).map(schedule::next).orElseGet(schedule::first));
  }

  /** This scheduler with another status; the stop reason and detail go with it. */
  InferenceScheduler withStatus(
      SchedulerStatus newStatus, StopReason reason, String detail, Instant now) {
    return new InferenceScheduler(
        id,
        name,
        modelName,
        modelVersion,
        datasetName,
        newStatus,
        reason,
        detail,
        schedule,
        startTime,
        inputBucket,
        inputPrefix,
        naming,
        outputBucket,
        outputPrefix,
        createdAt,
        now);
  }
}
