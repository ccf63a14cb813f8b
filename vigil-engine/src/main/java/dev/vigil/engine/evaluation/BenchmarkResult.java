package dev.vigil.engine.evaluation;

/**
 * The figures the SKAB protocol reports for one detector configuration, pooled over all files.
 * Instances are immutable and thread-safe.
 *
 * @param files number of files added
 * @param rows number of scored rows over all files
 * @param points point-wise outlier detection: F1, FAR and MAR
 * @param changepoints NAB changepoint scores of the three profiles
 * @param prAuc threshold-free average precision of the anomaly score against the anomaly label (see
 *     {@link PrecisionRecallAuc}); {@code NaN} without any anomalous row
 */
public record BenchmarkResult(
    int files, long rows, PointScores points, NabScores changepoints, double prAuc) {}
