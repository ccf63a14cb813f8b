package dev.vigil.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.data.InvalidDataException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FileNamingTest {
  private static final Instant TEN_UTC = Instant.parse("2026-01-01T10:00:00Z");
  private static final Set<String> PUMP = Set.of("pump");

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      ignoreLeadingAndTrailingWhitespace = false,
      value = {
        "yyyyMMddHHmmss|_|pump_20260101100000.csv",
        "yyyyMMddHHmmss|-|pump-20260101100000.csv",
        "yyyyMMddHHmmss| |pump 20260101100000.csv",
        "yyyyMMddHHmmss||pump20260101100000.csv",
        "yyyy-MM-dd-HH-mm-ss|_|pump_2026-01-01-10-00-00.csv",
        "yyyy-MM-dd-HH-mm-ss|-|pump-2026-01-01-10-00-00.csv",
        "yyyy-MM-dd-HH-mm-ss| |pump 2026-01-01-10-00-00.csv",
        "EPOCH|_|pump_1767261600.csv",
        "EPOCH|-|pump-1767261600.csv",
        "EPOCH| |pump 1767261600.csv",
      })
  void every_timestamp_format_and_delimiter_reads_and_writes_the_same_name(
      String format, String delimiter, String fileName) {
    FileNaming naming =
        FileNaming.of(format, delimiter == null ? "" : delimiter, InputTimeZone.UTC);

    assertThat(naming.parse(fileName, PUMP)).contains(new NamedFile("pump", TEN_UTC));
    assertThat(naming.fileNameFor("pump", TEN_UTC)).isEqualTo(fileName);
    assertThat(naming.format().text()).isEqualTo(format);
  }

  @Test
  void calendar_timestamps_in_names_are_read_in_the_input_time_zone() {
    FileNaming india = FileNaming.of("yyyyMMddHHmmss", "_", InputTimeZone.parse("+05:30"));
    FileNaming pacific = FileNaming.of("yyyy-MM-dd-HH-mm-ss", "_", InputTimeZone.parse("-08:00"));

    assertThat(india.parse("pump_20260101100000.csv", PUMP))
        .contains(new NamedFile("pump", Instant.parse("2026-01-01T04:30:00Z")));
    assertThat(india.fileNameFor("pump", Instant.parse("2026-01-01T04:30:00Z")))
        .isEqualTo("pump_20260101100000.csv");
    assertThat(pacific.parse("pump_2026-01-01-10-00-00.csv", PUMP))
        .contains(new NamedFile("pump", Instant.parse("2026-01-01T18:00:00Z")));
  }

  @Test
  void epoch_seconds_in_names_ignore_the_input_time_zone() {
    FileNaming naming = FileNaming.of("EPOCH", "_", InputTimeZone.parse("+05:30"));

    assertThat(naming.parse("pump_1767261600.csv", PUMP)).contains(new NamedFile("pump", TEN_UTC));
    assertThat(naming.fileNameFor("pump", TEN_UTC)).isEqualTo("pump_1767261600.csv");
  }

  @Test
  void absent_fields_mean_yyyyMMddHHmmss_and_an_underscore() {
    FileNaming naming = FileNaming.of(null, null, InputTimeZone.UTC);

    assertThat(naming.fileNameFor("motor", TEN_UTC)).isEqualTo("motor_20260101100000.csv");
  }

  @Test
  void the_longest_component_that_starts_the_name_wins() {
    Set<String> components = Set.of("pump", "pump2");
    FileNaming underscore = FileNaming.of("yyyyMMddHHmmss", "_", InputTimeZone.UTC);
    FileNaming none = FileNaming.of("yyyyMMddHHmmss", "", InputTimeZone.UTC);
    FileNaming epoch = FileNaming.of("EPOCH", "", InputTimeZone.UTC);

    assertThat(underscore.parse("pump2_20260101100000.csv", components))
        .contains(new NamedFile("pump2", TEN_UTC));
    assertThat(underscore.parse("pump_20260101100000.csv", components))
        .contains(new NamedFile("pump", TEN_UTC));
    assertThat(none.parse("pump220260101100000.csv", components))
        .contains(new NamedFile("pump2", TEN_UTC));
    assertThat(none.parse("pump20260101100000.csv", components))
        .contains(new NamedFile("pump", TEN_UTC));
    assertThat(epoch.parse("pump21767261600.csv", components))
        .contains(new NamedFile("pump2", TEN_UTC));
  }

  @Test
  void a_shorter_component_is_tried_when_the_longer_one_leaves_no_timestamp() {
    Set<String> components = Set.of("pump", "pump-a");
    FileNaming naming = FileNaming.of("yyyy-MM-dd-HH-mm-ss", "-", InputTimeZone.UTC);

    assertThat(naming.parse("pump-a-2026-01-01-10-00-00.csv", components))
        .contains(new NamedFile("pump-a", TEN_UTC));
    assertThat(naming.parse("pump-2026-01-01-10-00-00.csv", components))
        .contains(new NamedFile("pump", TEN_UTC));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "motor_20260101100000.csv",
        "pump_20260101100000.json",
        "pump_20260101100000",
        "pump_20260101100000.csv.gz",
        "pump-20260101100000.csv",
        "pump_2026010110000.csv",
        "pump_202601011000000.csv",
        "pump_20261301100000.csv",
        "pump_20260230100000.csv",
        "pump_20260101250000.csv",
        "pump_2026-01-01-10-00-00.csv",
        "pump_.csv",
        ".csv",
        "pumpx_20260101100000.csv",
        "xpump_20260101100000.csv",
      })
  void names_that_do_not_fit_are_ignored(String fileName) {
    FileNaming naming = FileNaming.of("yyyyMMddHHmmss", "_", InputTimeZone.UTC);

    assertThat(naming.parse(fileName, PUMP)).isEmpty();
  }

  @Test
  void the_csv_extension_is_matched_ignoring_case() {
    FileNaming naming = FileNaming.of("yyyyMMddHHmmss", "_", InputTimeZone.UTC);

    assertThat(naming.parse("pump_20260101100000.CSV", PUMP))
        .isEqualTo(Optional.of(new NamedFile("pump", TEN_UTC)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"epoch", "yyyy-MM-dd HH:mm:ss", "", "ISO8601"})
  void other_timestamp_formats_are_refused(String format) {
    assertThatThrownBy(() -> FileNaming.of(format, "_", InputTimeZone.UTC))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(
            "timestamp format '"
                + format
                + "' is not supported: use yyyyMMddHHmmss, yyyy-MM-dd-HH-mm-ss or EPOCH");
  }

  @ParameterizedTest
  @ValueSource(strings = {".", "__", "/", "x", "- "})
  void other_delimiters_are_refused(String delimiter) {
    assertThatThrownBy(() -> FileNaming.of(null, delimiter, InputTimeZone.UTC))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(
            "component timestamp delimiter '"
                + delimiter
                + "' is not supported: use '_', '-', one white-space character such as ' ', or"
                + " nothing");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      ignoreLeadingAndTrailingWhitespace = false,
      value = {
        "yyyyMMddHHmmss|_|+00:00",
        "yyyyMMddHHmmss||+05:30",
        "yyyy-MM-dd-HH-mm-ss|-|-08:00",
        "yyyy-MM-dd-HH-mm-ss| |+14:00",
        "EPOCH|_|+00:00",
        "EPOCH|-|-12:00",
      })
  void the_quick_test_on_a_name_lets_every_file_since_through_and_no_older_one(
      String format, String delimiter, String zone) {
    FileNaming naming =
        FileNaming.of(format, delimiter == null ? "" : delimiter, InputTimeZone.parse(zone));
    Set<String> components = Set.of("pump", "pump2", "fan");
    Predicate<String> since = naming.namedAtOrAfter(components, TEN_UTC);

    for (long seconds = -7200; seconds <= 7200; seconds += 299) {
      Instant timestamp = TEN_UTC.plusSeconds(seconds);
      for (String component : components) {
        String name = naming.fileNameFor(component, timestamp);
        if (!timestamp.isBefore(TEN_UTC)) {
          assertThat(since.test(name)).as(name).isTrue();
        } else if (!naming.delimiter().isEmpty()) {
          assertThat(since.test(name)).as(name).isFalse();
        }
        // Without a delimiter, pump2's older files may pass as pump's: parse then tells them.
        assertThat(naming.parse(name, components))
            .as(name)
            .contains(new NamedFile(component, timestamp));
      }
    }
    assertThat(since.test(naming.fileNameFor("pump", TEN_UTC))).isTrue();
    // Names of other components and files years apart.
    assertThat(since.test(naming.fileNameFor("valve", TEN_UTC.plusSeconds(60)))).isFalse();
    assertThat(since.test(naming.fileNameFor("pump", Instant.parse("2001-09-09T01:46:39Z"))))
        .isFalse();
    assertThat(since.test(naming.fileNameFor("pump", Instant.parse("2286-11-20T17:46:40Z"))))
        .isTrue();
  }
}
