package dev.vigil.engine.preprocess;

import dev.vigil.engine.data.InvalidDataException;
import dev.vigil.engine.data.SensorTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Merges tables whose sensors were recorded at different timestamps, typically one table per
 * component, onto the union of their timestamps. A sensor is {@code NaN} at the timestamps where
 * its table has no row; filling or resampling afterwards deals with those gaps.
 *
 * <p>A k-way merge over the already sorted timestamps: it runs in O(union rows x parts + cells),
 * linear in the data for the handful of parts a machine has. Stateless and thread-safe.
 */
public final class TableAligner {

  private TableAligner() {}

  /**
   * Aligns {@code parts} onto the union of their timestamps. Sensors keep the order of the parts
   * and, within a part, their own order. The input tables are not modified.
   *
   * @throws InvalidDataException when no table is given or a sensor name appears in more than one
   *     table
   */
  public static SensorTable align(List<SensorTable> parts) {
    Objects.requireNonNull(parts, "parts");
    if (parts.isEmpty()) {
      throw new InvalidDataException("no tables to align: at least one is needed");
    }
    for (int p = 0; p < parts.size(); p++) {
      Objects.requireNonNull(parts.get(p), "table " + (p + 1));
    }
    List<String> names = mergedNames(parts);

    int k = parts.size();
    int totalRows = 0;
    for (SensorTable part : parts) {
      totalRows = Math.addExact(totalRows, part.rowCount());
    }
    long[] union = new long[totalRows];
    // For every part, the output row of each of its rows: the columns are copied through it.
    int[][] targetRow = new int[k][];
    for (int p = 0; p < k; p++) {
      targetRow[p] = new int[parts.get(p).rowCount()];
    }
    int[] next = new int[k];
    int out = 0;
    while (true) {
      long earliest = Long.MAX_VALUE;
      boolean any = false;
      for (int p = 0; p < k; p++) {
        if (next[p] < targetRow[p].length) {
          long t = parts.get(p).timestamp(next[p]);
          if (!any || t < earliest) {
            earliest = t;
            any = true;
          }
        }
      }
      if (!any) {
        break;
      }
      for (int p = 0; p < k; p++) {
        if (next[p] < targetRow[p].length && parts.get(p).timestamp(next[p]) == earliest) {
          targetRow[p][next[p]++] = out;
        }
      }
      union[out++] = earliest;
    }
    int rows = out;

    double[][] columns = new double[names.size()][];
    int column = 0;
    for (int p = 0; p < k; p++) {
      SensorTable part = parts.get(p);
      int[] target = targetRow[p];
      for (int s = 0; s < part.sensorCount(); s++) {
        double[] source = part.column(s);
        double[] aligned = new double[rows];
        Arrays.fill(aligned, Double.NaN);
        for (int row = 0; row < source.length; row++) {
          aligned[target[row]] = source[row];
        }
        columns[column++] = aligned;
      }
    }
    return SensorTable.of(Arrays.copyOf(union, rows), names, columns);
  }

  /** All sensor names in order, or an exception naming every name used by more than one part. */
  private static List<String> mergedNames(List<SensorTable> parts) {
    Map<String, Integer> firstPart = new HashMap<>();
    Map<String, List<Integer>> duplicates = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    for (int p = 0; p < parts.size(); p++) {
      for (String name : parts.get(p).sensorNames()) {
        Integer owner = firstPart.putIfAbsent(name, p);
        if (owner == null) {
          names.add(name);
        } else {
          duplicates.computeIfAbsent(name, n -> new ArrayList<>(List.of(owner + 1))).add(p + 1);
        }
      }
    }
    if (!duplicates.isEmpty()) {
      StringBuilder message = new StringBuilder("sensor names must be unique across tables: ");
      String separator = "";
      for (Map.Entry<String, List<Integer>> duplicate : duplicates.entrySet()) {
        message
            .append(separator)
            .append('\'')
            .append(duplicate.getKey())
            .append("' is in tables ")
            .append(duplicate.getValue());
        separator = ", ";
      }
      throw new InvalidDataException(message.toString());
    }
    return names;
  }
}
