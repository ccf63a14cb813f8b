package dev.vigil.engine.model;

import java.util.List;

/**
 * What training found, for the people who will trust the model: how much data it learnt from, which
 * sensors it left out and why, how the score is distributed on normal data it had not seen, and
 * where the threshold lies.
 *
 * @param trainingRows rows given
 * @param machineOffRows rows left out because the off-condition held
 * @param vectors lagged vectors the final model was fitted on
 * @param sensorsUsed sensors in the model
 * @param excludedSensors sensors left out, each with the reason
 * @param components principal components kept
 * @param explainedVariance fraction of the training variance they explain
 * @param holdoutRows rows held back to calibrate the threshold
 * @param holdoutScoreMedian median anomaly score of the held-back rows (before debounce)
 * @param holdoutScoreP90 90th percentile of the same
 * @param holdoutScoreP99 99th percentile of the same
 * @param holdoutScoreMax largest of the same
 * @param holdoutFlaggedFraction fraction of held-back rows above the default threshold (before
 *     debounce): the raw false-alarm rate to expect on normal data
 * @param threshold the SPE ratio that scores 0.5
 */
public record TrainingSummary(
    int trainingRows,
    int machineOffRows,
    int vectors,
    int sensorsUsed,
    List<ExcludedSensor> excludedSensors,
    int components,
    double explainedVariance,
    int holdoutRows,
    double holdoutScoreMedian,
    double holdoutScoreP90,
    double holdoutScoreP99,
    double holdoutScoreMax,
    double holdoutFlaggedFraction,
    double threshold) {
  public TrainingSummary {
    excludedSensors = List.copyOf(excludedSensors);
  }
}
