package dev.vigil.inference;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * One stored result row: one scored timestamp of a scheduler. Immutable and thread-safe.
 *
 * <p>The results line of a window just scored is cut from the bytes of its results.jsonl only when
 * asked for: most listeners read the numbers, and a window's lines are hundreds of kilobytes.
 */
public final class StoredResult {
  private final long timestampMillis;
  private final long windowEndMillis;
  private final int modelVersion;
  private final int prediction;
  private final double anomalyScore;
  private final Supplier<String> line;

  /**
   * @param timestampMillis the scored timestamp, epoch milliseconds UTC
   * @param windowEndMillis the end of the window that scored it
   * @param modelVersion the model version that scored it
   * @param prediction 0 or 1
   * @param anomalyScore the score in [0, 1]
   * @param line the Lookout results line, exactly as in results.jsonl, without the line break
   */
  public StoredResult(
      long timestampMillis,
      long windowEndMillis,
      int modelVersion,
      int prediction,
      double anomalyScore,
      String line) {
    this(timestampMillis, windowEndMillis, modelVersion, prediction, anomalyScore, () -> line);
    Objects.requireNonNull(line, "line");
  }

  /** A result whose line {@code line} gives when asked for; it must be thread-safe. */
  StoredResult(
      long timestampMillis,
      long windowEndMillis,
      int modelVersion,
      int prediction,
      double anomalyScore,
      Supplier<String> line) {
    this.timestampMillis = timestampMillis;
    this.windowEndMillis = windowEndMillis;
    this.modelVersion = modelVersion;
    this.prediction = prediction;
    this.anomalyScore = anomalyScore;
    this.line = Objects.requireNonNull(line, "line");
  }

  public long timestampMillis() {
    return timestampMillis;
  }

  public long windowEndMillis() {
    return windowEndMillis;
  }

  public int modelVersion() {
    return modelVersion;
  }

  public int prediction() {
    return prediction;
  }

  public double anomalyScore() {
    return anomalyScore;
  }

  /** The Lookout results line, exactly as in results.jsonl, without the line break. */
  public String line() {
    return line.get();
  }

  @Override
  public String toString() {
    return "StoredResult[" + line() + "]";
  }
}
