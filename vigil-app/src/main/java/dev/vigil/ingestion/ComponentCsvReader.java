package dev.vigil.ingestion;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.vigil.engine.data.CsvSeparator;
import dev.vigil.engine.data.InvalidDataException;
import dev.vigil.engine.data.TimestampParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads one CSV file of a component into its {@link ComponentRows}, row by row, as Lookout
 * ingested: the first column is the timestamp (any name, any format {@link TimestampParser} reads),
 * the schema's sensors are found by their column names and other columns are ignored. It is lenient
 * where Lookout was: a row whose timestamp cannot be read is dropped and counted as an unsupported
 * timestamp, and a cell that is no number is stored as missing and counted as invalid. A missing
 * sensor column, an empty file, text that is not UTF-8 and broken CSV quoting fail the file.
 *
 * <p>Unlike the engine's {@code CsvTableReader}, which refuses the whole file at the first bad
 * cell, this reader counts problems for the quality summary. It streams: memory holds one row at a
 * time beyond the growing primitive arrays.
 *
 * <p>Not thread-safe: use one per file.
 */
final class ComponentCsvReader {

  private final ComponentRows rows;
  private final String source;
  private final TimestampParser timestamps = new TimestampParser();

  /**
   * @param source how messages name the file, such as {@code s3://plant/pump7/pump/a.csv}
   */
  ComponentCsvReader(ComponentRows rows, String source) {
    this.rows = rows;
    this.source = source;
  }

  /**
   * Appends the file's rows; returns how many lines of data it had (rows with unreadable timestamps
   * included).
   *
   * @throws InvalidDataException naming the file when it cannot be used at all
   * @throws IOException when the stream fails
   */
  long read(InputStream in) throws IOException {
    BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                in,
                StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)),
            CsvSeparator.PEEK_CHARS);
    try {
      char separator = CsvSeparator.peek(reader);
      CsvReader<CsvRecord> csv =
          CsvReader.builder()
              .fieldSeparator(separator)
              .allowExtraFields(true)
              .allowMissingFields(true)
              .skipEmptyLines(true)
              .ofCsvRecord(reader);
      return readRecords(csv.iterator());
    } catch (CharacterCodingException e) {
      throw new InvalidDataException(source + ": the file is not UTF-8 text", e);
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof CharacterCodingException coding) {
        throw new InvalidDataException(source + ": the file is not UTF-8 text", coding);
      }
      throw e.getCause();
    } catch (CsvParseException e) {
      Throwable cause = e.getCause();
      String detail = cause == null ? "" : ": " + cause.getMessage();
      throw new InvalidDataException(source + ": not valid CSV: " + e.getMessage() + detail, e);
    }
  }

  private long readRecords(Iterator<CsvRecord> records) {
    if (!records.hasNext()) {
      throw new InvalidDataException(source + ": the file is empty; it needs a header line");
    }
    int[] sensorColumns = sensorColumns(records.next());
    long lines = 0;
    while (records.hasNext()) {
      CsvRecord record = records.next();
      lines++;
      long line = record.getStartingLineNumber();
      long time;
      try {
        time = timestamps.parse(record.getField(0));
      } catch (InvalidDataException e) {
        rows.unsupportedTimestamps++;
        rows.issue(source + " line " + line + ": " + e.getMessage());
        continue;
      }
      int row = rows.addRow(time);
      for (int sensor = 0; sensor < sensorColumns.length; sensor++) {
        int column = sensorColumns[sensor];
        String cell = column < record.getFieldCount() ? record.getField(column).trim() : "";
        rows.columns[sensor][row] = value(cell, sensor, line);
      }
    }
    return lines;
  }

  private double value(String cell, int sensor, long line) {
    if (cell.isEmpty()
        || cell.equalsIgnoreCase("nan")
        || cell.equalsIgnoreCase("null")
        || cell.equalsIgnoreCase("na")) {
      rows.missingValues[sensor]++;
      return Double.NaN;
    }
    double value;
    try {
      value = Double.parseDouble(cell);
    } catch (NumberFormatException e) {
      value = Double.NaN;
    }
    if (!Double.isFinite(value)) {
      rows.invalidValues[sensor]++;
      rows.issue(
          source
              + " line "
              + line
              + " column '"
              + rows.sensors.get(sensor)
              + "': '"
              + cell
              + "' is not a finite number");
      return Double.NaN;
    }
    return value;
  }

  /** The column of each schema sensor, found by name (exact first, then ignoring case). */
  private int[] sensorColumns(CsvRecord header) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < header.getFieldCount(); i++) {
      names.add(header.getField(i).trim());
    }
    int[] columns = new int[rows.sensors.size()];
    for (int sensor = 0; sensor < columns.length; sensor++) {
      String wanted = rows.sensors.get(sensor);
      int found = names.subList(1, names.size()).indexOf(wanted);
      if (found < 0) {
        for (int i = 1; i < names.size() && found < 0; i++) {
          if (names.get(i).equalsIgnoreCase(wanted)) {
            found = i - 1;
          }
        }
      }
      if (found < 0) {
        throw new InvalidDataException(
            source
                + ": column '"
                + wanted
                + "' of component '"
                + rows.component
                + "' is missing; the header has "
                + String.join(", ", names));
      }
      columns[sensor] = found + 1;
    }
    return columns;
  }
}
