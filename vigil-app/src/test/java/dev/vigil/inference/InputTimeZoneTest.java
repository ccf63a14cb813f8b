package dev.vigil.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.data.InvalidDataException;
import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InputTimeZoneTest {
  private static final LocalDateTime TEN = LocalDateTime.parse("2026-01-01T10:00:00");

  @Test
  void local_times_east_of_utc_are_earlier_in_utc() {
    InputTimeZone zone = InputTimeZone.parse("+05:30");

    assertThat(zone.toInstant(TEN)).isEqualTo("2026-01-01T04:30:00Z");
    assertThat(zone.toLocal(Instant.parse("2026-01-01T04:30:00Z"))).isEqualTo(TEN);
    assertThat(zone.text()).isEqualTo("+05:30");
  }

  @Test
  void local_times_west_of_utc_are_later_in_utc() {
    InputTimeZone zone = InputTimeZone.parse("-08:00");

    assertThat(zone.toInstant(TEN)).isEqualTo("2026-01-01T18:00:00Z");
    assertThat(zone.text()).isEqualTo("-08:00");
  }

  @Test
  void no_offset_means_utc() {
    assertThat(InputTimeZone.parse(null)).isEqualTo(InputTimeZone.UTC);
    assertThat(InputTimeZone.parse("-00:00")).isEqualTo(InputTimeZone.UTC);
    assertThat(InputTimeZone.UTC.toInstant(TEN)).isEqualTo("2026-01-01T10:00:00Z");
    assertThat(InputTimeZone.UTC.text()).isEqualTo("+00:00");
  }

  @Test
  void offsets_from_minus_12_to_plus_14_hours_are_accepted() {
    assertThat(InputTimeZone.parse("+14:00").offset().getTotalSeconds()).isEqualTo(14 * 3600);
    assertThat(InputTimeZone.parse("-12:00").offset().getTotalSeconds()).isEqualTo(-12 * 3600);
    assertThat(InputTimeZone.parse("+05:45").text()).isEqualTo("+05:45");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+14:30",
        "-12:30",
        "+15:00",
        "-13:00",
        "+5:30",
        "05:30",
        "+05:60",
        "+0530",
        "+05:30 ",
        "+05:30\n",
        "Z",
        "",
        "UTC+05:30"
      })
  void other_offsets_are_refused_as_lookout_refuses_them(String text) {
    assertThatThrownBy(() -> InputTimeZone.parse(text))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(
            "input time zone offset '"
                + text
                + "' is not valid: use +hh:mm or -hh:mm from -12:00 to +14:00, for example"
                + " +05:30");
  }
}
