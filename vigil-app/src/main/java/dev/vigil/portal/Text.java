package dev.vigil.portal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * How the portal writes and reads times, durations and numbers. Every time is UTC, shown as {@code
 * 2026-01-01 10:05:00 UTC} and typed as {@code 2026-01-01 10:05} (seconds and a trailing {@code Z}
 * optional, {@code T} or a space between date and time). Stateless and thread-safe.
 */
final class Text {
  private static final DateTimeFormatter SHOWN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter TYPED =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private Text() {}

  /** An ISO-8601 instant as the portal shows it; empty for null, the text as is when unreadable. */
  static String time(String iso) {
    if (iso == null || iso.isEmpty()) {
      return "";
    }
    try {
      return SHOWN.format(Instant.parse(iso)) + " UTC";
    } catch (DateTimeParseException e) {
      return iso;
    }
  }

  /** An instant as the portal shows it. */
  static String time(Instant instant) {
    return SHOWN.format(instant) + " UTC";
  }

  /** An ISO-8601 instant as a form field holds it. */
  static String typed(String iso) {
    if (iso == null || iso.isEmpty()) {
      return "";
    }
    try {
      return TYPED.format(LocalDateTime.ofInstant(Instant.parse(iso), ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return iso;
    }
  }

  /** An instant as a form field holds it. */
  static String typed(Instant instant) {
    return TYPED.format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
  }

  /**
   * A typed UTC time as an ISO-8601 instant; null when blank. Text that is no time is returned as
   * it is, for the service to refuse with its message naming the field.
   */
  static String instant(String typed) {
    if (typed == null || typed.isBlank()) {
      return null;
    }
    String text = typed.strip().replace(' ', 'T');
    if (text.endsWith("Z") || text.endsWith("z")) {
      text = text.substring(0, text.length() - 1);
    }
    try {
      return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC).toString();
    } catch (DateTimeParseException e) {
      return typed.strip();
    }
  }

  /**
   * An ISO-8601 duration in words: {@code PT5M} is {@code 5 min}, {@code PT1H30M} {@code 1 h 30
   * min}.
   */
  static String duration(String iso) {
    if (iso == null || iso.isEmpty()) {
      return "";
    }
    try {
      return duration(Duration.parse(iso));
    } catch (DateTimeParseException e) {
      return iso;
    }
  }

  /** A duration in words. */
  static String duration(Duration duration) {
    if (duration.isZero()) {
      return "none";
    }
    StringBuilder text = new StringBuilder();
    long days = duration.toDays();
    if (days > 0) {
      text.append(days).append(" d ");
    }
    if (duration.toHoursPart() > 0) {
      text.append(duration.toHoursPart()).append(" h ");
    }
    if (duration.toMinutesPart() > 0) {
      text.append(duration.toMinutesPart()).append(" min ");
    }
    if (duration.toSecondsPart() > 0) {
      text.append(duration.toSecondsPart()).append(" s ");
    }
    return text.toString().strip();
  }

  /** A number of seconds in words. */
  static String seconds(double seconds) {
    return duration(Duration.ofMillis(Math.round(seconds * 1000)));
  }

  /** A score or share with three decimals. */
  static String score(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }

  /** A fraction as a whole percentage. */
  static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
  }

  /** A count with thousands separated by a thin space, as {@code 43 200}. */
  static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value).replace(',', '\u202f');
  }
}
