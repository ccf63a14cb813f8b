package dev.vigil.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.request.InvalidRequestException;
import dev.vigil.request.NotFoundException;
import dev.vigil.storage.Database;
import dev.vigil.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The score chart over the stored results of a scheduler, on H2 and on PostgreSQL. */
class ScoreChartTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final int MONTH = 30 * 24 * 60;
  private static final int SPIKE = 20_000;

  static java.util.stream.Stream<Named<TestDatabases.Engine>> engines() {
    return TestDatabases.engines();
  }

  /** A score that wanders between 0.1 and 0.3, with one spike. */
  private static double score(int i) {
    return i == SPIKE ? 0.97531 : 0.2 + 0.1 * Math.sin(i / 50.0);
  }

  @ParameterizedTest
  @MethodSource("engines")
  void a_month_of_minute_results_is_drawn_from_two_thousand_entries_that_keep_the_peak(
      TestDatabases.Engine engine) {
    try (Database database = engine.open()) {
      ResultHistory.write(
          database,
          "s-1",
          "pump-model",
          1,
          START,
          MINUTE,
          MONTH,
          Duration.ofHours(1),
          ScoreChartTest::score);
      ScoreChart chart = new ScoreChart(database, name -> Optional.of("s-1"));

      long started = System.nanoTime();
      Map<String, Object> json = chart.chart("pump-live", null, null, null, null);
      long millis = (System.nanoTime() - started) / 1_000_000;
      System.out.printf("chart of %d results on %s: %d ms%n", MONTH, engine, millis);

      assertThat(json).containsEntry("dataPoints", MONTH).containsEntry("downsampled", true);
      assertThat(json).containsEntry("threshold", 0.5).containsEntry("sensitivity", 50);
      @SuppressWarnings("unchecked")
      Map<String, List<Object>> series = (Map<String, List<Object>>) json.get("series");
      assertThat(series.get("max")).hasSizeLessThanOrEqualTo(ScoreChart.DEFAULT_POINTS);
      int top = 0;
      for (int i = 0; i < series.get("max").size(); i++) {
        if ((double) series.get("max").get(i) > (double) series.get("max").get(top)) {
          top = i;
        }
      }
      assertThat(series.get("max").get(top)).isEqualTo(0.97531);
      assertThat(series.get("peakAt").get(top))
          .isEqualTo(START.plus(MINUTE.multipliedBy(SPIKE)).toEpochMilli());
      assertThat(json.get("anomalies"))
          .isEqualTo(
              List.of(
                  Map.of(
                      "start", START.plus(MINUTE.multipliedBy(SPIKE)).toString(),
                      "end", START.plus(MINUTE.multipliedBy(SPIKE)).toString(),
                      "points", 1,
                      "peakScore", 0.97531,
                      "peakAt", START.plus(MINUTE.multipliedBy(SPIKE)).toString())));
      assertThat(json.get("models"))
          .isEqualTo(
              List.of(
                  Map.of(
                      "start",
                      START.toString(),
                      "end",
                      START.plus(MINUTE.multipliedBy(MONTH)).toString(),
                      "modelName",
                      "pump-model",
                      "modelVersion",
                      1)));
    }
  }

  @Test
  void a_range_with_fewer_results_than_entries_shows_each_result_with_its_model_version() {
    try (Database database = TestDatabases.Engine.H2.open()) {
      ResultHistory.write(
          database, "s-1", "pump-model", 1, START, MINUTE, 120, Duration.ofHours(1), i -> 0.2);
      ResultHistory.write(
          database,
          "s-1",
          "pump-model",
          2,
          START.plus(Duration.ofHours(2)),
          MINUTE,
          60,
          Duration.ofHours(1),
          i -> i < 10 ? 0.8 : 0.3);
      ScoreChart chart = new ScoreChart(database, name -> Optional.of("s-1"));

      Map<String, Object> json =
          chart.chart(
              "pump-live", START.plus(Duration.ofMinutes(90)).toString(), null, "100", "70");

      assertThat(json).containsEntry("dataPoints", 90).containsEntry("downsampled", false);
      assertThat(json)
          .containsEntry("sensitivity", 70)
          .containsEntry("threshold", 0.30000000000000004);
      assertThat(json.get("models"))
          .isEqualTo(
              List.of(
                  Map.of(
                      "start",
                      START.plus(Duration.ofHours(1)).toString(),
                      "end",
                      START.plus(Duration.ofHours(2)).toString(),
                      "modelName",
                      "pump-model",
                      "modelVersion",
                      1),
                  Map.of(
                      "start",
                      START.plus(Duration.ofHours(2)).toString(),
                      "end",
                      START.plus(Duration.ofHours(3)).toString(),
                      "modelName",
                      "pump-model",
                      "modelVersion",
                      2)));
      // At sensitivity 70 (threshold 0.3), 0.8 is anomalous and 0.3 is not.
      assertThat((List<?>) json.get("anomalies")).hasSize(1);
      assertThat(json).containsEntry("from", START.plus(Duration.ofMinutes(90)).toString());
      assertThat(json).doesNotContainKey("to");
    }
  }

  @Test
  void a_refused_request_names_the_parameter_and_the_rule() {
    try (Database database = TestDatabases.Engine.H2.open()) {
      ScoreChart chart =
          new ScoreChart(
              database, name -> name.equals("pump-live") ? Optional.of("s-1") : Optional.empty());
      assertThatThrownBy(() -> chart.chart("nope", null, null, null, null))
          .isInstanceOf(NotFoundException.class)
          .hasMessage("inference scheduler 'nope' does not exist");
      assertRefused(
          () -> chart.chart("pump-live", null, null, "5", null),
          "points",
          "points must be a whole number from 10 to 10000, got '5'");
      assertRefused(
          () -> chart.chart("pump-live", null, null, null, "high"),
          "sensitivity",
          "sensitivity must be a whole number from 1 to 100, got 'high'");
      assertRefused(
          () -> chart.chart("pump-live", "yesterday", null, null, null),
          "from",
          "from 'yesterday' is not an ISO-8601 instant such as 2026-01-01T10:00:00Z");
      assertRefused(
          () -> chart.chart("pump-live", START.toString(), START.toString(), null, null),
          "to",
          "to (2026-01-01T00:00:00Z) must be after from (2026-01-01T00:00:00Z)");
      Map<String, Object> empty = chart.chart("pump-live", null, null, null, null);
      assertThat(empty).containsEntry("dataPoints", 0);
      assertThat((List<?>) empty.get("anomalies")).isEmpty();
    }
  }

  private static void assertRefused(Runnable call, String field, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo(field))
        .hasMessage(message);
  }
}
