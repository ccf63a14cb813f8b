package dev.vigil.inference;

/**
 * The status of an inference scheduler, spelled as Lookout for Equipment's {@code Status}. The
 * portal label of each is {@link InferenceScheduler#portalStatus()}.
 */
public enum SchedulerStatus {
  /** Created or restarted; the first run is not yet due. Portal: Active. */
  PENDING,
  /** Runs on schedule. Portal: Active. */
  RUNNING,
  /** Stop requested; the execution in flight is finishing. Portal: Active. */
  STOPPING,
  /** Paused by a user or by the system, see {@link StopReason}. */
  STOPPED;

  /** Whether the engine runs the scheduler's windows: PENDING, RUNNING or STOPPING. */
  boolean active() {
    return this != STOPPED;
  }
}
