package dev.vigil.engine.synthetic;

import dev.vigil.engine.VigilException;
import dev.vigil.engine.data.SensorTable;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a table whose sensors are named {@code component\sensor} as CSV files in the Lookout
 * layout: one file per component, {@code <component>.csv}, or one per component and time chunk,
 * {@code <component>_<yyyyMMddHHmmss>.csv} named after the chunk's start. Each file starts with the
 * header {@code Timestamp,<sensor>,...} (sensor names without the component), followed by one line
 * per row: the UTC timestamp as {@code yyyy-MM-dd HH:mm:ss}, then the values as {@link
 * Double#toString(double)} writes them, so that they parse back exactly; a missing ({@code NaN})
 * value is an empty field.
 *
 * <p>Files are streamed through a buffered writer, one at a time, and existing files of the same
 * name are replaced. This class has no state and is thread-safe, but two threads writing the same
 * directory will overwrite each other's files.
 */
public final class LookoutCsvWriter {
  private static final DateTimeFormatter CHUNK_NAME_FORMAT =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
  private static final long MILLIS_PER_SECOND = 1_000;
  private static final long SECONDS_PER_DAY = 86_400;
  private static final String FORBIDDEN_FILE_NAME_CHARACTERS = "/\\:*?\"<>|";

  private LookoutCsvWriter() {}

  /**
   * Writes one file per component into {@code directory}, creating it if needed.
   *
   * @return the files written, component by component in table order
   * @throws VigilException if a sensor name has no component prefix, a component name cannot be a
   *     file name, a timestamp has fractional seconds or a file cannot be written
   */
  public static List<Path> write(SensorTable table, Path directory) {
    return write(table, directory, null);
  }

  /**
   * Writes one file per component and chunk of {@code chunkLength} into {@code directory}, creating
   * it if needed. Chunks are aligned to multiples of the chunk length since the epoch (a day-long
   * chunk starts at midnight UTC); chunks without rows get no file.
   *
   * @param chunkLength whole seconds, at least one; {@code null} for one file per component
   * @return the files written, component by component in table order, each in time order
   * @throws VigilException as {@link #write(SensorTable, Path)}, or if the chunk length is not a
   *     positive whole number of seconds
   */
  public static List<Path> write(SensorTable table, Path directory, Duration chunkLength) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(directory, "directory");
    long chunkSeconds = chunkSeconds(chunkLength);
    Map<String, List<Integer>> sensorsByComponent = sensorsByComponent(table);
    requireWholeSeconds(table);
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new VigilException("cannot create directory " + directory + " for the CSV files", e);
    }
    List<Path> written = new ArrayList<>();
    for (Map.Entry<String, List<Integer>> component : sensorsByComponent.entrySet()) {
      writeComponent(
          table, directory, component.getKey(), component.getValue(), chunkSeconds, written);
    }
    return written;
  }

  private static long chunkSeconds(Duration chunkLength) {
    if (chunkLength == null) {
      return 0;
    }
    if (chunkLength.getNano() != 0 || chunkLength.getSeconds() < 1) {
      throw new VigilException(
          "chunk length " + chunkLength + " must be a positive whole number of seconds");
    }
    return chunkLength.getSeconds();
  }

  private static Map<String, List<Integer>> sensorsByComponent(SensorTable table) {
    Map<String, List<Integer>> sensorsByComponent = new LinkedHashMap<>();
    for (int s = 0; s < table.sensorCount(); s++) {
      String name = table.sensorNames().get(s);
      int separator = name.indexOf('\\');
      if (separator <= 0 || separator == name.length() - 1) {
        throw new VigilException(
            "sensor '" + name + "' is not named component\\sensor; cannot choose its CSV file");
      }
      String component = name.substring(0, separator);
      if (component.equals(".")
          || component.equals("..")
          || component.chars().anyMatch(c -> FORBIDDEN_FILE_NAME_CHARACTERS.indexOf(c) >= 0)) {
        throw new VigilException(
            "component '" + component + "' of sensor '" + name + "' cannot be used as a file name");
      }
      sensorsByComponent.computeIfAbsent(component, c -> new ArrayList<>()).add(s);
    }
    return sensorsByComponent;
  }

  // The timestamp format has whole seconds: sub-second timestamps would silently collide.
  private static void requireWholeSeconds(SensorTable table) {
    long[] timestamps = table.timestamps();
    for (int row = 0; row < timestamps.length; row++) {
      if (timestamps[row] % MILLIS_PER_SECOND != 0) {
        throw new VigilException(
            "row "
                + row
                + " has timestamp "
                + Instant.ofEpochMilli(timestamps[row])
                + " with fractional seconds, which yyyy-MM-dd HH:mm:ss cannot represent");
      }
    }
  }

  private static void writeComponent(
      SensorTable table,
      Path directory,
      String component,
      List<Integer> sensors,
      long chunkSeconds,
      List<Path> written) {
    String header = header(table, sensors);
    TimestampFormatter timestamps = new TimestampFormatter();
    int rows = table.rowCount();
    if (chunkSeconds == 0) {
      // One file holds all rows, and is written even without rows so that every component has one.
      Path file = directory.resolve(component + ".csv");
      writeFile(table, file, header, sensors, 0, rows, timestamps);
      written.add(file);
      return;
    }
    int row = 0;
    while (row < rows) {
      long chunk = Math.floorDiv(table.timestamp(row) / MILLIS_PER_SECOND, chunkSeconds);
      long chunkStartSeconds = chunk * chunkSeconds;
      long chunkEndMillis;
      try {
        chunkEndMillis =
            Math.multiplyExact(Math.addExact(chunkStartSeconds, chunkSeconds), MILLIS_PER_SECOND);
      } catch (ArithmeticException e) {
        // A chunk reaching past the last representable instant holds all remaining rows.
        chunkEndMillis = Long.MAX_VALUE;
      }
      int chunkEnd = table.firstRowAtOrAfter(chunkEndMillis);
      Path file =
          directory.resolve(
              component
                  + "_"
                  + CHUNK_NAME_FORMAT.format(Instant.ofEpochSecond(chunkStartSeconds))
                  + ".csv");
      writeFile(table, file, header, sensors, row, chunkEnd, timestamps);
      written.add(file);
      row = chunkEnd;
    }
  }

  private static String header(SensorTable table, List<Integer> sensors) {
    StringBuilder header = new StringBuilder("Timestamp");
    for (int s : sensors) {
      String name = table.sensorNames().get(s);
      header.append(',').append(quoted(name.substring(name.indexOf('\\') + 1)));
    }
    return header.toString();
  }

  private static String quoted(String field) {
    if (field.indexOf(',') < 0
        && field.indexOf('"') < 0
        && field.indexOf('\n') < 0
        && field.indexOf('\r') < 0) {
      return field;
    }
    return '"' + field.replace("\"", "\"\"") + '"';
  }

  private static void writeFile(
      SensorTable table,
      Path file,
      String header,
      List<Integer> sensors,
      int fromRow,
      int toRow,
      TimestampFormatter timestamps) {
    double[][] columns = new double[sensors.size()][];
    for (int i = 0; i < columns.length; i++) {
      columns[i] = table.column(sensors.get(i));
    }
    try (BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      writer.write(header);
      writer.write('\n');
      StringBuilder line = new StringBuilder();
      for (int row = fromRow; row < toRow; row++) {
        line.setLength(0);
        timestamps.append(line, table.timestamp(row));
        for (double[] column : columns) {
          line.append(',');
          double value = column[row];
          if (!Double.isNaN(value)) {
            line.append(value);
          }
        }
        line.append('\n');
        writer.append(line);
      }
    } catch (IOException e) {
      throw new VigilException("cannot write CSV file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Formats epoch milliseconds as {@code yyyy-MM-dd HH:mm:ss} in UTC, caching the date part:
   * consecutive rows share their date, and a general formatter per row would dominate the write
   * time of large tables. Not thread-safe.
   */
  private static final class TimestampFormatter {
    private long cachedDay = Long.MIN_VALUE;
    private String cachedDate = "";

    void append(StringBuilder line, long epochMillis) {
      long epochSecond = Math.floorDiv(epochMillis, MILLIS_PER_SECOND);
      long day = Math.floorDiv(epochSecond, SECONDS_PER_DAY);
      if (day != cachedDay) {
        cachedDay = day;
        cachedDate = LocalDate.ofEpochDay(day).toString();
      }
      int secondOfDay = (int) Math.floorMod(epochSecond, SECONDS_PER_DAY);
      line.append(cachedDate).append(' ');
      appendTwoDigits(line, secondOfDay / 3600);
      line.append(':');
      appendTwoDigits(line, secondOfDay / 60 % 60);
      line.append(':');
      appendTwoDigits(line, secondOfDay % 60);
    }

    private static void appendTwoDigits(StringBuilder line, int value) {
      line.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
    }
  }
}
