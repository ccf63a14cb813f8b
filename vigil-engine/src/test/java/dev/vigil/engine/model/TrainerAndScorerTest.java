package dev.vigil.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.data.InvalidDataException;
import dev.vigil.engine.data.SensorTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerAndScorerTest {
  private static final int TRAIN_ROWS = 2000;

  private final SensorTable series = TestSeries.normal(4000, 7);
  private final TrainedModel model =
      Trainer.train(series.rows(0, TRAIN_ROWS), DetectorConfig.DEFAULTS);

  private List<ScoredRow> scoreAfterTraining(SensorTable table, Scorer scorer) {
    for (int row = TRAIN_ROWS - model.config().window(); row < TRAIN_ROWS; row++) {
      scorer.warmUp(TestSeries.row(table, row));
    }
    List<ScoredRow> scored = new ArrayList<>();
    for (int row = TRAIN_ROWS; row < table.rowCount(); row++) {
      scored.add(scorer.score(table.timestamp(row), TestSeries.row(table, row), false));
    }
    return scored;
  }

  @Test
  void normal_data_after_training_is_rarely_flagged() {
    List<ScoredRow> scored = scoreAfterTraining(series, model.newScorer());
    long flagged = scored.stream().filter(r -> r.prediction() == 1).count();
    // Same process, unseen rows: the threshold is a 99th percentile and the debounce needs five
    // rows in a row above it, so well under 2% of 2000 rows may be flagged.
    assertThat(flagged).isLessThan(40);
  }

  @Test
  void an_offset_on_one_sensor_is_flagged_and_that_sensor_ranks_first() {
    int pressure = series.indexOf("pump\\pressure");
    // Two standard deviations of the pressure, against a noise of 0.04: clear to a person.
    SensorTable faulty = TestSeries.withOffset(series, pressure, 3000, 3200, 1.0);
    List<ScoredRow> scored = scoreAfterTraining(faulty, model.newScorer());
    List<ScoredRow> inFault = scored.subList(1000, 1200);
    long flagged = inFault.stream().filter(r -> r.prediction() == 1).count();
    assertThat(flagged).isGreaterThan(190);
    for (ScoredRow row : inFault.subList(10, 200)) {
      double[] shares = row.diagnostics();
      assertThat(argMax(shares)).isEqualTo(pressure);
      assertThat(Arrays.stream(shares).sum())
          .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    }
  }

  @Test
  void prediction_is_one_exactly_when_the_score_is_above_the_threshold() {
    SensorTable faulty = TestSeries.withOffset(series, 0, 2500, 2600, 3);
    for (int sensitivity : new int[] {1, 20, 50, 80, 100}) {
      Sensitivity level = new Sensitivity(sensitivity);
      for (ScoredRow row : scoreAfterTraining(faulty, model.newScorer(level))) {
        assertThat(row.anomalyScore() > level.scoreThreshold())
            .as("row %d at sensitivity %d", row.timestampMillis(), sensitivity)
            .isEqualTo(row.prediction() == 1);
        assertThat(row.anomalyScore()).isBetween(0.0, 1.0);
      }
    }
  }

  @Test
  void higher_sensitivity_never_flags_fewer_points() {
    SensorTable faulty = TestSeries.withOffset(series, 2, 2500, 2700, 0.4);
    long previous = -1;
    for (int sensitivity = 1; sensitivity <= 100; sensitivity += 11) {
      long flagged =
          scoreAfterTraining(faulty, model.newScorer(new Sensitivity(sensitivity))).stream()
              .filter(r -> r.prediction() == 1)
              .count();
      assertThat(flagged).as("sensitivity %d", sensitivity).isGreaterThanOrEqualTo(previous);
      previous = flagged;
    }
  }

  @Test
  void a_blip_shorter_than_the_debounce_is_not_an_anomaly_but_a_longer_one_is() {
    // Without lags a blip of n rows raises exactly n raw scores, which isolates the debounce.
    TrainedModel noLags =
        Trainer.train(series.rows(0, TRAIN_ROWS), DetectorConfig.builder().window(1).build());
    SensorTable blips =
        TestSeries.withOffset(TestSeries.withOffset(series, 0, 3000, 3004, 40), 0, 3500, 3505, 40);
    Scorer scorer = noLags.newScorer();
    List<ScoredRow> scored = new ArrayList<>();
    for (int row = TRAIN_ROWS; row < blips.rowCount(); row++) {
      scored.add(scorer.score(blips.timestamp(row), TestSeries.row(blips, row), false));
    }
    assertThat(scored.subList(1000, 1004)).allMatch(r -> r.rawScore() > 0.5);
    assertThat(scored.subList(995, 1010)).allMatch(r -> r.prediction() == 0);
    assertThat(scored.subList(1500, 1504)).allMatch(r -> r.prediction() == 0);
    assertThat(scored.get(1504).prediction()).isOne();
    // It takes five ordinary rows to clear the prediction again.
    assertThat(scored.subList(1505, 1509)).allMatch(r -> r.prediction() == 1);
    assertThat(scored.get(1509).prediction()).isZero();
  }

  @Test
  void machine_off_rows_are_reported_and_not_judged() {
    Scorer scorer = model.newScorer();
    ScoredRow row = scorer.score(0, new double[] {0, 0, 0}, true);
    assertThat(row.reason()).isEqualTo(PredictionReason.MACHINE_OFF);
    assertThat(row.prediction()).isZero();
    assertThat(row.diagnostics()).containsOnly(0.0);
  }

  @Test
  void a_missing_value_repeats_the_last_valid_one() {
    Scorer withGap = model.newScorer();
    Scorer withoutGap = model.newScorer();
    double[] first = TestSeries.row(series, 100);
    withGap.score(1, first, false);
    withoutGap.score(1, first, false);
    double[] gap = first.clone();
    gap[1] = Double.NaN;
    ScoredRow a = withGap.score(2, gap, false);
    ScoredRow b = withoutGap.score(2, first, false);
    assertThat(a.rawScore()).isEqualTo(b.rawScore());
  }

  @Test
  void a_row_of_the_wrong_width_is_rejected_with_the_sensor_list() {
    assertThatThrownBy(() -> model.newScorer().score(0, new double[] {1, 2}, false))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(
            "row at 1970-01-01T00:00:00Z has 2 values; the model reads 3 sensors"
                + " [pump\\flow, pump\\pressure, motor\\current]");
  }

  @Test
  void constant_and_empty_sensors_are_excluded_and_reported() {
    double[][] columns = new double[5][];
    for (int s = 0; s < 3; s++) {
      columns[s] = series.rows(0, TRAIN_ROWS).column(s).clone();
    }
    columns[3] = new double[TRAIN_ROWS];
    Arrays.fill(columns[3], 4.0);
    columns[4] = new double[TRAIN_ROWS];
    Arrays.fill(columns[4], Double.NaN);
    List<String> names = new ArrayList<>(TestSeries.NAMES);
    names.add("valve\\position");
    names.add("valve\\temperature");
    SensorTable table =
        SensorTable.of(series.rows(0, TRAIN_ROWS).timestamps().clone(), names, columns);

    TrainedModel withDead = Trainer.train(table, DetectorConfig.DEFAULTS);

    assertThat(withDead.summary().excludedSensors())
        .containsExactly(
            new ExcludedSensor(
                "valve\\position",
                "constant at 4.0 over the training data (a dead or idle sensor)"),
            new ExcludedSensor("valve\\temperature", "no valid value in the training data"));
    assertThat(withDead.summary().sensorsUsed()).isEqualTo(3);
    ScoredRow row = withDead.newScorer().score(0, new double[] {30, 2, 10, 4, 1}, false);
    assertThat(row.diagnostics()).hasSize(5);
    assertThat(row.diagnostics()[3]).isZero();
    assertThat(row.diagnostics()[4]).isZero();
  }

  @Test
  void training_on_too_few_rows_names_the_minimum() {
    assertThatThrownBy(() -> Trainer.train(series.rows(0, 30), DetectorConfig.DEFAULTS))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(
            "training data has 30 rows; the model needs at least 69 for its window of 10 rows"
                + " and its calibration");
  }

  @Test
  void training_with_only_dead_sensors_says_why_each_was_left_out() {
    double[][] columns = {new double[200], new double[200], new double[200]};
    SensorTable flat =
        SensorTable.of(series.rows(0, 200).timestamps().clone(), TestSeries.NAMES, columns);
    assertThatThrownBy(() -> Trainer.train(flat, DetectorConfig.DEFAULTS))
        .isInstanceOf(InvalidDataException.class)
        .hasMessageStartingWith(
            "no sensor can be trained on: pump\\flow (constant at 0.0 over the training data");
  }

  @Test
  void machine_off_rows_are_not_trained_on() {
    boolean[] off = new boolean[TRAIN_ROWS];
    Arrays.fill(off, 200, 400, true);
    // Garbage while the machine is off must not reach the model.
    SensorTable garbage = TestSeries.withOffset(series.rows(0, TRAIN_ROWS), 0, 200, 400, 1e6);
    TrainedModel withOff = Trainer.trainPrepared(garbage, off, DetectorConfig.DEFAULTS);
    TrainedModel clean =
        Trainer.trainPrepared(
            TestSeries.withOffset(series.rows(0, TRAIN_ROWS), 0, 200, 400, 0),
            off,
            DetectorConfig.DEFAULTS);
    assertThat(withOff.summary().machineOffRows()).isEqualTo(200);
    // 1800 on rows; the 9 rows after each start of a run of on rows lack a full window.
    assertThat(withOff.summary().vectors()).isEqualTo(1800 - 18);
    assertThat(ModelFormat.toBytes(withOff)).isEqualTo(ModelFormat.toBytes(clean));
  }

  @Test
  void training_with_no_run_of_on_rows_as_long_as_the_window_is_refused() {
    boolean[] off = new boolean[TRAIN_ROWS];
    for (int row = 0; row < TRAIN_ROWS; row += 3) {
      off[row] = true;
    }
    assertThatThrownBy(
            () -> Trainer.trainPrepared(series.rows(0, TRAIN_ROWS), off, DetectorConfig.DEFAULTS))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(
            "training data has too few runs of 10 consecutive rows with the machine on to fit the"
                + " model");
  }

  @Test
  void the_summary_reports_a_calibrated_holdout() {
    TrainingSummary summary = model.summary();
    assertThat(summary.trainingRows()).isEqualTo(TRAIN_ROWS);
    assertThat(summary.holdoutRows()).isEqualTo(500);
    // The median held-out point is anchored at a score of 0.1 and the threshold at 0.5.
    assertThat(summary.holdoutScoreMedian())
        .isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(summary.holdoutFlaggedFraction()).isLessThanOrEqualTo(0.01);
    assertThat(summary.components()).isBetween(1, 29);
  }

  private static int argMax(double[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }
}
