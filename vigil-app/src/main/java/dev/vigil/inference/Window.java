package dev.vigil.inference;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * One window of a schedule: the data with timestamps in {@code [start, end)} is scored when the
 * scheduler wakes at {@code wake}, the end plus the data delay offset. Immutable and thread-safe.
 *
 * @param start the first instant of the window, inclusive
 * @param end the instant after the window, exclusive: the boundary T
 * @param wake when the window is due: {@code end} plus the delay offset
 */
record Window(Instant start, Instant end, Instant wake) {
  private static final DateTimeFormatter ID =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  Window {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(wake, "wake");
    if (!start.isBefore(end) || wake.isBefore(end)) {
      throw new IllegalArgumentException(
          "a window needs start < end <= wake, not " + start + ", " + end + ", " + wake);
    }
  }

  /**
   * A key for the window that is unique within a scheduler: the end in UTC as {@code
   * yyyy-MM-ddTHH:mm:ssZ}, for example {@code 2026-01-01T10:05:00Z}. It sorts like the windows.
   */
  String id() {
    return ID.format(end);
  }

  /** Whether {@code timestamp} is in {@code [start, end)}: its results belong to this window. */
  boolean contains(Instant timestamp) {
    return !timestamp.isBefore(start) && timestamp.isBefore(end);
  }
}
