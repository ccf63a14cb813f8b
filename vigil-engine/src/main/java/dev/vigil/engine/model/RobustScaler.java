package dev.vigil.engine.model;

import java.util.Arrays;

/**
 * Per-sensor standardisation that a few outliers in the training data cannot distort: values are
 * winsorised at the {@value #WINSOR_TAIL} and {@code 1 - }{@value #WINSOR_TAIL} quantiles before
 * the mean and the standard deviation are taken.
 *
 * <p>Why not median and MAD: plant sensors are often quantised (a pressure read in steps, a flow
 * that sits on a few values), and their MAD or IQR is then zero or a single step, which blows a
 * small change up into dozens of standard deviations. Winsorising keeps the variance of such
 * sensors while removing the pull of spikes.
 *
 * <p>Immutable and thread-safe.
 */
record RobustScaler(double[] center, double[] scale) {
  /** The fraction of values clipped at each end before the moments are taken. */
  static final double WINSOR_TAIL = 0.01;

  RobustScaler {
    if (center.length != scale.length) {
      throw new IllegalArgumentException(
          center.length + " centres for " + scale.length + " scales");
    }
    for (double s : scale) {
      if (!(s > 0) || Double.isInfinite(s)) {
        throw new IllegalArgumentException("scale must be positive and finite, got " + s);
      }
    }
  }

  /**
   * Returns {centre, scale} of one sensor's valid values, or a scale of 0 when the winsorised
   * values do not vary (the caller screens such sensors out).
   */
  static double[] fitOne(double[] values) {
    double[] valid = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
    if (valid.length == 0) {
      throw new IllegalArgumentException("no valid value to fit");
    }
    double low = quantileOfSorted(valid, WINSOR_TAIL);
    double high = quantileOfSorted(valid, 1 - WINSOR_TAIL);
    double sum = 0;
    for (double v : valid) {
      sum += Math.min(high, Math.max(low, v));
    }
    double mean = sum / valid.length;
    double squares = 0;
    for (double v : valid) {
      double d = Math.min(high, Math.max(low, v)) - mean;
      squares += d * d;
    }
    return new double[] {mean, Math.sqrt(squares / valid.length)};
  }

  /** Linear-interpolated quantile of an ascending array (the "type 7" definition of R / numpy). */
  static double quantileOfSorted(double[] sorted, double probability) {
    if (sorted.length == 1) {
      return sorted[0];
    }
    double position = probability * (sorted.length - 1);
    int lower = (int) Math.floor(position);
    int upper = Math.min(lower + 1, sorted.length - 1);
    double fraction = position - lower;
    return sorted[lower] + fraction * (sorted[upper] - sorted[lower]);
  }

  /** The same quantile of an unsorted array, which it leaves untouched. */
  static double quantile(double[] values, double probability) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return quantileOfSorted(sorted, probability);
  }

  int sensorCount() {
    return center.length;
  }

  double standardize(int sensor, double value) {
    return (value - center[sensor]) / scale[sensor];
  }
}
