package dev.vigil.engine.preprocess;

import dev.vigil.engine.data.SensorTable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Fills missing ({@code NaN}) values sensor by sensor according to a {@link FillPolicy}.
 *
 * <ul>
 *   <li>{@link FillMethod#PREVIOUS}: the last valid value is carried forward; missing values before
 *       the first valid value take that first valid value, because there is nothing earlier to
 *       carry and dropping rows would break the alignment with the other sensors.
 *   <li>{@link FillMethod#LINEAR}: values in a gap are interpolated by timestamp, not by row, so
 *       irregular sampling does not bend the line; values before the first or after the last valid
 *       value take the nearest valid value rather than being extrapolated.
 *   <li>{@link FillMethod#ZERO} and {@link FillMethod#FIXED}: the constant is written into every
 *       gap.
 * </ul>
 *
 * <p>A sensor with no valid value at all stays entirely {@code NaN} whatever the method, even for
 * {@code ZERO} and {@code FIXED}: such a sensor carries no information, and the caller is expected
 * to exclude it rather than train on a constant that was never measured. Its filled count is zero.
 *
 * <p>Runs in O(rows) per sensor. Stateless and thread-safe.
 */
public final class MissingValueFiller {

  private MissingValueFiller() {}

  /**
   * Fills the missing values of every sensor. The input table is not modified.
   *
   * @return a new table with the same timestamps and sensors
   */
  public static SensorTable fill(SensorTable table, FillPolicy policy) {
    return fillCounting(table, policy).table();
  }

  /**
   * Fills the missing values of every sensor and counts, per sensor, how many were filled. The
   * input table is not modified.
   */
  public static FillResult fillCounting(SensorTable table, FillPolicy policy) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(policy, "policy");
    long[] timestamps = table.timestamps();
    double[][] filled = new double[table.sensorCount()][];
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (int s = 0; s < table.sensorCount(); s++) {
      // column() is the table's own storage: work on a copy.
      double[] column = table.column(s).clone();
      counts.put(table.sensorNames().get(s), fillColumn(column, timestamps, policy));
      filled[s] = column;
    }
    return new FillResult(SensorTable.of(timestamps.clone(), table.sensorNames(), filled), counts);
  }

  /** Fills {@code column} in place and returns the number of values filled. */
  private static int fillColumn(double[] column, long[] timestamps, FillPolicy policy) {
    int first = firstValid(column);
    if (first < 0) {
      return 0;
    }
    return switch (policy.method()) {
      case PREVIOUS -> fillPrevious(column, first);
      case LINEAR -> fillLinear(column, timestamps, first);
      case ZERO -> fillConstant(column, 0.0);
      case FIXED -> fillConstant(column, policy.fixedValue());
    };
  }

  private static int firstValid(double[] column) {
    for (int row = 0; row < column.length; row++) {
      if (!Double.isNaN(column[row])) {
        return row;
      }
    }
    return -1;
  }

  private static int fillPrevious(double[] column, int first) {
    int count = first;
    double last = column[first];
    for (int row = 0; row < first; row++) {
      column[row] = last;
    }
    for (int row = first + 1; row < column.length; row++) {
      if (Double.isNaN(column[row])) {
        column[row] = last;
        count++;
      } else {
        last = column[row];
      }
    }
    return count;
  }

  private static int fillLinear(double[] column, long[] timestamps, int first) {
    int count = first;
    for (int row = 0; row < first; row++) {
      column[row] = column[first];
    }
    int previous = first;
    for (int row = first + 1; row < column.length; row++) {
      if (Double.isNaN(column[row])) {
        continue;
      }
      if (row > previous + 1) {
        double from = column[previous];
        double slope = (column[row] - from) / (double) (timestamps[row] - timestamps[previous]);
        for (int gap = previous + 1; gap < row; gap++) {
          column[gap] = from + slope * (timestamps[gap] - timestamps[previous]);
        }
        count += row - previous - 1;
      }
      previous = row;
    }
    for (int row = previous + 1; row < column.length; row++) {
      column[row] = column[previous];
      count++;
    }
    return count;
  }

  private static int fillConstant(double[] column, double value) {
    int count = 0;
    for (int row = 0; row < column.length; row++) {
      if (Double.isNaN(column[row])) {
        column[row] = value;
        count++;
      }
    }
    return count;
  }
}
