package dev.vigil.inference;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * What other features learn of inference as it happens: a window finished (scored or failed, by the
 * schedule or by a replay), a scheduler was paused by the system, a scheduler was deleted. Each
 * call runs inside the database transaction that records the outcome, on the handle given, so that
 * whatever the listener writes (an alert in the outbox, say) commits or rolls back with it: nothing
 * is recorded without its consequences, and no consequence without what caused it.
 *
 * <p>Listeners must be quick and must not call out of the process (no HTTP, no SMTP): they write
 * rows that a worker acts on after the commit. An exception rolls the outcome back, and the window
 * is run again. Implementations must be thread-safe: windows of different schedulers finish on
 * different threads.
 */
public interface InferenceListener {
  /** Listens to nothing. */
  InferenceListener NONE = new InferenceListener() {};

  /** A window's execution finished; its results (if any) are in the same transaction. */
  default void windowFinished(Handle transaction, FinishedWindow window) {}

  /**
   * A window the schedule ran, heard of in {@link #windowFinished}, is on disk now: a crash can no
   * longer take it back, and it counts as finished. Called after the commit, outside any
   * transaction, on a thread that serves every window (so it must be quick), at most once per
   * window; not at all when the process dies first. Windows of a replay and missed windows are not
   * reported here. The window comes without its results ({@link FinishedWindow#withoutResults}):
   * {@link #windowFinished} had them.
   *
   * @param onDiskAt when it was known on disk, by Vigil's clock
   */
  default void windowOnDisk(FinishedWindow window, Instant onDiskAt) {}

  /** A scheduler moved to system pause after repeated failures. */
  default void pausedBySystem(Handle transaction, SystemPause pause) {}

  /**
   * A stopped scheduler was deleted (its executions and results stay): what belongs to it alone
   * goes with it.
   */
  default void schedulerDeleted(Handle transaction, String schedulerId, String schedulerName) {}

  /**
   * Every listener of {@code listeners}, in order. The list is read at each call, so that features
   * built after inference can add theirs before the engine starts; give a thread-safe list.
   */
  static InferenceListener all(List<InferenceListener> listeners) {
    List<InferenceListener> copy = listeners;
    return new InferenceListener() {
      @Override
      public void windowFinished(Handle transaction, FinishedWindow window) {
        for (InferenceListener listener : copy) {
          listener.windowFinished(transaction, window);
        }
      }

      @Override
      public void windowOnDisk(FinishedWindow window, Instant onDiskAt) {
        for (InferenceListener listener : copy) {
          listener.windowOnDisk(window, onDiskAt);
        }
      }

      @Override
      public void pausedBySystem(Handle transaction, SystemPause pause) {
        for (InferenceListener listener : copy) {
          listener.pausedBySystem(transaction, pause);
        }
      }

      @Override
      public void schedulerDeleted(Handle transaction, String schedulerId, String schedulerName) {
        for (InferenceListener listener : copy) {
          listener.schedulerDeleted(transaction, schedulerId, schedulerName);
        }
      }
    };
  }
}
