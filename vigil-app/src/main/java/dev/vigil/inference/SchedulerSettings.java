package dev.vigil.inference;

/**
 * Settings of inference scheduling that the execution engine applies. Immutable and thread-safe.
 *
 * @param maxConsecutiveFailures after this many FAILED executions in a row, the engine moves the
 *     scheduler to system pause ({@link SchedulerCatalog#pauseBySystem}); at least 1
 */
public record SchedulerSettings(int maxConsecutiveFailures) {
  /** Failed executions in a row that pause a scheduler when nothing else is configured. */
  public static final int DEFAULT_MAX_CONSECUTIVE_FAILURES = 5;

  /** The settings when nothing is configured. */
  public static final SchedulerSettings DEFAULTS =
      new SchedulerSettings(DEFAULT_MAX_CONSECUTIVE_FAILURES);

  public SchedulerSettings {
    if (maxConsecutiveFailures < 1) {
      throw new IllegalArgumentException(
          "maxConsecutiveFailures must be at least 1, not " + maxConsecutiveFailures);
    }
  }
}
