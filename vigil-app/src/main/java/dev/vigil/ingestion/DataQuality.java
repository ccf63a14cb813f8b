package dev.vigil.ingestion;

import java.util.List;

/**
 * The data quality summary of an ingestion, over all components.
 *
 * @param totalRows rows stored, summed over components, after duplicates were dropped
 * @param missingValues empty, NaN, null or NA cells
 * @param invalidValues cells that are no finite number; stored as missing
 * @param duplicateTimestamps rows dropped because an earlier row (in key order, then line order) of
 *     the same component had the same timestamp
 * @param unsupportedTimestamps rows dropped because their timestamp could not be read
 * @param largeGaps gaps between consecutive values of a sensor longer than {@value
 *     QualityAnalysis#LARGE_GAP_FACTOR} times the median sampling interval of its component, summed
 *     over sensors
 * @param monotonicSensors sensors whose values strictly increase or strictly decrease throughout
 * @param constantSensors sensors with a single distinct value
 * @param sensorsWithoutValues sensors with no value at all
 * @param issues the first problems found, each naming the file, line and column
 */
record DataQuality(
    long totalRows,
    long missingValues,
    long invalidValues,
    long duplicateTimestamps,
    long unsupportedTimestamps,
    long largeGaps,
    int monotonicSensors,
    int constantSensors,
    int sensorsWithoutValues,
    List<String> issues) {
  DataQuality {
    issues = List.copyOf(issues);
  }
}
