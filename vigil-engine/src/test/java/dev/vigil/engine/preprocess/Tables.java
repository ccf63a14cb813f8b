package dev.vigil.engine.preprocess;

import dev.vigil.engine.data.SensorTable;
import java.util.List;

/** Builds small tables for tests. */
final class Tables {
  static final double NaN = Double.NaN;

  private Tables() {}

  /** A table with one sensor. */
  static SensorTable single(String name, long[] timestamps, double... values) {
    return SensorTable.of(timestamps, List.of(name), new double[][] {values});
  }

  /** Timestamps in whole seconds since the epoch, converted to milliseconds. */
  static long[] seconds(long... seconds) {
    long[] millis = new long[seconds.length];
    for (int i = 0; i < seconds.length; i++) {
      millis[i] = seconds[i] * 1000;
    }
    return millis;
  }
}
