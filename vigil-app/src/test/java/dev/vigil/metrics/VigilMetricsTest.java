package dev.vigil.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.alert.AlertKind;
import dev.vigil.alert.DeliveryStatus;
import dev.vigil.hook.HookType;
import dev.vigil.inference.ExecutionStatus;
import dev.vigil.inference.FinishedWindow;
import dev.vigil.inference.InferenceListener;
import dev.vigil.inference.SystemPause;
import dev.vigil.storage.Database;
import dev.vigil.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What each source of metrics counts, in the Prometheus text: windows once their transaction
 * commits (never when it rolls back), by outcome and by what ran them; wake-to-result times of
 * scheduled windows only, once on disk; alerts and delivery attempts; HTTP requests by route
 * template.
 */
class VigilMetricsTest {
  private static final Instant END = Instant.parse("2026-03-01T10:05:00Z");

  private static FinishedWindow window(
      ExecutionStatus status, boolean missed, String replayId, Duration latency) {
    Instant wake = END.plus(Duration.ofMinutes(2));
    return new FinishedWindow(
        "id-pump",
        "pump",
        "pump-model",
        1,
        END.minus(Duration.ofMinutes(5)),
        END,
        status,
        status == ExecutionStatus.FAILED ? "no file" : null,
        missed,
        List.of(),
        replayId,
        wake,
        wake.plus(latency));
  }

  @Test
  void windows_are_counted_once_their_transaction_commits() {
    try (Database database = TestDatabases.Engine.H2.open();
        VigilMetrics metrics = VigilMetrics.create(database)) {
      InferenceListener listener = metrics.inferenceListener();
      database
          .jdbi()
          .useTransaction(
              handle -> {
                listener.windowFinished(
                    handle, window(ExecutionStatus.SUCCESS, false, null, Duration.ofSeconds(3)));
                listener.windowFinished(
                    handle, window(ExecutionStatus.FAILED, false, null, Duration.ofSeconds(40)));
                listener.windowFinished(
                    handle, window(ExecutionStatus.FAILED, true, null, Duration.ofHours(30)));
                listener.windowFinished(
                    handle, window(ExecutionStatus.SUCCESS, false, "replay-1", Duration.ofDays(3)));
                listener.pausedBySystem(
                    handle, new SystemPause("id-pump", "pump", "pump-model", 1, "5 failures", END));
              });
      assertThatThrownBy(
              () ->
                  database
                      .jdbi()
                      .useTransaction(
                          handle -> {
                            listener.windowFinished(
                                handle,
                                window(
                                    ExecutionStatus.SUCCESS, false, null, Duration.ofSeconds(1)));
                            throw new IllegalStateException("the window's transaction failed");
                          }))
          .hasMessage("the window's transaction failed");

      List<String> lines = metrics.scrape().lines().toList();
      assertThat(lines)
          .contains(
              "vigil_inference_windows_total{outcome=\"success\",trigger=\"schedule\"} 1.0",
              "vigil_inference_windows_total{outcome=\"failed\",trigger=\"schedule\"} 1.0",
              "vigil_inference_windows_total{outcome=\"missed\",trigger=\"schedule\"} 1.0",
              "vigil_inference_windows_total{outcome=\"success\",trigger=\"replay\"} 1.0",
              "vigil_inference_system_pauses_total 1.0",
              // Times are those of windows on disk, which none of these is yet.
              "vigil_inference_wake_to_result_seconds_count 0");
    }
  }

  @Test
  void wake_to_result_is_timed_to_the_disk_for_scheduled_windows_only() {
    try (Database database = TestDatabases.Engine.H2.open();
        VigilMetrics metrics = VigilMetrics.create(database)) {
      InferenceListener listener = metrics.inferenceListener();
      for (FinishedWindow window :
          List.of(
              window(ExecutionStatus.SUCCESS, false, null, Duration.ofSeconds(3)),
              window(ExecutionStatus.FAILED, false, null, Duration.ofSeconds(40)),
              window(ExecutionStatus.FAILED, true, null, Duration.ofHours(30)),
              window(ExecutionStatus.SUCCESS, false, "replay-1", Duration.ofDays(3)))) {
        // On disk 2 s after the execution ended: that is when the window counts as finished.
        listener.windowOnDisk(window, window.finishedAt().plusSeconds(2));
      }

      assertThat(metrics.scrape().lines().toList())
          .contains(
              // The two scheduled windows that ran: on disk 5 s and 42 s after their wake.
              "vigil_inference_wake_to_result_seconds_count 2",
              "vigil_inference_wake_to_result_seconds_sum 47.0",
              "vigil_inference_wake_to_result_seconds_bucket{le=\"5.0\"} 1",
              "vigil_inference_wake_to_result_seconds_bucket{le=\"60.0\"} 2");
    }
  }

  @Test
  void alerts_attempts_and_requests_are_counted_by_their_labels() {
    try (Database database = TestDatabases.Engine.H2.open();
        VigilMetrics metrics = VigilMetrics.create(database)) {
      metrics.alertStats().alertDecided(AlertKind.ANOMALY);
      metrics.alertStats().alertDecided(AlertKind.SYSTEM_PAUSE);
      metrics.alertStats().deliveryAttempted(HookType.WEBHOOK, false, DeliveryStatus.PENDING);
      metrics.alertStats().deliveryAttempted(HookType.WEBHOOK, true, DeliveryStatus.DELIVERED);
      metrics.alertStats().deliveryAttempted(HookType.EMAIL, false, DeliveryStatus.FAILED);
      metrics.httpRequest("GET", "/api/v1/models/{name}", 404, 2_000_000);
      metrics.httpRequest("GET", "/api/v1/models/{name}", 404, 3_000_000);
      List<String> lines = metrics.scrape().lines().toList();
      assertThat(lines)
          .contains(
              "vigil_alerts_total{kind=\"anomaly\"} 1.0",
              "vigil_alerts_total{kind=\"system_pause\"} 1.0",
              "vigil_alerts_total{kind=\"execution_failed\"} 0.0",
              "vigil_alert_delivery_attempts_total{hook_type=\"webhook\",outcome=\"failed\"} 1.0",
              "vigil_alert_delivery_attempts_total{hook_type=\"webhook\",outcome=\"delivered\"} 1.0",
              "vigil_alert_delivery_attempts_total{hook_type=\"email\",outcome=\"failed\"} 1.0",
              "vigil_alert_deliveries_given_up_total 1.0",
              "http_server_requests_seconds_count{method=\"GET\",route=\"/api/v1/models/{name}\","
                  + "status=\"404\"} 2",
              "http_server_requests_seconds_sum{method=\"GET\",route=\"/api/v1/models/{name}\","
                  + "status=\"404\"} 0.005",
              "vigil_ingestion_jobs{status=\"SUCCESS\"} 0.0");
      assertThat(metrics.scrape()).contains("hikaricp_connections_active{pool=\"vigil-db\"}");
    }
  }
}
