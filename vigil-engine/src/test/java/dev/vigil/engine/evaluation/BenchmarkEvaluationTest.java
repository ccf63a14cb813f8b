package dev.vigil.engine.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.VigilException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BenchmarkEvaluationTest {
  private static final long BASE = 1_600_000_000_000L;

  // Eight rows a second apart; the anomaly covers rows 3 to 5, so changepoints at rows 3 and 6.
  private static final long[] TIMESTAMPS = everySecond(8);
  private static final int[] ANOMALY = {0, 0, 0, 1, 1, 1, 0, 0};
  private static final int[] CHANGEPOINT = {0, 0, 0, 1, 0, 0, 1, 0};
  private static final int[] PREDICTION = {0, 0, 0, 0, 1, 1, 1, 0};
  private static final double[] SCORE = {0.1, 0.2, 0.1, 0.6, 0.9, 0.8, 0.7, 0.3};

  @Test
  void each_figure_equals_the_one_its_own_accumulator_computes() {
    BenchmarkEvaluation evaluation = new BenchmarkEvaluation(Duration.ofSeconds(2));
    evaluation.add(TIMESTAMPS, ANOMALY, CHANGEPOINT, PREDICTION, SCORE);
    evaluation.add(TIMESTAMPS, ANOMALY, CHANGEPOINT, new int[8], SCORE);

    PointMetrics points = new PointMetrics();
    points.add(ANOMALY, PREDICTION);
    points.add(ANOMALY, new int[8]);
    NabScorer changepoints = new NabScorer(Duration.ofSeconds(2));
    long[] trueChangepoints = NabScorer.changepointTimes(TIMESTAMPS, CHANGEPOINT);
    changepoints.add(TIMESTAMPS, trueChangepoints, PREDICTION);
    changepoints.add(TIMESTAMPS, trueChangepoints, new int[8]);
    PrecisionRecallAuc ranking = new PrecisionRecallAuc();
    ranking.add(ANOMALY, SCORE);
    ranking.add(ANOMALY, SCORE);

    BenchmarkResult result = evaluation.result();

    assertThat(result.files()).isEqualTo(2);
    assertThat(result.rows()).isEqualTo(16);
    assertThat(result.points()).isEqualTo(points.scores());
    assertThat(result.changepoints()).isEqualTo(changepoints.scores());
    assertThat(result.changepoints().windows()).isEqualTo(4);
    assertThat(result.prAuc()).isEqualTo(ranking.averagePrecision());
  }

  @Test
  void an_empty_evaluation_reports_nan_rather_than_made_up_numbers() {
    BenchmarkResult result = new BenchmarkEvaluation().result();

    assertThat(result.files()).isZero();
    assertThat(result.points().f1()).isNaN();
    assertThat(result.changepoints().standard()).isNaN();
    assertThat(result.prAuc()).isNaN();
  }

  @Test
  void a_rejected_file_leaves_the_evaluation_unchanged() {
    BenchmarkEvaluation evaluation = new BenchmarkEvaluation();
    evaluation.add(TIMESTAMPS, ANOMALY, CHANGEPOINT, PREDICTION, SCORE);
    BenchmarkResult before = evaluation.result();

    assertThatThrownBy(
            () -> evaluation.add(TIMESTAMPS, ANOMALY, CHANGEPOINT, PREDICTION, new double[7]))
        .isInstanceOf(VigilException.class)
        .hasMessage("scores has 7 values but timestampsMillis has 8");
    int[] badChangepoints = CHANGEPOINT.clone();
    badChangepoints[7] = 3;
    assertThatThrownBy(
            () -> evaluation.add(TIMESTAMPS, ANOMALY, badChangepoints, PREDICTION, SCORE))
        .isInstanceOf(VigilException.class)
        .hasMessageContaining("changepointLabels[7] is 3");
    double[] nanScore = SCORE.clone();
    nanScore[4] = Double.NaN;
    assertThatThrownBy(() -> evaluation.add(TIMESTAMPS, ANOMALY, CHANGEPOINT, PREDICTION, nanScore))
        .isInstanceOf(VigilException.class)
        .hasMessageContaining("scores[4] is NaN");

    assertThat(evaluation.result()).isEqualTo(before);
  }

  private static long[] everySecond(int rows) {
    long[] timestamps = new long[rows];
    for (int row = 0; row < rows; row++) {
      timestamps[row] = BASE + row * 1000L;
    }
    return timestamps;
  }
}
