package dev.vigil.storage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs actions once every transaction committed before them is on disk, without making the thread
 * that asks wait: a background thread flushes through the {@link GroupCommit}, at most once per
 * interval, and then runs the actions that were waiting when that flush began.
 *
 * <p>Why not wait in place: a scheduled window that waited for its own flush held one of the
 * engine's few threads idle for each one, and at 1000 windows waking together those waits, not the
 * flushes, were what made the round long (every window's flush is still there, shared). The
 * interval lets the windows that end meanwhile share one flush.
 *
 * <p>A flush that fails (a full disk) keeps its actions for the next attempt, so an action never
 * runs before its commits are on disk. Actions run on the flusher thread, in the order given; they
 * must be quick, and what they throw is logged and does not stop the others.
 *
 * <p>Thread-safe. {@link #close()} flushes what is waiting and runs its actions, then stops.
 */
final class DeferredFlush implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DeferredFlush.class);

  /** The longest wait between two attempts while flushes keep failing. */
  private static final long MAX_RETRY_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final GroupCommit commit;
  private final long intervalNanos;
  private final Thread flusher;
  private final Object lock = new Object();

  /** Actions whose commits are not known to be on disk yet; guarded by {@code lock}. */
  private List<Runnable> waiting = new ArrayList<>();

  /** Whether close() was called; guarded by {@code lock}. */
  private boolean closing;

  /**
   * @param commit the flushes to run
   * @param interval the least time from the start of one flush to the start of the next: actions
   *     given meanwhile wait for the next flush together
   * @param name the flusher thread's name
   */
  DeferredFlush(GroupCommit commit, Duration interval, String name) {
    this.commit = commit;
    this.intervalNanos = interval.toNanos();
    this.flusher = new Thread(this::flushWhileOpen, name);
    flusher.setDaemon(true);
    flusher.start();
  }

  /**
   * Runs {@code action} on the flusher thread once every transaction committed before this call is
   * on disk. After {@link #close()}, runs it at once, after a flush of its own.
   */
  void afterFlush(Runnable action) {
    synchronized (lock) {
      if (!closing) {
        waiting.add(action);
        lock.notifyAll();
        return;
      }
    }
    commit.await();
    action.run();
  }

  private void flushWhileOpen() {
    long lastStart = System.nanoTime() - intervalNanos;
    long retryNanos = intervalNanos;
    while (true) {
      List<Runnable> batch;
      synchronized (lock) {
        if (!awaitWork(lastStart + retryNanos)) {
          return;
        }
        // Taken before the flush begins: the flush covers every commit made before these actions.
        batch = waiting;
        waiting = new ArrayList<>();
      }
      lastStart = System.nanoTime();
      try {
        commit.await();
      } catch (RuntimeException e) {
        LOG.warn(
            "cannot write the database to disk ({}); what {} actions wait for is not durable"
                + " yet, and the next attempt is in {} ms",
            e.getMessage(),
            batch.size(),
            TimeUnit.NANOSECONDS.toMillis(Math.min(retryNanos * 2, MAX_RETRY_NANOS)));
        synchronized (lock) {
          batch.addAll(waiting);
          waiting = batch;
        }
        retryNanos = Math.min(Math.max(retryNanos * 2, 1), MAX_RETRY_NANOS);
        if (closingNow()) {
          return;
        }
        continue;
      }
      retryNanos = intervalNanos;
      runAll(batch);
    }
  }

  /**
   * Waits, holding {@code lock}, until there is something to flush and {@code notBefore} has come,
   * or until close() asks for a last flush.
   *
   * @return false when closed with nothing left to flush
   */
  private boolean awaitWork(long notBefore) {
    try {
      while (waiting.isEmpty()) {
        if (closing) {
          return false;
        }
        lock.wait();
      }
      long left;
      while (!closing && (left = notBefore - System.nanoTime()) > 0) {
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !waiting.isEmpty();
    }
  }

  private boolean closingNow() {
    synchronized (lock) {
      return closing;
    }
  }

  private static void runAll(List<Runnable> batch) {
    for (Runnable action : batch) {
      try {
        action.run();
      } catch (RuntimeException e) {
        LOG.warn("an action after a database flush failed", e);
      }
    }
  }

  /**
   * Flushes what waits and runs its actions, then stops the flusher. Actions given later run at
   * once, after a flush of their own.
   */
  @Override
  public void close() {
    synchronized (lock) {
      closing = true;
      lock.notifyAll();
    }
    try {
      flusher.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
