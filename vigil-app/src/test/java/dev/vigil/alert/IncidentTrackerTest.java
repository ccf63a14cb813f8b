package dev.vigil.alert;

import static dev.vigil.alert.AlertTestBed.POINT;
import static dev.vigil.alert.AlertTestBed.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.inference.StoredResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Correlation of anomalous points into incidents, window by window. */
class IncidentTrackerTest {
  private static final double THRESHOLD = 0.5;

  /** Points from {@code first} on, one every 10 seconds, with these scores. */
  private static List<StoredResult> points(int first, double... scores) {
    List<StoredResult> results = new ArrayList<>();
    for (int i = 0; i < scores.length; i++) {
      Instant at = T0.plus(POINT.multipliedBy(first + i));
      results.add(AlertTestBed.result(at, at, scores[i], 0));
    }
    return results;
  }

  private static Instant point(int index) {
    return T0.plus(POINT.multipliedBy(index));
  }

  @Test
  void anomalies_at_most_x_points_apart_are_one_incident_and_further_apart_two() {
    // Anomalies at points 1, 4 (3 apart), 8 (4 apart) and 13 (5 apart).
    IncidentTracker.Outcome outcome =
        IncidentTracker.judge(
            null,
            points(0, .1, .9, .1, .1, .8, .1, .1, .1, .7, .1, .1, .1, .1, .95),
            THRESHOLD,
            CorrelationMode.GROUP,
            4);
    assertThat(outcome.touched()).hasSize(2);
    Incident first = outcome.touched().get(0);
    assertThat(Instant.ofEpochMilli(first.startMillis())).isEqualTo(point(1));
    assertThat(Instant.ofEpochMilli(first.lastAnomalyMillis())).isEqualTo(point(8));
    assertThat(first.anomalies()).isEqualTo(3);
    assertThat(first.peakScore()).isEqualTo(0.9);
    assertThat(Instant.ofEpochMilli(first.peakMillis())).isEqualTo(point(1));
    assertThat(first.peakSensors().get(0).name()).isEqualTo("comp01\\s01");
    Incident second = outcome.touched().get(1);
    assertThat(Instant.ofEpochMilli(second.startMillis())).isEqualTo(point(13));
    assertThat(outcome.latest()).isEqualTo(second);
    assertThat(outcome.latestTouched()).isTrue();
  }

  @Test
  void the_distance_counts_the_points_of_earlier_windows_too() {
    // Window 1 ends two quiet points after an anomaly; window 2's first point is anomalous: 3
    // points apart, one incident within 3 points, two within 2.
    IncidentTracker.Outcome first =
        IncidentTracker.judge(null, points(0, .1, .9, .1, .1), THRESHOLD, CorrelationMode.GROUP, 3);
    assertThat(first.latest().pointsSinceAnomaly()).isEqualTo(2);
    Incident alerted = first.latest().settledBy("alert-1");

    IncidentTracker.Outcome joined =
        IncidentTracker.judge(alerted, points(4, .9, .1), THRESHOLD, CorrelationMode.GROUP, 3);
    assertThat(joined.touched()).hasSize(1);
    assertThat(joined.touched().get(0).startMillis()).isEqualTo(point(1).toEpochMilli());
    assertThat(joined.touched().get(0).settled()).isTrue();
    assertThat(joined.touched().get(0).alertId()).isEqualTo("alert-1");
    assertThat(joined.latest().anomalies()).isEqualTo(2);
    assertThat(joined.latest().pointsSinceAnomaly()).isEqualTo(1);

    IncidentTracker.Outcome apart =
        IncidentTracker.judge(alerted, points(4, .9, .1), THRESHOLD, CorrelationMode.GROUP, 2);
    assertThat(apart.touched()).hasSize(1);
    assertThat(apart.touched().get(0).startMillis()).isEqualTo(point(4).toEpochMilli());
    assertThat(apart.touched().get(0).settled()).isFalse();
  }

  @Test
  void with_each_every_anomalous_point_is_its_own_incident() {
    IncidentTracker.Outcome outcome =
        IncidentTracker.judge(null, points(0, .9, .8, .1, .7), THRESHOLD, CorrelationMode.EACH, 0);
    assertThat(outcome.touched())
        .extracting(Incident::startMillis)
        .containsExactly(point(0).toEpochMilli(), point(1).toEpochMilli(), point(3).toEpochMilli());
    assertThat(outcome.touched()).allMatch(incident -> incident.anomalies() == 1);
  }

  @Test
  void a_score_at_the_threshold_is_not_anomalous_and_quiet_windows_only_count_points() {
    Incident previous =
        IncidentTracker.judge(null, points(0, .9), THRESHOLD, CorrelationMode.GROUP, 10).latest();
    IncidentTracker.Outcome quiet =
        IncidentTracker.judge(
            previous, points(1, .5, .2, .5), THRESHOLD, CorrelationMode.GROUP, 10);
    assertThat(quiet.touched()).isEmpty();
    assertThat(quiet.latestTouched()).isFalse();
    assertThat(quiet.latest().pointsSinceAnomaly()).isEqualTo(3);
    assertThat(
            IncidentTracker.judge(null, points(0, .2), THRESHOLD, CorrelationMode.GROUP, 10)
                .latest())
        .isNull();
  }

  @Test
  void the_peak_keeps_the_sensors_of_its_point() {
    List<StoredResult> results = points(0, .6, .97, .7);
    IncidentTracker.Outcome outcome =
        IncidentTracker.judge(null, results, THRESHOLD, CorrelationMode.GROUP, 5);
    Incident incident = outcome.latest();
    assertThat(incident.peakScore()).isEqualTo(0.97);
    assertThat(incident.peakMillis()).isEqualTo(point(1).toEpochMilli());
    assertThat(incident.peakSensors())
        .extracting(SensorShare::name)
        .containsExactly("comp01\\s01", "comp02\\s03", "comp01\\s02");
  }
}
