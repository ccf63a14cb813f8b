package dev.vigil.engine.evaluation;

/**
 * Point-wise outlier-detection scores computed from a confusion matrix, as the SKAB leaderboard
 * reports them:
 *
 * <ul>
 *   <li>{@code f1 = TP / (TP + (FN + FP) / 2)}, in [0, 1];
 *   <li>{@code far = 100 * FP / (FP + TN)}, the false alarm rate in percent;
 *   <li>{@code mar = 100 * FN / (FN + TP)}, the missing alarm rate in percent.
 * </ul>
 *
 * <p>A rate whose denominator is 0 is {@code NaN}, never 0 or 100: F1 when there is no anomalous
 * row and no alarm at all, FAR when there is no normal row, MAR when there is no anomalous row. A
 * made-up number there would read as a result; {@code NaN} reads as "not measurable".
 *
 * <p>Build instances with {@link #fromCounts}; the canonical constructor checks that the rates
 * match the counts. Instances are immutable and thread-safe.
 *
 * @param f1 harmonic mean of precision and recall
 * @param far false alarm rate, percent of normal rows flagged
 * @param mar missing alarm rate, percent of anomalous rows not flagged
 * @param tp anomalous rows flagged
 * @param tn normal rows not flagged
 * @param fp normal rows flagged
 * @param fn anomalous rows not flagged
 */
public record PointScores(double f1, double far, double mar, long tp, long tn, long fp, long fn) {

  /**
   * @throws IllegalArgumentException if a count is negative or a rate does not follow from the
   *     counts
   */
  public PointScores {
    if (tp < 0 || tn < 0 || fp < 0 || fn < 0) {
      throw new IllegalArgumentException(
          "confusion counts must not be negative: tp="
              + tp
              + ", tn="
              + tn
              + ", fp="
              + fp
              + ", fn="
              + fn);
    }
    // Exact comparison is right here: fromCounts computes the rates with these very expressions.
    requireRate("f1", f1, f1(tp, fp, fn));
    requireRate("far", far, ratePercent(fp, fp + tn));
    requireRate("mar", mar, ratePercent(fn, fn + tp));
  }

  /** Computes the scores of a confusion matrix. */
  public static PointScores fromCounts(long tp, long tn, long fp, long fn) {
    return new PointScores(
        f1(tp, fp, fn), ratePercent(fp, fp + tn), ratePercent(fn, fn + tp), tp, tn, fp, fn);
  }

  /** Number of rows the scores were computed over. */
  public long rows() {
    return tp + tn + fp + fn;
  }

  private static double f1(long tp, long fp, long fn) {
    double denominator = tp + (fn + fp) / 2.0;
    return denominator == 0 ? Double.NaN : tp / denominator;
  }

  private static double ratePercent(long numerator, long denominator) {
    return denominator == 0 ? Double.NaN : 100.0 * numerator / denominator;
  }

  private static void requireRate(String name, double given, double expected) {
    if (Double.compare(given, expected) != 0) {
      throw new IllegalArgumentException(
          name
              + " is "
              + given
              + " but the counts give "
              + expected
              + "; build PointScores with fromCounts");
    }
  }
}
