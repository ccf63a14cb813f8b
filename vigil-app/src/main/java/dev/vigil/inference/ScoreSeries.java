package dev.vigil.inference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The anomaly scores of a time range made small enough to draw: at most {@code buckets} entries
 * however many results the range holds. When the range holds no more results than that, every
 * result is an entry of its own; otherwise the range is cut into equal buckets of time and each
 * bucket that holds results is one entry with their smallest, largest and last score and the time
 * of the largest, so that no peak is lost, however narrow. A gap in the results (an empty bucket,
 * or raw results more than {@value #GAP_FACTOR} typical intervals apart) is an entry without
 * values, so that a chart breaks its line there instead of drawing across the gap.
 *
 * <p>Alongside, it finds the anomalous ranges at a threshold: runs of consecutive results whose
 * score is above it (machine-off results end a run), counted on the results themselves, not on the
 * buckets.
 *
 * <p>Scores are rounded to 5 decimals, as the results lines of the API write them, so that the
 * chart shows the numbers the API answers; whether a result is anomalous is decided on its score
 * unrounded, as its stored prediction was.
 *
 * <p>Not thread-safe: one series per request.
 */
public final class ScoreSeries {
  /** Raw results further apart than this many typical intervals are drawn with a gap. */
  static final int GAP_FACTOR = 3;

  private static final double SCALE = 1e5;

  private final long firstMillis;
  private final long bucketMillis;
  private final boolean downsampled;
  private final double threshold;
  private final int maxRanges;

  // One entry per bucket with results (or per result when not downsampled).
  private final List<Entry> entries = new ArrayList<>();
  private Entry current;
  private long currentBucket = Long.MIN_VALUE;
  private int count;

  private final List<Range> ranges = new ArrayList<>();
  private Range open;
  private int rangesOmitted;

  /**
   * @param firstMillis the first timestamp of the results to come
   * @param lastMillis the last one
   * @param resultCount how many results will come
   * @param buckets the most entries wanted
   * @param threshold a score above it is anomalous
   * @param maxRanges anomalous ranges listed at most; the others are counted
   */
  public ScoreSeries(
      long firstMillis,
      long lastMillis,
      int resultCount,
      int buckets,
      double threshold,
      int maxRanges) {
    if (buckets < 1) {
      throw new IllegalArgumentException("buckets must be positive, got " + buckets);
    }
    this.firstMillis = firstMillis;
    this.downsampled = resultCount > buckets;
    long span = Math.max(1, lastMillis - firstMillis + 1);
    this.bucketMillis = downsampled ? Math.max(1, -Math.floorDiv(-span, buckets)) : 0;
    this.threshold = threshold;
    this.maxRanges = maxRanges;
  }

  /** Adds the next result, in time order. */
  public void add(long timestampMillis, double anomalyScore, boolean machineOff) {
    double score = Math.round(anomalyScore * SCALE) / SCALE;
    count++;
    long bucket = downsampled ? (timestampMillis - firstMillis) / bucketMillis : count;
    if (bucket != currentBucket) {
      current = new Entry(downsampled ? firstMillis + bucket * bucketMillis : timestampMillis);
      current.bucket = bucket;
      entries.add(current);
      currentBucket = bucket;
    }
    current.add(timestampMillis, score);
    track(timestampMillis, anomalyScore, score, machineOff);
  }

  /**
   * Follows the anomalous ranges. The score unrounded decides, as it decided the stored prediction;
   * the rounded one is shown.
   */
  private void track(long timestampMillis, double raw, double score, boolean machineOff) {
    if (!machineOff && raw > threshold) {
      if (open == null) {
        open = new Range(timestampMillis);
      }
      open.add(timestampMillis, score);
    } else {
      closeRange();
    }
  }

  private void closeRange() {
    if (open != null) {
      if (ranges.size() < maxRanges) {
        ranges.add(open);
      } else {
        rangesOmitted++;
      }
      open = null;
    }
  }

  /** Results added. */
  public int count() {
    return count;
  }

  /** Whether results were merged into buckets. */
  public boolean downsampled() {
    return downsampled;
  }

  /** The width of a bucket, 0 when not downsampled. */
  public long bucketMillis() {
    return bucketMillis;
  }

  /**
   * The entries as columns, as a chart library takes them: {@code time} (epoch seconds), {@code
   * min}, {@code max}, {@code last} and {@code peakAt} (epoch milliseconds of the max); a gap is an
   * entry whose values are null.
   */
  public Map<String, Object> columns() {
    List<Entry> withGaps = withGaps();
    int size = withGaps.size();
    Double[] time = new Double[size];
    Double[] min = new Double[size];
    Double[] max = new Double[size];
    Double[] last = new Double[size];
    Long[] peakAt = new Long[size];
    for (int i = 0; i < size; i++) {
      Entry entry = withGaps.get(i);
      time[i] = entry.startMillis / 1000.0;
      if (entry.count > 0) {
        min[i] = entry.min;
        max[i] = entry.max;
        last[i] = entry.last;
        peakAt[i] = entry.maxAt;
      }
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("time", Arrays.asList(time));
    json.put("min", Arrays.asList(min));
    json.put("max", Arrays.asList(max));
    json.put("last", Arrays.asList(last));
    json.put("peakAt", Arrays.asList(peakAt));
    return json;
  }

  /** The anomalous ranges, in time order. */
  public List<Map<String, Object>> ranges() {
    closeRange();
    List<Map<String, Object>> json = new ArrayList<>();
    for (Range range : ranges) {
      json.add(range.json());
    }
    return json;
  }

  /** Anomalous ranges beyond the listed ones. */
  public int rangesOmitted() {
    closeRange();
    return rangesOmitted;
  }

  private List<Entry> withGaps() {
    List<Entry> result = new ArrayList<>(entries.size() + 16);
    if (downsampled) {
      for (Entry entry : entries) {
        if (!result.isEmpty() && entry.bucket > result.get(result.size() - 1).bucket + 1) {
          Entry gap = new Entry(result.get(result.size() - 1).startMillis + bucketMillis);
          result.add(gap);
        }
        result.add(entry);
      }
      return result;
    }
    long typical = typicalInterval();
    for (Entry entry : entries) {
      if (!result.isEmpty() && typical > 0) {
        Entry previous = result.get(result.size() - 1);
        if (entry.startMillis - previous.startMillis > GAP_FACTOR * typical) {
          result.add(new Entry(previous.startMillis + typical));
        }
      }
      result.add(entry);
    }
    return result;
  }

  /** The (lower) median interval between consecutive raw results; 0 with fewer than two. */
  private long typicalInterval() {
    if (entries.size() < 2) {
      return 0;
    }
    long[] intervals = new long[entries.size() - 1];
    for (int i = 1; i < entries.size(); i++) {
      intervals[i - 1] = entries.get(i).startMillis - entries.get(i - 1).startMillis;
    }
    Arrays.sort(intervals);
    return intervals[(intervals.length - 1) / 2];
  }

  /** One entry: a bucket of results, or one result, or a gap (no results). */
  private static final class Entry {
    final long startMillis;
    long bucket;
    int count;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double last;
    long maxAt;

    Entry(long startMillis) {
      this.startMillis = startMillis;
    }

    void add(long timestampMillis, double score) {
      count++;
      min = Math.min(min, score);
      if (score > max) {
        max = score;
        maxAt = timestampMillis;
      }
      last = score;
    }
  }

  /** A run of anomalous results. */
  private static final class Range {
    final long startMillis;
    long endMillis;
    int points;
    double peak = Double.NEGATIVE_INFINITY;
    long peakAt;

    Range(long startMillis) {
      this.startMillis = startMillis;
    }

    void add(long timestampMillis, double score) {
      endMillis = timestampMillis;
      points++;
      if (score > peak) {
        peak = score;
        peakAt = timestampMillis;
      }
    }

    Map<String, Object> json() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("start", java.time.Instant.ofEpochMilli(startMillis).toString());
      json.put("end", java.time.Instant.ofEpochMilli(endMillis).toString());
      json.put("points", points);
      json.put("peakScore", peak);
      json.put("peakAt", java.time.Instant.ofEpochMilli(peakAt).toString());
      return json;
    }
  }
}
