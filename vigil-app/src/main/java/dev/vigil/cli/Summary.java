package dev.vigil.cli;

import dev.vigil.engine.model.ExcludedSensor;
import dev.vigil.engine.model.TrainingSummary;
import java.io.PrintWriter;

/** Prints a model's training summary for people. */
final class Summary {
  private Summary() {}

  static void print(TrainingSummary summary, PrintWriter err) {
    err.printf(
        "trained on %d rows (%d machine-off), %d sensors, %d components explaining %.1f%% of"
            + " the variance%n",
        summary.trainingRows(),
        summary.machineOffRows(),
        summary.sensorsUsed(),
        summary.components(),
        100 * summary.explainedVariance());
    err.printf(
        "held-back %d rows: anomaly score median %.3f, p90 %.3f, p99 %.3f, max %.3f;"
            + " %.2f%% above the threshold before debounce%n",
        summary.holdoutRows(),
        summary.holdoutScoreMedian(),
        summary.holdoutScoreP90(),
        summary.holdoutScoreP99(),
        summary.holdoutScoreMax(),
        100 * summary.holdoutFlaggedFraction());
    for (ExcludedSensor excluded : summary.excludedSensors()) {
      err.printf("excluded sensor %s: %s%n", excluded.name(), excluded.reason());
    }
    err.flush();
  }
}
