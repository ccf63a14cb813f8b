package dev.vigil.engine.model;

/**
 * The settings of the detector. One configuration serves every asset: the defaults below were
 * chosen on the SKAB benchmark with a single setting for all 34 experiments and checked for
 * stability (each can move by about half its value either way without losing the benchmark
 * targets); see {@code docs/detection.md}.
 *
 * @param window lagged rows stacked into one feature vector, current row included; lets the model
 *     learn the recent history of each sensor, not only the relations between sensors
 * @param varianceRetained fraction of the training variance the principal subspace keeps; what it
 *     leaves out is the residual whose size (SPE) is the anomaly statistic
 * @param limitQuantile quantile of the in-sample SPE that normalises the statistic to about 1
 * @param holdoutFraction trailing fraction of the training rows held back to calibrate the
 *     threshold on data the model has not seen
 * @param thresholdQuantile quantile of the held-back normalised SPE that becomes the threshold at
 *     the default sensitivity
 * @param debounce consecutive rows that must agree before the prediction flips, in either
 *     direction; removes one-row blips and the flapping of a score near its threshold
 * @param maxCovarianceRows at most this many training vectors, spread evenly, estimate the
 *     covariance; more change the subspace by less than its sampling noise and only cost time
 * @param perSensorStatistic also judge each sensor's share of the residual against its own
 *     in-sample limit, not only the total (see {@link ResidualStatistic})
 */
public record DetectorConfig(
    int window,
    double varianceRetained,
    double limitQuantile,
    double holdoutFraction,
    double thresholdQuantile,
    int debounce,
    int maxCovarianceRows,
    boolean perSensorStatistic) {

  /** Ten rows of history: long enough to see a trend start, short enough to react within it. */
  public static final int DEFAULT_WINDOW = 10;

  /** Keep 80% of the variance; the remaining 20% is where broken relations show up. */
  public static final double DEFAULT_VARIANCE_RETAINED = 0.80;

  /** Normalise SPE by its in-sample 99th percentile. */
  public static final double DEFAULT_LIMIT_QUANTILE = 0.99;

  /** Hold back the last quarter of the training rows for calibration. */
  public static final double DEFAULT_HOLDOUT_FRACTION = 0.25;

  /** The threshold is the 99th percentile of the held-back statistic. */
  public static final double DEFAULT_THRESHOLD_QUANTILE = 0.99;

  /** Five rows must agree before the prediction flips. */
  public static final int DEFAULT_DEBOUNCE = 5;

  /** Estimate the covariance from at most 100,000 vectors. */
  public static final int DEFAULT_MAX_COVARIANCE_ROWS = 100_000;

  /** Judge each sensor's residual too: a fault in one of many sensors is not diluted. */
  public static final boolean DEFAULT_PER_SENSOR_STATISTIC = true;

  /** The configuration Vigil uses unless told otherwise. */
  public static final DetectorConfig DEFAULTS = builder().build();

  public DetectorConfig {
    requireRange("window", window, 1, 1000);
    requireOpenRange("varianceRetained", varianceRetained, 0, 1);
    requireOpenRange("limitQuantile", limitQuantile, 0, 1);
    requireOpenRange("holdoutFraction", holdoutFraction, 0, 1);
    requireOpenRange("thresholdQuantile", thresholdQuantile, 0, 1);
    requireRange("debounce", debounce, 1, 1000);
    requireRange("maxCovarianceRows", maxCovarianceRows, 100, Integer.MAX_VALUE);
  }

  /** The fewest training rows that leave enough vectors to fit and to calibrate. */
  public int minimumTrainingRows() {
    return window - 1 + 2 * (window * 2 + 10);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .window(window)
        .varianceRetained(varianceRetained)
        .limitQuantile(limitQuantile)
        .holdoutFraction(holdoutFraction)
        .thresholdQuantile(thresholdQuantile)
        .debounce(debounce)
        .maxCovarianceRows(maxCovarianceRows)
        .perSensorStatistic(perSensorStatistic);
  }

  private static void requireRange(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " must be between " + min + " and " + max + ", got " + value);
    }
  }

  private static void requireOpenRange(String name, double value, double min, double max) {
    if (!(value > min && value < max)) {
      throw new IllegalArgumentException(
          name + " must be strictly between " + min + " and " + max + ", got " + value);
    }
  }

  /** Builds a {@link DetectorConfig}, starting from the defaults. Not thread-safe. */
  public static final class Builder {
    private int window = DEFAULT_WINDOW;
    private double varianceRetained = DEFAULT_VARIANCE_RETAINED;
    private double limitQuantile = DEFAULT_LIMIT_QUANTILE;
    private double holdoutFraction = DEFAULT_HOLDOUT_FRACTION;
    private double thresholdQuantile = DEFAULT_THRESHOLD_QUANTILE;
    private int debounce = DEFAULT_DEBOUNCE;
    private int maxCovarianceRows = DEFAULT_MAX_COVARIANCE_ROWS;
    private boolean perSensorStatistic = DEFAULT_PER_SENSOR_STATISTIC;

    private Builder() {}

    public Builder window(int value) {
      this.window = value;
      return this;
    }

    public Builder varianceRetained(double value) {
      this.varianceRetained = value;
      return this;
    }

    public Builder limitQuantile(double value) {
      this.limitQuantile = value;
      return this;
    }

    public Builder holdoutFraction(double value) {
      this.holdoutFraction = value;
      return this;
    }

    public Builder thresholdQuantile(double value) {
      this.thresholdQuantile = value;
      return this;
    }

    public Builder debounce(int value) {
      this.debounce = value;
      return this;
    }

    public Builder maxCovarianceRows(int value) {
      this.maxCovarianceRows = value;
      return this;
    }

    public Builder perSensorStatistic(boolean value) {
      this.perSensorStatistic = value;
      return this;
    }

    public DetectorConfig build() {
      return new DetectorConfig(
          window,
          varianceRetained,
          limitQuantile,
          holdoutFraction,
          thresholdQuantile,
          debounce,
          maxCovarianceRows,
          perSensorStatistic);
    }
  }
}
