package dev.vigil.model;

import dev.vigil.engine.data.SensorTable;
import dev.vigil.request.InvalidRequestException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Rows of sensor values sent over the API ({@code [{"timestamp": ..., "values": {...}}]}), as a
 * table of a model's sensors: what the scoring endpoint scores and what inference schedulers take
 * as pushed input. Every row must be in time order and carry every sensor of the model ({@code
 * null} for a missing reading); each problem names the row and the field. Stateless.
 */
public final class SensorRows {
  private SensorRows() {}

  /**
   * The rows as a table whose columns are {@code sensors}, in that order.
   *
   * @param maxRows the most rows one request may hold
   * @throws InvalidRequestException naming the row and field at fault
   */
  public static SensorTable table(
      List<String> sensors, List<RequestBodies.ScoreRow> rows, int maxRows) {
    if (rows == null || rows.isEmpty()) {
      throw new InvalidRequestException("rows", "rows must hold at least one row");
    }
    if (rows.size() > maxRows) {
      throw new InvalidRequestException(
          "rows", "rows holds " + rows.size() + " rows; one request may hold at most " + maxRows);
    }
    Set<String> known = new HashSet<>(sensors);
    long[] timestamps = new long[rows.size()];
    double[][] columns = new double[sensors.size()][rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      String field = "rows[" + i + "]";
      RequestBodies.ScoreRow row = rows.get(i);
      if (row == null) {
        throw new InvalidRequestException(
            field, field + " must be an object with timestamp and values");
      }
      timestamps[i] = ModelRequests.requiredTimestamp(field + ".timestamp", row.timestamp);
      if (i > 0 && timestamps[i] <= timestamps[i - 1]) {
        throw new InvalidRequestException(
            field + ".timestamp",
            field
                + ".timestamp ("
                + row.timestamp
                + ") must be after rows["
                + (i - 1)
                + "].timestamp: rows are in time order");
      }
      if (row.values == null) {
        throw new InvalidRequestException(field + ".values", field + ".values is required");
      }
      for (int s = 0; s < sensors.size(); s++) {
        String sensor = sensors.get(s);
        if (!row.values.containsKey(sensor)) {
          throw new InvalidRequestException(
              field + ".values",
              field + ".values lacks sensor '" + sensor + "' that the model reads");
        }
        Double value = row.values.get(sensor);
        columns[s][i] = value == null ? Double.NaN : value;
      }
      for (String name : row.values.keySet()) {
        if (!known.contains(name)) {
          throw new InvalidRequestException(
              field + ".values",
              field
                  + ".values has sensor '"
                  + name
                  + "' that the model does not read; its sensors are "
                  + sensors);
        }
      }
    }
    return SensorTable.of(timestamps, sensors, columns);
  }
}
