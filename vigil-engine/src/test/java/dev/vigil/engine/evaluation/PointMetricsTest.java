package dev.vigil.engine.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.engine.VigilException;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class PointMetricsTest {
  // The expected values are decimal fractions such as 2/3; 1e-12 only absorbs their rounding.
  private static final Offset<Double> ROUNDING = within(1e-12);

  @Test
  void f1_far_and_mar_match_a_hand_computed_case() {
    PointMetrics metrics = new PointMetrics();
    // TP = 2, FN = 1, FP = 1, TN = 4.
    metrics.add(new int[] {1, 1, 1, 0, 0, 0, 0, 0}, new int[] {1, 1, 0, 1, 0, 0, 0, 0});

    PointScores scores = metrics.scores();

    assertThat(scores.tp()).isEqualTo(2);
    assertThat(scores.fn()).isEqualTo(1);
    assertThat(scores.fp()).isEqualTo(1);
    assertThat(scores.tn()).isEqualTo(4);
    assertThat(scores.rows()).isEqualTo(8);
    assertThat(scores.f1()).isCloseTo(2.0 / (2 + (1 + 1) / 2.0), ROUNDING); // 0.667
    assertThat(scores.far()).isCloseTo(100.0 * 1 / 5, ROUNDING); // 20 %
    assertThat(scores.mar()).isCloseTo(100.0 * 1 / 3, ROUNDING); // 33.3 %
  }

  @Test
  void counts_are_pooled_over_files_before_the_rates_are_computed() {
    PointMetrics metrics = new PointMetrics();
    metrics.add(new int[] {1}, new int[] {1}); // F1 = 1 on its own
    metrics.add(new int[] {1, 1, 1, 0}, new int[] {0, 0, 0, 0}); // F1 = 0 on its own

    PointScores scores = metrics.scores();

    // Pooled TP = 1, FN = 3, TN = 1: F1 = 1 / (1 + 1.5) = 0.4, not the mean of 1 and 0.
    assertThat(scores.f1()).isCloseTo(0.4, ROUNDING);
    assertThat(scores.mar()).isCloseTo(75.0, ROUNDING);
    assertThat(scores.far()).isZero();
  }

  @Test
  void rates_with_a_zero_denominator_are_nan() {
    PointScores empty = new PointMetrics().scores();
    assertThat(empty.f1()).isNaN();
    assertThat(empty.far()).isNaN();
    assertThat(empty.mar()).isNaN();

    PointMetrics onlyNormalRows = new PointMetrics();
    onlyNormalRows.add(new int[] {0, 0, 0}, new int[] {0, 0, 0});
    PointScores quiet = onlyNormalRows.scores();
    assertThat(quiet.f1()).isNaN();
    assertThat(quiet.mar()).isNaN();
    assertThat(quiet.far()).isZero();
  }

  @Test
  void arrays_of_different_lengths_are_rejected_with_both_lengths_named() {
    PointMetrics metrics = new PointMetrics();

    assertThatThrownBy(() -> metrics.add(new int[] {0, 1, 0}, new int[] {0, 1}))
        .isInstanceOf(VigilException.class)
        .hasMessage("labels has 3 values but predictions has 2");
  }

  @Test
  void a_value_other_than_zero_or_one_is_rejected_and_leaves_the_counts_unchanged() {
    PointMetrics metrics = new PointMetrics();
    metrics.add(new int[] {1, 0}, new int[] {1, 0});

    assertThatThrownBy(() -> metrics.add(new int[] {0, 1, 0}, new int[] {0, 2, 1}))
        .isInstanceOf(VigilException.class)
        .hasMessageContaining("predictions[1] is 2");
    assertThat(metrics.scores()).isEqualTo(PointScores.fromCounts(1, 1, 0, 0));
  }

  @Test
  void point_scores_refuse_rates_that_do_not_follow_from_the_counts() {
    assertThatThrownBy(() -> new PointScores(0.5, 0.0, 0.0, 1, 1, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("f1 is 0.5 but the counts give 1.0");
    assertThatThrownBy(() -> PointScores.fromCounts(-1, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tp=-1");
  }
}
