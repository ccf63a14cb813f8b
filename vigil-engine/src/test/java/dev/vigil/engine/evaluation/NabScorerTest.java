package dev.vigil.engine.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.engine.VigilException;
import java.time.Duration;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class NabScorerTest {
  // Expected values are written as decimals (0.445, 72.25, ...) while the scorer sums doubles and
  // evaluates tanh; 1e-9 absorbs that rounding and nothing more.
  private static final Offset<Double> ROUNDING = within(1e-9);

  private static final long BASE = 1_600_000_000_000L;
  private static final int ROWS = 200;

  /** One true changepoint at row 100: its window covers rows 100 to 160 at one row a second. */
  private static final long[] CHANGEPOINT_AT_ROW_100 = {at(100)};

  @Test
  void a_detection_exactly_at_the_window_start_scores_a_tp() {
    NabScorer scorer = new NabScorer();
    scorer.add(everySecond(ROWS), CHANGEPOINT_AT_ROW_100, alarm(ROWS, 100, ROWS));

    assertThat(scorer.rawScore(NabProfile.STANDARD)).isCloseTo(1.0, ROUNDING);
    NabScores scores = scorer.scores();
    assertThat(scores.standard()).isCloseTo(100.0, ROUNDING);
    assertThat(scores.lowFp()).isCloseTo(100.0, ROUNDING);
    assertThat(scores.lowFn()).isCloseTo(100.0, ROUNDING);
    assertThat(scores.detectedWindows()).isEqualTo(1);
    assertThat(scores.falsePositives()).isZero();
  }

  @Test
  void a_detection_in_the_window_middle_scores_the_mean_of_a_tp_and_a_fp() {
    NabScorer scorer = new NabScorer();
    // Row 130 is 30 s into the 60 s window: r = 0.5.
    scorer.add(everySecond(ROWS), CHANGEPOINT_AT_ROW_100, alarm(ROWS, 130, ROWS));

    assertThat(scorer.rawScore(NabProfile.STANDARD)).isCloseTo((1 - 0.11) / 2, ROUNDING);
    assertThat(scorer.rawScore(NabProfile.LOW_FP)).isCloseTo((1 - 0.22) / 2, ROUNDING);
    NabScores scores = scorer.scores();
    // 100 * (S - S_null) / (S_perfect - S_null) with S_null = A_fn, S_perfect = A_tp.
    assertThat(scores.standard()).isCloseTo(100 * (0.445 + 1) / 2, ROUNDING); // 72.25
    assertThat(scores.lowFp()).isCloseTo(100 * (0.39 + 1) / 2, ROUNDING); // 69.5
    assertThat(scores.lowFn()).isCloseTo(100 * (0.445 + 2) / 3, ROUNDING); // 81.5
  }

  @Test
  void a_detection_at_the_window_end_is_inside_and_scores_a_fp() {
    NabScorer scorer = new NabScorer();
    scorer.add(everySecond(ROWS), CHANGEPOINT_AT_ROW_100, alarm(ROWS, 160, ROWS));

    assertThat(scorer.rawScore(NabProfile.STANDARD)).isCloseTo(-0.11, ROUNDING);
    assertThat(scorer.scores().standard()).isCloseTo(100 * (-0.11 + 1) / 2, ROUNDING); // 44.5
    assertThat(scorer.scores().detectedWindows()).isEqualTo(1);
    assertThat(scorer.scores().falsePositives()).isZero();
  }

  @Test
  void a_detection_one_second_after_the_window_end_is_a_false_positive_and_the_window_a_miss() {
    NabScorer scorer = new NabScorer();
    scorer.add(everySecond(ROWS), CHANGEPOINT_AT_ROW_100, alarm(ROWS, 161, ROWS));

    assertThat(scorer.rawScore(NabProfile.STANDARD)).isCloseTo(-0.11 - 1, ROUNDING);
    assertThat(scorer.scores().detectedWindows()).isZero();
    assertThat(scorer.scores().falsePositives()).isEqualTo(1);
  }

  @Test
  void a_window_without_detection_is_a_miss_worth_a_fn() {
    NabScorer scorer = new NabScorer();
    scorer.add(everySecond(ROWS), CHANGEPOINT_AT_ROW_100, new int[ROWS]);

    assertThat(scorer.rawScore(NabProfile.STANDARD)).isCloseTo(-1.0, ROUNDING);
    assertThat(scorer.rawScore(NabProfile.LOW_FN)).isCloseTo(-2.0, ROUNDING);
    // S equals S_null: no better than a detector that never fires.
    assertThat(scorer.scores().standard()).isCloseTo(0.0, ROUNDING);
    assertThat(scorer.scores().lowFn()).isCloseTo(0.0, ROUNDING);
  }

  @Test
  void both_edges_of_an_alarm_outside_every_window_are_false_positives() {
    NabScorer scorer = new NabScorer();
    // Alarm on rows 20..29: changepoints at rows 20 (0 -> 1) and 30 (1 -> 0), both before row 100.
    scorer.add(everySecond(ROWS), CHANGEPOINT_AT_ROW_100, alarm(ROWS, 20, 30));

    assertThat(scorer.rawScore(NabProfile.STANDARD)).isCloseTo(2 * -0.11 - 1, ROUNDING);
    assertThat(scorer.rawScore(NabProfile.LOW_FP)).isCloseTo(2 * -0.22 - 1, ROUNDING);
    assertThat(scorer.scores().falsePositives()).isEqualTo(2);
    assertThat(scorer.scores().standard()).isCloseTo(100 * (-0.22) / 2, ROUNDING); // -11
  }

  @Test
  void only_the_first_of_two_detections_in_a_window_counts_and_the_second_is_no_false_positive() {
    NabScorer scorer = new NabScorer();
    // Alarm on rows 100..109: changepoints at rows 100 and 110, both in the window.
    scorer.add(everySecond(ROWS), CHANGEPOINT_AT_ROW_100, alarm(ROWS, 100, 110));

    assertThat(scorer.rawScore(NabProfile.STANDARD)).isCloseTo(1.0, ROUNDING);
    assertThat(scorer.scores().falsePositives()).isZero();
  }

  @Test
  void a_first_row_predicted_anomalous_counts_as_a_changepoint() {
    NabScorer inWindow = new NabScorer();
    inWindow.add(everySecond(ROWS), new long[] {at(0)}, alarm(ROWS, 0, ROWS));
    assertThat(inWindow.rawScore(NabProfile.STANDARD)).isCloseTo(1.0, ROUNDING);

    NabScorer withoutWindow = new NabScorer();
    withoutWindow.add(everySecond(ROWS), new long[0], alarm(ROWS, 0, ROWS));
    assertThat(withoutWindow.scores().falsePositives()).isEqualTo(1);
  }

  @Test
  void scores_are_normalised_with_s_null_and_s_perfect_summed_over_two_files() {
    NabScorer scorer = new NabScorer();
    // File 1: detected at the window start, S = A_tp.
    scorer.add(everySecond(ROWS), CHANGEPOINT_AT_ROW_100, alarm(ROWS, 100, ROWS));
    // File 2: window missed and one false positive, S = A_fn + A_fp.
    scorer.add(everySecond(ROWS), CHANGEPOINT_AT_ROW_100, alarm(ROWS, 10, ROWS));

    NabScores scores = scorer.scores();

    assertThat(scores.windows()).isEqualTo(2);
    // Standard: S = 1 - 1 - 0.11 = -0.11, S_null = -2, S_perfect = 2.
    assertThat(scores.standard()).isCloseTo(100 * (-0.11 + 2) / 4, ROUNDING); // 47.25
    // LowFP: S = 1 - 1 - 0.22 = -0.22, S_null = -2, S_perfect = 2.
    assertThat(scores.lowFp()).isCloseTo(100 * (-0.22 + 2) / 4, ROUNDING); // 44.5
    // LowFN: S = 1 - 2 - 0.11 = -1.11, S_null = -4, S_perfect = 2.
    assertThat(scores.lowFn()).isCloseTo(100 * (-1.11 + 4) / 6, ROUNDING); // 48.17
    assertThat(scores.score(NabProfile.LOW_FN)).isEqualTo(scores.lowFn());
  }

  @Test
  void a_detection_in_overlapping_windows_counts_for_each_window_holding_it() {
    NabScorer scorer = new NabScorer();
    // Windows [100, 160] and [130, 190] s; the detection at 140 s lies in both: 40 s into the
    // first, 10 s into the second.
    scorer.add(everySecond(ROWS), new long[] {at(130), at(100)}, alarm(ROWS, 140, ROWS));

    double expected =
        NabProfile.STANDARD.detectionScore(40.0 / 60)
            + NabProfile.STANDARD.detectionScore(10.0 / 60);
    assertThat(scorer.rawScore(NabProfile.STANDARD)).isCloseTo(expected, ROUNDING);
    assertThat(scorer.scores().detectedWindows()).isEqualTo(2);
    assertThat(scorer.scores().falsePositives()).isZero();
  }

  @Test
  void the_window_length_is_a_parameter() {
    NabScorer scorer = new NabScorer(Duration.ofSeconds(10));
    // Row 105 is 5 s into a 10 s window: r = 0.5.
    scorer.add(everySecond(ROWS), CHANGEPOINT_AT_ROW_100, alarm(ROWS, 105, ROWS));

    assertThat(scorer.windowMillis()).isEqualTo(10_000);
    assertThat(scorer.rawScore(NabProfile.STANDARD)).isCloseTo((1 - 0.11) / 2, ROUNDING);
  }

  @Test
  void without_any_window_the_scores_are_nan_but_false_positives_are_counted() {
    NabScorer scorer = new NabScorer();
    scorer.add(everySecond(ROWS), new long[0], alarm(ROWS, 50, 60));

    NabScores scores = scorer.scores();
    assertThat(scores.standard()).isNaN();
    assertThat(scores.lowFp()).isNaN();
    assertThat(scores.lowFn()).isNaN();
    assertThat(scores.falsePositives()).isEqualTo(2);
  }

  @Test
  void true_changepoints_are_the_timestamps_of_rows_labelled_one() {
    int[] labels = new int[ROWS];
    labels[100] = 1;
    labels[150] = 1;

    assertThat(NabScorer.changepointTimes(everySecond(ROWS), labels))
        .containsExactly(at(100), at(150));
  }

  @Test
  void inconsistent_input_is_rejected_with_a_message_naming_it_and_leaves_the_scorer_unchanged() {
    NabScorer scorer = new NabScorer();

    assertThatThrownBy(() -> scorer.add(everySecond(3), new long[0], new int[2]))
        .isInstanceOf(VigilException.class)
        .hasMessage("timestampsMillis has 3 values but predictions has 2");
    assertThatThrownBy(
            () -> scorer.add(new long[] {at(0), at(2), at(1)}, new long[0], new int[] {0, 0, 0}))
        .isInstanceOf(VigilException.class)
        .hasMessageContaining("timestampsMillis must strictly increase")
        .hasMessageContaining("timestampsMillis[2]");
    assertThatThrownBy(() -> scorer.add(everySecond(3), new long[] {at(1), at(1)}, new int[3]))
        .isInstanceOf(VigilException.class)
        .hasMessageContaining("is given twice");
    assertThatThrownBy(() -> NabScorer.changepointTimes(everySecond(3), new int[] {0, 1}))
        .isInstanceOf(VigilException.class)
        .hasMessage("timestampsMillis has 3 values but changepointLabels has 2");
    assertThatThrownBy(() -> new NabScorer(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1 ms");
    assertThat(scorer.scores().windows()).isZero();
    assertThat(scorer.rawScore(NabProfile.STANDARD)).isZero();
  }

  private static long at(int row) {
    return BASE + row * 1000L;
  }

  private static long[] everySecond(int rows) {
    long[] timestamps = new long[rows];
    for (int row = 0; row < rows; row++) {
      timestamps[row] = at(row);
    }
    return timestamps;
  }

  /** Predictions that are 1 on rows [from, to) and 0 elsewhere. */
  private static int[] alarm(int rows, int from, int to) {
    int[] predictions = new int[rows];
    for (int row = from; row < to; row++) {
      predictions[row] = 1;
    }
    return predictions;
  }
}
