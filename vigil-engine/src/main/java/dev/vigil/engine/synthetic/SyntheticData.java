package dev.vigil.engine.synthetic;

import dev.vigil.engine.VigilException;
import dev.vigil.engine.data.SensorTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Generated sensor data with its ground truth: the table, a 0/1 anomaly label per row (1 inside a
 * fault range) and the injected faults, sorted by start row and never overlapping.
 *
 * <p>Like {@link SensorTable}, the label array is the record's own storage, handed out for speed:
 * callers must not modify it. Equality is therefore identity of table and labels, as for any record
 * over arrays. Instances are thread-safe because they are never modified after construction.
 *
 * @param table the sensor readings, faults included
 * @param anomalyLabels one entry per row: 1 inside a fault range, 0 elsewhere
 * @param faults the injected faults, sorted by start row
 */
public record SyntheticData(SensorTable table, int[] anomalyLabels, List<Fault> faults) {

  /**
   * Checks that faults fit the table, do not overlap and agree with the labels; sorts the faults.
   *
   * @throws VigilException naming the first inconsistency
   */
  public SyntheticData {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(anomalyLabels, "anomalyLabels");
    List<Fault> sorted = new ArrayList<>(Objects.requireNonNull(faults, "faults"));
    sorted.sort(Comparator.comparingInt(Fault::startRow));
    faults = List.copyOf(sorted);
    int rows = table.rowCount();
    if (anomalyLabels.length != rows) {
      throw new VigilException(
          anomalyLabels.length + " anomaly labels for a table of " + rows + " rows");
    }
    int labelledRow = 0;
    for (int i = 0; i < faults.size(); i++) {
      Fault fault = faults.get(i);
      if (table.indexOf(fault.sensor()) < 0) {
        throw new VigilException(
            "fault " + fault.describe() + " names a sensor the table does not have");
      }
      if (fault.endRow() > rows) {
        throw new VigilException(
            "fault " + fault.describe() + " ends after the table's " + rows + " rows");
      }
      if (i > 0 && faults.get(i - 1).endRow() > fault.startRow()) {
        throw new VigilException(
            "faults " + faults.get(i - 1).describe() + " and " + fault.describe() + " overlap");
      }
      requireLabels(anomalyLabels, labelledRow, fault.startRow(), 0);
      requireLabels(anomalyLabels, fault.startRow(), fault.endRow(), 1);
      labelledRow = fault.endRow();
    }
    requireLabels(anomalyLabels, labelledRow, rows, 0);
  }

  private static void requireLabels(int[] labels, int from, int to, int expected) {
    for (int row = from; row < to; row++) {
      if (labels[row] != expected) {
        throw new VigilException(
            "row " + row + " is labelled " + labels[row] + " but its fault ranges say " + expected);
      }
    }
  }

  /** The number of rows. */
  public int rowCount() {
    return table.rowCount();
  }

  /** The fault covering {@code row}, if any. */
  public Optional<Fault> faultAt(int row) {
    Objects.checkIndex(row, table.rowCount());
    // Faults are sorted and disjoint: the candidate is the last one starting at or before row.
    int low = 0;
    int high = faults.size() - 1;
    while (low <= high) {
      int middle = (low + high) >>> 1;
      if (faults.get(middle).startRow() <= row) {
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    if (high >= 0 && faults.get(high).covers(row)) {
      return Optional.of(faults.get(high));
    }
    return Optional.empty();
  }

  /** The table index of the sensor a fault affects at {@code row}, or -1 for a normal row. */
  public int faultySensorAt(int row) {
    return faultAt(row).map(fault -> table.indexOf(fault.sensor())).orElse(-1);
  }

  /**
   * A summary without the data, such as {@code SyntheticData[1000 rows x 50 sensors, 2 faults]}.
   */
  @Override
  public String toString() {
    return "SyntheticData["
        + table.rowCount()
        + " rows x "
        + table.sensorCount()
        + " sensors, "
        + faults.size()
        + " faults]";
  }
}
