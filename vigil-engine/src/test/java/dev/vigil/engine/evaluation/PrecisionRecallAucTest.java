package dev.vigil.engine.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.engine.VigilException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class PrecisionRecallAucTest {
  // Expected values are fractions such as 5/6; 1e-12 only absorbs their rounding.
  private static final Offset<Double> ROUNDING = within(1e-12);

  @Test
  void a_perfect_ranking_scores_one() {
    PrecisionRecallAuc auc = new PrecisionRecallAuc();
    auc.add(new int[] {0, 1, 0, 1, 1}, new double[] {0.1, 0.9, 0.2, 0.8, 0.7});

    assertThat(auc.averagePrecision()).isCloseTo(1.0, ROUNDING);
  }

  @Test
  void average_precision_matches_a_hand_computed_case() {
    PrecisionRecallAuc auc = new PrecisionRecallAuc();
    auc.add(new int[] {1, 0, 1, 0}, new double[] {0.9, 0.8, 0.7, 0.6});

    // Recall rises by 0.5 at 0.9 (precision 1) and by 0.5 at 0.7 (precision 2/3).
    assertThat(auc.averagePrecision()).isCloseTo(1 * 0.5 + 2.0 / 3 * 0.5, ROUNDING);
  }

  @Test
  void rows_are_pooled_over_files() {
    PrecisionRecallAuc auc = new PrecisionRecallAuc();
    auc.add(new int[] {1}, new double[] {0.9});
    auc.add(new int[] {0, 1, 0}, new double[] {0.8, 0.7, 0.6});

    assertThat(auc.rows()).isEqualTo(4);
    assertThat(auc.averagePrecision()).isCloseTo(1 * 0.5 + 2.0 / 3 * 0.5, ROUNDING);
  }

  @Test
  void tied_scores_form_one_threshold_whatever_the_order_of_the_rows() {
    // At 0.9: precision 1, recall 0.5. At 0.5 a positive and a negative enter together:
    // precision 2/3, recall 1. Breaking the tie either way would give 1 or 0.5 + 0.5 * 2/3.
    double expected = 1 * 0.5 + 2.0 / 3 * 0.5;
    PrecisionRecallAuc positiveFirst = new PrecisionRecallAuc();
    positiveFirst.add(new int[] {1, 1, 0, 0}, new double[] {0.9, 0.5, 0.5, 0.1});
    PrecisionRecallAuc negativeFirst = new PrecisionRecallAuc();
    negativeFirst.add(new int[] {0, 0, 1, 1}, new double[] {0.1, 0.5, 0.5, 0.9});

    assertThat(positiveFirst.averagePrecision()).isCloseTo(expected, ROUNDING);
    assertThat(negativeFirst.averagePrecision()).isCloseTo(expected, ROUNDING);
  }

  @Test
  void a_constant_score_gives_the_share_of_anomalous_rows() {
    PrecisionRecallAuc auc = new PrecisionRecallAuc();
    auc.add(new int[] {1, 0, 0, 0}, new double[] {0.5, 0.5, 0.5, 0.5});

    assertThat(auc.averagePrecision()).isCloseTo(0.25, ROUNDING);
  }

  @Test
  void without_an_anomalous_row_average_precision_is_nan() {
    PrecisionRecallAuc auc = new PrecisionRecallAuc();
    assertThat(auc.averagePrecision()).isNaN();

    auc.add(new int[] {0, 0}, new double[] {0.3, 0.4});
    assertThat(auc.averagePrecision()).isNaN();
  }

  @Test
  void fifty_thousand_tied_and_infinite_scores_agree_with_a_direct_computation() {
    Random random = new Random(42);
    int rows = 50_000;
    int[] labels = new int[rows];
    double[] scores = new double[rows];
    for (int i = 0; i < rows; i++) {
      labels[i] = random.nextDouble() < 0.3 ? 1 : 0;
      // Rounding to two decimals makes ties common; the label shifts the score so it carries some
      // signal. A few infinities and signed zeros must sort like any other value.
      scores[i] = Math.round((random.nextGaussian() + labels[i]) * 100) / 100.0;
    }
    scores[0] = Double.POSITIVE_INFINITY;
    scores[1] = Double.NEGATIVE_INFINITY;
    scores[2] = -0.0;
    scores[3] = 0.0;
    PrecisionRecallAuc auc = new PrecisionRecallAuc();
    // Added in uneven files, to exercise the growth of the internal arrays.
    auc.add(Arrays.copyOfRange(labels, 0, 7), Arrays.copyOfRange(scores, 0, 7));
    auc.add(Arrays.copyOfRange(labels, 7, rows), Arrays.copyOfRange(scores, 7, rows));

    // The two computations sum the same terms in the same order, so they agree to rounding.
    assertThat(auc.averagePrecision()).isCloseTo(directAveragePrecision(labels, scores), ROUNDING);
  }

  @Test
  void inconsistent_input_is_rejected_with_a_message_naming_it_and_leaves_the_rows_unchanged() {
    PrecisionRecallAuc auc = new PrecisionRecallAuc();

    assertThatThrownBy(() -> auc.add(new int[] {0, 1}, new double[] {0.1}))
        .isInstanceOf(VigilException.class)
        .hasMessage("labels has 2 values but scores has 1");
    assertThatThrownBy(() -> auc.add(new int[] {0, 1}, new double[] {0.1, Double.NaN}))
        .isInstanceOf(VigilException.class)
        .hasMessageContaining("scores[1] is NaN");
    assertThatThrownBy(() -> auc.add(new int[] {0, -1}, new double[] {0.1, 0.2}))
        .isInstanceOf(VigilException.class)
        .hasMessageContaining("labels[1] is -1");
    assertThat(auc.rows()).isZero();
  }

  /** Average precision straight from the definition: sort rows, step through distinct scores. */
  private static double directAveragePrecision(int[] labels, double[] scores) {
    Integer[] order =
        IntStream.range(0, labels.length)
            .boxed()
            .sorted(Comparator.comparingDouble((Integer i) -> scores[i]).reversed())
            .toArray(Integer[]::new);
    long totalPositives = Arrays.stream(labels).filter(label -> label == 1).count();
    long truePositives = 0;
    long flagged = 0;
    double previousRecall = 0;
    double sum = 0;
    for (int k = 0; k < order.length; k++) {
      truePositives += labels[order[k]];
      flagged++;
      boolean lastOfItsScore = k == order.length - 1 || scores[order[k + 1]] != scores[order[k]];
      if (lastOfItsScore) {
        double recall = (double) truePositives / totalPositives;
        sum += (recall - previousRecall) * truePositives / flagged;
        previousRecall = recall;
      }
    }
    return sum;
  }
}
