package dev.vigil.inference;

import dev.vigil.engine.data.InvalidDataException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How input files are named, as Lookout for Equipment's {@code InferenceInputNameConfiguration}:
 * {@code <component><delimiter><timestamp>.csv}, for example {@code pump_20260101100000.csv}.
 *
 * <ul>
 *   <li>{@code TimestampFormat} is one of {@code yyyyMMddHHmmss}, {@code yyyy-MM-dd-HH-mm-ss} and
 *       {@code EPOCH} (seconds since the epoch). The two calendar formats are local times read in
 *       the {@link InputTimeZone}; epoch seconds are absolute and ignore it.
 *   <li>{@code ComponentTimestampDelimiter} matches Lookout's pattern {@code ^(\-|\_|\s)?$}: a
 *       hyphen, an underscore, one white-space character (a space) or nothing at all.
 *   <li>Both fields are optional in Lookout, which does not document defaults; Vigil uses {@code
 *       yyyyMMddHHmmss} and {@code _} when they are absent.
 *   <li>The {@code .csv} extension is matched ignoring case, so that {@code .CSV} files written by
 *       some tools are not silently skipped.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * @param format how the timestamp is written
 * @param delimiter what separates the component from the timestamp, possibly empty
 * @param zone the offset of the calendar timestamps
 */
record FileNaming(TimestampFormat format, String delimiter, InputTimeZone zone) {
  private static final Pattern LOOKOUT_DELIMITER = Pattern.compile("^(\\-|\\_|\\s)?$");
  private static final String EXTENSION = ".csv";

  FileNaming {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(zone, "zone");
    if (delimiter == null || !LOOKOUT_DELIMITER.matcher(delimiter).matches()) {
      throw new InvalidDataException(
          "component timestamp delimiter '"
              + delimiter
              + "' is not supported: use '_', '-', one white-space character such as ' ',"
              + " or nothing");
    }
  }

  /**
   * The naming from Lookout's fields.
   *
   * @param format {@code yyyyMMddHHmmss}, {@code yyyy-MM-dd-HH-mm-ss} or {@code EPOCH}; {@code
   *     null} for {@code yyyyMMddHHmmss}
   * @param delimiter {@code _}, {@code -}, a white-space character or empty; {@code null} for
   *     {@code _}
   * @throws InvalidDataException naming the value and the allowed ones
   */
  static FileNaming of(String format, String delimiter, InputTimeZone zone) {
    return new FileNaming(
        format == null ? TimestampFormat.COMPACT : TimestampFormat.parse(format),
        delimiter == null ? "_" : delimiter,
        zone);
  }

  /**
   * Reads a file name (the last segment of a key).
   *
   * @param components the components of the dataset; the longest one that starts the name, is
   *     followed by the delimiter and leaves a valid timestamp wins, so {@code pump2_...} belongs
   *     to {@code pump2} and not to {@code pump}
   * @return empty when the name does not fit the naming: another component, another extension, a
   *     timestamp that is not valid. Such files are ignored, they are no error.
   */
  Optional<NamedFile> parse(String fileName, Set<String> components) {
    if (fileName == null
        || fileName.length() <= EXTENSION.length()
        || !fileName
            .substring(fileName.length() - EXTENSION.length())
            .equalsIgnoreCase(EXTENSION)) {
      return Optional.empty();
    }
    String stem = fileName.substring(0, fileName.length() - EXTENSION.length());
    return components.stream()
        .filter(component -> !component.isEmpty() && stem.startsWith(component + delimiter))
        .sorted(Comparator.comparingInt(String::length).reversed())
        .flatMap(
            component ->
                format
                    .read(stem.substring(component.length() + delimiter.length()), zone)
                    .map(timestamp -> new NamedFile(component, timestamp))
                    .stream())
        .findFirst();
  }

  /**
   * Tells from a file name's text alone whether it may be the file of one of {@code components}
   * timed at or after {@code since}: far cheaper than {@link #parse}, which confirms the names it
   * lets through. It never rejects a name that {@link #parse} reads at or after {@code since}: the
   * calendar timestamps are local times of fixed width at a fixed offset, so they sort as their
   * text does, and epoch seconds sort by their number of digits first.
   */
  Predicate<String> namedAtOrAfter(Set<String> components, Instant since) {
    String bound = format.write(since, zone);
    List<String> prefixes =
        components.stream().filter(c -> !c.isEmpty()).map(c -> c + delimiter).toList();
    return fileName -> {
      for (String prefix : prefixes) {
        if (fileName.startsWith(prefix) && timestampAtOrAfter(fileName, prefix.length(), bound)) {
          return true;
        }
      }
      return false;
    };
  }

  private boolean timestampAtOrAfter(String fileName, int from, String bound) {
    if (format != TimestampFormat.EPOCH) {
      return fileName.substring(from).compareTo(bound) >= 0;
    }
    int end = fileName.indexOf('.', from);
    int digits = (end < 0 ? fileName.length() : end) - from;
    if (digits != bound.length()) {
      return digits > bound.length();
    }
    return fileName.substring(from, from + digits).compareTo(bound) >= 0;
  }

  /** The name of the file of {@code component} whose timestamp is {@code timestamp}. */
  String fileNameFor(String component, Instant timestamp) {
    return component + delimiter + format.write(timestamp, zone) + EXTENSION;
  }

  /** Lookout's {@code TimestampFormat} values. */
  enum TimestampFormat {
    /** {@code yyyyMMddHHmmss}, a local time. */
    COMPACT(
        "yyyyMMddHHmmss",
        "([0-9]{4})([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{2})",
        "uuuuMMddHHmmss"),
    /** {@code yyyy-MM-dd-HH-mm-ss}, a local time. */
    DASHED(
        "yyyy-MM-dd-HH-mm-ss",
        "([0-9]{4})-([0-9]{2})-([0-9]{2})-([0-9]{2})-([0-9]{2})-([0-9]{2})",
        "uuuu-MM-dd-HH-mm-ss"),
    /** {@code EPOCH}: whole seconds since 1970-01-01T00:00:00Z, whatever the time zone. */
    EPOCH("EPOCH", "[0-9]{1,12}", null);

    private final String text;
    private final Pattern pattern;
    private final DateTimeFormatter formatter;

    TimestampFormat(String text, String pattern, String formatter) {
      this.text = text;
      this.pattern = Pattern.compile(pattern);
      this.formatter =
          formatter == null ? null : DateTimeFormatter.ofPattern(formatter, Locale.ROOT);
    }

    /**
     * @throws InvalidDataException naming the value and the allowed ones
     */
    static TimestampFormat parse(String text) {
      for (TimestampFormat format : values()) {
        if (format.text.equals(text)) {
          return format;
        }
      }
      throw new InvalidDataException(
          "timestamp format '"
              + text
              + "' is not supported: use yyyyMMddHHmmss, yyyy-MM-dd-HH-mm-ss or EPOCH");
    }

    /** Lookout's spelling. */
    String text() {
      return text;
    }

    Optional<Instant> read(String timestamp, InputTimeZone zone) {
      Matcher matcher = pattern.matcher(timestamp);
      if (!matcher.matches()) {
        return Optional.empty();
      }
      if (this == EPOCH) {
        return Optional.of(Instant.ofEpochSecond(Long.parseLong(timestamp)));
      }
      try {
        LocalDateTime local =
            LocalDateTime.of(
                Integer.parseInt(matcher.group(1)),
                Integer.parseInt(matcher.group(2)),
                Integer.parseInt(matcher.group(3)),
                Integer.parseInt(matcher.group(4)),
                Integer.parseInt(matcher.group(5)),
                Integer.parseInt(matcher.group(6)));
        return Optional.of(zone.toInstant(local));
      } catch (DateTimeException e) {
        return Optional.empty();
      }
    }

    String write(Instant timestamp, InputTimeZone zone) {
      if (this == EPOCH) {
        return Long.toString(timestamp.getEpochSecond());
      }
      return formatter.format(zone.toLocal(timestamp));
    }
  }
}
