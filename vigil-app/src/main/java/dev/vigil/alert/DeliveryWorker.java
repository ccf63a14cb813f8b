package dev.vigil.alert;

import dev.vigil.hook.DeliveryOutcome;
import dev.vigil.hook.Hook;
import dev.vigil.hook.HookService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: a dispatcher thread looks for hooks with due deliveries every {@link
 * #POLL_INTERVAL}, or at once when a transaction that decided alerts commits ({@link #nudge()}),
 * and hands each such hook to a bounded pool of named delivery threads. One thread serves one hook
 * at a time on a node, taking its due deliveries one after the other in outbox order; so a hook
 * that hangs holds one thread for at most its timeout and never holds back another hook, and
 * inference, which only writes outbox rows, is never held back at all.
 *
 * <p>Each delivery is claimed with a lease (the hook's timeout plus {@link #LEASE_MARGIN}) before
 * it is sent, and its attempt recorded after: a node that dies mid-delivery leaves the lease to
 * expire, and the delivery is sent again, so a receiver gets each alert at least once and a
 * duplicate (with the same alert id) at most after such a crash. A failed attempt is retried after
 * the backoff's waits ({@link Backoff#DEFAULT} in Vigil) until the retry horizon ends, then the
 * delivery is FAILED.
 *
 * <p>Time is read from the injected clock only: tests leave the dispatcher unstarted, move the
 * clock by hand and call {@link #deliverDue()}.
 *
 * <p>Thread-safe.
 */
final class DeliveryWorker implements AutoCloseable {
  /** How often the dispatcher looks for due deliveries when nothing wakes it earlier. */
  static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

  /** How much longer than its hook's timeout a delivery stays claimed by the worker sending it. */
  static final Duration LEASE_MARGIN = Duration.ofSeconds(30);

  /** Deliveries one run of a hook makes before the dispatcher looks at the other hooks again. */
  static final int MAX_PER_RUN = 100;

  /** Hooks waiting for a thread beyond this many wait for the next look instead. */
  static final int QUEUE_CAPACITY = 1_000;

  private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);

  private final OutboxRepository outbox;
  private final HookService hooks;
  private final Clock clock;
  private final Backoff backoff;
  private final DoubleSupplier random;
  private final AlertStats stats;
  private final String node = "node-" + UUID.randomUUID();
  private final ThreadPoolExecutor pool;
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final AtomicInteger attempts = new AtomicInteger();
  private final AtomicInteger failures = new AtomicInteger();
  private final Object wake = new Object();

  /** Hook runs submitted and not finished, guarded by {@code this}. */
  private int inFlight;

  /** Whether the dispatcher was woken since it last looked, guarded by {@code wake}. */
  private boolean nudged;

  private volatile Thread dispatcher;
  private volatile boolean closed;

  /**
   * @param threads delivery threads
   * @param random values in [0, 1) that place each wait within the backoff's jitter
   * @param stats hears of each attempt once it is recorded
   */
  DeliveryWorker(
      OutboxRepository outbox,
      HookService hooks,
      Clock clock,
      Backoff backoff,
      DoubleSupplier random,
      int threads,
      AlertStats stats) {
    this.outbox = outbox;
    this.hooks = hooks;
    this.clock = clock;
    this.backoff = backoff;
    this.random = random;
    this.stats = stats;
    AtomicInteger counter = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUE_CAPACITY),
            runnable -> {
              Thread thread =
                  new Thread(runnable, "vigil-alert-delivery-" + counter.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Starts the dispatcher thread; deliveries left by an earlier run of Vigil go out first. */
  synchronized void start() {
    if (dispatcher != null) {
      return;
    }
    Thread thread = new Thread(this::dispatchUntilClosed, "vigil-alert-dispatcher");
    thread.setDaemon(true);
    dispatcher = thread;
    thread.start();
  }

  /** Makes the dispatcher look for due deliveries now rather than at its next poll. */
  void nudge() {
    synchronized (wake) {
      nudged = true;
      wake.notifyAll();
    }
  }

  private void dispatchUntilClosed() {
    while (!closed) {
      try {
        dispatchDue();
      } catch (RuntimeException e) {
        failures.incrementAndGet();
        LOG.error("looking for due alert deliveries failed; looking again in {}", POLL_INTERVAL, e);
      }
      synchronized (wake) {
        try {
          if (!nudged && !closed) {
            wake.wait(POLL_INTERVAL.toMillis());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        nudged = false;
      }
    }
  }

  /**
   * Hands every hook with a due delivery, and no run under way on this node, to a delivery thread.
   *
   * @return how many hook runs were started
   */
  int dispatchDue() {
    int started = 0;
    for (String hookId : outbox.hooksWithDueDeliveries(clock.instant())) {
      if (closed || !running.add(hookId)) {
        continue;
      }
      synchronized (this) {
        inFlight++;
      }
      try {
        pool.execute(() -> run(hookId));
        started++;
      } catch (RejectedExecutionException e) {
        running.remove(hookId);
        finished();
      }
    }
    return started;
  }

  /**
   * Delivers everything due now and waits until done: what a test calls after moving the clock.
   *
   * @return the attempts made
   */
  int deliverDue() {
    int before = attempts.get();
    int made;
    do {
      made = attempts.get();
      dispatchDue();
      try {
        if (!awaitIdle(Duration.ofMinutes(5))) {
          throw new IllegalStateException("deliveries did not finish within 5 minutes");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while delivering", e);
      }
    } while (attempts.get() > made);
    return attempts.get() - before;
  }

  /**
   * Waits until no hook run is under way on this node.
   *
   * @return true when idle, false when the timeout passed first
   */
  synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (inFlight > 0) {
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, remaining);
    }
    return true;
  }

  private synchronized void finished() {
    inFlight--;
    if (inFlight == 0) {
      notifyAll();
    }
  }

  /** Hook runs that ended with an unexpected exception since start. */
  int failures() {
    return failures.get();
  }

  /** Sends the due deliveries of one hook, oldest first, up to {@link #MAX_PER_RUN}. */
  private void run(String hookId) {
    try {
      for (int i = 0; i < MAX_PER_RUN && !closed; i++) {
        Optional<Hook> hook = hooks.findById(hookId);
        if (hook.isEmpty()) {
          int cancelled =
              outbox.cancelPending(hookId, "its hook was deleted before it could be delivered");
          LOG.warn("hook {} was deleted: {} pending alert deliveries cancelled", hookId, cancelled);
          return;
        }
        Instant now = clock.instant();
        Optional<OutboxRepository.Claim> claim =
            outbox.claimNext(hookId, node, now, now.plus(hook.get().timeout()).plus(LEASE_MARGIN));
        if (claim.isEmpty()) {
          return;
        }
        deliver(hook.get(), claim.get());
      }
      // More may be due: let the dispatcher give the other hooks their turn, then come back.
      nudge();
    } catch (RuntimeException e) {
      failures.incrementAndGet();
      LOG.error(
          "delivering alerts to hook {} failed; a delivery it claimed is tried again when its"
              + " lease ends",
          hookId,
          e);
    } finally {
      running.remove(hookId);
      finished();
    }
  }

  private void deliver(Hook hook, OutboxRepository.Claim claim) {
    Delivery delivery = claim.delivery();
    int attempt = delivery.attempts() + 1;
    Instant started = clock.instant();
    DeliveryOutcome outcome =
        hooks.send(hook, AlertPayloads.notification(claim.payload(), attempt));
    attempts.incrementAndGet();
    Instant now = clock.instant();
    OutboxRepository.Settlement settlement;
    if (outcome.delivered()) {
      settlement = new OutboxRepository.Settlement(DeliveryStatus.DELIVERED, now, null);
      LOG.info(
          "alert {} delivered to hook {} (attempt {}{})",
          delivery.alertId(),
          hook.name(),
          attempt,
          outcome.httpStatus() == null ? "" : ", HTTP " + outcome.httpStatus());
    } else {
      Instant next = now.plus(backoff.after(attempt, random.getAsDouble()));
      if (next.isBefore(delivery.giveUpAt())) {
        settlement = new OutboxRepository.Settlement(DeliveryStatus.PENDING, next, outcome.error());
        LOG.warn(
            "alert {} to hook {}: attempt {} failed: {}; next attempt at {}",
            delivery.alertId(),
            hook.name(),
            attempt,
            outcome.error(),
            next);
      } else {
        String gaveUp =
            "gave up after "
                + attempt
                + " attempts: the retry horizon ended at "
                + delivery.giveUpAt()
                + "; the last attempt failed: "
                + outcome.error();
        settlement = new OutboxRepository.Settlement(DeliveryStatus.FAILED, now, gaveUp);
        LOG.error("alert {} to hook {}: {}", delivery.alertId(), hook.name(), gaveUp);
      }
    }
    outbox.recordAttempt(
        claim,
        node,
        new Attempt(
            delivery.seq(),
            delivery.alertId(),
            hook.name(),
            attempt,
            started,
            outcome.duration().toMillis(),
            outcome.delivered(),
            outcome.httpStatus(),
            outcome.reply(),
            outcome.error()),
        settlement);
    stats.deliveryAttempted(hook.type(), outcome.delivered(), settlement.status());
  }

  /**
   * Stops the dispatcher, lets runs under way finish their current attempt for a while, then
   * interrupts them; deliveries claimed and not recorded are sent again after their lease.
   */
  @Override
  public void close() {
    closed = true;
    Thread thread = dispatcher;
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(Duration.ofSeconds(10).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    pool.shutdown();
    try {
      if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
