package dev.vigil.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimestampParserTest {

  private static long millis(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          2020-03-09 10:14:33             | 2020-03-09T10:14:33Z
          2020-03-09 10:14:33.5           | 2020-03-09T10:14:33.500Z
          2020-03-09 10:14:33.25          | 2020-03-09T10:14:33.250Z
          2020-03-09 10:14:33.123         | 2020-03-09T10:14:33.123Z
          2020-03-09 10:14:33.123456      | 2020-03-09T10:14:33.123Z
          2020-03-09 10:14:33.999999999   | 2020-03-09T10:14:33.999Z
          2020-03-09T10:14:33             | 2020-03-09T10:14:33Z
          2020-03-09T10:14:33.5           | 2020-03-09T10:14:33.500Z
          2020-03-09T10:14:33Z            | 2020-03-09T10:14:33Z
          2020-03-09T10:14:33.123Z        | 2020-03-09T10:14:33.123Z
          2020-03-09T10:14:33+05:30       | 2020-03-09T04:44:33Z
          2020-03-09T10:14:33+0530        | 2020-03-09T04:44:33Z
          2020-03-09T10:14:33+05          | 2020-03-09T05:14:33Z
          2020-03-09T10:14:33-08:00       | 2020-03-09T18:14:33Z
          2020-03-09T10:14:33.250-0800    | 2020-03-09T18:14:33.250Z
          2020-03-09T10:14:33+00:00       | 2020-03-09T10:14:33Z
          2020-03-09T10:14Z               | 2020-03-09T10:14:00Z
          2020/03/09 10:14:33             | 2020-03-09T10:14:33Z
          2020/03/09 10:14:33.7           | 2020-03-09T10:14:33.700Z
          2020-03-09 10:14                | 2020-03-09T10:14:00Z
          2020/03/09 10:14                | 2020-03-09T10:14:00Z
          2020-02-29 23:59:59             | 2020-02-29T23:59:59Z
          1969-12-31 23:59:59             | 1969-12-31T23:59:59Z
          1583748873                      | 2020-03-09T10:14:33Z
          1583748873.5                    | 2020-03-09T10:14:33.500Z
          1583748873.123456               | 2020-03-09T10:14:33.123Z
          0                               | 1970-01-01T00:00:00Z
          1583748873250                   | 2020-03-09T10:14:33.250Z
          ' 2020-03-09 10:14:33 '         | 2020-03-09T10:14:33Z
          """)
  void each_supported_format_is_read_as_utc_epoch_millis(String text, String expected) {
    assertThat(new TimestampParser().parse(text)).isEqualTo(millis(expected));
  }

  @Test
  void timestamps_without_a_zone_are_read_in_the_given_offset() {
    TimestampParser parser = new TimestampParser(ZoneOffset.ofHoursMinutes(5, 30));

    assertThat(parser.zone()).isEqualTo(ZoneOffset.ofHoursMinutes(5, 30));
    assertThat(parser.parse("2020-03-09 10:14:33")).isEqualTo(millis("2020-03-09T04:44:33Z"));
    assertThat(parser.parse("2020-03-09T10:14:33.5")).isEqualTo(millis("2020-03-09T04:44:33.500Z"));
  }

  @Test
  void a_zone_in_the_value_overrides_the_given_offset() {
    TimestampParser parser = new TimestampParser(ZoneOffset.ofHours(-3));

    assertThat(parser.parse("2020-03-09T10:14:33Z")).isEqualTo(millis("2020-03-09T10:14:33Z"));
    assertThat(parser.parse("2020-03-09T10:14:33+01:00")).isEqualTo(millis("2020-03-09T09:14:33Z"));
  }

  @Test
  void epoch_values_ignore_the_given_offset() {
    TimestampParser parser = new TimestampParser(ZoneOffset.ofHours(2));

    assertThat(parser.parse("1583748873")).isEqualTo(millis("2020-03-09T10:14:33Z"));
    assertThat(parser.parse("1583748873250")).isEqualTo(millis("2020-03-09T10:14:33.250Z"));
  }

  @Test
  void the_default_parser_reads_in_utc() {
    assertThat(new TimestampParser().zone()).isEqualTo(ZoneOffset.UTC);
  }

  @Test
  void the_offset_in_each_value_is_read_even_when_it_changes_within_a_file() {
    TimestampParser parser = new TimestampParser();

    assertThat(parser.parse("2020-03-29T01:30:00+01:00")).isEqualTo(millis("2020-03-29T00:30:00Z"));
    assertThat(parser.parse("2020-03-29T03:30:00+02:00")).isEqualTo(millis("2020-03-29T01:30:00Z"));
  }

  @Test
  void one_parser_follows_a_file_whose_format_changes_from_row_to_row() {
    // Python's isoformat() drops the fraction when it is zero, so a file can switch back and forth.
    TimestampParser parser = new TimestampParser();

    assertThat(parser.parse("2020-03-09T10:14:33")).isEqualTo(millis("2020-03-09T10:14:33Z"));
    assertThat(parser.parse("2020-03-09T10:14:33.500000"))
        .isEqualTo(millis("2020-03-09T10:14:33.500Z"));
    assertThat(parser.parse("2020-03-09T10:14:34")).isEqualTo(millis("2020-03-09T10:14:34Z"));
    assertThat(parser.parse("1583748875")).isEqualTo(millis("2020-03-09T10:14:35Z"));
    assertThat(parser.parse("1583748875.5")).isEqualTo(millis("2020-03-09T10:14:35.500Z"));
    assertThat(parser.parse("1583748876000")).isEqualTo(millis("2020-03-09T10:14:36Z"));
    assertThat(parser.parse("2020/03/09 10:14:37")).isEqualTo(millis("2020-03-09T10:14:37Z"));
  }

  @Test
  void dates_across_the_calendar_agree_with_java_time() {
    SplittableRandom random = new SplittableRandom(42);
    DateTimeFormatter format = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS");
    long first = LocalDate.of(1600, 1, 1).toEpochDay() * 86_400_000L;
    long last = LocalDate.of(2400, 12, 31).toEpochDay() * 86_400_000L;
    TimestampParser parser = new TimestampParser(ZoneOffset.ofHours(3));
    for (int i = 0; i < 20_000; i++) {
      long expected = random.nextLong(first, last);
      String text =
          LocalDateTime.ofInstant(Instant.ofEpochMilli(expected), ZoneOffset.ofHours(3))
              .format(format);

      assertThat(parser.parse(text)).as(text).isEqualTo(expected);
    }
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(
      strings = {
        "",
        "abc",
        "2020-03-09",
        "10:14:33",
        "2020-03-09 10",
        "2020-03-09 10:14:3",
        "2020-03-09 10:14:33.",
        "2020-03-09 10:14:33.1234567890",
        "2020-03-09 10:14:33 UTC",
        "2020-03-09 10:14:33.12x",
        "2020-03-09T10:14:33+5",
        "2020-03-09T10:14:33+05:3",
        "2020.03.09 10:14:33",
        "2020-03/09 10:14:33",
        "09/03/2020 10:14:33",
        "15837488735",
        "158374887350",
        "15837488735000",
        "1583748873.",
        "1583748873.1234567890",
        "-1583748873",
        "1.5e9"
      })
  void a_value_in_no_supported_format_is_rejected_by_name(String text) {
    assertThatThrownBy(() -> new TimestampParser().parse(text))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(
            "'"
                + text
                + "' is not a timestamp in a supported format: use yyyy-MM-dd HH:mm:ss with an"
                + " optional fraction, ISO 8601 (2020-03-09T10:14:33.5+01:00), yyyy/MM/dd"
                + " HH:mm:ss, yyyy-MM-dd HH:mm, epoch seconds or 13-digit epoch milliseconds");
  }

  @ParameterizedTest(name = "''{0}''")
  @ValueSource(
      strings = {
        "2020-13-09 10:14:33",
        "2020-00-09 10:14:33",
        "2020-02-30 10:14:33",
        "2019-02-29 10:14:33",
        "2020-04-31 10:14:33",
        "2020-03-00 10:14:33",
        "2020-03-09 24:00:00",
        "2020-03-09 10:60:00",
        "2020-03-09 10:14:60",
        "2020-03-09T10:14:33+19:00",
        "2020-03-09T10:14:33+05:60",
        "2020-0a-09 10:14:33"
      })
  void a_value_with_the_right_shape_but_no_such_date_or_time_is_rejected_by_name(String text) {
    assertThatThrownBy(() -> new TimestampParser().parse(text))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("'" + text + "' is not a valid date and time");
  }

  @Test
  void a_bad_value_after_good_ones_is_still_rejected() {
    TimestampParser parser = new TimestampParser();
    parser.parse("2020-03-09 10:14:33");

    assertThatThrownBy(() -> parser.parse("2020-03-09 10:14:xx"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("'2020-03-09 10:14:xx' is not a valid date and time");
    assertThat(parser.parse("2020-03-09 10:14:34")).isEqualTo(millis("2020-03-09T10:14:34Z"));
  }
}
