package dev.vigil.engine.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NabProfileTest {
  // tanh is evaluated in double precision; 1e-12 absorbs its last-bit rounding.
  private static final Offset<Double> ROUNDING = within(1e-12);

  @Test
  void profiles_carry_the_skab_weights() {
    assertThat(weights(NabProfile.STANDARD)).containsExactly(1.0, -0.11, -1.0);
    assertThat(weights(NabProfile.LOW_FP)).containsExactly(1.0, -0.22, -1.0);
    assertThat(weights(NabProfile.LOW_FN)).containsExactly(1.0, -0.11, -2.0);
  }

  @ParameterizedTest
  @EnumSource(NabProfile.class)
  void detection_score_falls_from_a_tp_at_the_start_through_the_midpoint_to_a_fp_at_the_end(
      NabProfile profile) {
    double tp = profile.truePositiveWeight();
    double fp = profile.falsePositiveWeight();

    assertThat(profile.detectionScore(0.0)).isCloseTo(tp, ROUNDING);
    assertThat(profile.detectionScore(0.5)).isCloseTo((tp + fp) / 2, ROUNDING);
    assertThat(profile.detectionScore(1.0)).isCloseTo(fp, ROUNDING);
    assertThat(profile.detectionScore(0.25)).isBetween(profile.detectionScore(0.5), tp);
  }

  @Test
  void a_position_outside_the_window_is_rejected() {
    assertThatThrownBy(() -> NabProfile.STANDARD.detectionScore(1.01))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("got 1.01");
  }

  private static double[] weights(NabProfile profile) {
    return new double[] {
      profile.truePositiveWeight(), profile.falsePositiveWeight(), profile.falseNegativeWeight()
    };
  }
}
