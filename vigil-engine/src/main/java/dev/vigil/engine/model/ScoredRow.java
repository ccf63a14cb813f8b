package dev.vigil.engine.model;

import java.util.Objects;

/**
 * The judgement of one row.
 *
 * @param timestampMillis the row's timestamp, epoch milliseconds UTC
 * @param prediction 1 when the row is anomalous at the scorer's sensitivity, else 0
 * @param reason why: anomaly, no anomaly, or machine off
 * @param anomalyScore calibrated score in [0, 1]; {@code prediction == 1} exactly when it is above
 *     the sensitivity's threshold (0.5 by default)
 * @param rawScore the calibrated score of this row alone, before the debounce that smooths {@code
 *     anomalyScore}; what a threshold-free evaluation ranks by
 * @param diagnostics one share per sensor of the model (in {@link TrainedModel#sensorNames()}
 *     order), summing to 1; all zero on a machine-off row. The array is the row's own.
 */
public record ScoredRow(
    long timestampMillis,
    int prediction,
    PredictionReason reason,
    double anomalyScore,
    double rawScore,
    double[] diagnostics) {
  public ScoredRow {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(diagnostics, "diagnostics");
    if (prediction != 0 && prediction != 1) {
      throw new IllegalArgumentException("prediction must be 0 or 1, got " + prediction);
    }
  }
}
