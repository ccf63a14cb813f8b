package dev.vigil.engine.model;

/**
 * Turns a standardised series into the lagged vectors the model works on: the vector of row {@code
 * t} is {@code [z(t), z(t-1), ..., z(t-window+1)]}, each {@code z} holding one value per sensor
 * (lag-major). Rows before the first one repeat the first row, so that the first rows of a series
 * still get a vector.
 *
 * <p>Stateless and thread-safe.
 */
final class LaggedFeatures {
  private LaggedFeatures() {}

  /**
   * Writes the vector of row {@code t} into {@code out} (length {@code window * sensors}).
   *
   * @param standardized row-major standardised values, {@code [row][sensor]}
   * @param firstRow the earliest row the window may reach back to
   */
  static void vector(double[][] standardized, int t, int firstRow, int window, double[] out) {
    int sensors = standardized[0].length;
    for (int lag = 0; lag < window; lag++) {
      double[] source = standardized[Math.max(firstRow, t - lag)];
      System.arraycopy(source, 0, out, lag * sensors, sensors);
    }
  }
}
