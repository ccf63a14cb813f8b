package dev.vigil.inference;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the execution engine, read once from the configuration. Immutable and thread-safe.
 *
 * @param catchUpHorizon after a restart, windows whose wake is older than this are not scored but
 *     recorded as missed, with a reason; younger ones are scored in order
 * @param maxConsecutiveFailures this many FAILED executions in a row move the scheduler to system
 *     pause
 * @param maxWindowsPerRun at most this many windows per run of a scheduler's task; a run that stops
 *     there is continued at once by the next one, so one scheduler catching up on a long outage
 *     does not hold a worker thread for hours
 * @param maxReplayPoints a replay may cover at most this many data points
 */
public record EngineSettings(
    Duration catchUpHorizon,
    int maxConsecutiveFailures,
    int maxWindowsPerRun,
    int maxReplayPoints) {
  /** A day: the windows of a weekend outage are marked missed, those of a night's one are run. */
  public static final Duration DEFAULT_CATCH_UP_HORIZON = Duration.ofHours(24);

  /** Lookout for Equipment's documented behaviour: five failures in a row pause the scheduler. */
  public static final int DEFAULT_MAX_CONSECUTIVE_FAILURES = 5;

  /** A day of 5-minute windows, almost three of 10-minute windows: bounds one run. */
  public static final int DEFAULT_MAX_WINDOWS_PER_RUN = 288;

  /**
   * Metrics Advisor for Equipment's limit: a day of one-minute data, a week of five-minute data.
   */
  public static final int DEFAULT_MAX_REPLAY_POINTS = 2000;

  /** The defaults. */
  public static final EngineSettings DEFAULTS =
      new EngineSettings(
          DEFAULT_CATCH_UP_HORIZON,
          DEFAULT_MAX_CONSECUTIVE_FAILURES,
          DEFAULT_MAX_WINDOWS_PER_RUN,
          DEFAULT_MAX_REPLAY_POINTS);

  public EngineSettings {
    Objects.requireNonNull(catchUpHorizon, "catchUpHorizon");
    if (catchUpHorizon.isNegative()) {
      throw new IllegalArgumentException(
          "catch-up horizon must not be negative, got " + catchUpHorizon);
    }
    if (maxConsecutiveFailures < 1) {
      throw new IllegalArgumentException(
          "max consecutive failures must be at least 1, got " + maxConsecutiveFailures);
    }
    if (maxWindowsPerRun < 1) {
      throw new IllegalArgumentException(
          "max windows per run must be at least 1, got " + maxWindowsPerRun);
    }
    if (maxReplayPoints < 1) {
      throw new IllegalArgumentException(
          "max replay points must be at least 1, got " + maxReplayPoints);
    }
  }
}
