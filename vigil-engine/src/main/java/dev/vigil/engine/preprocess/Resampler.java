package dev.vigil.engine.preprocess;

import dev.vigil.engine.data.InvalidDataException;
import dev.vigil.engine.data.SensorTable;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Resamples a table onto a regular grid of a target sampling period.
 *
 * <p>Bins are aligned to whole multiples of the period since the epoch (UTC), so the same period
 * gives the same grid for every upload and training and scoring rows line up. Each bin {@code [t, t
 * + period)} is labelled by its start {@code t}; its value for a sensor is the mean of that
 * sensor's valid values in the bin, or {@code NaN} when it has none (filled later). The output runs
 * from the first to the last bin that holds any input row, empty bins in between included, so the
 * grid has no holes.
 *
 * <p>Runs in O(rows + bins) per sensor. Stateless and thread-safe.
 */
public final class Resampler {

  /**
   * The sampling periods accepted, those of Amazon Lookout for Equipment's {@code
   * TargetSamplingRate}.
   */
  public static final List<Duration> SUPPORTED_PERIODS =
      List.of(
          Duration.ofSeconds(1),
          Duration.ofSeconds(5),
          Duration.ofSeconds(10),
          Duration.ofSeconds(15),
          Duration.ofSeconds(30),
          Duration.ofMinutes(1),
          Duration.ofMinutes(5),
          Duration.ofMinutes(10),
          Duration.ofMinutes(15),
          Duration.ofMinutes(30),
          Duration.ofHours(1));

  /**
   * The largest grid produced. A longer one almost always comes from a stray timestamp years away
   * from the rest or a period far too short for the span, and would exhaust memory before it
   * failed; ten million bins are 116 days at one second.
   */
  public static final int MAX_BINS = 10_000_000;

  private Resampler() {}

  /**
   * Checks that {@code period} is one of {@link #SUPPORTED_PERIODS}. The only place that decides
   * which periods are allowed.
   *
   * @throws InvalidDataException listing the supported periods
   */
  public static void validatePeriod(Duration period) {
    Objects.requireNonNull(period, "period");
    if (!SUPPORTED_PERIODS.contains(period)) {
      throw new InvalidDataException(
          "target sampling period "
              + period
              + " is not supported; use one of "
              + SUPPORTED_PERIODS.stream()
                  .map(Duration::toString)
                  .collect(Collectors.joining(", ")));
    }
  }

  /**
   * Resamples {@code table} to {@code period}. The input table is not modified; an empty table
   * gives an empty table with the same sensors.
   *
   * @throws InvalidDataException when the period is not supported or the grid would exceed {@link
   *     #MAX_BINS}
   */
  public static SensorTable resample(SensorTable table, Duration period) {
    Objects.requireNonNull(table, "table");
    validatePeriod(period);
    int sensors = table.sensorCount();
    if (table.rowCount() == 0) {
      return SensorTable.of(new long[0], table.sensorNames(), new double[sensors][0]);
    }
    long periodMillis = period.toMillis();
    long[] timestamps = table.timestamps();
    // Bin numbers count periods since the epoch; floorDiv keeps pre-1970 timestamps in the bin
    // that starts before them.
    long firstBin = Math.floorDiv(timestamps[0], periodMillis);
    long lastBin = Math.floorDiv(timestamps[timestamps.length - 1], periodMillis);
    long binCount = lastBin - firstBin + 1;
    if (binCount > MAX_BINS) {
      throw new InvalidDataException(
          "resampling to "
              + period
              + " would produce "
              + binCount
              + " rows from "
              + table.rowCount()
              + " (data from "
              + Instant.ofEpochMilli(timestamps[0])
              + " to "
              + Instant.ofEpochMilli(timestamps[timestamps.length - 1])
              + "), more than the limit of "
              + MAX_BINS
              + "; choose a longer period or check for stray timestamps");
    }
    int bins = (int) binCount;

    // Computed once and shared by all sensors: the row-to-bin mapping is the expensive part.
    int[] binOfRow = new int[timestamps.length];
    for (int row = 0; row < timestamps.length; row++) {
      binOfRow[row] = (int) (Math.floorDiv(timestamps[row], periodMillis) - firstBin);
    }
    long[] labels = new long[bins];
    for (int bin = 0; bin < bins; bin++) {
      labels[bin] = Math.multiplyExact(firstBin + bin, periodMillis);
    }

    double[][] columns = new double[sensors][];
    int[] counts = new int[bins];
    for (int s = 0; s < sensors; s++) {
      double[] input = table.column(s);
      double[] sums = new double[bins];
      Arrays.fill(counts, 0);
      for (int row = 0; row < input.length; row++) {
        double value = input[row];
        if (!Double.isNaN(value)) {
          sums[binOfRow[row]] += value;
          counts[binOfRow[row]]++;
        }
      }
      // The sums array becomes the output column, saving an allocation per sensor.
      for (int bin = 0; bin < bins; bin++) {
        sums[bin] = counts[bin] == 0 ? Double.NaN : sums[bin] / counts[bin];
      }
      columns[s] = sums;
    }
    return SensorTable.of(labels, table.sensorNames(), columns);
  }
}
