package dev.vigil.results;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.vigil.engine.model.PredictionReason;
import dev.vigil.engine.model.ScoredRow;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes scored rows as JSON lines in the results format of Lookout for Equipment, so that code
 * which parsed Lookout's {@code results.jsonl} parses Vigil's unchanged:
 *
 * <pre>{"timestamp":"2026-01-01T10:05:00.000000","prediction":1,
 *  "prediction_reason":"ANOMALY_DETECTED","anomaly_score":0.83214,
 *  "diagnostics":[{"name":"pump\\Current","value":0.61},...]}</pre>
 *
 * Diagnostics are ranked by contribution, largest first, and their values sum to 1 (up to the
 * rounding to {@value #DECIMALS} decimals). A {@code MACHINE_OFF} row has no diagnostics.
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

  private static final double SCALE = Math.pow(10, DECIMALS);

  /** The caller owns the writer: closing this object flushes it but leaves it open. */
  private static final JsonFactory JSON =
      JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  private final JsonGenerator generator;
  private final List<String> sensorNames;

  /**
   * @param sensorNames the names of the diagnostics, in the order of {@link
   *     ScoredRow#diagnostics()}
   */
  public ResultLineWriter(Writer out, List<String> sensorNames) throws IOException {
    this.generator = JSON.createGenerator(out);
    this.generator.setRootValueSeparator(null);
    this.sensorNames = List.copyOf(sensorNames);
  }

  public void write(ScoredRow row) throws IOException {
    generator.writeStartObject();
    generator.writeStringField(
        "timestamp", TIMESTAMP.format(Instant.ofEpochMilli(row.timestampMillis())));
    generator.writeNumberField("prediction", row.prediction());
    generator.writeStringField("prediction_reason", row.reason().name());
    generator.writeNumberField("anomaly_score", round(row.anomalyScore()));
    generator.writeArrayFieldStart("diagnostics");
    double[] shares = row.diagnostics();
    if (row.reason() != PredictionReason.MACHINE_OFF) {
      for (int index : ranked(shares)) {
        generator.writeStartObject();
        generator.writeStringField("name", sensorNames.get(index));
        generator.writeNumberField("value", round(shares[index]));
        generator.writeEndObject();
      }
    }
    generator.writeEndArray();
    generator.writeEndObject();
    generator.writeRaw('\n');
  }

  private static List<Integer> ranked(double[] shares) {
    List<Integer> order = new ArrayList<>(shares.length);
    for (int i = 0; i < shares.length; i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble((Integer i) -> -shares[i]));
    return order;
  }

  private static double round(double value) {
    return Math.round(value * SCALE) / SCALE;
  }

  public void flush() throws IOException {
    generator.flush();
  }

  @Override
  public void close() throws IOException {
    generator.close();
  }
}
