package dev.vigil.inference;

import dev.vigil.engine.data.InvalidDataException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When a scheduler scores what: the windows are aligned to the clock. The boundaries T are the
 * multiples of the upload frequency F since the epoch, in UTC; at each boundary T the scheduler
 * wakes at T + D, D being the data delay offset, and scores the data with timestamps in {@code [T -
 * F, T)}. The first window is the first aligned one whose start is at or after the scheduler's
 * start time. Windows are counted in UTC seconds, so they stay exactly F apart on days when local
 * clocks change for daylight saving time.
 *
 * <p>The data delay offset D is a whole number of seconds from zero to the larger of one hour and
 * F. Lookout for Equipment's {@code DataDelayOffsetInMinutes} allows 0 to 60 minutes whatever the
 * frequency (see {@link #lookoutDelay}); Vigil's native API keeps that hour, allows seconds for its
 * short frequencies, and allows up to F for frequencies longer than an hour, so that a daily upload
 * may arrive hours late. D may exceed F: the wake of a window then comes after the end of the next
 * one, as in Lookout with a 60-minute offset at {@code PT5M}.
 *
 * <p>No method reads a clock: every instant is passed in. Immutable and thread-safe.
 *
 * @param frequency F
 * @param delay D
 * @param firstStart the start of the first window, a multiple of F since the epoch
 */
record WindowSchedule(UploadFrequency frequency, Duration delay, Instant firstStart) {
  private static final Duration HOUR = Duration.ofHours(1);

  WindowSchedule {
    Objects.requireNonNull(frequency, "frequency");
    Objects.requireNonNull(delay, "delay");
    Objects.requireNonNull(firstStart, "firstStart");
    Duration max = frequency.duration().compareTo(HOUR) > 0 ? frequency.duration() : HOUR;
    if (delay.isNegative() || delay.getNano() != 0 || delay.compareTo(max) > 0) {
      throw new InvalidDataException(
          "data delay offset "
              + delay
              + " is not supported with data upload frequency "
              + frequency
              + ": use a whole number of seconds from PT0S to "
              + max);
    }
    if (!isAligned(firstStart, frequency.seconds())) {
      throw new IllegalArgumentException(
          "first window start " + firstStart + " is not a multiple of " + frequency);
    }
  }

  /**
   * The schedule of a scheduler that starts at {@code startTime}.
   *
   * @param startTime when the scheduler may start; the first window is the first aligned one that
   *     starts at or after it
   * @param now the current time; a start time before the current second is in the past. A start
   *     time within the current second is accepted, so that "now" written to the second is not
   *     refused.
   * @throws InvalidDataException when the start time is in the past or the delay is out of range
   */
  static WindowSchedule starting(
      Instant startTime, Instant now, UploadFrequency frequency, Duration delay) {
    Objects.requireNonNull(startTime, "startTime");
    Instant currentSecond = now.truncatedTo(ChronoUnit.SECONDS);
    if (startTime.isBefore(currentSecond)) {
      throw new InvalidDataException(
          "start time "
              + startTime
              + " is in the past (it is now "
              + currentSecond
              + "): use a start time at or after now");
    }
    long f = frequency.seconds();
    long seconds = startTime.getEpochSecond();
    long first = Math.floorDiv(seconds, f) * f;
    if (first < seconds || startTime.getNano() != 0) {
      first += f;
    }
    return new WindowSchedule(frequency, delay, Instant.ofEpochSecond(first));
  }

  /**
   * Lookout's {@code DataDelayOffsetInMinutes} as a duration.
   *
   * @throws InvalidDataException when it is outside Lookout's range of 0 to 60 minutes
   */
  static Duration lookoutDelay(long minutes) {
    if (minutes < 0 || minutes > 60) {
      throw new InvalidDataException(
          "data delay offset " + minutes + " minutes is not supported: use 0 to 60 minutes");
    }
    return Duration.ofMinutes(minutes);
  }

  /** The first window, starting at {@link #firstStart}. */
  Window first() {
    return windowStartingAt(firstStart);
  }

  /**
   * The same windows, but starting with the first one that wakes after {@code now} (never before
   * the current first window): what a restarted scheduler runs. Windows that came due while it was
   * paused are not run, as Lookout does on restart.
   */
  WindowSchedule resumedAt(Instant now) {
    long f = frequency.seconds();
    // The window [s, s + F) wakes at s + F + D: the first with a wake after now starts at the
    // first multiple of F strictly after now - F - D.
    long latestPassed = now.minus(delay).minusSeconds(f).getEpochSecond();
    long start = (Math.floorDiv(latestPassed, f) + 1) * f;
    Instant resumed = Instant.ofEpochSecond(start);
    return new WindowSchedule(frequency, delay, resumed.isAfter(firstStart) ? resumed : firstStart);
  }

  /** The window right after {@code window}: it starts where {@code window} ends. */
  Window next(Window window) {
    return windowStartingAt(window.end());
  }

  /**
   * The window {@code [end - F, end)}, also before the first window (a replay of a past range).
   *
   * @throws InvalidDataException when {@code end} is not a multiple of F since the epoch
   */
  Window windowEndingAt(Instant end) {
    if (!isAligned(end, frequency.seconds())) {
      throw new InvalidDataException(
          "window end "
              + end
              + " is not a boundary of data upload frequency "
              + frequency
              + ": boundaries are multiples of "
              + frequency
              + " since midnight UTC");
    }
    return windowStartingAt(end.minus(frequency.duration()));
  }

  /**
   * The windows that overlap {@code [start, end)}, oldest first, also before the first window (a
   * replay of a past range): from the window holding {@code start} to the one holding the instant
   * just before {@code end}.
   */
  List<Window> covering(Instant start, Instant end) {
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException("start " + start + " must be before end " + end);
    }
    List<Window> windows = new ArrayList<>();
    Window window = windowStartingAt(floor(start));
    while (window.start().isBefore(end)) {
      windows.add(window);
      window = next(window);
    }
    return windows;
  }

  /**
   * The windows, from the first one on, whose wake is in {@code (after, now]}, oldest first, at
   * most {@code max} of them (the oldest ones): the windows that came due since the wake {@code
   * after}, for example while the service was down. Calling it again with the wake of the last
   * window returned goes on where it stopped, never returning a window twice.
   *
   * @param after the wake of the last window handled, exclusive; any instant before {@code
   *     first().wake()} when none was handled yet
   * @param now the current time, inclusive
   * @param max at least 1
   */
  List<Window> dueBetween(Instant after, Instant now, int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1, not " + max);
    }
    List<Window> due = new ArrayList<>();
    if (!now.isAfter(after)) {
      return due;
    }
    Window window;
    if (after.isBefore(first().wake())) {
      window = first();
    } else {
      // The first start s with s + F + D > after.
      Instant latestNotDue = after.minus(frequency.duration()).minus(delay);
      window = windowStartingAt(floor(latestNotDue).plus(frequency.duration()));
    }
    while (due.size() < max && !window.wake().isAfter(now)) {
      due.add(window);
      window = next(window);
    }
    return due;
  }

  /** The window with the latest wake at or before {@code now}, empty before the first wake. */
  Optional<Window> latestDue(Instant now) {
    if (now.isBefore(first().wake())) {
      return Optional.empty();
    }
    return Optional.of(windowStartingAt(floor(now.minus(frequency.duration()).minus(delay))));
  }

  /**
   * The window with the latest wake at or before {@code now}, whether or not it comes before the
   * first window: the last window a replay may cover.
   */
  Window latestWokenBy(Instant now) {
    return windowStartingAt(floor(now.minus(frequency.duration()).minus(delay)));
  }

  private Window windowStartingAt(Instant start) {
    Instant end = start.plus(frequency.duration());
    return new Window(start, end, end.plus(delay));
  }

  /** The latest boundary at or before {@code instant}. */
  private Instant floor(Instant instant) {
    long f = frequency.seconds();
    return Instant.ofEpochSecond(Math.floorDiv(instant.getEpochSecond(), f) * f);
  }

  private static boolean isAligned(Instant instant, long frequencySeconds) {
    return instant.getNano() == 0 && Math.floorMod(instant.getEpochSecond(), frequencySeconds) == 0;
  }
}
