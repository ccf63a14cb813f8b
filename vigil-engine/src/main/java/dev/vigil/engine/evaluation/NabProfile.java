package dev.vigil.engine.evaluation;

/**
 * The three NAB weightings used by SKAB, each a triple (A_tp, A_fp, A_fn): the score of a detection
 * at the very start of a window, of a false positive, and of a missed window.
 *
 * <p>A detection inside a window scores, with {@code r = (t_detect - t_start) / (t_end - t_start)}
 * in [0, 1] and {@code x = -pi/2 + r * pi},
 *
 * <pre>(A_tp - A_fp) / 2 * (1 - tanh(x) / tanh(pi/2)) + A_fp</pre>
 *
 * which falls smoothly from A_tp at the window's start through (A_tp + A_fp) / 2 at its middle to
 * A_fp at its end, so an early detection is worth more than a late one. SKAB evaluates x on a grid
 * of 1,000 points; Vigil uses the exact value, a difference far below the reported precision.
 *
 * <p>Constants are immutable and thread-safe.
 */
public enum NabProfile {
  /** The balanced weighting (1, -0.11, -1). */
  STANDARD(1.0, -0.11, -1.0),
  /** Penalises false positives twice as hard: (1, -0.22, -1). */
  LOW_FP(1.0, -0.22, -1.0),
  /** Penalises missed windows twice as hard: (1, -0.11, -2). */
  LOW_FN(1.0, -0.11, -2.0);

  private static final double TANH_HALF_PI = Math.tanh(Math.PI / 2);

  private final double truePositiveWeight;
  private final double falsePositiveWeight;
  private final double falseNegativeWeight;

  NabProfile(double truePositiveWeight, double falsePositiveWeight, double falseNegativeWeight) {
    this.truePositiveWeight = truePositiveWeight;
    this.falsePositiveWeight = falsePositiveWeight;
    this.falseNegativeWeight = falseNegativeWeight;
  }

  /** A_tp: the score of a detection exactly at a window's start. */
  public double truePositiveWeight() {
    return truePositiveWeight;
  }

  /** A_fp: the score of a predicted changepoint outside every window (negative). */
  public double falsePositiveWeight() {
    return falsePositiveWeight;
  }

  /** A_fn: the score of a window without any predicted changepoint (negative). */
  public double falseNegativeWeight() {
    return falseNegativeWeight;
  }

  /**
   * The score of the first detection in a window.
   *
   * @param relativePosition r, the detection's position in its window: 0 at the start, 1 at the end
   * @throws IllegalArgumentException if r is outside [0, 1]
   */
  public double detectionScore(double relativePosition) {
    if (!(relativePosition >= 0.0 && relativePosition <= 1.0)) {
      throw new IllegalArgumentException(
          "relative position in the window must be within [0, 1], got " + relativePosition);
    }
    double x = -Math.PI / 2 + relativePosition * Math.PI;
    return (truePositiveWeight - falsePositiveWeight) / 2 * (1 - Math.tanh(x) / TANH_HALF_PI)
        + falsePositiveWeight;
  }
}
