package dev.vigil.inference;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The schedulers the engine must run, and the state changes the engine reports back. Implemented by
 * the scheduler service; used by the execution engine. Implementations are thread-safe.
 */
interface SchedulerCatalog {
  /** Every scheduler whose status is PENDING, RUNNING or STOPPING. */
  List<SchedulerDefinition> active();

  /** The scheduler with this id, whatever its status. */
  Optional<SchedulerDefinition> find(String schedulerId);

  /**
   * Whether the scheduler must run no new window: it is STOPPING, STOPPED or gone. The database is
   * the source of truth, so a stop asked on another node, or before a restart, is seen too.
   */
  default boolean stopRequested(String schedulerId) {
    return find(schedulerId).isEmpty();
  }

  /**
   * The first execution of a PENDING scheduler is being recorded in {@code transaction}: the
   * scheduler is RUNNING once that commits. One transaction for both saves a commit per scheduler
   * on the first window after a start, when every scheduler wakes at once.
   */
  void markRunning(Handle transaction, String schedulerId);

  /** A STOPPING scheduler's in-flight execution ended: it is STOPPED (user pause) now. */
  void markStopped(String schedulerId);

  /**
   * Too many executions failed in a row: the scheduler is STOPPED by the system (system pause),
   * with the reason shown to users.
   */
  void pauseBySystem(String schedulerId, String reason);
}
