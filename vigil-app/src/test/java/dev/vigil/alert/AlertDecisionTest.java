package dev.vigil.alert;

import static dev.vigil.alert.AlertTestBed.POINT;
import static dev.vigil.alert.AlertTestBed.T0;
import static dev.vigil.alert.AlertTestBed.window;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.inference.FinishedWindow;
import dev.vigil.inference.StoredResult;
import dev.vigil.storage.Database;
import dev.vigil.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What alerts the listener decides as windows are recorded: sensitivity, correlation across
 * windows, snooze, replays, failures and system pauses. Windows are fed to the real listener inside
 * real transactions on the embedded database; the clock is moved by hand.
 */
class AlertDecisionTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final double N = 0.1;
  private static final double A = 0.9;

  private Database database;
  private AlertTestBed bed;

  @BeforeEach
  void start() {
    database = TestDatabases.Engine.H2.open();
    bed = new AlertTestBed(database);
    bed.webhook("chat", "http://127.0.0.1:9/chat", "s3cret");
    bed.webhook("pager", "http://127.0.0.1:9/pager", null);
  }

  @AfterEach
  void stop() {
    bed.close();
    database.close();
  }

  private static Instant point(int index) {
    return T0.plus(POINT.multipliedBy(index));
  }

  private static JsonNode payload(AlertRecord alert) throws Exception {
    return JSON.readTree(alert.payload());
  }

  @Test
  void anomalies_within_x_points_across_windows_send_one_alert_and_a_later_incident_another() {
    bed.configure("pump-chat", List.of("chat"), body -> body.correlation = AlertTestBed.group(5));

    bed.record(window(point(0), N, N, N, A, N)); // anomaly at point 3
    bed.record(window(point(5), N, N, A, N, N)); // point 7: 4 points after 3, same incident
    bed.record(window(point(10), N, N, N, N, N)); // quiet
    bed.record(window(point(15), A, N, N, N, N)); // point 15: 8 points after 7, a new incident

    List<AlertRecord> alerts = bed.alerts();
    assertThat(alerts).hasSize(2);
    assertThat(alerts.get(0).rangeStart()).isEqualTo(point(3));
    assertThat(alerts.get(0).rangeEnd()).isEqualTo(point(3));
    assertThat(alerts.get(0).windowEnd()).isEqualTo(point(5));
    assertThat(alerts.get(1).rangeStart()).isEqualTo(point(15));
    assertThat(alerts).allMatch(alert -> alert.kind() == AlertKind.ANOMALY);
  }

  @Test
  void with_each_every_anomalous_point_sends_its_own_alert() {
    bed.configure("pump-each", List.of("chat"), body -> body.correlation = AlertTestBed.each());

    bed.record(window(point(0), A, A, N, A));

    assertThat(bed.alerts())
        .extracting(AlertRecord::rangeStart)
        .containsExactly(point(0), point(1), point(3));
    assertThat(bed.alerts()).allMatch(alert -> alert.rangeStart().equals(alert.rangeEnd()));
  }

  @Test
  void no_anomaly_alert_fires_while_snoozed_and_a_held_back_incident_alerts_once_it_ends() {
    bed.configure(
        "pump-snoozed",
        List.of("chat"),
        body -> {
          body.correlation = AlertTestBed.group(3);
          body.snooze = "PT30M";
        });

    bed.record(window(point(0), A, N, N, N, N)); // alerts at T0, snoozed until T0 + 30 min
    bed.clock.advance(Duration.ofMinutes(10));
    bed.record(window(point(5), N, A, N, N, N)); // a new incident (5 points apart): held back
    bed.clock.advance(Duration.ofMinutes(10));
    bed.record(window(point(10), N, N, N, N, A)); // a third incident (point 14): held back too
    assertThat(bed.alerts()).hasSize(1);

    bed.clock.set(T0.plus(Duration.ofMinutes(30)));
    bed.record(window(point(15), N, A, N, N, N)); // point 16 continues the third: it alerts now

    List<AlertRecord> alerts = bed.alerts();
    assertThat(alerts).hasSize(2);
    assertThat(alerts.get(1).createdAt()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
    assertThat(alerts.get(1).rangeStart()).isEqualTo(point(14));
    assertThat(alerts.get(1).rangeEnd()).isEqualTo(point(16));
    assertThat(bed.feature.configurations().describe("pump-snoozed").get("snoozedUntil"))
        .isEqualTo(T0.plus(Duration.ofMinutes(60)).toString());
  }

  @Test
  void sensitivity_sets_the_threshold_whatever_the_prediction_of_the_results() {
    bed.configure("strict", List.of("pager"), body -> body.sensitivity = 20); // score > 0.8
    bed.configure("eager", List.of("chat"), body -> body.sensitivity = 70); // score > 0.3
    Instant end = point(3);
    // A 0.6 the results call anomalous (prediction 1) and a 0.4 they call normal.
    FinishedWindow window =
        AlertTestBed.scored(
            point(0),
            end,
            List.of(
                AlertTestBed.result(point(0), end, 0.6, 1),
                AlertTestBed.result(point(1), end, 0.1, 0),
                AlertTestBed.result(point(2), end, 0.4, 0)),
            null);

    bed.record(window);

    List<AlertRecord> alerts = bed.alerts();
    assertThat(alerts).extracting(AlertRecord::configurationName).containsExactly("eager");
    assertThat(alerts.get(0).rangeStart()).isEqualTo(point(0));
    assertThat(alerts.get(0).rangeEnd()).isEqualTo(point(2));
    assertThat(bed.feature.configurations().describe("strict").get("scoreThreshold"))
        .isEqualTo(0.8);
  }

  @Test
  void the_payload_names_scheduler_model_range_peak_and_top_sensors_with_a_link_and_the_id()
      throws Exception {
    bed.configure("pump-chat", List.of("chat"), body -> body.correlation = AlertTestBed.group(5));
    bed.record(window(point(0), N, 0.7, 0.93, 0.8, N));

    AlertRecord alert = bed.alerts().get(0);
    JsonNode json = payload(alert);
    assertThat(json.get("id").asText()).isEqualTo(alert.id());
    assertThat(json.get("type").asText()).isEqualTo("ANOMALY");
    assertThat(json.get("replay").asBoolean()).isFalse();
    assertThat(json.has("replayId")).isFalse();
    assertThat(json.get("alertConfiguration").asText()).isEqualTo("pump-chat");
    assertThat(json.get("scheduler").asText()).isEqualTo("pump-live");
    assertThat(json.get("model").get("name").asText()).isEqualTo("pump-model");
    assertThat(json.get("model").get("version").asInt()).isEqualTo(2);
    assertThat(json.get("window").get("end").asText()).isEqualTo(point(5).toString());
    JsonNode anomaly = json.get("anomaly");
    assertThat(anomaly.get("start").asText()).isEqualTo(point(1).toString());
    assertThat(anomaly.get("end").asText()).isEqualTo(point(3).toString());
    assertThat(anomaly.get("anomalousPoints").asInt()).isEqualTo(3);
    assertThat(anomaly.get("peakScore").asDouble()).isEqualTo(0.93);
    assertThat(anomaly.get("peakAt").asText()).isEqualTo(point(2).toString());
    assertThat(anomaly.get("sensitivity").asInt()).isEqualTo(50);
    assertThat(anomaly.get("scoreThreshold").asDouble()).isEqualTo(0.5);
    assertThat(anomaly.get("topSensors").get(0).get("name").asText()).isEqualTo("comp01\\s01");
    assertThat(anomaly.get("topSensors").get(0).get("contribution").asDouble()).isEqualTo(0.61);
    assertThat(anomaly.get("topSensors")).hasSize(3);
    assertThat(json.get("link").asText())
        .isEqualTo(
            "http://vigil.test:8080/api/v1/inference-schedulers/pump-live/results?from="
                + point(0)
                + "&to="
                + point(5));
    assertThat(json.get("createdAt").asText()).isEqualTo(T0.toString());
  }

  @Test
  void every_hook_of_the_configuration_gets_a_delivery_due_at_once_for_a_day() {
    bed.configure("pump-both", List.of("pager", "chat"), body -> {});
    bed.record(window(point(0), A));

    List<Delivery> deliveries = bed.deliveries();
    assertThat(deliveries)
        .extracting(Delivery::hookName)
        .containsExactlyInAnyOrder("chat", "pager");
    assertThat(deliveries)
        .allSatisfy(
            delivery -> {
              assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
              assertThat(delivery.attempts()).isZero();
              assertThat(delivery.nextAttemptAt()).isEqualTo(T0);
              assertThat(delivery.giveUpAt()).isEqualTo(T0.plus(Duration.ofHours(24)));
            });
  }

  @Test
  void a_replay_never_resends_for_windows_that_alerted_and_flags_windows_newly_anomalous()
      throws Exception {
    bed.configure("pump-chat", List.of("chat"), body -> body.correlation = AlertTestBed.group(2));
    FinishedWindow first = window(point(0), N, A, N, N, N);
    FinishedWindow quiet = window(point(5), N, N, N, N, N);
    bed.record(first);
    bed.record(quiet);
    assertThat(bed.alerts()).hasSize(1);

    bed.clock.advance(Duration.ofHours(1));
    // The replay scores the first window as before and the second one anomalous now.
    bed.record(AlertTestBed.replayed(first, "replay-1"));
    bed.record(AlertTestBed.replayed(window(point(5), N, N, N, 0.95, N), "replay-1"));

    List<AlertRecord> alerts = bed.alerts();
    assertThat(alerts).hasSize(2);
    AlertRecord flagged = alerts.get(1);
    assertThat(flagged.replayId()).isEqualTo("replay-1");
    assertThat(flagged.rangeStart()).isEqualTo(point(8));
    JsonNode json = payload(flagged);
    assertThat(json.get("replay").asBoolean()).isTrue();
    assertThat(json.get("replayId").asText()).isEqualTo("replay-1");

    // A second replay of the same range finds both windows judged: nothing new.
    bed.record(AlertTestBed.replayed(first, "replay-2"));
    bed.record(AlertTestBed.replayed(window(point(5), N, N, N, 0.95, N), "replay-2"));
    assertThat(bed.alerts()).hasSize(2);
  }

  @Test
  void a_replay_leaves_the_schedules_correlation_alone() {
    bed.configure("pump-chat", List.of("chat"), body -> body.correlation = AlertTestBed.group(3));
    bed.record(window(point(0), N, N, N, N, A)); // live incident at point 4

    // A replay of older windows with an anomaly far from point 4 in its own stream.
    bed.record(AlertTestBed.replayed(window(point(-10), A, N, N, N, N), "replay-1"));
    // The schedule goes on: point 6 is 2 points after point 4, the same live incident.
    bed.record(window(point(5), N, A, N));

    List<AlertRecord> alerts = bed.alerts();
    assertThat(alerts).extracting(AlertRecord::replayId).containsExactly(null, "replay-1");
  }

  @Test
  void a_replayed_incident_that_started_in_a_window_judged_before_does_not_alert_as_it_goes_on() {
    bed.configure("pump-chat", List.of("chat"), body -> body.correlation = AlertTestBed.group(3));
    FinishedWindow first = window(point(0), N, N, N, N, A);
    bed.record(first); // alerts
    bed.record(window(point(5), N, N, N, N, N));

    bed.record(AlertTestBed.replayed(first, "replay-1"));
    // Newly anomalous, but within 3 points of the incident the first window alerted for.
    bed.record(AlertTestBed.replayed(window(point(5), N, A, N, N, N), "replay-1"));

    assertThat(bed.alerts()).hasSize(1);
  }

  @Test
  void a_failed_window_alerts_once_per_streak_when_the_configuration_asks() throws Exception {
    bed.configure("pump-failures", List.of("pager"), body -> body.notifyOnFailure = true);
    bed.configure("pump-quiet", List.of("chat"), body -> {});

    bed.record(AlertTestBed.failed(point(0), point(30), "no data in window", false));
    bed.record(AlertTestBed.failed(point(30), point(60), "no data in window", false));
    bed.record(AlertTestBed.failed(point(60), point(90), "missed: Vigil was down", true));
    bed.record(window(point(90), N, N));
    bed.record(AlertTestBed.failed(point(92), point(120), "cannot load model", false));
    // A replay that fails is the replay's business: no alert.
    FinishedWindow replayFailure =
        new FinishedWindow(
            "scheduler-pump",
            "pump-live",
            "pump-model",
            2,
            point(120),
            point(150),
            dev.vigil.inference.ExecutionStatus.FAILED,
            "no data",
            false,
            List.of(),
            "replay-1");
    bed.record(replayFailure);

    List<AlertRecord> alerts = bed.alerts();
    assertThat(alerts).extracting(AlertRecord::kind).containsOnly(AlertKind.EXECUTION_FAILED);
    assertThat(alerts).extracting(AlertRecord::configurationName).containsOnly("pump-failures");
    assertThat(alerts)
        .extracting(AlertRecord::reason)
        .containsExactly("no data in window", "cannot load model");
    JsonNode json = payload(alerts.get(0));
    assertThat(json.get("failure").get("reason").asText()).isEqualTo("no data in window");
    assertThat(json.get("failure").get("missed").asBoolean()).isFalse();
    assertThat(json.get("window").get("end").asText()).isEqualTo(point(30).toString());
  }

  @Test
  void a_system_pause_alerts_the_configurations_that_ask_for_it() throws Exception {
    bed.configure("pump-default", List.of("chat"), body -> {});
    bed.configure("pump-no-pause", List.of("pager"), body -> body.notifyOnSystemPause = false);

    bed.pause("5 executions failed in a row; the last one failed: no data");

    List<AlertRecord> alerts = bed.alerts();
    assertThat(alerts).extracting(AlertRecord::configurationName).containsExactly("pump-default");
    JsonNode json = payload(alerts.get(0));
    assertThat(json.get("type").asText()).isEqualTo("SYSTEM_PAUSE");
    assertThat(json.get("systemPause").get("reason").asText())
        .isEqualTo("5 executions failed in a row; the last one failed: no data");
    assertThat(json.get("link").asText())
        .isEqualTo("http://vigil.test:8080/api/v1/inference-schedulers/pump-live");
  }

  @Test
  void alerts_and_their_state_commit_with_the_window_or_not_at_all() {
    bed.configure("pump-chat", List.of("chat"), body -> body.snooze = "PT1H");
    FinishedWindow window = window(point(0), A, N);

    assertThatThrownBy(
            () ->
                database
                    .jdbi()
                    .useTransaction(
                        handle -> {
                          bed.feature.listener().windowFinished(handle, window);
                          throw new IllegalStateException("the window's results failed to store");
                        }))
        .hasMessage("the window's results failed to store");
    assertThat(bed.alerts()).isEmpty();
    assertThat(bed.deliveries()).isEmpty();

    // Run again, as inference does: neither the snooze nor the incident moved the first time.
    bed.record(window);
    assertThat(bed.alerts()).hasSize(1);
  }

  @Test
  void windows_of_other_schedulers_and_windows_without_anomalies_decide_nothing() {
    bed.configure("pump-chat", List.of("chat"), body -> {});
    FinishedWindow fan =
        new FinishedWindow(
            "scheduler-fan",
            "fan-live",
            "fan-model",
            1,
            point(0),
            point(1),
            dev.vigil.inference.ExecutionStatus.SUCCESS,
            null,
            false,
            List.<StoredResult>of(AlertTestBed.result(point(0), point(1), 0.99, 1)),
            null);
    bed.record(fan);
    bed.record(window(point(0), N, 0.5, N));

    assertThat(bed.alerts()).isEmpty();
  }

  @Test
  void a_deleted_scheduler_takes_its_configurations_with_it_and_its_alerts_stay() {
    bed.configure("pump-chat", List.of("chat"), body -> body.correlation = AlertTestBed.each());
    bed.record(window(point(0), A, N));
    assertThat(bed.alerts()).hasSize(1);

    bed.deleteScheduler("scheduler-pump", "pump-live");

    assertThat((List<?>) bed.feature.configurations().list(null).get("alertConfigurations"))
        .isEmpty();
    assertThat(bed.alerts()).hasSize(1);
  }
}
