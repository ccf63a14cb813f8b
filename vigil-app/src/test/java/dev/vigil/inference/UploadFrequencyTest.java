package dev.vigil.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.data.InvalidDataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UploadFrequencyTest {
  private static final String NATIVE_ALLOWED =
      "use PT5M, PT10M, PT15M, PT30M, PT1H or any whole number of seconds from PT1S to P1D"
          + " that divides a day evenly, such as PT1S, PT30S, PT90S or PT2H";

  @ParameterizedTest
  @CsvSource({"PT5M,300", "PT10M,600", "PT15M,900", "PT30M,1800", "PT1H,3600"})
  void lookout_frequencies_are_accepted_by_both_apis(String text, long seconds) {
    for (boolean lookoutOnly : new boolean[] {true, false}) {
      UploadFrequency frequency = UploadFrequency.parse(text, lookoutOnly);

      assertThat(frequency.seconds()).isEqualTo(seconds);
      assertThat(frequency.text()).isEqualTo(text);
      assertThat(frequency.isLookout()).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"PT1M", "PT300S", "PT1S", "pt5m", "PT2H", ""})
  void the_lookout_api_refuses_other_values_listing_its_five(String text) {
    assertThatThrownBy(() -> UploadFrequency.parse(text, true))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(
            "data upload frequency '"
                + text
                + "' is not supported: use one of PT5M, PT10M, PT15M, PT30M, PT1H");
  }

  @Test
  void the_lookout_api_refuses_a_missing_value() {
    assertThatThrownBy(() -> UploadFrequency.parse(null, true))
        .hasMessage(
            "data upload frequency 'null' is not supported: use one of PT5M, PT10M, PT15M, PT30M,"
                + " PT1H");
  }

  @ParameterizedTest
  @CsvSource({"PT1S,1", "PT90S,90", "PT30S,30", "PT2H,7200", "P1D,86400", "PT1M,60"})
  void the_native_api_accepts_whole_seconds_that_divide_a_day(String text, long seconds) {
    UploadFrequency frequency = UploadFrequency.parse(text, false);

    assertThat(frequency.seconds()).isEqualTo(seconds);
    assertThat(86_400 % frequency.seconds()).isZero();
    assertThat(frequency.isLookout()).isFalse();
  }

  @Test
  void a_lookout_frequency_spelled_in_seconds_is_the_same_frequency() {
    UploadFrequency frequency = UploadFrequency.parse("PT300S", false);

    assertThat(frequency).isEqualTo(UploadFrequency.parse("PT5M", true));
    assertThat(frequency.text()).isEqualTo("PT5M");
    assertThat(frequency.isLookout()).isTrue();
  }

  @Test
  void seven_seconds_are_refused_because_a_day_is_not_a_whole_number_of_them() {
    assertThatThrownBy(() -> UploadFrequency.parse("PT7S", false))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(
            "data upload frequency 'PT7S' is not supported (a day of 86400 seconds is not a whole"
                + " number of 7-second windows): "
                + NATIVE_ALLOWED);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "PT0S|it is shorter than PT1S",
        "-PT5M|it is shorter than PT1S",
        "PT0.5S|it is not a whole number of seconds",
        "PT25H|it is longer than P1D",
        "P2D|it is longer than P1D",
        "5 minutes|it is not an ISO-8601 duration",
        "P1M|it is not an ISO-8601 duration",
      })
  void the_native_api_refuses_other_durations_saying_why(String text, String reason) {
    assertThatThrownBy(() -> UploadFrequency.parse(text, false))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(
            "data upload frequency '"
                + text
                + "' is not supported ("
                + reason
                + "): "
                + NATIVE_ALLOWED);
  }

  @Test
  void the_native_api_refuses_a_missing_value() {
    assertThatThrownBy(() -> UploadFrequency.parse(" ", false))
        .hasMessage(
            "data upload frequency ' ' is not supported (it is missing): " + NATIVE_ALLOWED);
  }
}
