package dev.vigil.engine.model;

import dev.vigil.engine.data.SensorTable;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides which sensors a model can learn from. A sensor that is constant, or missing on most
 * training rows, carries no information about the equipment's state and would only inject numerical
 * noise (a zero scale) into the model; it is excluded and reported.
 *
 * <p>Stateless and thread-safe.
 */
final class SensorScreening {
  /** Exclude a sensor missing on more than this fraction of the training rows used. */
  static final double MAX_MISSING_FRACTION = 0.5;

  private SensorScreening() {}

  record Result(List<String> kept, List<ExcludedSensor> excluded) {}

  /**
   * Screens the sensors over the rows where {@code use[row]} is true (the machine is on).
   *
   * @param use rows to consider; null means all rows
   */
  static Result screen(SensorTable table, boolean[] use) {
    List<String> kept = new ArrayList<>();
    List<ExcludedSensor> excluded = new ArrayList<>();
    for (int s = 0; s < table.sensorCount(); s++) {
      double[] column = table.column(s);
      int considered = 0;
      int missing = 0;
      double first = Double.NaN;
      boolean varies = false;
      for (int row = 0; row < column.length; row++) {
        if (use != null && !use[row]) {
          continue;
        }
        considered++;
        double v = column[row];
        if (Double.isNaN(v) || Double.isInfinite(v)) {
          missing++;
        } else if (Double.isNaN(first)) {
          first = v;
        } else if (v != first) {
          varies = true;
        }
      }
      String name = table.sensorNames().get(s);
      if (considered > 0 && missing == considered) {
        excluded.add(new ExcludedSensor(name, "no valid value in the training data"));
      } else if (considered > 0 && missing > MAX_MISSING_FRACTION * considered) {
        excluded.add(
            new ExcludedSensor(
                name,
                String.format(
                    "missing on %d of %d training rows (more than %.0f%%)",
                    missing, considered, 100 * MAX_MISSING_FRACTION)));
      } else if (!varies) {
        excluded.add(
            new ExcludedSensor(
                name, "constant at " + first + " over the training data (a dead or idle sensor)"));
      } else if (!(RobustScaler.fitOne(onRows(column, use))[1] > 0)) {
        excluded.add(
            new ExcludedSensor(
                name,
                "constant but for a few outliers over the training data (fewer than "
                    + Math.round(2 * 100 * RobustScaler.WINSOR_TAIL)
                    + "% of rows differ)"));
      } else {
        kept.add(name);
      }
    }
    return new Result(kept, excluded);
  }

  private static double[] onRows(double[] column, boolean[] use) {
    if (use == null) {
      return column;
    }
    double[] selected = new double[column.length];
    int count = 0;
    for (int row = 0; row < column.length; row++) {
      if (use[row]) {
        selected[count++] = column[row];
      }
    }
    return java.util.Arrays.copyOf(selected, count);
  }
}
