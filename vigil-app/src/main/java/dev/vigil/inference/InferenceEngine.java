package dev.vigil.inference;

/**
 * Runs schedulers' windows on time. Implemented by the execution engine; used by the scheduler
 * service when a scheduler is created, started, stopped, updated or deleted. Implementations are
 * thread-safe.
 */
interface InferenceEngine {
  /** The scheduler was created or started: run its windows from now on. */
  void schedule(SchedulerDefinition definition);

  /**
   * The scheduler was stopped or deleted: run no new window; one in flight finishes, then the
   * engine calls {@link SchedulerCatalog#markStopped}.
   */
  void unschedule(String schedulerId);

  /** Whether an execution of the scheduler runs right now. */
  boolean running(String schedulerId);

  /** A replay was recorded: run it now, on any node, to its end (also across a restart). */
  void startReplay(String replayId);
}
