package dev.vigil.storage;

import dev.vigil.engine.VigilException;

/**
 * Makes committed transactions durable many at a time: a group commit over a flush that writes
 * everything committed so far to disk.
 *
 * <p>A caller of {@link #await()} needs a flush that starts after its call, because one already
 * under way may have begun before its transaction committed. Callers that arrive while a flush runs
 * all wait for the next one, and one of them runs it for all: however many callers come at once, at
 * most two flushes serve them. A flush that fails fails the caller that ran it; the others wait on,
 * and the next of them to find no flush running runs one.
 *
 * <p>Thread-safe.
 */
final class GroupCommit {
  private final Runnable flush;
  private final Object lock = new Object();

  /** The number of the latest flush begun (they count from 1); guarded by {@code lock}. */
  private long started;

  /** The number of the latest flush that ended well; guarded by {@code lock}. */
  private long finished;

  /** Whether a flush runs; guarded by {@code lock}. */
  private boolean flushing;

  /** Callers waiting for a flush, for tests; guarded by {@code lock}. */
  private int waiting;

  /**
   * @param flush writes every transaction committed before it began to disk; throws when it cannot
   */
  GroupCommit(Runnable flush) {
    this.flush = flush;
  }

  /**
   * Returns once every transaction committed before this call is on disk.
   *
   * @throws RuntimeException what the flush this caller ran threw
   */
  void await() {
    long number;
    synchronized (lock) {
      long needed = started + 1;
      while (true) {
        if (finished >= needed) {
          return;
        }
        if (!flushing) {
          flushing = true;
          number = ++started;
          break;
        }
        waitForFlush();
      }
    }
    runFlush(number);
  }

  private void waitForFlush() {
    waiting++;
    try {
      lock.wait();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VigilException("interrupted while waiting for the database to reach the disk", e);
    } finally {
      waiting--;
    }
  }

  private void runFlush(long number) {
    boolean done = false;
    try {
      flush.run();
      done = true;
    } finally {
      synchronized (lock) {
        flushing = false;
        if (done) {
          finished = number;
        }
        lock.notifyAll();
      }
    }
  }

  /** Callers waiting for a flush to end, for tests. */
  int waiting() {
    synchronized (lock) {
      return waiting;
    }
  }
}
