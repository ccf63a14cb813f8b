package dev.vigil.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTest {
  @Test
  void a_typed_utc_time_reads_with_or_without_seconds_t_and_z() {
    assertThat(Text.instant("2024-01-01 06:00")).isEqualTo("2024-01-01T06:00:00Z");
    assertThat(Text.instant(" 2024-01-01T06:00:30Z ")).isEqualTo("2024-01-01T06:00:30Z");
    assertThat(Text.instant("2024-01-01 06:00:30")).isEqualTo("2024-01-01T06:00:30Z");
    assertThat(Text.instant("")).isNull();
    // Anything else goes to the service as typed, for its message to name the field.
    assertThat(Text.instant("tomorrow")).isEqualTo("tomorrow");
  }

  @Test
  void times_and_durations_are_shown_in_utc_and_in_words() {
    assertThat(Text.time("2024-01-01T06:00:00Z")).isEqualTo("2024-01-01 06:00:00 UTC");
    assertThat(Text.typed("2024-01-01T06:00:00Z")).isEqualTo("2024-01-01 06:00:00");
    assertThat(Text.duration("PT5M")).isEqualTo("5 min");
    assertThat(Text.duration("PT1H30M")).isEqualTo("1 h 30 min");
    assertThat(Text.duration("PT0S")).isEqualTo("none");
    assertThat(Text.seconds(580)).isEqualTo("9 min 40 s");
    assertThat(Text.count(43_200)).isEqualTo("43\u202f200");
  }
}
