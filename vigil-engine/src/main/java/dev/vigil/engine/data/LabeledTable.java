package dev.vigil.engine.data;

import java.util.Objects;

/**
 * A sensor table as read from a file, with the per-row labels that came with it. Labeled data sets
 * such as SKAB mark anomalous rows and change points; the labels are kept apart from the sensors so
 * that a model never trains on them, and evaluation can still compare against them.
 *
 * <p>Like {@link SensorTable}, the label arrays are taken over, not copied, and equality is that of
 * the record's components (so arrays compare by identity). Instances are thread-safe as long as
 * nobody modifies the arrays.
 *
 * @param table the sensor readings
 * @param anomaly 1 where a row is labeled anomalous, else 0; null when the source has no such
 *     column
 * @param changepoint 1 where a row is labeled as a change point, else 0; null when the source has
 *     no such column
 * @param outOfOrderRows how many rows of the source had a timestamp earlier than the row before
 *     them and were moved into place by sorting; 0 when the source was in order
 */
public record LabeledTable(
    SensorTable table, int[] anomaly, int[] changepoint, int outOfOrderRows) {

  /**
   * Checks that each label array has one value per row.
   *
   * @throws InvalidDataException when a label array has the wrong length
   */
  public LabeledTable {
    Objects.requireNonNull(table, "table");
    checkLength("anomaly", anomaly, table.rowCount());
    checkLength("changepoint", changepoint, table.rowCount());
    if (outOfOrderRows < 0) {
      throw new IllegalArgumentException("outOfOrderRows is negative: " + outOfOrderRows);
    }
  }

  /** A table whose source was in time order. */
  public LabeledTable(SensorTable table, int[] anomaly, int[] changepoint) {
    this(table, anomaly, changepoint, 0);
  }

  private static void checkLength(String label, int[] values, int rows) {
    if (values != null && values.length != rows) {
      throw new InvalidDataException(
          label + " labels have " + values.length + " values for " + rows + " rows");
    }
  }

  public boolean hasAnomalyLabels() {
    return anomaly != null;
  }

  public boolean hasChangepointLabels() {
    return changepoint != null;
  }

  @Override
  public String toString() {
    return "LabeledTable["
        + table
        + (anomaly != null ? ", anomaly labels" : "")
        + (changepoint != null ? ", changepoint labels" : "")
        + (outOfOrderRows > 0 ? ", " + outOfOrderRows + " rows sorted" : "")
        + "]";
  }
}
