package dev.vigil.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CalibrationAndSensitivityTest {
  @Test
  void the_threshold_scores_one_half_and_the_typical_point_one_tenth() {
    ScoreCalibration calibration = ScoreCalibration.anchored(2.0, 1.0);
    // Steepness g solves (1/2)^g / (1 + (1/2)^g) = 0.1, i.e. 2^-g = 1/9, g = log2(9).
    assertThat(calibration.steepness()).isCloseTo(Math.log(9) / Math.log(2), within(1e-12));
    assertThat(calibration.scoreOf(2.0)).isCloseTo(0.5, within(1e-12));
    assertThat(calibration.scoreOf(1.0)).isCloseTo(0.1, within(1e-12));
    assertThat(calibration.scoreOf(4.0)).isCloseTo(0.9, within(1e-12));
    assertThat(calibration.scoreOf(0.0)).isZero();
    assertThat(calibration.scoreOf(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
    assertThat(calibration.scoreOf(1e300)).isEqualTo(1.0);
  }

  @Test
  void the_inverse_of_the_curve_gives_back_the_statistic() {
    ScoreCalibration calibration = ScoreCalibration.anchored(3.0, 1.2);
    for (double score = 0.01; score < 1; score += 0.07) {
      assertThat(calibration.scoreOf(calibration.statisticOf(score)))
          .isCloseTo(score, within(1e-12));
    }
  }

  @Test
  void a_degenerate_holdout_is_bounded_to_a_usable_steepness() {
    // Typical statistic above the threshold: no anchor can be met; the steepest curve is used.
    assertThat(ScoreCalibration.anchored(1.0, 1.5).steepness())
        .isEqualTo(ScoreCalibration.MAX_STEEPNESS);
    // Typical statistic far below the threshold: the gentlest allowed curve.
    assertThat(ScoreCalibration.anchored(1.0, 1e-9).steepness())
        .isEqualTo(ScoreCalibration.MIN_STEEPNESS);
  }

  @ParameterizedTest
  @CsvSource({"1, 0.99", "10, 0.9", "50, 0.5", "75, 0.25", "99, 0.01", "100, 0.01"})
  void sensitivity_sets_the_score_threshold(int sensitivity, double threshold) {
    assertThat(new Sensitivity(sensitivity).scoreThreshold()).isCloseTo(threshold, within(1e-12));
  }

  @ParameterizedTest
  @CsvSource({"0", "101", "-5"})
  void a_sensitivity_outside_1_to_100_is_refused(int sensitivity) {
    assertThatThrownBy(() -> new Sensitivity(sensitivity))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("sensitivity must be between 1 and 100, got " + sensitivity);
  }

  @Test
  void winsorising_keeps_a_spike_from_inflating_the_scale() {
    double[] values = new double[1000];
    for (int i = 0; i < values.length; i++) {
      values[i] = i % 2 == 0 ? -1 : 1;
    }
    values[0] = 1e6;
    double[] moments = RobustScaler.fitOne(values);
    // The spike is clipped to the 99th percentile, 1: mean 0.002 and deviation about 1.
    assertThat(moments[0]).isCloseTo(0.002, within(1e-12));
    assertThat(moments[1]).isCloseTo(1.0, within(1e-5));
  }

  @Test
  void quantiles_interpolate_linearly_between_order_statistics() {
    double[] sorted = {1, 2, 3, 4, 5};
    assertThat(RobustScaler.quantileOfSorted(sorted, 0.5)).isEqualTo(3);
    assertThat(RobustScaler.quantileOfSorted(sorted, 0.9)).isCloseTo(4.6, within(1e-12));
    assertThat(RobustScaler.quantile(new double[] {5, 1, 3}, 0.25)).isEqualTo(2);
  }

  @Test
  void the_detector_configuration_rejects_values_out_of_range_naming_them() {
    assertThatThrownBy(() -> DetectorConfig.builder().window(0).build())
        .hasMessage("window must be between 1 and 1000, got 0");
    assertThatThrownBy(() -> DetectorConfig.builder().varianceRetained(1.0).build())
        .hasMessage("varianceRetained must be strictly between 0.0 and 1.0, got 1.0");
    assertThatThrownBy(() -> DetectorConfig.builder().debounce(0).build())
        .hasMessage("debounce must be between 1 and 1000, got 0");
    assertThat(DetectorConfig.DEFAULTS.toBuilder().build()).isEqualTo(DetectorConfig.DEFAULTS);
  }
}
