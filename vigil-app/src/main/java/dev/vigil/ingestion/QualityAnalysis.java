package dev.vigil.ingestion;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sensor statistics and the data quality summary of ingested components.
 *
 * <p>Rules: a <em>large gap</em> is an interval between consecutive values of a sensor longer than
 * {@value #LARGE_GAP_FACTOR} times the median interval between the rows of its component (a
 * sensor's own missing values thus count towards its gaps). A sensor is <em>monotonic</em> when its
 * values, at least {@value #MIN_VALUES_FOR_MONOTONIC}, strictly increase or strictly decrease over
 * the whole data (a counter, not a measurement); <em>constant</em> when it has one distinct value.
 *
 * <p>Not thread-safe: one ingestion adds its components on one thread.
 */
final class QualityAnalysis {
  /** How many median sampling intervals make a gap large. */
  static final int LARGE_GAP_FACTOR = 10;

  /** Fewer values than this say nothing about a trend. */
  static final int MIN_VALUES_FOR_MONOTONIC = 3;

  private final List<SensorStatistics> statistics = new ArrayList<>();
  private long totalRows;
  private long duplicateTimestamps;
  private long unsupportedTimestamps;

  /** Adds a component whose rows are sorted and free of duplicates. */
  void add(ComponentRows rows) {
    totalRows += rows.size;
    duplicateTimestamps += rows.duplicateTimestamps;
    unsupportedTimestamps += rows.unsupportedTimestamps;
    long gapLimit = LARGE_GAP_FACTOR * medianInterval(rows.timestamps, rows.size);
    for (int sensor = 0; sensor < rows.sensors.size(); sensor++) {
      statistics.add(sensorStatistics(rows, sensor, gapLimit));
    }
  }

  private static SensorStatistics sensorStatistics(ComponentRows rows, int sensor, long gapLimit) {
    double[] values = rows.columns[sensor];
    long count = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    boolean increasing = true;
    boolean decreasing = true;
    double previousValue = Double.NaN;
    long previousTime = 0;
    long first = 0;
    long largeGaps = 0;
    for (int row = 0; row < rows.size; row++) {
      double value = values[row];
      if (Double.isNaN(value)) {
        continue;
      }
      long time = rows.timestamps[row];
      if (count == 0) {
        first = time;
      } else {
        increasing &= value > previousValue;
        decreasing &= value < previousValue;
        if (gapLimit > 0 && time - previousTime > gapLimit) {
          largeGaps++;
        }
      }
      count++;
      min = Math.min(min, value);
      max = Math.max(max, value);
      sum += value;
      previousValue = value;
      previousTime = time;
    }
    String component = rows.component;
    String name = rows.sensors.get(sensor);
    long missing = rows.missingValues[sensor];
    long invalid = rows.invalidValues[sensor];
    if (count == 0) {
      return new SensorStatistics(
          component, name, 0, missing, invalid, null, null, null, false, false, 0, null, null);
    }
    return new SensorStatistics(
        component,
        name,
        count,
        missing,
        invalid,
        min,
        max,
        sum / count,
        min == max,
        count >= MIN_VALUES_FOR_MONOTONIC && (increasing || decreasing),
        largeGaps,
        Instant.ofEpochMilli(first).toString(),
        Instant.ofEpochMilli(previousTime).toString());
  }

  /** The median interval between consecutive timestamps, or 0 with fewer than two rows. */
  static long medianInterval(long[] timestamps, int size) {
    if (size < 2) {
      return 0;
    }
    long[] intervals = new long[size - 1];
    for (int row = 1; row < size; row++) {
      intervals[row - 1] = timestamps[row] - timestamps[row - 1];
    }
    Arrays.sort(intervals);
    return intervals[intervals.length / 2];
  }

  List<SensorStatistics> statistics() {
    return List.copyOf(statistics);
  }

  DataQuality summary(List<String> issues) {
    long missing = 0;
    long invalid = 0;
    long gaps = 0;
    int monotonic = 0;
    int constant = 0;
    int empty = 0;
    for (SensorStatistics sensor : statistics) {
      missing += sensor.missingValues();
      invalid += sensor.invalidValues();
      gaps += sensor.largeGaps();
      monotonic += sensor.monotonic() ? 1 : 0;
      constant += sensor.constant() ? 1 : 0;
      empty += sensor.count() == 0 ? 1 : 0;
    }
    return new DataQuality(
        totalRows,
        missing,
        invalid,
        duplicateTimestamps,
        unsupportedTimestamps,
        gaps,
        monotonic,
        constant,
        empty,
        issues);
  }
}
