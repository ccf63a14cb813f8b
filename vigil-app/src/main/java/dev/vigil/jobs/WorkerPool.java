package dev.vigil.jobs;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded pool that runs long jobs (ingestion, training) off the request threads, so that the
 * API stays responsive while they run. Named threads, a bounded queue, and a job that throws is
 * logged and counted; the pool keeps going.
 *
 * <p>Thread-safe.
 */
public final class WorkerPool implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

  /** Jobs waiting beyond this many are refused rather than queued without end. */
  public static final int QUEUE_CAPACITY = 1_000;

  private final ThreadPoolExecutor executor;
  private final AtomicInteger failures = new AtomicInteger();
  private final Runnable afterEachJob;

  /** Jobs submitted and not yet finished, guarded by {@code this}; see {@link #awaitIdle}. */
  private int inFlight;

  public WorkerPool(int threads) {
    this(threads, () -> {});
  }

  /**
   * @param afterEachJob runs on the job's thread after each job, whether it succeeded or not: in
   *     Vigil, makes what the job recorded durable, so that a job seen finished stays finished
   */
  public WorkerPool(int threads, Runnable afterEachJob) {
    this.afterEachJob = afterEachJob;
    AtomicInteger counter = new AtomicInteger();
    this.executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE_CAPACITY),
            runnable -> {
              Thread thread = new Thread(runnable, "vigil-worker-" + counter.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Runs a job on a worker thread.
   *
   * @throws RejectedExecutionException when the queue is full or the pool is closed
   */
  public void submit(String description, Runnable job) {
    synchronized (this) {
      inFlight++;
    }
    try {
      executor.execute(
          () -> {
            try {
              run(description, job);
              run("after " + description, afterEachJob);
            } finally {
              finished();
            }
          });
    } catch (RejectedExecutionException e) {
      finished();
      throw e;
    }
  }

  private void run(String description, Runnable job) {
    try {
      job.run();
    } catch (RuntimeException | Error e) {
      failures.incrementAndGet();
      LOG.error("job '{}' failed", description, e);
    }
  }

  private synchronized void finished() {
    inFlight--;
    if (inFlight == 0) {
      notifyAll();
    }
  }

  /**
   * Waits until every submitted job has finished, for draining before a shutdown and for tests that
   * must observe a job's outcome without polling on a timer.
   *
   * @return true when idle, false when the timeout passed first
   */
  public synchronized boolean awaitIdle(java.time.Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (inFlight > 0) {
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        return false;
      }
      java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, remaining);
    }
    return true;
  }

  /** Jobs that ended with an uncaught exception since start. */
  public int failures() {
    return failures.get();
  }

  /** Stops taking jobs, waits a while for running ones, then interrupts them. */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
