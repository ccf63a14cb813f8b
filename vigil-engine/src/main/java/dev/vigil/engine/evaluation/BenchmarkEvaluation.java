package dev.vigil.engine.evaluation;

import java.time.Duration;
import java.util.Objects;

/**
 * Accumulates every SKAB figure at once, file by file: the point-wise scores of {@link
 * PointMetrics}, the NAB scores of {@link NabScorer} and the average precision of {@link
 * PrecisionRecallAuc}. Each file is checked as a whole before anything is counted, so a rejected
 * file leaves the evaluation unchanged rather than half-added.
 *
 * <p>Not thread-safe: use one instance per thread, or synchronize externally.
 */
public final class BenchmarkEvaluation {
  private final PointMetrics points = new PointMetrics();
  private final NabScorer changepoints;
  private final PrecisionRecallAuc ranking = new PrecisionRecallAuc();
  private int files;

  /** An evaluation with SKAB's 60-second NAB window. */
  public BenchmarkEvaluation() {
    this(NabScorer.DEFAULT_WINDOW);
  }

  /**
   * An evaluation with another NAB window length.
   *
   * @throws IllegalArgumentException if the window is shorter than one millisecond
   */
  public BenchmarkEvaluation(Duration nabWindow) {
    this.changepoints = new NabScorer(nabWindow);
  }

  /**
   * Adds the scored rows of one file; all arrays hold one element per row.
   *
   * @param timestampsMillis row times, epoch milliseconds, strictly increasing
   * @param anomalyLabels the {@code anomaly} column, 0 or 1
   * @param changepointLabels the {@code changepoint} column, 0 or 1: 1 opens a NAB window
   * @param predictions the detector's verdict, 0 or 1
   * @param scores the detector's continuous anomaly score, higher meaning more anomalous, never
   *     {@code NaN}
   * @throws dev.vigil.engine.VigilException naming the first array that is too long or too short,
   *     holds a value other than 0 or 1, has non-increasing timestamps or a {@code NaN} score; the
   *     evaluation is then unchanged
   */
  public void add(
      long[] timestampsMillis,
      int[] anomalyLabels,
      int[] changepointLabels,
      int[] predictions,
      double[] scores) {
    Objects.requireNonNull(timestampsMillis, "timestampsMillis");
    Objects.requireNonNull(anomalyLabels, "anomalyLabels");
    Objects.requireNonNull(changepointLabels, "changepointLabels");
    Objects.requireNonNull(predictions, "predictions");
    Objects.requireNonNull(scores, "scores");
    int rows = timestampsMillis.length;
    EvaluationInputs.requireSameLength(
        "anomalyLabels", anomalyLabels.length, "timestampsMillis", rows);
    EvaluationInputs.requireSameLength(
        "changepointLabels", changepointLabels.length, "timestampsMillis", rows);
    EvaluationInputs.requireSameLength("predictions", predictions.length, "timestampsMillis", rows);
    EvaluationInputs.requireSameLength("scores", scores.length, "timestampsMillis", rows);
    EvaluationInputs.requireStrictlyIncreasing("timestampsMillis", timestampsMillis);
    EvaluationInputs.requireBinary("anomalyLabels", anomalyLabels);
    EvaluationInputs.requireBinary("changepointLabels", changepointLabels);
    EvaluationInputs.requireBinary("predictions", predictions);
    EvaluationInputs.requireNoNaN("scores", scores);

    // Everything the pieces check has passed above, so none of these can fail part-way.
    points.add(anomalyLabels, predictions);
    changepoints.add(
        timestampsMillis,
        NabScorer.changepointTimes(timestampsMillis, changepointLabels),
        predictions);
    ranking.add(anomalyLabels, scores);
    files++;
  }

  /** The figures of everything added so far. */
  public BenchmarkResult result() {
    PointScores pointScores = points.scores();
    return new BenchmarkResult(
        files, pointScores.rows(), pointScores, changepoints.scores(), ranking.averagePrecision());
  }
}
