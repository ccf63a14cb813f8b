package dev.vigil.engine.model;

/**
 * How eager a detector is to call a point anomalous, from 1 (only the clearest anomalies) to 100
 * (anything unusual). A sensitivity S sets the anomaly-score threshold {@code 1 - S/100}, kept
 * within [0.01, 0.99]: the default 50 flags scores above 0.5, as Lookout for Equipment does.
 * Because every model's score is calibrated on its own held-back training data (see {@link
 * ScoreCalibration}), the same sensitivity means the same thing on every model.
 *
 * @param value 1 to 100
 */
public record Sensitivity(int value) {
  /** Lowest accepted sensitivity. */
  public static final int MIN = 1;

  /** Highest accepted sensitivity. */
  public static final int MAX = 100;

  /** The sensitivity of stored results: a score above 0.5 is an anomaly. */
  public static final Sensitivity DEFAULT = new Sensitivity(50);

  public Sensitivity {
    if (value < MIN || value > MAX) {
      throw new IllegalArgumentException(
          "sensitivity must be between " + MIN + " and " + MAX + ", got " + value);
    }
  }

  /** The anomaly-score threshold: a point whose score is above it is anomalous. */
  public double scoreThreshold() {
    return Math.min(0.99, Math.max(0.01, 1 - value / 100.0));
  }
}
