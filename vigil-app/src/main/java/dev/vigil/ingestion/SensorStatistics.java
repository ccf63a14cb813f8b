package dev.vigil.ingestion;

/**
 * Statistics of one sensor after an ingestion; min, max, mean and the data range are absent when
 * the sensor has no value.
 *
 * @param count values present
 * @param monotonic at least {@value QualityAnalysis#MIN_VALUES_FOR_MONOTONIC} values, strictly
 *     increasing or strictly decreasing
 * @param largeGaps gaps between consecutive values longer than {@value
 *     QualityAnalysis#LARGE_GAP_FACTOR} times the component's median sampling interval
 */
record SensorStatistics(
    String component,
    String sensor,
    long count,
    long missingValues,
    long invalidValues,
    Double min,
    Double max,
    Double mean,
    boolean constant,
    boolean monotonic,
    long largeGaps,
    String dataStart,
    String dataEnd) {}
