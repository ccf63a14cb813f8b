package dev.vigil.results;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.vigil.engine.model.PredictionReason;
import dev.vigil.engine.model.ScoredRow;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/**
 * Writes scored rows as JSON lines in the results format of Lookout for Equipment, so that code
 * which parsed Lookout's {@code results.jsonl} parses Vigil's unchanged:
 *
 * <pre>{"timestamp":"2026-01-01T10:05:00.000000","prediction":1,
 *  "prediction_reason":"ANOMALY_DETECTED","anomaly_score":0.83214,
 *  "diagnostics":[{"name":"pump\\Current","value":0.61},...]}</pre>
 *
 * Diagnostics are ranked by contribution as written (rounded to {@value #DECIMALS} decimals),
 * largest first, equal ones in sensor order, and their values sum to 1 (up to that rounding). A
 * {@code MACHINE_OFF} row has no diagnostics. Numbers are written as {@link Double#toString} writes
 * the rounded value.
 *
 * <p>This is the hot path of scheduled inference (a line holds one entry per sensor, a window
 * hundreds of lines), so the JSON is rendered by hand as UTF-8 bytes ({@link LineBuffer}), with
 * each sensor's name escaped and encoded once.
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

  private static final long SCALE = DiagnosticRanking.SCALE;

  private static final int STORED_BYTES = DiagnosticRanking.STORED_BYTES;

  private static final byte[] TIMESTAMP_FIELD = ascii("{\"timestamp\":\"");
  private static final byte[] PREDICTION_FIELD = ascii("\",\"prediction\":");
  private static final byte[] SCORE_FIELD = ascii("\",\"anomaly_score\":");
  private static final byte[] DIAGNOSTICS_FIELD = ascii(",\"diagnostics\":[");
  private static final byte[] END = ascii("]}");
  private static final byte[] MICROSECONDS = ascii("000");
  private static final byte[] EXPONENT_5 = ascii(".0E-5");
  private static final byte[] EXPONENT_4 = ascii("E-4");

  /** The longest text {@link #writePlainDecimal} writes: {@code 9.99999}. */
  private static final int PLAIN_DECIMAL_BYTES = 7;

  /** {@code ,"prediction_reason":"REASON} by reason ordinal. */
  private static final byte[][] REASON_FIELDS =
      Arrays.stream(PredictionReason.values())
          .map(reason -> ascii(",\"prediction_reason\":\"" + reason.name()))
          .toArray(byte[][]::new);

  private final Writer out;
  private final byte[][] namePrefixes;
  private final int longestPrefix;
  private final LineBuffer line = new LineBuffer(256);
  private final DiagnosticRanking ranking = new DiagnosticRanking();

  /**
   * A writer that only renders rows with {@link #line} and {@link #appendLine}: it writes to no
   * output.
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
    this.namePrefixes = new byte[sensorNames.size()][];
    JsonStringEncoder encoder = JsonStringEncoder.getInstance();
    for (int i = 0; i < namePrefixes.length; i++) {
      namePrefixes[i] =
          ("{\"name\":\"" + new String(encoder.quoteAsString(sensorNames.get(i))) + "\",\"value\":")
              .getBytes(StandardCharsets.UTF_8);
    }
    this.longestPrefix = Arrays.stream(namePrefixes).mapToInt(p -> p.length).max().orElse(0);
  }

  public void write(ScoredRow row) throws IOException {
    line.clear();
    appendLine(
        line,
        row.timestampMillis(),
        row.prediction(),
        row.reason(),
        row.anomalyScore(),
        ranking.encode(row));
    line.ascii('\n');
    out.append(line.text(0, line.length()));
  }

  /**
   * The line of a row whose diagnostics were stored ranked ({@link DiagnosticRanking}), exactly as
   * {@link #write} wrote it, without the line break.
   */
  public String line(
      long timestampMillis,
      int prediction,
      PredictionReason reason,
      double anomalyScore,
      byte[] diagnostics) {
    LineBuffer text = new LineBuffer(96 + 40 * diagnostics.length / STORED_BYTES);
    appendLine(text, timestampMillis, prediction, reason, anomalyScore, diagnostics);
    return text.text(0, text.length());
  }

  /**
   * Appends the line of a row whose diagnostics were stored ranked ({@link DiagnosticRanking}),
   * exactly as {@link #write} writes it, without the line break.
   */
  public void appendLine(
      LineBuffer to,
      long timestampMillis,
      int prediction,
      PredictionReason reason,
      double anomalyScore,
      byte[] diagnostics) {
    to.append(TIMESTAMP_FIELD);
    appendTimestamp(to, timestampMillis);
    to.append(PREDICTION_FIELD);
    if (prediction == 0 || prediction == 1) {
      to.ascii(digit(prediction));
    } else {
      to.ascii(Integer.toString(prediction));
    }
    to.append(REASON_FIELDS[reason.ordinal()]).append(SCORE_FIELD);
    appendScaled(to, Math.round(anomalyScore * SCALE));
    to.append(DIAGNOSTICS_FIELD);
    // Written through a local position into room reserved once per line, and read byte by byte:
    // every line has a diagnostic per sensor, and one call per byte cost more than the digits.
    int perDiagnostic = longestPrefix + PLAIN_DECIMAL_BYTES + 2;
    byte[] out = to.reserve(diagnostics.length / STORED_BYTES * perDiagnostic);
    int p = to.length();
    for (int at = 0; at < diagnostics.length; at += STORED_BYTES) {
      if (at > 0) {
        out[p++] = ',';
      }
      byte[] prefix = namePrefixes[(diagnostics[at] & 0xFF) << 8 | diagnostics[at + 1] & 0xFF];
      System.arraycopy(prefix, 0, out, p, prefix.length);
      p += prefix.length;
      int scaled =
          diagnostics[at + 2] << 24
              | (diagnostics[at + 3] & 0xFF) << 16
              | (diagnostics[at + 4] & 0xFF) << 8
              | diagnostics[at + 5] & 0xFF;
      if (scaled > 0 && scaled < 10 * SCALE) {
        p = writePlainDecimal(out, p, scaled);
      } else {
        // Zero, negative or 10 and more: Double.toString's text, of any length.
        to.advanceTo(p);
        appendScaled(to, scaled);
        out = to.reserve((diagnostics.length - at) / STORED_BYTES * perDiagnostic);
        p = to.length();
      }
      out[p++] = '}';
    }
    to.advanceTo(p);
    to.append(END);
  }

  /**
   * Appends {@code millis} as {@link #TIMESTAMP} formats it, field by field for the years 0 to 9999
   * (every line starts with one), through the formatter for any other.
   */
  static void appendTimestamp(LineBuffer to, long millis) {
    LocalDateTime time =
        LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L), 0, ZoneOffset.UTC);
    int year = time.getYear();
    if (year < 1 || year > 9999) {
      to.ascii(TIMESTAMP.format(Instant.ofEpochMilli(millis)));
      return;
    }
    appendPadded(to, year, 1000).ascii('-');
    appendPadded(to, time.getMonthValue(), 10).ascii('-');
    appendPadded(to, time.getDayOfMonth(), 10).ascii('T');
    appendPadded(to, time.getHour(), 10).ascii(':');
    appendPadded(to, time.getMinute(), 10).ascii(':');
    appendPadded(to, time.getSecond(), 10).ascii('.');
    appendPadded(to, (int) Math.floorMod(millis, 1000L), 100).append(MICROSECONDS);
  }

  /** Appends {@code value} with leading zeros, {@code place} being the value of its first digit. */
  private static LineBuffer appendPadded(LineBuffer to, int value, int place) {
    for (; place > 0; place /= 10) {
      to.ascii(digit((value / place) % 10));
    }
    return to;
  }

  /**
   * A value rounded to {@value #DECIMALS} decimals and scaled to a whole number, as Double.toString
   * writes the rounded value.
   */
  static void appendScaled(LineBuffer to, long scaled) {
    if (scaled > 0 && scaled < 10 * SCALE) {
      appendPlainDecimal(to, scaled);
    } else {
      to.ascii(Double.toString(scaled / (double) SCALE));
    }
  }

  /** {@link #appendPlainDecimal} as a string. */
  static String plainDecimal(long scaled) {
    LineBuffer text = new LineBuffer(16);
    appendPlainDecimal(text, scaled);
    return text.text(0, text.length());
  }

  /**
   * Appends {@code scaled / 10^DECIMALS} as Double.toString writes it, for 0 < it < 10: plain
   * decimals, trailing zeros dropped, from 0.001 on; below it, one digit, a point, one digit and an
   * exponent ({@code 4.2E-4}, {@code 1.0E-5}). Digit by digit, since every diagnostic of every
   * result line goes through here.
   */
  private static void appendPlainDecimal(LineBuffer to, long scaled) {
    byte[] out = to.reserve(PLAIN_DECIMAL_BYTES);
    to.advanceTo(writePlainDecimal(out, to.length(), (int) scaled));
  }

  /**
   * Writes {@link #appendPlainDecimal}'s text of {@code scaled} (0 < it < 10 * SCALE) into {@code
   * out} at {@code p}, which has room for {@link #PLAIN_DECIMAL_BYTES}; returns the position after
   * it.
   */
  private static int writePlainDecimal(byte[] out, int p, int scaled) {
    if (scaled < 10) {
      out[p] = (byte) ('0' + scaled);
      System.arraycopy(EXPONENT_5, 0, out, p + 1, EXPONENT_5.length);
      return p + 1 + EXPONENT_5.length;
    }
    if (scaled < 100) {
      out[p] = (byte) ('0' + scaled / 10);
      out[p + 1] = '.';
      out[p + 2] = (byte) ('0' + scaled % 10);
      System.arraycopy(EXPONENT_4, 0, out, p + 3, EXPONENT_4.length);
      return p + 3 + EXPONENT_4.length;
    }
    // Five digits, each by a constant divisor (which the JIT turns into a multiplication), then
    // the trailing zeros dropped: a loop over a variable divisor cost a tenth of a window.
    int fraction = scaled % (int) SCALE;
    out[p] = (byte) ('0' + scaled / (int) SCALE);
    out[p + 1] = '.';
    out[p + 2] = (byte) ('0' + fraction / 10_000);
    out[p + 3] = (byte) ('0' + fraction / 1_000 % 10);
    out[p + 4] = (byte) ('0' + fraction / 100 % 10);
    out[p + 5] = (byte) ('0' + fraction / 10 % 10);
    out[p + 6] = (byte) ('0' + fraction % 10);
    // At least one decimal stays ("2.0"), as Double.toString writes it.
    int end = p + 7;
    while (end > p + 3 && out[end - 1] == '0') {
      end--;
    }
    return end;
  }

  private static char digit(long value) {
    return (char) ('0' + value);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    out.flush();
  }
}
