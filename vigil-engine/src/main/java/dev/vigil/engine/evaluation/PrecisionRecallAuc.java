package dev.vigil.engine.evaluation;

import java.util.Arrays;
import java.util.Objects;

/**
 * Accumulates a continuous anomaly score against 0/1 labels over any number of files and computes
 * the area under the precision-recall curve as <b>average precision</b>, pooled over all rows:
 *
 * <pre>AP = sum over thresholds k of (R_k - R_(k-1)) * P_k</pre>
 *
 * where the thresholds are the distinct score values from highest to lowest, row i is flagged at
 * threshold k when its score is at least that value, P_k and R_k are the precision and recall of
 * that flagging, and R_0 = 0. This is the step-wise sum scikit-learn's {@code
 * average_precision_score} computes; unlike the trapezoidal rule it does not reward interpolating
 * between operating points that no threshold can reach.
 *
 * <p><b>Ties:</b> rows with equal scores cannot be separated by any threshold, so they enter the
 * curve together, as a single step. The result therefore does not depend on the order in which rows
 * were added.
 *
 * <p>Higher scores must mean "more anomalous". {@code NaN} scores are rejected, because they have
 * no place in a ranking; infinite scores are allowed.
 *
 * <p>Adding n rows costs O(n) amortised; {@link #averagePrecision()} sorts once, O(n log n), on
 * primitive arrays, so pooling tens of thousands of rows takes milliseconds.
 *
 * <p>Not thread-safe: use one instance per thread, or synchronize externally.
 */
public final class PrecisionRecallAuc {
  private static final int INITIAL_CAPACITY = 1024;

  // Scores split by label: sorting each half lets average precision be computed by merging the two
  // sorted arrays, with no boxed index sort.
  private double[] positiveScores = new double[INITIAL_CAPACITY];
  private int positives;
  private double[] negativeScores = new double[INITIAL_CAPACITY];
  private int negatives;

  /**
   * Creates an empty accumulator; its average precision is {@code NaN} until a positive is added.
   */
  public PrecisionRecallAuc() {}

  /**
   * Adds the scored rows of one file.
   *
   * @param labels the true label of each row, 0 or 1
   * @param scores the anomaly score of each row, higher meaning more anomalous, never {@code NaN}
   * @throws dev.vigil.engine.VigilException if the arrays differ in length, a label is not 0 or 1,
   *     or a score is {@code NaN}; the accumulator is then unchanged
   */
  public void add(int[] labels, double[] scores) {
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(scores, "scores");
    EvaluationInputs.requireSameLength("labels", labels.length, "scores", scores.length);
    EvaluationInputs.requireBinary("labels", labels);
    EvaluationInputs.requireNoNaN("scores", scores);
    int newPositives = 0;
    for (int label : labels) {
      newPositives += label;
    }
    positiveScores = ensureCapacity(positiveScores, positives + newPositives);
    negativeScores = ensureCapacity(negativeScores, negatives + labels.length - newPositives);
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] == 1) {
        positiveScores[positives++] = scores[i];
      } else {
        negativeScores[negatives++] = scores[i];
      }
    }
  }

  /** Number of rows added so far. */
  public long rows() {
    return (long) positives + negatives;
  }

  /**
   * The average precision of everything added so far, in [0, 1]; {@code NaN} while no row labelled
   * 1 has been added, because recall is then undefined.
   */
  public double averagePrecision() {
    if (positives == 0) {
      return Double.NaN;
    }
    double[] positive = Arrays.copyOf(positiveScores, positives);
    double[] negative = Arrays.copyOf(negativeScores, negatives);
    Arrays.sort(positive);
    Arrays.sort(negative);

    // Walk both ascending arrays from their ends, i.e. from the highest score down, one distinct
    // score value (one threshold) at a time. Comparing with == groups -0.0 with 0.0, which sort
    // next to each other, as one threshold.
    int p = positive.length - 1;
    int n = negative.length - 1;
    long truePositives = 0;
    long falsePositives = 0;
    double previousRecall = 0;
    double sum = 0;
    while (p >= 0) {
      double threshold = n >= 0 ? Math.max(positive[p], negative[n]) : positive[p];
      while (p >= 0 && positive[p] == threshold) {
        truePositives++;
        p--;
      }
      while (n >= 0 && negative[n] == threshold) {
        falsePositives++;
        n--;
      }
      double recall = (double) truePositives / positives;
      double precision = (double) truePositives / (truePositives + falsePositives);
      sum += (recall - previousRecall) * precision;
      previousRecall = recall;
    }
    // Thresholds below the lowest positive score add negatives only: recall no longer grows, so
    // they add nothing and the walk can stop.
    return sum;
  }

  private static double[] ensureCapacity(double[] array, int required) {
    if (required <= array.length) {
      return array;
    }
    return Arrays.copyOf(array, Math.max(required, 2 * array.length));
  }
}
