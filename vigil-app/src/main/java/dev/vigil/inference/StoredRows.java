package dev.vigil.inference;

import dev.vigil.engine.model.PredictionReason;
import dev.vigil.engine.model.ScoredRow;
import dev.vigil.results.DiagnosticRanking;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The scored rows of one window as the database keeps them: one value of a few bytes per row and
 * sensor, in one column of one row per window, rather than a database row per timestamp. A window
 * is written and replaced whole, so this is what its results cost to store: one insert.
 *
 * <p>Layout, big-endian, row after row in time order: the timestamp (8 bytes, epoch milliseconds),
 * the prediction (1), the prediction reason's ordinal (1), the anomaly score (8, a double), the
 * length of the diagnostics (2) and the diagnostics as {@link DiagnosticRanking} stores them.
 * Stateless.
 */
final class StoredRows {
  private static final PredictionReason[] REASONS = PredictionReason.values();

  private StoredRows() {}

  /** The rows, encoded. */
  static byte[] encode(List<ScoredRow> rows) {
    return encode(ScoredWindow.of(List.of(), rows));
  }

  /** The rows of a window, encoded with the diagnostics it holds. */
  static byte[] encode(ScoredWindow window) {
    List<ScoredRow> rows = window.rows();
    List<byte[]> diagnostics = window.diagnostics();
    int size = 0;
    for (byte[] encoded : diagnostics) {
      size += 20 + encoded.length;
    }
    ByteBuffer buffer = ByteBuffer.allocate(size);
    for (int i = 0; i < rows.size(); i++) {
      ScoredRow row = rows.get(i);
      buffer.putLong(row.timestampMillis());
      buffer.put((byte) row.prediction());
      buffer.put((byte) row.reason().ordinal());
      buffer.putDouble(row.anomalyScore());
      buffer.putShort((short) diagnostics.get(i).length);
      buffer.put(diagnostics.get(i));
    }
    return buffer.array();
  }

  /** One stored row, its diagnostics still encoded. */
  record Row(
      long timestampMillis,
      int prediction,
      PredictionReason reason,
      double anomalyScore,
      byte[] diagnostics) {}

  /** The rows of {@code encoded} with timestamps in {@code [fromMillis, toMillis)}. */
  static List<Row> decode(byte[] encoded, long fromMillis, long toMillis) {
    ByteBuffer buffer = ByteBuffer.wrap(encoded);
    List<Row> rows = new ArrayList<>();
    while (buffer.hasRemaining()) {
      long timestamp = buffer.getLong();
      int prediction = buffer.get();
      PredictionReason reason = REASONS[buffer.get()];
      double score = buffer.getDouble();
      byte[] diagnostics = new byte[buffer.getShort() & 0xFFFF];
      buffer.get(diagnostics);
      if (timestamp >= fromMillis && timestamp < toMillis) {
        rows.add(new Row(timestamp, prediction, reason, score, diagnostics));
      }
    }
    return rows;
  }

  /** Takes a row's score without its diagnostics. */
  @FunctionalInterface
  interface ScoreConsumer {
    void accept(long timestampMillis, double anomalyScore, PredictionReason reason);
  }

  /**
   * Gives {@code each} the timestamp, score and reason of the rows of {@code encoded} in {@code
   * [fromMillis, toMillis)}, in order, skipping their diagnostics: what a chart of scores reads.
   */
  static void forEachScore(byte[] encoded, long fromMillis, long toMillis, ScoreConsumer each) {
    ByteBuffer buffer = ByteBuffer.wrap(encoded);
    while (buffer.hasRemaining()) {
      long timestamp = buffer.getLong();
      buffer.get();
      PredictionReason reason = REASONS[buffer.get()];
      double score = buffer.getDouble();
      int length = buffer.getShort() & 0xFFFF;
      buffer.position(buffer.position() + length);
      if (timestamp >= fromMillis && timestamp < toMillis) {
        each.accept(timestamp, score, reason);
      }
    }
  }

  /** The rows of {@code encoded} outside {@code [fromMillis, toMillis)}, encoded again. */
  static byte[] without(byte[] encoded, long fromMillis, long toMillis) {
    ByteBuffer in = ByteBuffer.wrap(encoded);
    ByteBuffer out = ByteBuffer.allocate(encoded.length);
    while (in.hasRemaining()) {
      int start = in.position();
      long timestamp = in.getLong();
      in.position(in.position() + 10);
      int length = in.getShort() & 0xFFFF;
      in.position(in.position() + length);
      if (timestamp < fromMillis || timestamp >= toMillis) {
        out.put(encoded, start, in.position() - start);
      }
    }
    byte[] kept = new byte[out.position()];
    System.arraycopy(out.array(), 0, kept, 0, kept.length);
    return kept;
  }
}
