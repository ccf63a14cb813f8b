package dev.vigil.engine.preprocess;

import static dev.vigil.engine.preprocess.Tables.NaN;
import static dev.vigil.engine.preprocess.Tables.seconds;
import static dev.vigil.engine.preprocess.Tables.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.data.InvalidDataException;
import dev.vigil.engine.data.SensorTable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ResamplerTest {

  @Test
  void each_bin_holds_the_mean_of_its_valid_values() {
    // Minute 10 holds 1, 2 and 6; minute 11 holds 4 and a missing value that must not count.
    SensorTable table = single("s", seconds(600, 620, 640, 665, 710), 1, 2, 6, NaN, 4);

    SensorTable resampled = Resampler.resample(table, Duration.ofMinutes(1));

    assertThat(resampled.timestamps()).containsExactly(600_000, 660_000);
    assertThat(resampled.column(0)).containsExactly(3, 4);
  }

  @Test
  void bins_are_aligned_to_multiples_of_the_period_since_the_epoch() {
    long start = Instant.parse("2024-03-05T10:07:13Z").toEpochMilli();
    SensorTable table = single("s", new long[] {start, start + 240_000, start + 300_000}, 1, 3, 5);

    SensorTable resampled = Resampler.resample(table, Duration.ofMinutes(5));

    // 10:07:13 and 10:11:13 fall in [10:05, 10:10) and [10:10, 10:15); 10:12:13 too.
    assertThat(resampled.timestamps())
        .containsExactly(
            Instant.parse("2024-03-05T10:05:00Z").toEpochMilli(),
            Instant.parse("2024-03-05T10:10:00Z").toEpochMilli());
    assertThat(resampled.column(0)).containsExactly(1, 4);
  }

  @Test
  void empty_bins_between_rows_are_kept_as_missing_values() {
    SensorTable table = single("s", seconds(10, 200), 1, 2);

    SensorTable resampled = Resampler.resample(table, Duration.ofMinutes(1));

    assertThat(resampled.timestamps()).containsExactly(0, 60_000, 120_000, 180_000);
    assertThat(resampled.column(0)).containsExactly(1, NaN, NaN, 2);
  }

  @Test
  void a_sensor_without_values_in_a_bin_is_missing_there_while_others_are_not() {
    SensorTable table =
        SensorTable.of(
            seconds(0, 5, 12), List.of("a", "b"), new double[][] {{1, 3, NaN}, {NaN, NaN, 7}});

    SensorTable resampled = Resampler.resample(table, Duration.ofSeconds(10));

    assertThat(resampled.timestamps()).containsExactly(0, 10_000);
    assertThat(resampled.column(0)).containsExactly(2, NaN);
    assertThat(resampled.column(1)).containsExactly(NaN, 7);
  }

  @Test
  void irregular_input_lands_in_the_bins_its_timestamps_fall_in() {
    long[] timestamps = {0, 1_000, 2_500, 9_999, 10_000, 31_000};
    SensorTable table = single("s", timestamps, 1, 2, 3, 6, 10, 20);

    SensorTable resampled = Resampler.resample(table, Duration.ofSeconds(10));

    assertThat(resampled.timestamps()).containsExactly(0, 10_000, 20_000, 30_000);
    assertThat(resampled.column(0)).containsExactly(3, 10, NaN, 20);
  }

  @Test
  void timestamps_before_the_epoch_fall_in_the_bin_that_starts_before_them() {
    SensorTable table = single("s", new long[] {-1_500, -500, 200}, 1, 3, 5);

    SensorTable resampled = Resampler.resample(table, Duration.ofSeconds(1));

    assertThat(resampled.timestamps()).containsExactly(-2_000, -1_000, 0);
    assertThat(resampled.column(0)).containsExactly(1, 3, 5);
  }

  @Test
  void resampling_leaves_the_input_untouched_and_an_empty_table_stays_empty() {
    SensorTable table = single("s", seconds(0, 1), 1, 3);
    Resampler.resample(table, Duration.ofMinutes(1));
    assertThat(table.timestamps()).containsExactly(0, 1_000);
    assertThat(table.column(0)).containsExactly(1, 3);

    SensorTable empty = Resampler.resample(single("s", new long[0]), Duration.ofMinutes(1));
    assertThat(empty.rowCount()).isZero();
    assertThat(empty.sensorNames()).containsExactly("s");
  }

  static List<Duration> supportedPeriods() {
    return Resampler.SUPPORTED_PERIODS;
  }

  @ParameterizedTest
  @MethodSource("supportedPeriods")
  void every_lookout_sampling_rate_is_accepted(Duration period) {
    assertThatCode(() -> Resampler.validatePeriod(period)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"PT2S", "PT0S", "PT0.5S", "PT2H", "P1D", "PT-1M"})
  void other_periods_are_rejected_with_the_list_of_supported_ones(String period) {
    assertThatThrownBy(() -> Resampler.validatePeriod(Duration.parse(period)))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(
            "target sampling period "
                + Duration.parse(period)
                + " is not supported; use one of PT1S, PT5S, PT10S, PT15S, PT30S, PT1M, PT5M,"
                + " PT10M, PT15M, PT30M, PT1H");
  }

  @Test
  void resample_rejects_an_unsupported_period_with_the_exact_message() {
    SensorTable table = single("s", seconds(0, 1), 1, 3);

    assertThatThrownBy(() -> Resampler.resample(table, Duration.ofSeconds(2)))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(
            "target sampling period PT2S is not supported; use one of PT1S, PT5S, PT10S, PT15S,"
                + " PT30S, PT1M, PT5M, PT10M, PT15M, PT30M, PT1H");
  }

  @Test
  void a_grid_longer_than_the_limit_is_rejected_instead_of_exhausting_memory() {
    long oneYear = Duration.ofDays(365).toMillis();
    SensorTable table = single("s", new long[] {0, oneYear}, 1, 2);

    assertThatThrownBy(() -> Resampler.resample(table, Duration.ofSeconds(1)))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(
            "resampling to PT1S would produce 31536001 rows from 2 (data from"
                + " 1970-01-01T00:00:00Z to 1971-01-01T00:00:00Z), more than the limit of"
                + " 10000000; choose a longer period or check for stray timestamps");
  }

  @Test
  void half_a_million_rows_of_fifty_sensors_resample_to_the_mean_of_each_bin() {
    int rows = 500_000;
    int sensors = 50;
    long[] timestamps = new long[rows];
    for (int row = 0; row < rows; row++) {
      timestamps[row] = row * 1_000L;
    }
    List<String> names = new ArrayList<>();
    double[][] columns = new double[sensors][rows];
    for (int s = 0; s < sensors; s++) {
      names.add("sensor " + s);
      for (int row = 0; row < rows; row++) {
        columns[s][row] = row % 10;
      }
    }
    SensorTable table = SensorTable.of(timestamps, names, columns);

    SensorTable resampled = Resampler.resample(table, Duration.ofSeconds(10));

    assertThat(resampled.rowCount()).isEqualTo(50_000);
    assertThat(resampled.column(sensors - 1)).containsOnly(4.5);
  }
}
