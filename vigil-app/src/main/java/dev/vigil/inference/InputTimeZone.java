package dev.vigil.inference;

import dev.vigil.engine.data.InvalidDataException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lookout for Equipment's {@code InputTimeZoneOffset}: the difference between the time of the input
 * data and UTC. Timestamps without a zone, in the rows of the input files and in their names, are
 * local times at this offset; {@code 10:00} at {@code +05:30} is {@code 04:30Z}. It is a fixed
 * offset, not a region: it never moves for daylight saving time.
 *
 * <p>The text is checked as Lookout checks it, against {@code ^(\+|\-)[0-9]{2}\:[0-9]{2}$}, and the
 * offset must lie from {@code -12:00} to {@code +14:00} with minutes below 60. Absent means UTC.
 *
 * <p>Immutable and thread-safe.
 *
 * @param offset the offset from UTC
 */
record InputTimeZone(ZoneOffset offset) {
  /** Timestamps are UTC: the zone when none is given. */
  static final InputTimeZone UTC = new InputTimeZone(ZoneOffset.UTC);

  private static final Pattern LOOKOUT = Pattern.compile("^(\\+|\\-)[0-9]{2}\\:[0-9]{2}$");
  private static final int MIN_SECONDS = -12 * 3600;
  private static final int MAX_SECONDS = 14 * 3600;

  InputTimeZone {
    Objects.requireNonNull(offset, "offset");
    int seconds = offset.getTotalSeconds();
    if (seconds < MIN_SECONDS || seconds > MAX_SECONDS || seconds % 60 != 0) {
      throw new IllegalArgumentException(
          "input time zone offset " + offset + " is outside -12:00 to +14:00 in whole minutes");
    }
  }

  /**
   * Reads Lookout's {@code +hh:mm} or {@code -hh:mm}; {@code null} (the field is optional) means
   * UTC.
   *
   * @throws InvalidDataException naming the value and the allowed form
   */
  static InputTimeZone parse(String text) {
    if (text == null) {
      return UTC;
    }
    Matcher matcher = LOOKOUT.matcher(text);
    if (matcher.matches()) {
      int hours = Integer.parseInt(text.substring(1, 3));
      int minutes = Integer.parseInt(text.substring(4, 6));
      int seconds = (hours * 60 + minutes) * 60 * (text.charAt(0) == '-' ? -1 : 1);
      if (minutes < 60 && seconds >= MIN_SECONDS && seconds <= MAX_SECONDS) {
        return new InputTimeZone(ZoneOffset.ofTotalSeconds(seconds));
      }
    }
    throw new InvalidDataException(
        "input time zone offset '"
            + text
            + "' is not valid: use +hh:mm or -hh:mm from -12:00 to +14:00, for example +05:30");
  }

  /** The instant of a local timestamp read at this offset. */
  Instant toInstant(LocalDateTime local) {
    return local.toInstant(offset);
  }

  /** The local timestamp of an instant at this offset. */
  LocalDateTime toLocal(Instant instant) {
    return LocalDateTime.ofInstant(instant, offset);
  }

  /** Lookout's spelling: {@code +05:30}, {@code -08:00}, {@code +00:00} for UTC. */
  String text() {
    int seconds = offset.getTotalSeconds();
    int minutes = Math.abs(seconds) / 60;
    return String.format(
        Locale.ROOT, "%s%02d:%02d", seconds < 0 ? "-" : "+", minutes / 60, minutes % 60);
  }
}
