package dev.vigil.inference;

import dev.vigil.engine.data.InvalidDataException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;

/**
 * A scheduler's data upload frequency F: how often new data arrives and how often a window is
 * scored.
 *
 * <p>Lookout for Equipment's API accepts exactly {@code PT5M}, {@code PT10M}, {@code PT15M}, {@code
 * PT30M} and {@code PT1H}. Vigil's native API also accepts any ISO-8601 duration of a whole number
 * of seconds from {@code PT1S} to {@code P1D} that divides a day (86,400 seconds) evenly, such as
 * {@code PT1S}, {@code PT30S}, {@code PT90S} or {@code PT2H}. Because the epoch starts at midnight
 * UTC and F divides a day, the window boundaries (multiples of F since the epoch) fall on midnight
 * UTC every day: every day has the same windows. {@code PT7S} is refused because a day is not a
 * whole number of 7-second windows.
 *
 * <p>Immutable and thread-safe.
 */
final class UploadFrequency {
  /** The values Lookout for Equipment accepts, in its order. */
  static final List<String> LOOKOUT_VALUES = List.of("PT5M", "PT10M", "PT15M", "PT30M", "PT1H");

  private static final long DAY_SECONDS = Duration.ofDays(1).getSeconds();

  private static final String LOOKOUT_ALLOWED = "use one of PT5M, PT10M, PT15M, PT30M, PT1H";

  private static final String NATIVE_ALLOWED =
      "use PT5M, PT10M, PT15M, PT30M, PT1H or any whole number of seconds from PT1S to P1D"
          + " that divides a day evenly, such as PT1S, PT30S, PT90S or PT2H";

  private final Duration duration;

  private UploadFrequency(Duration duration) {
    this.duration = duration;
  }

  /**
   * Reads a frequency.
   *
   * @param text an ISO-8601 duration; with {@code lookoutOnly} it must be spelled exactly as one of
   *     {@link #LOOKOUT_VALUES}
   * @param lookoutOnly whether only Lookout's values are accepted (its compatible endpoint)
   * @throws InvalidDataException naming the value and listing the allowed ones
   */
  static UploadFrequency parse(String text, boolean lookoutOnly) {
    if (lookoutOnly) {
      if (text == null || !LOOKOUT_VALUES.contains(text)) {
        throw new InvalidDataException(
            "data upload frequency '" + text + "' is not supported: " + LOOKOUT_ALLOWED);
      }
      return new UploadFrequency(Duration.parse(text));
    }
    if (text == null || text.isBlank()) {
      throw refused(text, "it is missing");
    }
    Duration duration;
    try {
      duration = Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw refused(text, "it is not an ISO-8601 duration");
    }
    if (duration.getNano() != 0) {
      throw refused(text, "it is not a whole number of seconds");
    }
    if (duration.getSeconds() < 1) {
      throw refused(text, "it is shorter than PT1S");
    }
    if (duration.getSeconds() > DAY_SECONDS) {
      throw refused(text, "it is longer than P1D");
    }
    if (DAY_SECONDS % duration.getSeconds() != 0) {
      throw refused(
          text,
          "a day of 86400 seconds is not a whole number of "
              + duration.getSeconds()
              + "-second windows");
    }
    return new UploadFrequency(duration);
  }

  private static InvalidDataException refused(String text, String reason) {
    return new InvalidDataException(
        "data upload frequency '"
            + text
            + "' is not supported ("
            + reason
            + "): "
            + NATIVE_ALLOWED);
  }

  Duration duration() {
    return duration;
  }

  /** F in seconds, at least 1. */
  long seconds() {
    return duration.getSeconds();
  }

  /** Whether Lookout for Equipment accepts this frequency, so its endpoint can show it. */
  boolean isLookout() {
    return LOOKOUT_VALUES.contains(text());
  }

  /** The canonical ISO-8601 spelling ({@code PT5M}, {@code PT1H30M}, {@code PT24H} for a day). */
  String text() {
    return duration.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof UploadFrequency && ((UploadFrequency) other).duration.equals(duration);
  }

  @Override
  public int hashCode() {
    return Objects.hash(duration);
  }

  @Override
  public String toString() {
    return text();
  }
}
