package dev.vigil.engine.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable table of sensor readings: strictly increasing timestamps (epoch milliseconds, UTC)
 * and one numeric column per sensor, {@code NaN} where a value is missing.
 *
 * <p>Columns are stored sensor-major ({@code double[sensor][row]}) because preprocessing works one
 * sensor at a time. Accessors that return arrays return the table's own storage for speed: callers
 * must not modify them. Instances are thread-safe because they are never modified after
 * construction.
 */
public final class SensorTable {
  private final long[] timestamps;
  private final List<String> sensorNames;
  private final double[][] columns;
  private final Map<String, Integer> indexByName;

  private SensorTable(long[] timestamps, List<String> sensorNames, double[][] columns) {
    this.timestamps = timestamps;
    this.sensorNames = List.copyOf(sensorNames);
    this.columns = columns;
    this.indexByName = new HashMap<>();
    for (int i = 0; i < this.sensorNames.size(); i++) {
      indexByName.put(this.sensorNames.get(i), i);
    }
  }

  /**
   * Builds a table, checking that names are unique, columns have one value per timestamp and
   * timestamps strictly increase. The arrays are taken over, not copied.
   *
   * @throws InvalidDataException naming the first rule that is broken
   */
  public static SensorTable of(long[] timestamps, List<String> sensorNames, double[][] columns) {
    Objects.requireNonNull(timestamps, "timestamps");
    Objects.requireNonNull(sensorNames, "sensorNames");
    Objects.requireNonNull(columns, "columns");
    if (sensorNames.size() != columns.length) {
      throw new InvalidDataException(
          sensorNames.size() + " sensor names but " + columns.length + " columns");
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < sensorNames.size(); i++) {
      String name = sensorNames.get(i);
      if (name == null || name.isBlank()) {
        throw new InvalidDataException("sensor " + (i + 1) + " has no name");
      }
      Integer previous = seen.put(name, i);
      if (previous != null) {
        throw new InvalidDataException(
            "sensor name '" + name + "' is used by columns " + (previous + 1) + " and " + (i + 1));
      }
      if (columns[i].length != timestamps.length) {
        throw new InvalidDataException(
            "sensor '"
                + name
                + "' has "
                + columns[i].length
                + " values for "
                + timestamps.length
                + " timestamps");
      }
    }
    for (int row = 1; row < timestamps.length; row++) {
      if (timestamps[row] <= timestamps[row - 1]) {
        throw new InvalidDataException(
            "timestamps must strictly increase: row "
                + (row + 1)
                + " ("
                + java.time.Instant.ofEpochMilli(timestamps[row])
                + ") is not after row "
                + row
                + " ("
                + java.time.Instant.ofEpochMilli(timestamps[row - 1])
                + ")");
      }
    }
    return new SensorTable(timestamps, sensorNames, columns);
  }

  public int rowCount() {
    return timestamps.length;
  }

  public int sensorCount() {
    return columns.length;
  }

  public List<String> sensorNames() {
    return sensorNames;
  }

  /** The index of a sensor, or -1 when the table has no sensor of that name. */
  public int indexOf(String sensorName) {
    Integer index = indexByName.get(sensorName);
    return index == null ? -1 : index;
  }

  public long timestamp(int row) {
    return timestamps[row];
  }

  /** The table's own timestamp array; do not modify. */
  public long[] timestamps() {
    return timestamps;
  }

  public double value(int sensor, int row) {
    return columns[sensor][row];
  }

  /** The table's own column array; do not modify. */
  public double[] column(int sensor) {
    return columns[sensor];
  }

  /** Rows {@code [from, to)}: this table itself when that is every row, else a copy of them. */
  public SensorTable rows(int from, int to) {
    Objects.checkFromToIndex(from, to, rowCount());
    if (from == 0 && to == rowCount()) {
      // Immutable: a copy of every row would be this table again, at the cost of a copy.
      return this;
    }
    double[][] sliced = new double[columns.length][];
    for (int s = 0; s < columns.length; s++) {
      sliced[s] = Arrays.copyOfRange(columns[s], from, to);
    }
    return new SensorTable(Arrays.copyOfRange(timestamps, from, to), sensorNames, sliced);
  }

  /** The named sensors, in the order given, as a new table. */
  public SensorTable select(List<String> names) {
    double[][] selected = new double[names.size()][];
    for (int i = 0; i < names.size(); i++) {
      int index = indexOf(names.get(i));
      if (index < 0) {
        throw new InvalidDataException(
            "sensor '" + names.get(i) + "' is missing; the data has " + sensorNames);
      }
      selected[i] = columns[index].clone();
    }
    return new SensorTable(timestamps.clone(), new ArrayList<>(names), selected);
  }

  /** The row at or after {@code timestampMillis}, or {@link #rowCount()} when there is none. */
  public int firstRowAtOrAfter(long timestampMillis) {
    int index = Arrays.binarySearch(timestamps, timestampMillis);
    return index >= 0 ? index : -index - 1;
  }

  @Override
  public String toString() {
    return "SensorTable[" + rowCount() + " rows x " + sensorCount() + " sensors]";
  }
}
