package dev.vigil.engine.data;

import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Parses the timestamp formats that Amazon Lookout for Equipment accepted into epoch milliseconds:
 *
 * <ul>
 *   <li>{@code yyyy-MM-dd HH:mm:ss}, optionally with a fraction of 1 to 9 digits ({@code .S} to
 *       {@code .SSSSSSSSS}), and {@code yyyy-MM-dd HH:mm};
 *   <li>ISO 8601 with {@code T} instead of the space, with or without a fraction, and with or
 *       without a zone: {@code Z}, {@code +05:30}, {@code +0530} or {@code +05};
 *   <li>{@code yyyy/MM/dd HH:mm:ss} (and the same variants with slashes);
 *   <li>epoch seconds, integer or decimal ({@code 1583748873}, {@code 1583748873.5}), and epoch
 *       milliseconds written as a 13-digit integer ({@code 1583748873500}).
 * </ul>
 *
 * <p>Values without a zone are read in the parser's zone offset (UTC unless given). Fractions finer
 * than a millisecond are truncated, as {@link java.time.Instant#toEpochMilli()} does.
 *
 * <p>Files hold millions of rows in one format, so the parser remembers the layout of the last
 * value and first tries that layout alone, with fixed character positions; only a value that does
 * not fit goes through detection again, and the parser then keeps the new layout. Parsing works on
 * characters directly: no regular expressions, no {@code DateTimeFormatter}, no exceptions except
 * for a value that cannot be read at all.
 *
 * <p>Not thread-safe: the remembered layout is mutable state. Use one parser per file being read.
 */
public final class TimestampParser {
  /** Returned by {@link Layout#parse} for a value that does not fit; no timestamp is this small. */
  private static final long NO_MATCH = Long.MIN_VALUE;

  private static final int MAX_OFFSET_SECONDS = 18 * 3600;

  private final ZoneOffset zone;
  private final int zoneSeconds;
  private Layout layout;

  /** A parser that reads values without a zone as UTC. */
  public TimestampParser() {
    this(ZoneOffset.UTC);
  }

  /** A parser that reads values without a zone in {@code zone}. */
  public TimestampParser(ZoneOffset zone) {
    this.zone = Objects.requireNonNull(zone, "zone");
    this.zoneSeconds = zone.getTotalSeconds();
  }

  /** The offset applied to values that carry no zone of their own. */
  public ZoneOffset zone() {
    return zone;
  }

  /**
   * The instant {@code text} names, in epoch milliseconds. Whitespace around the value is ignored.
   *
   * @throws InvalidDataException naming the value when it is in no supported format or names no
   *     real date and time (such as February 30th)
   */
  public long parse(String text) {
    Objects.requireNonNull(text, "text");
    String value = text.trim();
    Layout current = layout;
    if (current != null) {
      long millis = current.parse(value, zoneSeconds);
      if (millis != NO_MATCH) {
        return millis;
      }
    }
    Layout detected = Layout.detect(value);
    if (detected == null) {
      throw new InvalidDataException(
          "'"
              + text
              + "' is not a timestamp in a supported format: use yyyy-MM-dd HH:mm:ss with an"
              + " optional fraction, ISO 8601 (2020-03-09T10:14:33.5+01:00), yyyy/MM/dd HH:mm:ss,"
              + " yyyy-MM-dd HH:mm, epoch seconds or 13-digit epoch milliseconds");
    }
    long millis = detected.parse(value, zoneSeconds);
    if (millis == NO_MATCH) {
      throw new InvalidDataException("'" + text + "' is not a valid date and time");
    }
    layout = detected;
    return millis;
  }

  private enum Kind {
    /** 1 to 10 integer digits, optionally a point and 1 to 9 fraction digits. */
    EPOCH_SECONDS,
    /** Exactly 13 digits. */
    EPOCH_MILLIS,
    /** A calendar date and a time of day at fixed positions; see {@link Layout}. */
    DATE_TIME
  }

  private enum ZoneStyle {
    NONE,
    /** {@code Z}. */
    UTC,
    /** {@code +05}. */
    HOURS,
    /** {@code +0530}. */
    COMPACT,
    /** {@code +05:30}. */
    COLON
  }

  /**
   * The shape of a value. For {@link Kind#DATE_TIME}, everything is at a fixed position: {@code
   * yyyy?MM?dd?HH:mm} in the first 16 characters, then {@code :ss} when {@code seconds}, then a
   * point and {@code fractionDigits} digits when there are any, then the zone; {@code length} is
   * the length of the whole value. The epoch kinds ignore the other fields.
   */
  private record Layout(
      Kind kind,
      int length,
      char dateSeparator,
      char dateTimeSeparator,
      boolean seconds,
      int fractionDigits,
      ZoneStyle zoneStyle) {

    private static final Layout EPOCH_SECONDS =
        new Layout(Kind.EPOCH_SECONDS, 0, ' ', ' ', false, 0, ZoneStyle.NONE);
    private static final Layout EPOCH_MILLIS =
        new Layout(Kind.EPOCH_MILLIS, 13, ' ', ' ', false, 0, ZoneStyle.NONE);

    /**
     * The layout {@code s} has, judged from its separators alone, or null when it has none of the
     * supported ones. Digits and ranges are checked by {@link #parse}.
     */
    static Layout detect(String s) {
      int n = s.length();
      int integerDigits = countDigits(s, 0);
      if (integerDigits == n) {
        if (n == 13) {
          return EPOCH_MILLIS;
        }
        return n >= 1 && n <= 10 ? EPOCH_SECONDS : null;
      }
      if (integerDigits >= 1 && s.charAt(integerDigits) == '.') {
        int fractionDigits = n - integerDigits - 1;
        boolean fits =
            integerDigits <= 10
                && fractionDigits >= 1
                && fractionDigits <= 9
                && countDigits(s, integerDigits + 1) == n;
        return fits ? EPOCH_SECONDS : null;
      }
      if (n < 16) {
        return null;
      }
      char dateSeparator = s.charAt(4);
      char dateTimeSeparator = s.charAt(10);
      if ((dateSeparator != '-' && dateSeparator != '/')
          || s.charAt(7) != dateSeparator
          || (dateTimeSeparator != ' ' && dateTimeSeparator != 'T' && dateTimeSeparator != 't')
          || s.charAt(13) != ':') {
        return null;
      }
      int pos = 16;
      boolean seconds = pos < n && s.charAt(pos) == ':';
      if (seconds) {
        pos = 19;
        if (pos > n) {
          return null;
        }
      }
      int fractionDigits = 0;
      if (seconds && pos < n && s.charAt(pos) == '.') {
        fractionDigits = countDigits(s, pos + 1) - (pos + 1);
        if (fractionDigits < 1 || fractionDigits > 9) {
          return null;
        }
        pos += 1 + fractionDigits;
      }
      ZoneStyle zoneStyle = zoneStyle(s, pos);
      if (zoneStyle == null) {
        return null;
      }
      return new Layout(
          Kind.DATE_TIME, n, dateSeparator, dateTimeSeparator, seconds, fractionDigits, zoneStyle);
    }

    private static ZoneStyle zoneStyle(String s, int pos) {
      int remaining = s.length() - pos;
      if (remaining == 0) {
        return ZoneStyle.NONE;
      }
      char first = s.charAt(pos);
      if (remaining == 1) {
        return first == 'Z' || first == 'z' ? ZoneStyle.UTC : null;
      }
      if (first != '+' && first != '-') {
        return null;
      }
      return switch (remaining) {
        case 3 -> ZoneStyle.HOURS;
        case 5 -> isDigit(s.charAt(pos + 3)) ? ZoneStyle.COMPACT : null;
        case 6 -> s.charAt(pos + 3) == ':' ? ZoneStyle.COLON : null;
        default -> null;
      };
    }

    /** Epoch milliseconds, or {@link #NO_MATCH} when {@code s} does not have this layout. */
    long parse(String s, int defaultOffsetSeconds) {
      return switch (kind) {
        case EPOCH_SECONDS -> parseEpochSeconds(s);
        case EPOCH_MILLIS -> s.length() == 13 ? digits(s, 0, 13) : NO_MATCH;
        case DATE_TIME -> parseDateTime(s, defaultOffsetSeconds);
      };
    }

    private static long parseEpochSeconds(String s) {
      int n = s.length();
      int end = countDigits(s, 0);
      if (end < 1 || end > 10) {
        return NO_MATCH;
      }
      long seconds = digits(s, 0, end);
      if (end == n) {
        return seconds * 1000;
      }
      if (s.charAt(end) != '.') {
        return NO_MATCH;
      }
      int fractionDigits = n - end - 1;
      int millis = fractionMillis(s, end + 1, fractionDigits);
      return millis < 0 ? NO_MATCH : seconds * 1000 + millis;
    }

    private long parseDateTime(String s, int defaultOffsetSeconds) {
      if (s.length() != length
          || s.charAt(4) != dateSeparator
          || s.charAt(7) != dateSeparator
          || s.charAt(10) != dateTimeSeparator
          || s.charAt(13) != ':') {
        return NO_MATCH;
      }
      int year = (int) digits(s, 0, 4);
      int month = (int) digits(s, 5, 2);
      int day = (int) digits(s, 8, 2);
      int hour = (int) digits(s, 11, 2);
      int minute = (int) digits(s, 14, 2);
      int second = 0;
      int pos = 16;
      if (seconds) {
        if (s.charAt(16) != ':') {
          return NO_MATCH;
        }
        second = (int) digits(s, 17, 2);
        pos = 19;
      }
      int millis = 0;
      if (fractionDigits > 0) {
        if (s.charAt(pos) != '.') {
          return NO_MATCH;
        }
        millis = fractionMillis(s, pos + 1, fractionDigits);
        pos += 1 + fractionDigits;
      }
      int offsetSeconds = offsetSeconds(s, pos, defaultOffsetSeconds);
      // One check for every field: digits() returns -1 for a non-digit.
      if (year < 0
          || month < 1
          || month > 12
          || day < 1
          || day > daysInMonth(year, month)
          || hour < 0
          || hour > 23
          || minute < 0
          || minute > 59
          || second < 0
          || second > 59
          || millis < 0
          || offsetSeconds == Integer.MIN_VALUE) {
        return NO_MATCH;
      }
      long epochSeconds =
          daysFromCivil(year, month, day) * 86_400L
              + hour * 3600L
              + minute * 60L
              + second
              - offsetSeconds;
      return epochSeconds * 1000 + millis;
    }

    /** The zone offset at {@code pos}, or {@code Integer.MIN_VALUE} when it is not one. */
    private int offsetSeconds(String s, int pos, int defaultOffsetSeconds) {
      if (zoneStyle == ZoneStyle.NONE) {
        return defaultOffsetSeconds;
      }
      if (zoneStyle == ZoneStyle.UTC) {
        char z = s.charAt(pos);
        return z == 'Z' || z == 'z' ? 0 : Integer.MIN_VALUE;
      }
      char sign = s.charAt(pos);
      if (sign != '+' && sign != '-') {
        return Integer.MIN_VALUE;
      }
      long hours = digits(s, pos + 1, 2);
      long minutes = 0;
      if (zoneStyle == ZoneStyle.COMPACT) {
        minutes = digits(s, pos + 3, 2);
      } else if (zoneStyle == ZoneStyle.COLON) {
        minutes = s.charAt(pos + 3) == ':' ? digits(s, pos + 4, 2) : -1;
      }
      if (hours < 0 || minutes < 0 || minutes > 59) {
        return Integer.MIN_VALUE;
      }
      long total = hours * 3600 + minutes * 60;
      if (total > MAX_OFFSET_SECONDS) {
        return Integer.MIN_VALUE;
      }
      return (int) (sign == '-' ? -total : total);
    }
  }

  /** The index of the first non-digit at or after {@code from}, or the length. */
  private static int countDigits(String s, int from) {
    int i = from;
    while (i < s.length() && isDigit(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** The number written by {@code count} digits at {@code from}, or -1 when one is no digit. */
  private static long digits(String s, int from, int count) {
    long value = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /**
   * Milliseconds from the {@code count} fraction digits at {@code from}, truncated; -1 unless there
   * are 1 to 9 digits. Digits past the third are checked but do not count.
   */
  private static int fractionMillis(String s, int from, int count) {
    if (count < 1 || count > 9 || digits(s, from, count) < 0) {
      return -1;
    }
    int millis = 0;
    for (int i = 0; i < 3; i++) {
      millis = millis * 10 + (i < count ? s.charAt(from + i) - '0' : 0);
    }
    return millis;
  }

  private static int daysInMonth(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /**
   * Days since 1970-01-01 of a proleptic Gregorian date, by Howard Hinnant's days_from_civil:
   * arithmetic only, where {@code LocalDate.of(...).toEpochDay()} would allocate per row.
   */
  static long daysFromCivil(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yearOfEra = y - era * 400;
    int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097L + dayOfEra - 719_468;
  }
}
