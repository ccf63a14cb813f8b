package dev.vigil.inference;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes db-scheduler at the instants this node's windows are due, so that a window starts at its
 * wake rather than at db-scheduler's next look for due work. Lookout wakes a scheduler at its
 * boundary plus the delay offset; a poll a second apart started each window half a second late on
 * average, and since every scheduler of a plant wakes at the same boundary, that delay came on top
 * of the whole round's.
 *
 * <p>The alarm knows only the wakes given to it on this node; db-scheduler's own polling still
 * finds everything else (windows of another node, an execution revived after a crash). It reads
 * Vigil's clock, and sleeps at most {@link #LONGEST_SLEEP} at a time, so that it follows a clock
 * that is set forward (as the benchmark's is) within that.
 *
 * <p>Thread-safe.
 */
final class WakeAlarm implements AutoCloseable {
  /** The longest the alarm sleeps before it reads the clock again. */
  static final Duration LONGEST_SLEEP = Duration.ofSeconds(1);

  private static final Logger LOG = LoggerFactory.getLogger(WakeAlarm.class);

  private final Clock clock;
  private final Runnable ring;
  private final Object lock = new Object();

  /** Wakes still to come; guarded by {@code lock}. */
  private final TreeSet<Instant> wakes = new TreeSet<>();

  /** Guarded by {@code lock}. */
  private boolean closed;

  private final Thread thread;

  private WakeAlarm(Clock clock, Runnable ring, boolean running) {
    this.clock = clock;
    this.ring = ring;
    this.thread = running ? new Thread(this::ringWhileOpen, "vigil-wake-alarm") : null;
  }

  /**
   * An alarm that runs {@code ring} as soon as one of its wakes has come by {@code clock}, on a
   * thread of its own until {@link #close()}.
   */
  static WakeAlarm start(Clock clock, Runnable ring) {
    WakeAlarm alarm = new WakeAlarm(clock, ring, true);
    alarm.thread.setDaemon(true);
    alarm.thread.start();
    return alarm;
  }

  /**
   * An alarm that keeps its wakes but never rings: for tests that run db-scheduler's due work
   * themselves.
   */
  static WakeAlarm silent(Clock clock) {
    return new WakeAlarm(clock, () -> {}, false);
  }

  /** Rings at {@code wake}, or at once when it has come already. */
  void set(Instant wake) {
    synchronized (lock) {
      if (wakes.add(wake) && wakes.first().equals(wake)) {
        lock.notifyAll();
      }
    }
  }

  /**
   * Removes the wakes that have come by {@code now}.
   *
   * @return whether there was any: the alarm rings
   */
  boolean takeDue(Instant now) {
    synchronized (lock) {
      boolean any = false;
      while (!wakes.isEmpty() && !wakes.first().isAfter(now)) {
        wakes.pollFirst();
        any = true;
      }
      return any;
    }
  }

  /** How long to sleep at {@code now} before the next wake: at most {@link #LONGEST_SLEEP}. */
  Duration sleepBefore(Instant now) {
    synchronized (lock) {
      if (wakes.isEmpty()) {
        return LONGEST_SLEEP;
      }
      Duration left = Duration.between(now, wakes.first());
      if (left.isNegative()) {
        return Duration.ZERO;
      }
      return left.compareTo(LONGEST_SLEEP) < 0 ? left : LONGEST_SLEEP;
    }
  }

  private void ringWhileOpen() {
    while (true) {
      Instant now = clock.instant();
      if (takeDue(now)) {
        try {
          ring.run();
        } catch (RuntimeException e) {
          LOG.warn("waking the scheduler failed; it finds the due windows at its next poll", e);
        }
      }
      synchronized (lock) {
        if (closed) {
          return;
        }
        long nanos = sleepBefore(now).toNanos();
        if (nanos > 0) {
          try {
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(lock, nanos);
          } catch (InterruptedException e) {
            return;
          }
        }
      }
    }
  }

  /** Stops the alarm's thread; wakes set later never ring. */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
    }
  }
}
