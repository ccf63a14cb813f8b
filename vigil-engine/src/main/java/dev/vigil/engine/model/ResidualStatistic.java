package dev.vigil.engine.model;

/**
 * The anomaly statistic computed from a lagged vector's residual (what the principal subspace
 * cannot explain). Two views of the residual are normalised by their in-sample high quantiles: its
 * whole squared length (SPE), which sees faults spread over many sensors, and each sensor's share
 * of it (summed over the sensor's lags), which sees a fault in one sensor even when it is one of
 * hundreds and would be diluted in the total. The statistic is the largest of these ratios: about 1
 * at the in-sample high quantile, whatever the number of sensors.
 *
 * <p>Immutable and thread-safe; {@link #of} writes into a caller-owned buffer.
 *
 * @param totalLimit in-sample high quantile of the SPE
 * @param sensorLimits in-sample high quantile of each sensor's share of the SPE; empty when only
 *     the total is used
 */
record ResidualStatistic(double totalLimit, double[] sensorLimits) {
  ResidualStatistic {
    if (!(totalLimit > 0)) {
      throw new IllegalArgumentException("totalLimit must be positive, got " + totalLimit);
    }
    for (double limit : sensorLimits) {
      if (!(limit > 0)) {
        throw new IllegalArgumentException("sensor limits must be positive, got " + limit);
      }
    }
  }

  /**
   * Sums the squared residual of each sensor over its lags into {@code perSensor} and returns the
   * statistic.
   *
   * @param residual lag-major residual, {@code window * sensors} long
   */
  double of(double[] residual, int sensors, int window, double[] perSensor) {
    double total = sensorSquares(residual, sensors, window, perSensor);
    double statistic = total / totalLimit;
    for (int s = 0; s < sensorLimits.length; s++) {
      statistic = Math.max(statistic, perSensor[s] / sensorLimits[s]);
    }
    return statistic;
  }

  /** Writes each sensor's squared residual into {@code perSensor} and returns their sum. */
  static double sensorSquares(double[] residual, int sensors, int window, double[] perSensor) {
    java.util.Arrays.fill(perSensor, 0, sensors, 0);
    int offset = 0;
    for (int lag = 0; lag < window; lag++) {
      for (int s = 0; s < sensors; s++) {
        double r = residual[offset++];
        perSensor[s] += r * r;
      }
    }
    double total = 0;
    for (int s = 0; s < sensors; s++) {
      total += perSensor[s];
    }
    return total;
  }
}
