package dev.vigil.ingestion;

import java.util.Arrays;
import java.util.List;

/**
 * The rows of one component as they are read, file after file, into growable primitive arrays, and
 * the problems counted on the way. {@link #sortAndDropDuplicates()} then puts them in time order.
 * Each sensor costs 8 bytes a row and the timestamp 8 more, so millions of rows stay affordable.
 *
 * <p>Not thread-safe: one ingestion fills it on one thread.
 */
final class ComponentRows {
  private static final int INITIAL_ROWS = 1 << 12;

  /** Problem descriptions kept for the quality summary; more would only repeat themselves. */
  static final int MAX_ISSUES = 20;

  final String component;
  final List<String> sensors;
  long[] timestamps = new long[INITIAL_ROWS];
  double[][] columns;
  int size;
  final long[] missingValues;
  final long[] invalidValues;
  long unsupportedTimestamps;
  long duplicateTimestamps;
  final List<String> issues;

  ComponentRows(String component, List<String> sensors, List<String> issues) {
    this.component = component;
    this.sensors = List.copyOf(sensors);
    this.columns = new double[sensors.size()][INITIAL_ROWS];
    this.missingValues = new long[sensors.size()];
    this.invalidValues = new long[sensors.size()];
    this.issues = issues;
  }

  /** Room for one more row; returns its index. */
  int addRow(long timestamp) {
    if (size == timestamps.length) {
      int capacity = Math.max(INITIAL_ROWS, (int) Math.min(Integer.MAX_VALUE - 8L, size * 2L));
      if (capacity == size) {
        throw new dev.vigil.engine.data.InvalidDataException(
            "component '" + component + "' has more rows than one ingestion can hold");
      }
      timestamps = Arrays.copyOf(timestamps, capacity);
      for (int s = 0; s < columns.length; s++) {
        columns[s] = Arrays.copyOf(columns[s], capacity);
      }
    }
    timestamps[size] = timestamp;
    return size++;
  }

  void issue(String description) {
    if (issues.size() < MAX_ISSUES) {
      issues.add(description);
    }
  }

  /**
   * Sorts the rows by time, keeping rows of equal time in reading order, and keeps only the first
   * row of each timestamp, counting the others as duplicates.
   */
  void sortAndDropDuplicates() {
    if (!isSorted()) {
      int[] order = new int[size];
      for (int i = 0; i < size; i++) {
        order[i] = i;
      }
      stableSort(order);
      long[] sortedTimes = new long[size];
      for (int i = 0; i < size; i++) {
        sortedTimes[i] = timestamps[order[i]];
      }
      timestamps = sortedTimes;
      for (int s = 0; s < columns.length; s++) {
        double[] sorted = new double[size];
        for (int i = 0; i < size; i++) {
          sorted[i] = columns[s][order[i]];
        }
        columns[s] = sorted;
      }
    }
    int kept = 0;
    for (int row = 0; row < size; row++) {
      if (kept > 0 && timestamps[row] == timestamps[kept - 1]) {
        duplicateTimestamps++;
        continue;
      }
      timestamps[kept] = timestamps[row];
      for (double[] column : columns) {
        column[kept] = column[row];
      }
      kept++;
    }
    size = kept;
  }

  private boolean isSorted() {
    for (int row = 1; row < size; row++) {
      if (timestamps[row] < timestamps[row - 1]) {
        return false;
      }
    }
    return true;
  }

  /**
   * A merge sort of row indices by timestamp: stable, so the first-read row of a time stays first.
   */
  private void stableSort(int[] order) {
    int[] buffer = new int[order.length];
    for (int width = 1; width < order.length; width *= 2) {
      for (int left = 0; left < order.length; left += 2 * width) {
        int middle = Math.min(left + width, order.length);
        int right = Math.min(left + 2 * width, order.length);
        int i = left;
        int j = middle;
        int out = left;
        while (i < middle && j < right) {
          buffer[out++] = timestamps[order[j]] < timestamps[order[i]] ? order[j++] : order[i++];
        }
        while (i < middle) {
          buffer[out++] = order[i++];
        }
        while (j < right) {
          buffer[out++] = order[j++];
        }
      }
      System.arraycopy(buffer, 0, order, 0, order.length);
    }
  }
}
