package dev.vigil.engine.data;

/**
 * Sorting rows by time for {@link CsvTableReader}: the order is computed once as a permutation and
 * then applied to every column, so millions of rows sort without boxing a value.
 *
 * <p>Thread-safe: stateless.
 */
final class RowOrder {
  /** Below this many rows a run is sorted by insertion, which is faster on short runs. */
  private static final int INSERTION_SORT_RUN = 32;

  private RowOrder() {}

  /**
   * The row indices {@code 0..rows-1} ordered by {@code times}, stable so that rows with equal
   * times keep their order. A merge sort, because data out of order is usually nearly sorted and
   * merging two runs that are already in order costs one comparison.
   */
  static int[] byTime(long[] times, int rows) {
    int[] order = new int[rows];
    for (int row = 0; row < rows; row++) {
      order[row] = row;
    }
    for (int from = 0; from < rows; from += INSERTION_SORT_RUN) {
      insertionSort(times, order, from, Math.min(from + INSERTION_SORT_RUN, rows));
    }
    int[] buffer = new int[rows];
    for (int width = INSERTION_SORT_RUN; width < rows; width *= 2) {
      for (int from = 0; from < rows - width; from += 2 * width) {
        int middle = from + width;
        int to = (int) Math.min((long) from + 2 * width, rows);
        if (times[order[middle - 1]] > times[order[middle]]) {
          merge(times, order, buffer, from, middle, to);
        }
      }
    }
    return order;
  }

  private static void insertionSort(long[] times, int[] order, int from, int to) {
    for (int i = from + 1; i < to; i++) {
      int row = order[i];
      long time = times[row];
      int j = i - 1;
      while (j >= from && times[order[j]] > time) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = row;
    }
  }

  private static void merge(long[] times, int[] order, int[] buffer, int from, int middle, int to) {
    System.arraycopy(order, from, buffer, from, middle - from);
    int left = from;
    int right = middle;
    int out = from;
    while (left < middle && right < to) {
      // Ties take the left run first: that keeps the sort stable.
      if (times[order[right]] < times[buffer[left]]) {
        order[out++] = order[right++];
      } else {
        order[out++] = buffer[left++];
      }
    }
    while (left < middle) {
      order[out++] = buffer[left++];
    }
  }

  static long[] apply(long[] values, int[] order) {
    long[] sorted = new long[order.length];
    for (int i = 0; i < order.length; i++) {
      sorted[i] = values[order[i]];
    }
    return sorted;
  }

  static double[] apply(double[] values, int[] order) {
    double[] sorted = new double[order.length];
    for (int i = 0; i < order.length; i++) {
      sorted[i] = values[order[i]];
    }
    return sorted;
  }

  static int[] apply(int[] values, int[] order) {
    int[] sorted = new int[order.length];
    for (int i = 0; i < order.length; i++) {
      sorted[i] = values[order[i]];
    }
    return sorted;
  }
}
