package dev.vigil.results;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.vigil.engine.model.PredictionReason;
import dev.vigil.engine.model.ScoredRow;
import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Writes scored rows as JSON lines in the results format of Lookout for Equipment, so that code
 * which parsed Lookout's {@code results.jsonl} parses Vigil's unchanged:
 *
 * <pre>{"timestamp":"2026-01-01T10:05:00.000000","prediction":1,
 *  "prediction_reason":"ANOMALY_DETECTED","anomaly_score":0.83214,
 *  "diagnostics":[{"name":"pump\\Current","value":0.61},...]}</pre>
 *
 * Diagnostics are ranked by contribution, largest first (equal ones in sensor order), and their
 * values sum to 1 (up to the rounding to {@value #DECIMALS} decimals). A {@code MACHINE_OFF} row
 * has no diagnostics. Numbers are written as {@link Double#toString} writes the rounded value.
 *
 * <p>This is the hot path of scheduled inference (a line holds one entry per sensor, a window
 * hundreds of lines), so the JSON is written by hand, with each sensor's name escaped once.
 *
 * <p>Not thread-safe: one writer per output. Closing it flushes the underlying writer, which the
 * caller closes.
 */
public final class ResultLineWriter implements AutoCloseable {
  /** Decimals of scores and contributions: finer than any decision made on them. */
  public static final int DECIMALS = 5;

  /** Lookout's timestamp layout: UTC, microseconds, no zone designator. */
  public static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

  private static final long SCALE = 100_000;

  /** Bytes per sensor of stored diagnostics: a 2-byte index and a 4-byte scaled value. */
  private static final int STORED_BYTES = 6;

  private static final double[] NO_SHARES = new double[0];

  private final Writer out;
  private final String[] namePrefixes;
  private final StringBuilder line = new StringBuilder(256);

  /**
   * A writer that only renders stored rows with {@link #line}: it writes to no output.
   *
   * @param sensorNames the names of the diagnostics, in the order of {@link
   *     ScoredRow#diagnostics()}
   */
  public ResultLineWriter(List<String> sensorNames) {
    this(Writer.nullWriter(), sensorNames);
  }

  /**
   * @param sensorNames the names of the diagnostics, in the order of {@link
   *     ScoredRow#diagnostics()}
   */
  public ResultLineWriter(Writer out, List<String> sensorNames) {
    this.out = out;
    this.namePrefixes = new String[sensorNames.size()];
    JsonStringEncoder encoder = JsonStringEncoder.getInstance();
    for (int i = 0; i < namePrefixes.length; i++) {
      namePrefixes[i] =
          "{\"name\":\"" + new String(encoder.quoteAsString(sensorNames.get(i))) + "\",\"value\":";
    }
  }

  public void write(ScoredRow row) throws IOException {
    line.setLength(0);
    if (row.reason() == PredictionReason.MACHINE_OFF) {
      appendLine(line, row, new int[0], new long[0]);
    } else {
      int[] order = ranked(row.diagnostics());
      appendLine(line, row, order, scaled(row.diagnostics(), order));
    }
    line.append('\n');
    out.append(line);
  }

  /**
   * The line of a row whose diagnostics were stored ranked ({@link #encodeDiagnostics}), exactly as
   * {@link #write} wrote it, without the line break.
   */
  public String line(
      long timestampMillis,
      int prediction,
      PredictionReason reason,
      double anomalyScore,
      byte[] diagnostics) {
    ByteBuffer buffer = ByteBuffer.wrap(diagnostics);
    int[] order = new int[diagnostics.length / STORED_BYTES];
    long[] values = new long[order.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = buffer.getShort() & 0xFFFF;
      values[i] = buffer.getInt();
    }
    StringBuilder text = new StringBuilder(64 + 40 * order.length);
    appendLine(
        text,
        new ScoredRow(timestampMillis, prediction, reason, anomalyScore, Double.NaN, NO_SHARES),
        order,
        values);
    return text.toString();
  }

  /**
   * A row's diagnostics as stored: ranked as the line ranks them, each its sensor's index (2 bytes)
   * and its value rounded and scaled to a whole number (4 bytes), so that the line can be written
   * again byte for byte from 6 bytes per sensor rather than kept as text. Empty for a {@code
   * MACHINE_OFF} row.
   */
  public static byte[] encodeDiagnostics(ScoredRow row) {
    if (row.reason() == PredictionReason.MACHINE_OFF) {
      return new byte[0];
    }
    int[] order = ranked(row.diagnostics());
    long[] values = scaled(row.diagnostics(), order);
    ByteBuffer buffer = ByteBuffer.allocate(STORED_BYTES * order.length);
    for (int i = 0; i < order.length; i++) {
      buffer.putShort((short) order[i]);
      buffer.putInt((int) values[i]);
    }
    return buffer.array();
  }

  private void appendLine(StringBuilder to, ScoredRow row, int[] order, long[] values) {
    to.append("{\"timestamp\":\"")
        .append(TIMESTAMP.format(Instant.ofEpochMilli(row.timestampMillis())))
        .append("\",\"prediction\":")
        .append(row.prediction())
        .append(",\"prediction_reason\":\"")
        .append(row.reason().name())
        .append("\",\"anomaly_score\":");
    appendScaled(to, Math.round(row.anomalyScore() * SCALE));
    to.append(",\"diagnostics\":[");
    for (int i = 0; i < order.length; i++) {
      if (i > 0) {
        to.append(',');
      }
      to.append(namePrefixes[order[i]]);
      appendScaled(to, values[i]);
      to.append('}');
    }
    to.append("]}");
  }

  private static long[] scaled(double[] shares, int[] order) {
    long[] values = new long[order.length];
    for (int i = 0; i < order.length; i++) {
      values[i] = Math.round(shares[order[i]] * SCALE);
    }
    return values;
  }

  /** Sensor indexes by contribution, largest first, equal ones in sensor order. */
  private static int[] ranked(double[] shares) {
    int[] order = new int[shares.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    int[] buffer = new int[shares.length];
    mergeSort(order, buffer, 0, order.length, shares);
    return order;
  }

  /** A stable merge sort of {@code order[from, to)} by share, descending. */
  private static void mergeSort(int[] order, int[] buffer, int from, int to, double[] shares) {
    if (to - from < 2) {
      return;
    }
    int middle = (from + to) >>> 1;
    mergeSort(order, buffer, from, middle, shares);
    mergeSort(order, buffer, middle, to, shares);
    if (shares[order[middle - 1]] >= shares[order[middle]]) {
      return;
    }
    System.arraycopy(order, from, buffer, from, to - from);
    int left = from;
    int right = middle;
    for (int at = from; at < to; at++) {
      if (right >= to || (left < middle && shares[buffer[left]] >= shares[buffer[right]])) {
        order[at] = buffer[left++];
      } else {
        order[at] = buffer[right++];
      }
    }
  }

  /**
   * A value rounded to {@value #DECIMALS} decimals and scaled to a whole number, as Double.toString
   * writes the rounded value.
   */
  static void appendScaled(StringBuilder to, long scaled) {
    if (scaled > 0 && scaled < 10 * SCALE) {
      to.append(plainDecimal(scaled));
    } else {
      to.append(scaled / (double) SCALE);
    }
  }

  /**
   * {@code scaled / 10^DECIMALS} as Double.toString writes it, for 0 < it < 10: plain decimals,
   * trailing zeros dropped, from 0.001 on; below it, one digit, a point, one digit and an exponent
   * ({@code 4.2E-4}, {@code 1.0E-5}).
   */
  static String plainDecimal(long scaled) {
    if (scaled < 10) {
      return scaled + ".0E-5";
    }
    if (scaled < 100) {
      return (scaled / 10) + "." + (scaled % 10) + "E-4";
    }
    long whole = scaled / SCALE;
    long fraction = scaled % SCALE;
    if (fraction == 0) {
      return whole + ".0";
    }
    char[] digits = new char[DECIMALS];
    for (int i = DECIMALS - 1; i >= 0; i--) {
      digits[i] = (char) ('0' + fraction % 10);
      fraction /= 10;
    }
    int length = DECIMALS;
    while (digits[length - 1] == '0') {
      length--;
    }
    return whole + "." + new String(digits, 0, length);
  }

  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.flush();
  }
}
