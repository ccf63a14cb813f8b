/**
 * Detection-quality metrics of the SKAB benchmark protocol: point-wise F1, false and missing alarm
 * rates ({@link dev.vigil.engine.evaluation.PointMetrics}), the NAB changepoint score in its three
 * profiles ({@link dev.vigil.engine.evaluation.NabScorer}) and the threshold-free area under the
 * precision-recall curve ({@link dev.vigil.engine.evaluation.PrecisionRecallAuc}), each pooled over
 * any number of files; {@link dev.vigil.engine.evaluation.BenchmarkEvaluation} feeds all three at
 * once.
 *
 * <p>Labels and predictions are {@code int} arrays holding only 0 (normal) and 1 (anomalous); one
 * array element per scored row. Inputs that break that rule, or arrays of different lengths, are
 * rejected with a {@link dev.vigil.engine.VigilException} before any accumulator changes.
 */
package dev.vigil.engine.evaluation;
