package dev.vigil.engine.model;

import dev.vigil.engine.data.SensorTable;
import java.util.List;
import java.util.Random;

/** Small correlated series for model tests: three sensors driven by one slow process. */
final class TestSeries {
  static final List<String> NAMES = List.of("pump\\flow", "pump\\pressure", "motor\\current");

  private TestSeries() {}

  /** Normal operation: every sensor follows the same slow process with its own gain and noise. */
  static SensorTable normal(int rows, long seed) {
    Random random = new Random(seed);
    long[] timestamps = new long[rows];
    double[][] columns = new double[3][rows];
    double process = 0;
    for (int row = 0; row < rows; row++) {
      timestamps[row] = 1_600_000_000_000L + row * 1000L;
      process = 0.98 * process + 0.2 * random.nextGaussian();
      columns[0][row] = 30 + 4 * process + 0.3 * random.nextGaussian();
      columns[1][row] = 2 + 0.5 * process + 0.04 * random.nextGaussian();
      columns[2][row] = 10 - 1.5 * process + 0.1 * random.nextGaussian();
    }
    return SensorTable.of(timestamps, NAMES, columns);
  }

  /** A copy of {@code table} with {@code offset} added to one sensor on rows {@code [from, to)}. */
  static SensorTable withOffset(SensorTable table, int sensor, int from, int to, double offset) {
    double[][] columns = new double[table.sensorCount()][];
    for (int s = 0; s < columns.length; s++) {
      columns[s] = table.column(s).clone();
    }
    for (int row = from; row < to; row++) {
      columns[sensor][row] += offset;
    }
    return SensorTable.of(table.timestamps().clone(), table.sensorNames(), columns);
  }

  static double[] row(SensorTable table, int row) {
    double[] values = new double[table.sensorCount()];
    for (int s = 0; s < values.length; s++) {
      values[s] = table.value(s, row);
    }
    return values;
  }
}
