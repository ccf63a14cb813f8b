package dev.vigil.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ScoreSeriesTest {
  private static final long START = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
  private static final long MINUTE = 60_000;

  @Test
  void few_results_are_each_an_entry_of_their_own_with_the_score_as_the_api_writes_it() {
    ScoreSeries series = new ScoreSeries(START, START + 2 * MINUTE, 3, 10, 0.5, 10);
    series.add(START, 0.123456789, false);
    series.add(START + MINUTE, 0.9, false);
    series.add(START + 2 * MINUTE, 0.25, false);

    assertThat(series.downsampled()).isFalse();
    Map<String, Object> columns = series.columns();
    assertThat(columns.get("time"))
        .isEqualTo(List.of(START / 1000.0, START / 1000.0 + 60, START / 1000.0 + 120));
    // Rounded to 5 decimals, as the results lines write anomaly_score.
    assertThat(columns.get("max")).isEqualTo(List.of(0.12346, 0.9, 0.25));
    assertThat(columns.get("min")).isEqualTo(columns.get("max"));
    assertThat(columns.get("last")).isEqualTo(columns.get("max"));
    assertThat(columns.get("peakAt")).isEqualTo(List.of(START, START + MINUTE, START + 2 * MINUTE));
  }

  @Test
  void a_month_of_minute_results_is_reduced_to_buckets_that_keep_every_peak() {
    int count = 30 * 24 * 60;
    double[] scores = new double[count];
    Random random = new Random(11);
    for (int i = 0; i < count; i++) {
      scores[i] = 0.1 + 0.2 * random.nextDouble();
    }
    // One result stands out, alone: a downsampling by averages or by every n-th point loses it.
    int spike = 12_345;
    scores[spike] = 0.98765432;
    ScoreSeries series =
        new ScoreSeries(START, START + (count - 1) * MINUTE, count, 2000, 0.5, 1000);
    for (int i = 0; i < count; i++) {
      series.add(START + i * MINUTE, scores[i], false);
    }

    assertThat(series.downsampled()).isTrue();
    assertThat(series.count()).isEqualTo(count);
    Map<String, Object> columns = series.columns();
    List<?> max = (List<?>) columns.get("max");
    List<?> min = (List<?>) columns.get("min");
    List<?> last = (List<?>) columns.get("last");
    List<?> peakAt = (List<?>) columns.get("peakAt");
    assertThat(max).hasSizeLessThanOrEqualTo(2000).hasSizeGreaterThan(1900);
    int top = 0;
    for (int i = 0; i < max.size(); i++) {
      if ((double) max.get(i) > (double) max.get(top)) {
        top = i;
      }
    }
    assertThat(max.get(top)).isEqualTo(0.98765);
    assertThat(peakAt.get(top)).isEqualTo(START + spike * MINUTE);
    // Each entry is its bucket: the smallest, the largest and the last score of its results.
    long bucket = series.bucketMillis();
    for (int i = 0; i < max.size(); i++) {
      int from = (int) (i * bucket / MINUTE + (i * bucket % MINUTE == 0 ? 0 : 1));
      int to = (int) Math.min(count, ((i + 1) * bucket + MINUTE - 1) / MINUTE);
      double[] inBucket = Arrays.copyOfRange(scores, from, to);
      assertThat(max.get(i)).isEqualTo(round(Arrays.stream(inBucket).max().orElseThrow()));
      assertThat(min.get(i)).isEqualTo(round(Arrays.stream(inBucket).min().orElseThrow()));
      assertThat(last.get(i)).isEqualTo(round(inBucket[inBucket.length - 1]));
    }
    assertThat(series.ranges()).hasSize(1);
    assertThat(series.ranges().get(0))
        .containsEntry("points", 1)
        .containsEntry("peakScore", 0.98765)
        .containsEntry("start", Instant.ofEpochMilli(START + spike * MINUTE).toString());
  }

  @Test
  void a_gap_in_the_results_is_an_entry_without_values_so_that_the_line_breaks() {
    ScoreSeries raw = new ScoreSeries(START, START + 70 * MINUTE, 3, 10, 0.5, 10);
    raw.add(START, 0.2, false);
    raw.add(START + MINUTE, 0.2, false);
    raw.add(START + 70 * MINUTE, 0.3, false);
    assertThat(raw.columns().get("max")).isEqualTo(Arrays.asList(0.2, 0.2, null, 0.3));
    assertThat(raw.columns().get("time"))
        .isEqualTo(
            List.of(
                START / 1000.0, START / 1000.0 + 60, START / 1000.0 + 120, START / 1000.0 + 4200));

    ScoreSeries buckets = new ScoreSeries(START, START + 99 * MINUTE, 60, 10, 0.5, 10);
    for (int i = 0; i < 30; i++) {
      buckets.add(START + i * MINUTE, 0.2, false);
    }
    for (int i = 70; i < 100; i++) {
      buckets.add(START + i * MINUTE, 0.2, false);
    }
    List<?> max = (List<?>) buckets.columns().get("max");
    assertThat(max).isEqualTo(Arrays.asList(0.2, 0.2, 0.2, null, 0.2, 0.2, 0.2));
  }

  @Test
  void anomalous_ranges_are_runs_above_the_threshold_that_a_machine_off_result_ends() {
    ScoreSeries series = new ScoreSeries(START, START + 7 * MINUTE, 8, 100, 0.5, 10);
    double[] scores = {0.1, 0.7, 0.9, 0.2, 0.8, 0.8, 0.0, 0.6};
    boolean[] off = {false, false, false, false, false, false, true, false};
    for (int i = 0; i < scores.length; i++) {
      series.add(START + i * MINUTE, scores[i], off[i]);
    }
    List<Map<String, Object>> ranges = series.ranges();
    assertThat(ranges).hasSize(3);
    assertThat(ranges.get(0))
        .containsEntry("start", Instant.ofEpochMilli(START + MINUTE).toString())
        .containsEntry("end", Instant.ofEpochMilli(START + 2 * MINUTE).toString())
        .containsEntry("points", 2)
        .containsEntry("peakScore", 0.9)
        .containsEntry("peakAt", Instant.ofEpochMilli(START + 2 * MINUTE).toString());
    assertThat(ranges.get(1)).containsEntry("points", 2);
    assertThat(ranges.get(2)).containsEntry("points", 1);
  }

  @Test
  void a_score_just_above_the_threshold_is_anomalous_though_it_is_shown_rounded_to_it() {
    ScoreSeries series = new ScoreSeries(START, START, 1, 10, 0.5, 10);
    series.add(START, 0.500001, false);
    assertThat(series.columns().get("max")).isEqualTo(List.of(0.5));
    assertThat(series.ranges()).hasSize(1);
  }

  @Test
  void ranges_beyond_the_limit_are_counted_not_listed() {
    ScoreSeries series = new ScoreSeries(START, START + 9 * MINUTE, 10, 100, 0.5, 2);
    for (int i = 0; i < 10; i++) {
      series.add(START + i * MINUTE, i % 2 == 0 ? 0.9 : 0.1, false);
    }
    assertThat(series.ranges()).hasSize(2);
    assertThat(series.rangesOmitted()).isEqualTo(3);
  }

  private static double round(double score) {
    return Math.round(score * 1e5) / 1e5;
  }
}
