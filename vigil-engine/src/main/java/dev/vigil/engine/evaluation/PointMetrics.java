package dev.vigil.engine.evaluation;

import java.util.Objects;

/**
 * Accumulates the point-wise confusion matrix of anomaly predictions against anomaly labels over
 * any number of files, pooled as the SKAB protocol requires: the counts of all files are summed
 * before F1, FAR and MAR are computed (see {@link PointScores}), so a long file weighs more than a
 * short one.
 *
 * <p>Not thread-safe: use one instance per thread, or synchronize externally.
 */
public final class PointMetrics {
  private long truePositives;
  private long trueNegatives;
  private long falsePositives;
  private long falseNegatives;

  /** Creates an empty accumulator; its scores are all {@code NaN} until rows are added. */
  public PointMetrics() {}

  /**
   * Adds the scored rows of one file.
   *
   * @param labels the true {@code anomaly} label of each row, 0 or 1
   * @param predictions the predicted label of each row, 0 or 1
   * @throws dev.vigil.engine.VigilException if the arrays differ in length or hold anything but 0
   *     and 1; the accumulator is then unchanged
   */
  public void add(int[] labels, int[] predictions) {
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(predictions, "predictions");
    EvaluationInputs.requireSameLength("labels", labels.length, "predictions", predictions.length);
    EvaluationInputs.requireBinary("labels", labels);
    EvaluationInputs.requireBinary("predictions", predictions);
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] == 1) {
        if (predictions[i] == 1) {
          truePositives++;
        } else {
          falseNegatives++;
        }
      } else if (predictions[i] == 1) {
        falsePositives++;
      } else {
        trueNegatives++;
      }
    }
  }

  /** The scores of everything added so far. */
  public PointScores scores() {
    return PointScores.fromCounts(truePositives, trueNegatives, falsePositives, falseNegatives);
  }
}
