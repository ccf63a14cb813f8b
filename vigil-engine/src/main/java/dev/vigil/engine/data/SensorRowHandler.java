package dev.vigil.engine.data;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;
import java.util.Arrays;

/**
 * Takes the cells of a sensor CSV file from FastCSV's parser as they are found, so that a sensor
 * reading becomes a double straight from the parser's characters: no string per cell. Scheduled
 * inference reads thousands of small files a minute, and a string per cell was most of the cost.
 *
 * <p>The first record is the header: its cells are kept as text, and {@link #columns} then says
 * what each column holds. For a data record the timestamp is parsed first; when it is at or after
 * {@code rowsBefore}, the other cells are skipped. A cell that is not a number is kept as text for
 * the error message. Nothing here throws: FastCSV would wrap the exception in its own, so every
 * problem is left for {@link CsvTableReader} to report with the line and the column.
 *
 * <p>{@link #buildRecord} returns the handler itself, which the next record overwrites: the reader
 * takes each record before it asks for the next. Not thread-safe; one handler per read.
 */
final class SensorRowHandler extends AbstractBaseCsvCallbackHandler<SensorRowHandler> {
  /** What a column of a data record holds. */
  static final int IGNORED = -1;

  static final int LABEL_ANOMALY = -2;
  static final int LABEL_CHANGEPOINT = -3;

  private final TimestampParser timestamps;
  private final long rowsBefore;

  private boolean header = true;
  private String[] headerCells = new String[16];

  /** By column: the sensor index (0 and up) or one of the constants above. */
  private int[] columns;

  private double[] values;
  private String[] badCells;
  private boolean anyBadCell;
  private String anomaly;
  private String changepoint;
  private String timestampCell;
  private long time;
  private InvalidDataException timeError;
  private boolean skipped;

  SensorRowHandler(TimestampParser timestamps, long rowsBefore) {
    this.timestamps = timestamps;
    this.rowsBefore = rowsBefore;
  }

  /**
   * Ends the header: from now on records are data whose column {@code c} holds {@code columns[c]}
   * (column 0 is the timestamp).
   */
  void columns(int[] columns, int sensors) {
    this.header = false;
    this.columns = columns.clone();
    this.values = new double[sensors];
    this.badCells = new String[sensors];
  }

  /** The cells of the header record, as written. */
  String[] headerCells() {
    return Arrays.copyOf(headerCells, getFieldCount());
  }

  long line() {
    return getStartingLineNumber();
  }

  int fieldCount() {
    return getFieldCount();
  }

  /** The timestamp cell as written. */
  String timestampCell() {
    return timestampCell;
  }

  /** The row's time, when {@link #timeError} is null. */
  long time() {
    return time;
  }

  /** Why the timestamp cell is not a time, or null. */
  InvalidDataException timeError() {
    return timeError;
  }

  /** Whether the row is at or after {@code rowsBefore}, so its other cells were not read. */
  boolean skipped() {
    return skipped;
  }

  /**
   * The reading of {@code sensor}: NaN for a missing value (or a bad cell, see {@link #badCell}).
   */
  double value(int sensor) {
    return values[sensor];
  }

  /** The cell of {@code sensor} as written when it is not a number or out of range, else null. */
  String badCell(int sensor) {
    return anyBadCell ? badCells[sensor] : null;
  }

  String anomalyCell() {
    return anomaly;
  }

  String changepointCell() {
    return changepoint;
  }

  @Override
  protected void handleBegin(long startingLineNumber) {
    if (anyBadCell) {
      Arrays.fill(badCells, null);
      anyBadCell = false;
    }
    timestampCell = null;
    timeError = null;
    skipped = false;
    anomaly = null;
    changepoint = null;
  }

  @Override
  protected void handleField(int index, char[] buffer, int offset, int length, boolean quoted) {
    if (header) {
      if (index == headerCells.length) {
        headerCells = Arrays.copyOf(headerCells, index * 2);
      }
      headerCells[index] = new String(buffer, offset, length);
      return;
    }
    if (index == 0) {
      timestamp(new String(buffer, offset, length));
      return;
    }
    if (skipped || index >= columns.length) {
      return;
    }
    int column = columns[index];
    if (column >= 0) {
      double value = NumberCells.parse(buffer, offset, length);
      if (value == NumberCells.NOT_A_NUMBER_MARK) {
        badCells[column] = new String(buffer, offset, length);
        anyBadCell = true;
        value = Double.NaN;
      }
      values[column] = value;
    } else if (column == LABEL_ANOMALY) {
      anomaly = new String(buffer, offset, length);
    } else if (column == LABEL_CHANGEPOINT) {
      changepoint = new String(buffer, offset, length);
    }
  }

  private void timestamp(String cell) {
    timestampCell = cell;
    try {
      time = timestamps.parse(cell);
      skipped = time >= rowsBefore;
    } catch (InvalidDataException e) {
      timeError = e;
      // A row without a time is reported as such; its cells do not matter.
      skipped = true;
    }
  }

  @Override
  protected SensorRowHandler buildRecord() {
    return this;
  }
}
