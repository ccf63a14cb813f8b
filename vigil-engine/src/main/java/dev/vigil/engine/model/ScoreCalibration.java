package dev.vigil.engine.model;

/**
 * Maps the detector's statistic to an anomaly score in [0, 1] with the same meaning on every model.
 * The statistic is first expressed as a ratio to the model's threshold (the high quantile of its
 * held-back training statistic), then squashed by a log-logistic curve: {@code score = r^g / (1 +
 * r^g)}. Two anchors, both from held-back training data, fix the curve: the threshold maps to 0.5,
 * and the median held-back statistic (a typical normal point) maps to {@value
 * #TYPICAL_NORMAL_SCORE}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param threshold the statistic that scores 0.5
 * @param steepness the exponent g of the curve
 */
record ScoreCalibration(double threshold, double steepness) {
  /** The score of a typical (median) normal point. */
  static final double TYPICAL_NORMAL_SCORE = 0.1;

  /** Bounds on the steepness, so that degenerate training data cannot make the score a step. */
  static final double MIN_STEEPNESS = 0.5;

  static final double MAX_STEEPNESS = 40;

  ScoreCalibration {
    if (!(threshold > 0) || Double.isInfinite(threshold)) {
      throw new IllegalArgumentException("threshold must be positive and finite, got " + threshold);
    }
    if (!(steepness >= MIN_STEEPNESS && steepness <= MAX_STEEPNESS)) {
      throw new IllegalArgumentException("steepness out of range: " + steepness);
    }
  }

  /** Anchors the curve on a threshold and the median of the held-back statistic. */
  static ScoreCalibration anchored(double threshold, double typicalStatistic) {
    double typicalRatio = typicalStatistic / threshold;
    double steepness = MAX_STEEPNESS;
    if (typicalRatio > 0 && typicalRatio < 1) {
      double oddsOfTypical = TYPICAL_NORMAL_SCORE / (1 - TYPICAL_NORMAL_SCORE);
      steepness = Math.log(oddsOfTypical) / Math.log(typicalRatio);
    }
    steepness = Math.min(MAX_STEEPNESS, Math.max(MIN_STEEPNESS, steepness));
    return new ScoreCalibration(threshold, steepness);
  }

  /** The score of a value of the statistic. */
  double scoreOf(double statistic) {
    double ratio = statistic / threshold;
    if (!(ratio > 0)) {
      return 0;
    }
    if (Double.isInfinite(ratio)) {
      return 1;
    }
    double powered = Math.pow(ratio, steepness);
    return Double.isInfinite(powered) ? 1 : powered / (1 + powered);
  }

  /** The value of the statistic whose score is {@code score}: the inverse of the curve. */
  double statisticOf(double score) {
    return threshold * Math.pow(score / (1 - score), 1 / steepness);
  }
}
