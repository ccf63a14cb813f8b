package dev.vigil.inference;

/**
 * One stored result row: one scored timestamp of a scheduler. Immutable and thread-safe.
 *
 * @param timestampMillis the scored timestamp, epoch milliseconds UTC
 * @param windowEndMillis the end of the window that scored it
 * @param modelVersion the model version that scored it
 * @param prediction 0 or 1
 * @param anomalyScore the score in [0, 1]
 * @param line the Lookout results line, exactly as in results.jsonl, without the line break
 */
public record StoredResult(
    long timestampMillis,
    long windowEndMillis,
    int modelVersion,
    int prediction,
    double anomalyScore,
    String line) {}
