package dev.vigil.engine.data;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads a CSV file of sensor readings into a {@link LabeledTable}.
 *
 * <p>The layout is the one Amazon Lookout for Equipment accepted, which also covers SKAB: a header
 * line, then one row per timestamp. The first column is the timestamp, whatever its name ({@code
 * timestamp}, {@code Timestamp}, SKAB's {@code datetime}), in any format {@link TimestampParser}
 * reads. Columns named {@code anomaly} or {@code changepoint} (any case) are 0/1 labels and never
 * sensors; every other column is a numeric sensor. The separator is detected from the header line:
 * semicolon (SKAB), comma or tab. An empty cell, {@code NaN}, {@code null} or {@code NA} (any case)
 * is a missing value. The file must be UTF-8 (a byte order mark is skipped).
 *
 * <p>Rows are read one at a time into growable primitive arrays, so a file of millions of rows
 * costs little more than the finished table. Every problem is an {@link InvalidDataException} that
 * names the source, the 1-based line and, where one applies, the column.
 *
 * <p>Instances are immutable and thread-safe: settings are copied by the {@code with...} methods,
 * and each read keeps its state to itself.
 */
public final class CsvTableReader {

  /** Rows the columns first hold: small files are common, and columns double as they fill. */
  private static final int INITIAL_ROWS = 64;

  /** The largest array the JVM reliably allocates. */
  private static final int MAX_ROWS = Integer.MAX_VALUE - 8;

  private final ZoneOffset zone;
  private final String component;
  private final boolean sortRows;
  private final long rowsBefore;

  /** A reader with no component prefix, UTC for timestamps without a zone, and no sorting. */
  public CsvTableReader() {
    this(ZoneOffset.UTC, null, false, Long.MAX_VALUE);
  }

  private CsvTableReader(ZoneOffset zone, String component, boolean sortRows, long rowsBefore) {
    this.zone = zone;
    this.component = component;
    this.sortRows = sortRows;
    this.rowsBefore = rowsBefore;
  }

  /** The same reader, reading timestamps that carry no zone in {@code zone}. */
  public CsvTableReader withZone(ZoneOffset zone) {
    return new CsvTableReader(
        Objects.requireNonNull(zone, "zone"), component, sortRows, rowsBefore);
  }

  /**
   * The same reader, naming each sensor whose column name has no backslash {@code component\name},
   * as Lookout did for the component a file belongs to. Null removes the prefix.
   *
   * @throws IllegalArgumentException when {@code component} is blank or contains a backslash
   */
  public CsvTableReader withComponent(String component) {
    if (component != null && (component.isBlank() || component.indexOf('\\') >= 0)) {
      throw new IllegalArgumentException(
          "a component name must be non-blank and without a backslash: '" + component + "'");
    }
    return new CsvTableReader(zone, component, sortRows, rowsBefore);
  }

  /**
   * The same reader, keeping only the rows whose timestamp is before {@code endMillis}: the cells
   * of later rows are not even read (their timestamp is, and must be valid). An inference window
   * reads the file after it only for the rows that still fall in it, so most of that file is
   * skipped.
   */
  public CsvTableReader withRowsBefore(long endMillis) {
    return new CsvTableReader(zone, component, sortRows, endMillis);
  }

  /**
   * The same reader, either rejecting rows whose timestamp is earlier than the row before ({@code
   * false}, the default: out-of-order rows usually mean a file was concatenated wrongly) or sorting
   * the rows by time and counting them in {@link LabeledTable#outOfOrderRows()}. Duplicate
   * timestamps are rejected either way: there is no telling which reading is right.
   */
  public CsvTableReader withSortRows(boolean sortRows) {
    return new CsvTableReader(zone, component, sortRows, rowsBefore);
  }

  public ZoneOffset zone() {
    return zone;
  }

  public Optional<String> component() {
    return Optional.ofNullable(component);
  }

  public boolean sortRows() {
    return sortRows;
  }

  /**
   * Reads a UTF-8 file; messages name it by {@code file.toString()}.
   *
   * @throws InvalidDataException when the content is not a valid table
   * @throws IOException when the file cannot be read
   */
  public LabeledTable read(Path file) throws IOException {
    String source = file.toString();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(in, source);
    } catch (CharacterCodingException e) {
      throw new InvalidDataException(source + ": the file is not UTF-8 text", e);
    }
  }

  /**
   * Reads characters from {@code reader}, which the caller keeps and closes; messages name the data
   * {@code sourceName}.
   *
   * @throws InvalidDataException when the content is not a valid table
   * @throws IOException when {@code reader} fails
   */
  public LabeledTable read(Reader reader, String sourceName) throws IOException {
    Objects.requireNonNull(reader, "reader");
    Objects.requireNonNull(sourceName, "sourceName");
    BufferedReader in =
        reader instanceof BufferedReader buffered ? buffered : new BufferedReader(reader);
    char separator = CsvSeparator.peek(in);
    Reading reading = new Reading(sourceName);
    // Not closed here: closing the CsvReader would close the caller's reader.
    CsvReader<SensorRowHandler> csv =
        CsvReader.builder()
            .fieldSeparator(separator)
            // Rows with the wrong number of cells get this class's message, naming the line.
            .allowExtraFields(true)
            .allowMissingFields(true)
            .skipEmptyLines(true)
            .build(reading.handler, in);
    try {
      return reading.read(csv.iterator());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (CsvParseException e) {
      // FastCSV names the line in its own message and the problem in the cause's.
      Throwable cause = e.getCause();
      String detail = cause == null ? "" : ": " + cause.getMessage();
      throw new InvalidDataException(sourceName + ": not valid CSV: " + e.getMessage() + detail, e);
    }
  }

  /** What the header says about each column. */
  private record Header(
      long line,
      String[] columnNames,
      int[] sensorColumns,
      int[] columnKinds,
      List<String> sensorNames,
      int anomalyColumn,
      int changepointColumn) {}

  /** The state of one read: the growing columns and the row order checks. */
  private final class Reading {
    private final String source;
    private final SensorRowHandler handler =
        new SensorRowHandler(new TimestampParser(zone), rowsBefore);
    private Header header;
    private int rows;
    private long[] times = new long[INITIAL_ROWS];
    private double[][] values;
    private int[] anomaly;
    private int[] changepoint;

    /** File line of each row, kept only when sorting, to name both lines of a duplicate. */
    private long[] lines;

    Reading(String source) {
      this.source = source;
    }

    LabeledTable read(Iterator<SensorRowHandler> records) {
      if (!records.hasNext()) {
        throw new InvalidDataException(source + ": the file is empty");
      }
      header = header(records.next());
      handler.columns(header.columnKinds(), header.sensorColumns().length);
      if (!records.hasNext()) {
        throw new InvalidDataException(
            source + ": no data rows, only the header on line " + header.line());
      }
      values = new double[header.sensorColumns().length][INITIAL_ROWS];
      anomaly = header.anomalyColumn() >= 0 ? new int[INITIAL_ROWS] : null;
      changepoint = header.changepointColumn() >= 0 ? new int[INITIAL_ROWS] : null;
      lines = sortRows ? new long[INITIAL_ROWS] : null;
      int outOfOrderRows = 0;
      long previousTime = Long.MIN_VALUE;
      long previousLine = 0;
      while (records.hasNext()) {
        SensorRowHandler record = records.next();
        long line = record.line();
        if (rows == times.length) {
          grow();
        }
        long time = timestamp(record, line);
        if (record.skipped()) {
          continue;
        }
        addRow(record, line, time);
        if (rows > 0 && time <= previousTime) {
          if (time == previousTime) {
            throw duplicate(line, previousLine, time);
          }
          if (!sortRows) {
            throw new InvalidDataException(
                source
                    + " line "
                    + line
                    + " ("
                    + Instant.ofEpochMilli(time)
                    + ") is earlier than line "
                    + previousLine
                    + " ("
                    + Instant.ofEpochMilli(previousTime)
                    + "); sort the rows by time, or read with sortRows");
          }
          outOfOrderRows++;
        }
        previousTime = time;
        previousLine = line;
        rows++;
      }
      if (outOfOrderRows > 0) {
        sortByTime();
      }
      return new LabeledTable(
          SensorTable.of(trim(times), header.sensorNames(), trimColumns()),
          anomaly == null ? null : trim(anomaly),
          changepoint == null ? null : trim(changepoint),
          outOfOrderRows);
    }

    private Header header(SensorRowHandler record) {
      long line = record.line();
      String[] cells = record.headerCells();
      int count = cells.length;
      String[] names = new String[count];
      // Keys are the names as written, lower-cased for labels since those match in any case.
      Map<String, Integer> columnByName = new HashMap<>();
      Map<String, Integer> columnBySensorName = new HashMap<>();
      List<Integer> sensorColumns = new ArrayList<>();
      List<String> sensorNames = new ArrayList<>();
      int anomalyColumn = -1;
      int changepointColumn = -1;
      for (int column = 0; column < count; column++) {
        String name = cells[column].trim();
        names[column] = name;
        if (column == 0) {
          // The timestamp column may have any name, even none.
          if (!name.isEmpty()) {
            columnByName.put(name, column);
          }
          continue;
        }
        if (name.isEmpty()) {
          throw new InvalidDataException(
              source + " line " + line + ": column " + (column + 1) + " has no name");
        }
        String lowerCase = name.toLowerCase(Locale.ROOT);
        boolean isAnomaly = lowerCase.equals("anomaly");
        boolean isChangepoint = lowerCase.equals("changepoint");
        String key = isAnomaly || isChangepoint ? lowerCase : name;
        checkUnique(columnByName, key, name, column, line);
        if (isAnomaly) {
          anomalyColumn = column;
        } else if (isChangepoint) {
          changepointColumn = column;
        } else {
          String sensorName =
              component != null && name.indexOf('\\') < 0 ? component + "\\" + name : name;
          checkUnique(columnBySensorName, sensorName, sensorName, column, line);
          sensorColumns.add(column);
          sensorNames.add(sensorName);
        }
      }
      if (sensorColumns.isEmpty()) {
        throw new InvalidDataException(
            source
                + " line "
                + line
                + ": no sensor column; the header has only "
                + Arrays.toString(names));
      }
      int[] columnKinds = new int[count];
      Arrays.fill(columnKinds, SensorRowHandler.IGNORED);
      for (int sensor = 0; sensor < sensorColumns.size(); sensor++) {
        columnKinds[sensorColumns.get(sensor)] = sensor;
      }
      if (anomalyColumn >= 0) {
        columnKinds[anomalyColumn] = SensorRowHandler.LABEL_ANOMALY;
      }
      if (changepointColumn >= 0) {
        columnKinds[changepointColumn] = SensorRowHandler.LABEL_CHANGEPOINT;
      }
      return new Header(
          line,
          names,
          sensorColumns.stream().mapToInt(Integer::intValue).toArray(),
          columnKinds,
          sensorNames,
          anomalyColumn,
          changepointColumn);
    }

    private void checkUnique(
        Map<String, Integer> columnByKey, String key, String name, int column, long line) {
      Integer previous = columnByKey.putIfAbsent(key, column);
      if (previous != null) {
        throw new InvalidDataException(
            source
                + " line "
                + line
                + ": columns "
                + (previous + 1)
                + " and "
                + (column + 1)
                + " are both named '"
                + name
                + "'");
      }
    }

    /** The timestamp of {@code record}, after checking that it has every column. */
    private long timestamp(SensorRowHandler record, long line) {
      String[] names = header.columnNames();
      if (record.fieldCount() != names.length) {
        throw new InvalidDataException(
            source
                + " line "
                + line
                + ": "
                + cells(record.fieldCount())
                + ", but the header on line "
                + header.line()
                + " has "
                + names.length
                + " columns");
      }
      InvalidDataException error = record.timeError();
      if (error != null) {
        throw new InvalidDataException(
            source + " line " + line + ", column '" + names[0] + "': " + error.getMessage(), error);
      }
      return record.time();
    }

    /**
     * Stores the cells of {@code record}, whose timestamp is {@code time}, as row {@link #rows}.
     */
    private void addRow(SensorRowHandler record, long line, long time) {
      String[] names = header.columnNames();
      times[rows] = time;
      int[] sensorColumns = header.sensorColumns();
      for (int sensor = 0; sensor < sensorColumns.length; sensor++) {
        String badCell = record.badCell(sensor);
        if (badCell != null) {
          throw numberError(badCell, line, names[sensorColumns[sensor]]);
        }
        values[sensor][rows] = record.value(sensor);
      }
      if (anomaly != null) {
        int column = header.anomalyColumn();
        anomaly[rows] = label(record.anomalyCell(), line, names[column]);
      }
      if (changepoint != null) {
        int column = header.changepointColumn();
        changepoint[rows] = label(record.changepointCell(), line, names[column]);
      }
      if (lines != null) {
        lines[rows] = line;
      }
    }

    /** Why {@code cell}, which {@link NumberCells#parse} refused, is not a reading. */
    private InvalidDataException numberError(String cell, long line, String column) {
      double number = NumberCells.parseDouble(cell.trim());
      return Double.isInfinite(number)
          ? cellError(line, column, cell, "is out of range")
          : cellError(line, column, cell, "is not a number");
    }

    private int label(String cell, long line, String column) {
      String value = cell.trim();
      // The common spellings first: SKAB writes 0.0 and 1.0.
      switch (value) {
        case "0", "0.0":
          return 0;
        case "1", "1.0":
          return 1;
        default:
          double number = NumberCells.parseDouble(value);
          if (number == 0) {
            return 0;
          }
          if (number == 1) {
            return 1;
          }
          throw cellError(line, column, cell, "is not a label; use 0 or 1");
      }
    }

    private InvalidDataException cellError(long line, String column, String cell, String what) {
      return new InvalidDataException(
          source + " line " + line + ", column '" + column + "': '" + cell + "' " + what);
    }

    private InvalidDataException duplicate(long line, long earlierLine, long time) {
      return new InvalidDataException(
          source
              + " line "
              + line
              + " duplicates the timestamp of line "
              + earlierLine
              + " ("
              + Instant.ofEpochMilli(time)
              + ")");
    }

    private void grow() {
      if (rows >= MAX_ROWS) {
        throw new InvalidDataException(source + ": more than " + MAX_ROWS + " rows");
      }
      int capacity = (int) Math.min((long) rows * 2, MAX_ROWS);
      times = Arrays.copyOf(times, capacity);
      for (int sensor = 0; sensor < values.length; sensor++) {
        values[sensor] = Arrays.copyOf(values[sensor], capacity);
      }
      if (anomaly != null) {
        anomaly = Arrays.copyOf(anomaly, capacity);
      }
      if (changepoint != null) {
        changepoint = Arrays.copyOf(changepoint, capacity);
      }
      if (lines != null) {
        lines = Arrays.copyOf(lines, capacity);
      }
    }

    /** Puts every row in time order, then rejects equal timestamps that were not neighbours. */
    private void sortByTime() {
      int[] order = RowOrder.byTime(times, rows);
      times = RowOrder.apply(times, order);
      lines = RowOrder.apply(lines, order);
      for (int sensor = 0; sensor < values.length; sensor++) {
        values[sensor] = RowOrder.apply(values[sensor], order);
      }
      if (anomaly != null) {
        anomaly = RowOrder.apply(anomaly, order);
      }
      if (changepoint != null) {
        changepoint = RowOrder.apply(changepoint, order);
      }
      for (int row = 1; row < rows; row++) {
        if (times[row] == times[row - 1]) {
          // The sort is stable, so the later line comes second.
          throw duplicate(lines[row], lines[row - 1], times[row]);
        }
      }
    }

    private long[] trim(long[] array) {
      return array.length == rows ? array : Arrays.copyOf(array, rows);
    }

    private int[] trim(int[] array) {
      return array.length == rows ? array : Arrays.copyOf(array, rows);
    }

    private double[][] trimColumns() {
      for (int sensor = 0; sensor < values.length; sensor++) {
        if (values[sensor].length != rows) {
          values[sensor] = Arrays.copyOf(values[sensor], rows);
        }
      }
      return values;
    }
  }

  private static String cells(int count) {
    return count == 1 ? "1 cell" : count + " cells";
  }
}
