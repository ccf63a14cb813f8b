package dev.vigil.engine.preprocess;

import static dev.vigil.engine.preprocess.Tables.NaN;
import static dev.vigil.engine.preprocess.Tables.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.vigil.engine.data.InvalidDataException;
import dev.vigil.engine.data.SensorTable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreprocessorTest {

  /**
   * Raw rows at 0, 5, 8, 25 and 31 s. Resampled to 10 s: temp is 10 and 20 in bin 0 (the missing
   * value at 5 s is not a reading), rpm has no value in bin 10 and none at 31 s.
   */
  private static final SensorTable RAW =
      SensorTable.of(
          seconds(0, 5, 8, 25, 31),
          List.of("temp", "rpm"),
          new double[][] {{10, NaN, 20, 40, 50}, {100, 200, NaN, 0, NaN}});

  @Test
  void the_pipeline_resamples_then_fills_then_evaluates_the_off_condition() {
    Preprocessor preprocessor =
        new Preprocessor(
            new Preprocessing(
                Duration.ofSeconds(10),
                FillPolicy.of(FillMethod.PREVIOUS),
                OffCondition.parse("rpm < 80")));

    PreprocessedTable result = preprocessor.apply(RAW);

    SensorTable table = result.table();
    assertThat(table.timestamps()).containsExactly(seconds(0, 10, 20, 30));
    // Resampled before filling: bin 0 is the mean of 10 and 20, not of 10, 10 (filled) and 20.
    assertThat(table.column(0)).containsExactly(15, 15, 40, 50);
    assertThat(table.column(1)).containsExactly(150, 150, 0, 0);
    // Evaluated after filling: at 30 s rpm was missing and took the previous 0, so the machine
    // stays off rather than flickering on for one row.
    assertThat(result.machineOff()).containsExactly(false, false, true, true);
    assertThat(result.offRowCount()).isEqualTo(2);
    // Counted on the resampled grid: the empty bin at 10 s is a filled value for both sensors.
    assertThat(result.filledValues()).containsExactly(entry("temp", 1), entry("rpm", 2));
  }

  @Test
  void without_a_period_the_data_keeps_its_own_timestamps() {
    Preprocessor preprocessor =
        new Preprocessor(new Preprocessing(null, FillPolicy.of(FillMethod.LINEAR), null));

    PreprocessedTable result = preprocessor.apply(RAW);

    assertThat(result.table().timestamps()).containsExactly(RAW.timestamps());
    assertThat(result.table().column(0)).containsExactly(10, 16.25, 20, 40, 50);
    assertThat(result.table().column(1)).containsExactly(100, 200, 170, 0, 0);
    assertThat(result.machineOff()).containsOnly(false).hasSize(5);
    assertThat(result.filledValues()).containsExactly(entry("temp", 1), entry("rpm", 2));
  }

  @Test
  void an_off_condition_on_an_unknown_sensor_fails_before_any_work() {
    Preprocessor preprocessor =
        new Preprocessor(
            new Preprocessing(Duration.ofSeconds(10), null, OffCondition.parse("speed < 1")));

    assertThatThrownBy(() -> preprocessor.apply(RAW))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(
            "off-condition 'speed < 1' names sensor 'speed', which is not in the data;"
                + " available sensors: [temp, rpm]");
  }

  @Test
  void the_default_fill_policy_is_previous_and_a_missing_policy_means_the_default() {
    assertThat(Preprocessing.DEFAULT_FILL_POLICY).isEqualTo(FillPolicy.of(FillMethod.PREVIOUS));
    assertThat(Preprocessing.defaults())
        .isEqualTo(new Preprocessing(null, Preprocessing.DEFAULT_FILL_POLICY, null));
    assertThat(new Preprocessing(null, null, null).fillPolicy())
        .isEqualTo(Preprocessing.DEFAULT_FILL_POLICY);
    assertThat(Preprocessing.defaults().targetSamplingPeriodIfSet()).isEmpty();
    assertThat(Preprocessing.defaults().offConditionIfSet()).isEmpty();
  }

  @Test
  void an_unsupported_period_is_rejected_when_the_configuration_is_built() {
    assertThatThrownBy(() -> new Preprocessing(Duration.ofSeconds(2), null, null))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(
            "target sampling period PT2S is not supported; use one of PT1S, PT5S, PT10S, PT15S,"
                + " PT30S, PT1M, PT5M, PT10M, PT15M, PT30M, PT1H");
  }

  @Test
  void the_result_copies_its_flags_and_checks_they_match_the_rows() {
    SensorTable table = Tables.single("s", seconds(0, 1), 1, 2);
    boolean[] flags = {true, false};

    PreprocessedTable result = new PreprocessedTable(table, flags, Map.of("s", 0));
    flags[1] = true;

    assertThat(result.machineOff()).containsExactly(true, false);
    assertThatThrownBy(() -> new PreprocessedTable(table, new boolean[3], Map.of()))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("3 machine-off flags for 2 rows");
  }
}
