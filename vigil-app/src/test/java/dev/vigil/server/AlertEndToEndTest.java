package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.Vigil;
import dev.vigil.config.ConfigLoader;
import dev.vigil.config.VigilConfig;
import dev.vigil.engine.data.SensorTable;
import dev.vigil.engine.synthetic.Fault;
import dev.vigil.engine.synthetic.FaultType;
import dev.vigil.engine.synthetic.LookoutCsvWriter;
import dev.vigil.engine.synthetic.SyntheticPlant;
import dev.vigil.hook.WebhookSignature;
import dev.vigil.testing.ManualClock;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Alerts through the real server, as a plant team sets them up: train a model on a synthetic plant,
 * schedule it on files arriving every five minutes, add a signed webhook and an alert configuration
 * with the CLI, then let the scheduler judge windows with a drift on one sensor. The team's
 * receiver (an HTTP server on loopback) gets one signed alert naming the sensor, and the CLI shows
 * it delivered. Vigil's clock is moved by hand; the engine and the delivery workers run on their
 * own threads, as in production.
 */
class AlertEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "e2e-whsec";
  private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
  private static final Instant SIX = START.plus(Duration.ofHours(6));
  private static final int TRAINING_ROWS = 6 * 360;
  private static final int ROWS = 7 * 360;

  @TempDir Path dataDir;
  @TempDir Path work;

  /** What one CLI invocation printed. */
  private record Run(int exit, String out, String err) {
    JsonNode json() throws IOException {
      return JSON.readTree(out);
    }
  }

  private static Run vigil(int port, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Vigil.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--server");
    all.add("http://127.0.0.1:" + port);
    all.add("--poll-interval-ms");
    all.add("20");
    int exit = commandLine.execute(all.toArray(String[]::new));
    Run run = new Run(exit, out.toString(), err.toString());
    assertThat(run.exit()).as(String.join(" ", args) + ": " + run.err()).isZero();
    return run;
  }

  /** The server's metrics once they hold {@code line}, waiting for the engine's threads. */
  private String awaitMetrics(int port, String line) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    String metrics = "";
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      metrics =
          client
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      if (metrics.lines().anyMatch(line::equals)) {
        return metrics;
      }
      synchronized (this) {
        wait(50);
      }
    }
    assertThat(metrics.lines()).as("metrics within 60 s").contains(line);
    return metrics;
  }

  /** One request the receiver got: its headers of interest and its body. */
  private record Received(String signature, String alertId, String body) {}

  @Test
  void a_drift_in_a_scheduled_window_reaches_the_teams_webhook_signed() throws Exception {
    SyntheticPlant plant =
        SyntheticPlant.builder()
            .components(2)
            .sensorsPerComponent(3)
            .samplePeriod(Duration.ofSeconds(10))
            .start(START)
            .seed(7)
            .build();
    // A drift on comp01\s01 from 06:10 to 06:20, after 6 hours of normal operation.
    SensorTable data =
        plant
            .generate(
                ROWS,
                List.of(
                    Fault.of(
                        FaultType.DRIFT, "comp01\\s01", TRAINING_ROWS + 60, TRAINING_ROWS + 120)))
            .table();
    Path objects = dataDir.resolve("objects");
    for (Path file : LookoutCsvWriter.write(data.rows(0, TRAINING_ROWS), work.resolve("history"))) {
      String name = file.getFileName().toString();
      String component = name.substring(0, name.indexOf('.'));
      Path target = objects.resolve("plant/history/" + component + "/" + name);
      Files.createDirectories(target.getParent());
      Files.copy(file, target);
    }
    // Live files, one per component and five minutes, from 05:50 to 06:40.
    LookoutCsvWriter.write(
        data.rows(TRAINING_ROWS - 60, ROWS), objects.resolve("plant/live"), Duration.ofMinutes(5));
    Files.createDirectories(objects.resolve("results"));

    BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    HttpServer receiver =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          received.add(
              new Received(
                  exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER),
                  exchange.getRequestHeaders().getFirst("X-Vigil-Alert-Id"),
                  new String(body, StandardCharsets.UTF_8)));
          exchange.sendResponseHeaders(204, -1);
          try (OutputStream out = exchange.getResponseBody()) {
            out.flush();
          }
        });
    receiver.start();

    ManualClock clock = new ManualClock(SIX.minus(Duration.ofMinutes(1)));
    VigilConfig config =
        ConfigLoader.load(
            null,
            Map.of(),
            Map.of(
                "server.port", "0",
                "data.dir", dataDir.toString(),
                "alerts.public-url", "https://vigil.plant.test/"));
    try (VigilServer server = VigilServer.start(config, clock)) {
      int port = server.port();
      vigil(
          port,
          "dataset",
          "create",
          "--name",
          "pump-7",
          "--component",
          "comp01:s01,s02,s03",
          "--component",
          "comp02:s01,s02,s03");
      vigil(
          port,
          "ingest",
          "--dataset",
          "pump-7",
          "--bucket",
          "plant",
          "--prefix",
          "history/",
          "--wait");
      vigil(
          port,
          "model",
          "create",
          "--name",
          "pump-7-model",
          "--dataset",
          "pump-7",
          "--training-start",
          START.toString(),
          "--training-end",
          SIX.toString(),
          "--wait");
      vigil(
          port,
          "inference",
          "create",
          "--name",
          "pump-7-live",
          "--model",
          "pump-7-model",
          "--frequency",
          "PT5M",
          "--delay",
          "PT1M",
          "--start-time",
          SIX.toString(),
          "--input-bucket",
          "plant",
          "--input-prefix",
          "live/",
          "--output-bucket",
          "results",
          "--output-prefix",
          "pump-7/");
      String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/vigil";
      vigil(
          port,
          "hook",
          "create-webhook",
          "--name",
          "team-chat",
          "--url",
          url,
          "--secret=" + SECRET);
      vigil(
          port,
          "alert",
          "config",
          "create",
          "--name",
          "pump-7-chat",
          "--scheduler",
          "pump-7-live",
          "--correlate-within",
          "30",
          "--snooze",
          "PT1H",
          "--hook",
          "team-chat");

      // The windows up to [06:20, 06:25) come due; the engine runs them on its own.
      clock.set(SIX.plus(Duration.ofMinutes(26)));

      Received alert = received.poll(120, TimeUnit.SECONDS);
      assertThat(alert).as("the receiver got an alert").isNotNull();
      assertThat(
              WebhookSignature.verify(
                  SECRET, alert.body().getBytes(StandardCharsets.UTF_8), alert.signature()))
          .as("signature")
          .isTrue();
      JsonNode payload = JSON.readTree(alert.body());
      assertThat(payload.get("id").asText()).isEqualTo(alert.alertId());
      assertThat(payload.get("type").asText()).isEqualTo("ANOMALY");
      assertThat(payload.get("scheduler").asText()).isEqualTo("pump-7-live");
      assertThat(payload.get("model").get("name").asText()).isEqualTo("pump-7-model");
      assertThat(payload.get("model").get("version").asInt()).isEqualTo(1);
      Instant anomalyStart = Instant.parse(payload.get("anomaly").get("start").asText());
      assertThat(anomalyStart)
          .isBetween(SIX.plus(Duration.ofMinutes(10)), SIX.plus(Duration.ofMinutes(20)));
      assertThat(payload.get("anomaly").get("peakScore").asDouble()).isGreaterThan(0.5);
      assertThat(payload.get("anomaly").get("topSensors").get(0).get("name").asText())
          .isEqualTo("comp01\\s01");
      assertThat(payload.get("link").asText())
          .startsWith(
              "https://vigil.plant.test/api/v1/inference-schedulers/pump-7-live/results?from=");

      // The history says it was delivered (the attempt is recorded once the receiver answered).
      JsonNode delivery = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline) {
        JsonNode alerts = vigil(port, "alert", "list", "--json").json().get("alerts");
        delivery = alerts.get(0).get("deliveries").get(0);
        if (delivery.get("status").asText().equals("DELIVERED")) {
          break;
        }
        synchronized (this) {
          wait(50);
        }
      }
      assertThat(delivery.get("status").asText()).isEqualTo("DELIVERED");
      assertThat(vigil(port, "alert", "list", "--json").json().get("alerts")).hasSize(1);
      assertThat(received).as("correlation and snooze: one alert for the drift").isEmpty();

      // The same story in /metrics: five windows of the schedule, each on disk at 06:26 (the
      // clock stands still), so their wake-to-result times are 20, 15, 10, 5 and 0 minutes.
      // They are timed once on disk, after they are counted: wait for the times.
      String metrics = awaitMetrics(port, "vigil_inference_wake_to_result_seconds_count 5");
      assertThat(metrics.lines())
          .contains(
              "vigil_inference_windows_total{outcome=\"success\",trigger=\"schedule\"} 5.0",
              "vigil_inference_wake_to_result_seconds_count 5",
              "vigil_inference_wake_to_result_seconds_sum 3000.0",
              "vigil_inference_wake_to_result_seconds_bucket{le=\"1.0\"} 1",
              "vigil_inference_wake_to_result_seconds_bucket{le=\"300.0\"} 2",
              "vigil_inference_wake_to_result_seconds_bucket{le=\"900.0\"} 4",
              "vigil_inference_wake_to_result_seconds_bucket{le=\"1800.0\"} 5",
              "vigil_inference_windows_total{outcome=\"failed\",trigger=\"schedule\"} 0.0",
              "vigil_alerts_total{kind=\"anomaly\"} 1.0",
              "vigil_alert_delivery_attempts_total{hook_type=\"webhook\",outcome=\"delivered\"}"
                  + " 1.0",
              "vigil_alert_delivery_attempts_total{hook_type=\"webhook\",outcome=\"failed\"} 0.0",
              "vigil_ingestion_jobs{status=\"SUCCESS\"} 1.0",
              "vigil_training_jobs{status=\"SUCCESS\"} 1.0",
              "http_server_requests_seconds_count{method=\"POST\","
                  + "route=\"/api/v1/inference-schedulers\",status=\"201\"} 1",
              "hikaricp_connections_max{pool=\"vigil-db\"} 10.0");
      assertThat(metrics).contains("jvm_memory_used_bytes{", "process_uptime_seconds ");

      // The scheduler health page: nothing due; the next window [06:25, 06:30) wakes at 06:31.
      JsonNode health =
          JSON.readTree(
              HttpClient.newHttpClient()
                  .send(
                      HttpRequest.newBuilder(
                              URI.create("http://127.0.0.1:" + port + "/api/v1/scheduler-health"))
                          .build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body());
      assertThat(health.at("/total/due").asLong()).isZero();
      assertThat(health.at("/total/failedLast24Hours").asLong()).isZero();
      assertThat(health.at("/schedulers/0/name").asText()).isEqualTo("pump-7-live");
      assertThat(health.at("/schedulers/0/nextWake").asText())
          .isEqualTo(SIX.plus(Duration.ofMinutes(31)).toString());
    } finally {
      receiver.stop(0);
    }
  }
}
