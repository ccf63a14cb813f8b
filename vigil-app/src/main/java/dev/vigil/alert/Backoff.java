package dev.vigil.alert;

import java.time.Duration;
import java.util.Objects;

/**
 * The waits between delivery attempts: exponential from {@code first}, doubling after each failed
 * attempt up to {@code max}, each spread by up to {@code jitter} either way so that alerts held up
 * by one outage do not all retry in the same instant. Immutable and thread-safe.
 *
 * @param first the wait after the first failed attempt
 * @param max the longest wait: a receiver that comes back gets its alerts within this (plus the
 *     jitter)
 * @param jitter 0 to 1: a wait w becomes a value in {@code [w(1 - jitter), w(1 + jitter))}
 */
record Backoff(Duration first, Duration max, double jitter) {
  /** The longest wait of {@link #DEFAULT}: a receiver back from an outage waits no longer. */
  static final Duration DEFAULT_MAX = Duration.ofMinutes(10);

  /** Ten seconds, then 20 s, 40 s, ... up to {@link #DEFAULT_MAX}, each within 20%. */
  static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(10), DEFAULT_MAX, 0.2);

  Backoff {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(max, "max");
    if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
      throw new IllegalArgumentException("need 0 < first <= max, not " + first + ", " + max);
    }
    if (jitter < 0 || jitter >= 1) {
      throw new IllegalArgumentException("jitter must be in [0, 1), got " + jitter);
    }
  }

  /**
   * The wait after failed attempt {@code attempt}.
   *
   * @param attempt the attempt that failed, from 1
   * @param random a value in [0, 1) that places the wait within the jitter (0.5: the wait itself)
   */
  Duration after(int attempt, double random) {
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1, got " + attempt);
    }
    long firstMillis = first.toMillis();
    long maxMillis = max.toMillis();
    long base = firstMillis;
    for (int i = 1; i < attempt && base < maxMillis; i++) {
      base *= 2;
    }
    base = Math.min(base, maxMillis);
    double spread = 1 - jitter + 2 * jitter * random;
    return Duration.ofMillis(Math.round(base * spread));
  }
}
