package dev.vigil.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.hook.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The whole workflow of Metrics Advisor for Equipment, in a real browser, on a running Vigil whose
 * clock the test moves: a plant team creates a dataset and ingests its history, trains a model and
 * reads its evaluation, creates an inference with alert settings and a new webhook hook (tested
 * from the form), watches the windows run into results, the chart, the contributions and an alert
 * delivered to its receiver; pauses the inference, trains a second version and uses the paused
 * inference with it, pauses and restarts it, replays a past range (a second replay refused while
 * the first runs), reads the alert with its delivery attempts and the scheduler's health, and
 * deletes the inference. Each step checks what the page shows against what the native API answers.
 * Runs open (no user, loopback), as Vigil does before a user is configured.
 */
class PortalWorkflowTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "portal-whsec";
  private static final Instant START = PortalServer.START;
  private static final Instant SIX = PortalServer.SIX;

  @TempDir Path dataDir;
  @TempDir Path work;
  @TempDir Path profile;

  private PortalServer vigil;
  private Browser browser;
  private Receiver receiver;

  @BeforeEach
  void start() throws Exception {
    Assumptions.assumeTrue(Browser.unavailable().isEmpty(), Browser.unavailable().orElse(""));
    vigil = PortalServer.start(dataDir, work, SIX.minus(Duration.ofMinutes(1)));
    receiver = new Receiver();
    browser = new Browser(vigil.url(), profile);
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.screenshot("workflow-last-page");
      browser.close();
    }
    if (receiver != null) {
      receiver.close();
    }
    if (vigil != null) {
      vigil.close();
    }
  }

  @Test
  void a_plant_team_runs_the_whole_seed_workflow_in_the_portal() throws Exception {
    signIn();
    createDatasetAndIngest();
    trainModelAndReadItsEvaluation();
    createInferenceWithAlertSettingsAndANewHook();
    watchResultsChartAndAlert();
    pauseAndUseThePausedInferenceWithANewVersion();
    pauseAndRestart();
    replayAPastRange();
    readTheAlertAndTheSchedulerHealth();
    deleteThePausedInference();
    browser.assertNoScriptErrors();
  }

  private void signIn() {
    // A user exists: the portal sends a browser without a session to the sign-in page.
    browser.open("/datasets");
    assertThat(browser.path()).startsWith("/sign-in");
    browser.signIn(PortalServer.ADMIN, PortalServer.PASSWORD);
    browser.screenshot("signed-in");
  }

  private void createDatasetAndIngest() throws Exception {
    browser.open("/");
    assertThat(browser.text("#signed-in")).contains(PortalServer.ADMIN);
    browser.click("a[href='/datasets']").click("#create-dataset");
    browser.type("name", "pump-7");
    browser.type("components", "comp01: s01, s02, s03\ncomp02: s01, s02, s03");
    browser.click("#dataset-form button[type=submit]");
    browser.waitFor(d -> browser.path().startsWith("/datasets/pump-7"));

    browser.type("input.bucket", "plant").type("input.prefix", "history/");
    browser.click("#start-ingestion");
    // The data section polls the page until the ingestion is done: no reload.
    browser.waitFor(
        d -> browser.find("#dataset-data").getAttribute("data-status").equals("ACTIVE"));
    JsonNode dataset = vigil.api("/api/v1/datasets/pump-7");
    assertThat(browser.text("[data-fact=totalRows] dd"))
        .isEqualTo(Text.count(dataset.at("/dataQuality/totalRows").asLong()));
    assertThat(dataset.at("/dataQuality/totalRows").asLong())
        .isEqualTo(2L * PortalServer.HISTORY_ROWS);
    assertThat(browser.all("#sensor-statistics tbody tr")).hasSize(6);
    assertThat(browser.text("#sensor-statistics tr[data-sensor='comp01\\\\s01']"))
        .contains(Text.count(PortalServer.HISTORY_ROWS));
    browser.screenshot("dataset");
  }

  private void trainModelAndReadItsEvaluation() throws Exception {
    browser.click("a[href='/create-model?dataset=pump-7']");
    assertThat(browser.field("datasetName").getAttribute("value")).isEqualTo("pump-7");
    browser.type("name", "pump-7-model");
    browser.type("trainingRange.start", "2024-01-01 00:00");
    browser.type("trainingRange.end", "2024-01-01 05:00");
    browser.type("evaluationRange.start", "2024-01-01 05:00");
    browser.type("evaluationRange.end", "2024-01-01 06:00");
    browser.click("#f-labelsFrom-inline");
    browser.type("labels", "2024-01-01 05:30, 2024-01-01 05:40, drift");
    browser.screenshot("create-model");
    browser.click("#train");
    browser.waitFor(d -> browser.path().startsWith("/models/pump-7-model"));
    // The status polls the page while the version trains.
    browser.waitFor(
        d -> browser.find("#model-status").getAttribute("data-status").equals("SUCCESS"));
    assertThat(browser.text("#model-status")).contains("Completed");

    browser.click("#tab-evaluation");
    browser.waitFor(
        d -> "loaded".equals(browser.find("#evaluation-chart").getAttribute("data-state")));
    JsonNode model = vigil.api("/api/v1/models/pump-7-model");
    JsonNode evaluation = model.get("evaluation");
    assertThat(browser.find("#evaluation-chart").getAttribute("data-anomalous-rows"))
        .isEqualTo(evaluation.get("anomalousRows").asText());
    assertThat(browser.find("#evaluation-chart").getAttribute("data-data-points"))
        .isEqualTo(evaluation.get("rows").asText());
    assertThat(browser.all("#evaluation-events tbody tr")).hasSize(evaluation.get("events").size());
    assertThat(evaluation.at("/labels/0/detected").asBoolean()).isTrue();
    assertThat(browser.text("#evaluation-labels tbody tr")).contains("Detected");
    browser.screenshot("evaluation");
    browser.screenshot("portal-evaluation", "#evaluation");
  }

  private void createInferenceWithAlertSettingsAndANewHook() throws Exception {
    browser.click("#tab-inference");
    browser.click("#create-inference");
    // The form proposes the next 5-minute boundary after now (05:59): 06:00.
    assertThat(browser.field("startTime").getAttribute("value")).isEqualTo("2024-01-01 06:00:00");
    browser.type("name", "pump-7-live");
    browser.type("dataDelayOffset", "60");
    browser.type("input.bucket", "plant").type("input.prefix", "live/");
    browser.type("output.bucket", "results").type("output.prefix", "pump-7/");
    browser.type("alert.name", "pump-7-chat");
    browser.type("alert.sensitivity", "50");
    browser.type("alert.withinPoints", "30");
    browser.type("alert.snooze", "60");

    // A new webhook hook, created inline, chosen, and tested.
    browser.click("#new-hook > summary");
    browser.type("hook.name", "team-chat");
    browser.type("hook.webhook.url", receiver.url());
    browser.type("hook.webhook.secret", SECRET);
    browser.click("#create-hook");
    browser.waitFor(d -> browser.present("#hook-created"));
    assertThat(browser.field("alert.hooks-team-chat").isSelected()).isTrue();
    browser.click("#test-team-chat");
    browser.waitFor(d -> browser.present("#test-result-team-chat .test-outcome"));
    assertThat(browser.find("#test-result-team-chat .test-outcome").getAttribute("data-delivered"))
        .isEqualTo("true");
    assertThat(receiver.received()).hasSize(1);
    assertThat(JSON.readTree(receiver.received().get(0).body()).get("type").asText())
        .isEqualTo("TEST");
    browser.screenshot("create-inference");
    browser.screenshot("portal-alert-settings", "#alert-settings");

    browser.click("#create");
    browser.waitFor(d -> browser.path().startsWith("/inferences/pump-7-live"));
    JsonNode scheduler = vigil.api("/api/v1/inference-schedulers/pump-7-live");
    assertThat(scheduler.get("startTime").asText()).isEqualTo(SIX.toString());
    assertThat(scheduler.get("dataDelayOffset").asText()).isEqualTo("PT1M");
    assertThat(scheduler.at("/input/prefix").asText()).isEqualTo("live/");
    JsonNode alert = vigil.api("/api/v1/alert-configurations/pump-7-chat");
    assertThat(alert.get("schedulerName").asText()).isEqualTo("pump-7-live");
    assertThat(alert.at("/correlation/withinPoints").asInt()).isEqualTo(30);
    assertThat(alert.get("snooze").asText()).isEqualTo("PT1H");
    assertThat(alert.get("hooks").get(0).asText()).isEqualTo("team-chat");
    assertThat(browser.text("[data-fact=status] dd")).contains("Active");
    assertThat(browser.text("[data-fact=startTime] dd")).isEqualTo("2024-01-01 06:00:00 UTC");
  }

  private void watchResultsChartAndAlert() throws Exception {
    // The windows up to [06:20, 06:25) come due; the engine runs them on its own threads.
    vigil.setClock(SIX.plus(Duration.ofMinutes(26)));
    awaitExecutions(5);
    Receiver.Received anomaly =
        receiver.await(r -> Json.type(r.body()).equals("ANOMALY"), Duration.ofSeconds(120));
    assertThat(anomaly).as("the receiver got the anomaly alert").isNotNull();
    assertThat(
            WebhookSignature.verify(
                SECRET, anomaly.body().getBytes(StandardCharsets.UTF_8), anomaly.signature()))
        .isTrue();

    browser.open("/inferences/pump-7-live");
    WebElement chart = awaitChart();
    Map<String, Object> shown = chartData();
    JsonNode api = vigil.api(chartApiPath(chart));
    assertThat(Json.same(JSON.valueToTree(shown), api)).as("%s%nvs%n%s", shown, api).isTrue();
    JsonNode results = vigil.api("/api/v1/inference-schedulers/pump-7-live/results").get("results");
    assertThat(api.get("dataPoints").asInt()).isEqualTo(results.size()).isEqualTo(25 * 6);
    // Fewer results than entries: each result is an entry of its own, with the API's score.
    List<Double> max = numbers(api.at("/series/max"));
    for (int i = 0; i < results.size(); i++) {
      assertThat(max.get(i)).isEqualTo(results.get(i).get("anomaly_score").asDouble());
    }
    assertThat(api.get("threshold").asDouble()).isEqualTo(0.5);
    JsonNode events = vigil.api("/api/v1/inference-schedulers/pump-7-live/events").get("events");
    assertThat(api.get("anomalies")).hasSize(events.size());
    assertThat(api.at("/anomalies/0/start").asText()).isEqualTo(events.at("/0/start").asText());

    // The contributions at the peak of the chart: the results line of that timestamp.
    int peak = indexOfMax(max);
    clickChartAt(chart, peak);
    browser.waitFor(d -> browser.present("#contributions [data-at]"));
    long peakAt = api.at("/series/peakAt").get(peak).asLong();
    JsonNode line = results.get(peak);
    assertThat(Instant.parse(browser.find("#contributions [data-at]").getAttribute("data-at")))
        .isEqualTo(Instant.ofEpochMilli(peakAt));
    assertBars(line.get("diagnostics"));
    browser.screenshot("portal-results", "#results");

    // The contributions of the first event: its summed diagnostics.
    browser.click("#event-list tbody tr:first-child button");
    browser.waitFor(d -> browser.present("#contributions [data-event]"));
    assertBars(events.get(0).get("diagnostics"));
    assertThat(browser.text("#event-list tbody tr:first-child")).contains("pump-7-model v1");

    // The alert settings and the alert, delivered.
    browser.open("/inferences/pump-7-live#alerts");
    browser.waitFor(
        d -> {
          d.navigate().refresh();
          return browser.present("#alerts li[data-delivery=DELIVERED]");
        });
    assertThat(browser.text("#alert-settings tr[data-alert-configuration=pump-7-chat]"))
        .contains("one alert per group within 30 data points")
        .contains("1 h")
        .contains("team-chat");
    awaitChart();
    browser.screenshot("inference");
  }

  private void pauseAndUseThePausedInferenceWithANewVersion() throws Exception {
    browser.click("#pause-pump-7-live");
    browser.waitFor(d -> browser.text("[data-fact=status] dd").contains("User pause"));
    assertThat(vigil.api("/api/v1/inference-schedulers/pump-7-live").get("portalStatus").asText())
        .isEqualTo("User pause");
    // The paused inference offers restart and delete, no pause.
    assertThat(browser.present("#restart-pump-7-live")).isTrue();
    assertThat(browser.present("#delete-pump-7-live")).isTrue();
    assertThat(browser.present("#pause-pump-7-live")).isFalse();

    // Version 2 of the model, trained on another range.
    browser.open("/models/pump-7-model?tab=versions");
    browser.type("trainingRange.start", "2024-01-01 01:00");
    browser.type("trainingRange.end", "2024-01-01 05:00");
    browser.click("#train-version");
    browser.waitFor(
        d -> browser.find("#model-status").getAttribute("data-status").equals("SUCCESS"));
    assertThat(vigil.api("/api/v1/models/pump-7-model").get("activeVersion").asInt()).isEqualTo(2);

    // Use an existing inference: pick the paused one; its settings are shown, locked.
    browser.click("#use-inference");
    browser.click("#pick-pump-7-live");
    browser.waitFor(d -> browser.present("#use-inference-form"));
    assertThat(browser.all("#use-inference-form input[type=text]:not([readonly])")).isEmpty();
    String locked = lockedValues();
    assertThat(locked).contains("pump-7-live", "pump-7-model version 1", "5 min", "pump-7-chat");
    assertThat(locked).contains("team-chat").contains("within 30 data points").contains("1 h");
    assertThat(browser.field("modelVersion").getAttribute("value")).isEqualTo("2");
    browser.screenshot("use-existing-inference");
    browser.screenshot("portal-use-existing", "#use-form");
    browser.click("#use");
    browser.waitFor(d -> browser.path().startsWith("/inferences/pump-7-live"));
    JsonNode scheduler = vigil.api("/api/v1/inference-schedulers/pump-7-live");
    assertThat(scheduler.get("modelVersion").asInt()).isEqualTo(2);
    assertThat(scheduler.get("portalStatus").asText()).isEqualTo("Active");
    assertThat(browser.text("[data-fact=modelVersion] dd")).isEqualTo("2");

    // Three more windows, scored by version 2; the earlier results keep version 1.
    vigil.setClock(SIX.plus(Duration.ofMinutes(41)));
    awaitExecutions(8);
    browser.open("/inferences/pump-7-live");
    awaitChart();
    JsonNode models = JSON.valueToTree(chartData()).get("models");
    assertThat(models).hasSize(2);
    assertThat(models.at("/0/modelVersion").asInt()).isEqualTo(1);
    assertThat(models.at("/0/end").asText()).isEqualTo(SIX.plus(Duration.ofMinutes(25)).toString());
    assertThat(models.at("/1/modelVersion").asInt()).isEqualTo(2);
    assertThat(browser.text("#execution-list tbody tr:first-child")).contains("pump-7-model v2");
    assertThat(browser.text("#execution-list tbody tr:last-child")).contains("pump-7-model v1");
    JsonNode results = vigil.api("/api/v1/inference-schedulers/pump-7-live/results").get("results");
    assertThat(results.get(0).get("modelVersion").asInt()).isEqualTo(1);
    assertThat(results.get(results.size() - 1).get("modelVersion").asInt()).isEqualTo(2);
  }

  private void pauseAndRestart() {
    browser.click("#pause-pump-7-live");
    browser.waitFor(d -> browser.text("[data-fact=status] dd").contains("User pause"));
    browser.click("#restart-pump-7-live");
    browser.waitFor(d -> browser.text("[data-fact=status] dd").contains("Active"));
    assertThat(vigil.api("/api/v1/inference-schedulers/pump-7-live").get("status").asText())
        .isEqualTo("PENDING");
  }

  private void replayAPastRange() throws Exception {
    browser.open("/inferences/pump-7-live#replay");
    // Too long a range: refused before it starts, with the limit shown.
    browser.type("start", "2024-01-01 00:00").type("end", "2024-01-01 06:40");
    browser.waitFor(d -> browser.present("#estimate[data-points='2400']"));
    assertThat(browser.find("#estimate").getAttribute("data-allowed")).isEqualTo("false");
    assertThat(browser.text("#estimate-limit")).isEqualTo("2" + '\u202f' + "000");
    assertThat(browser.text("#estimate-reason"))
        .contains("covers about 2400 data points")
        .contains("a replay covers at most 2000");

    browser.type("start", "2024-01-01 06:00").type("end", "2024-01-01 06:20");
    browser.waitFor(d -> browser.present("#estimate[data-points='120']"));
    assertThat(browser.find("#estimate").getAttribute("data-allowed")).isEqualTo("true");
    JsonNode estimate =
        vigil.api(
            "/api/v1/inference-schedulers/pump-7-live/replay-estimate"
                + "?start=2024-01-01T06:00:00Z&end=2024-01-01T06:20:00Z");
    assertThat(browser.find("#estimate").getAttribute("data-points"))
        .isEqualTo(estimate.get("estimatedDataPoints").asText());
    browser.screenshot("replay-estimate");

    // The replay waits on its input; meanwhile a second one is refused.
    vigil.holdLiveReads();
    browser.click("#start-replay");
    browser.waitFor(d -> browser.present("#replay-progress"));
    // Time passes: db-scheduler picks the replay, scheduled for now, once its clock has moved on.
    vigil.setClock(SIX.plus(Duration.ofMinutes(41)).plusSeconds(1));
    browser.type("start", "2024-01-01 06:00").type("end", "2024-01-01 06:10");
    browser.click("#start-replay");
    browser.waitFor(d -> browser.present("#replay-form .notice.error"));
    assertThat(browser.text("#replay-form .notice.error"))
        .contains("a replay of inference scheduler 'pump-7-live' is running")
        .contains("one replay per scheduler at a time");
    assertThat(vigil.api("/api/v1/inference-schedulers/pump-7-live/replays").get("replays"))
        .hasSize(1);
    browser.screenshot("replay-running");
    browser.screenshot("portal-replay", "#replay");

    // Once its input can be read it ends, and the page shows the outcome without a reload.
    browser.open("/inferences/pump-7-live#replay");
    vigil.releaseLiveReads();
    browser.waitFor(
        d -> browser.find("#replay-list tbody tr").getAttribute("data-status").equals("SUCCESS"));
    JsonNode replay =
        vigil.api("/api/v1/inference-schedulers/pump-7-live/replays").at("/replays/0");
    assertThat(browser.text("#replay-list tbody tr .outcome"))
        .isEqualTo(replay.get("outcome").asText());
    assertThat(replay.get("modelVersion").asInt()).isEqualTo(2);
  }

  private void readTheAlertAndTheSchedulerHealth() throws Exception {
    browser.open("/alerts");
    JsonNode alerts = vigil.api("/api/v1/alerts").get("alerts");
    assertThat(alerts).isNotEmpty();
    JsonNode first = alerts.get(alerts.size() - 1);
    assertThat(first.get("type").asText()).isEqualTo("ANOMALY");
    browser.click("a[href='/alerts/" + first.get("id").asText() + "']");
    browser.waitFor(d -> browser.present("#attempts"));
    JsonNode described = vigil.api("/api/v1/alerts/" + first.get("id").asText());
    List<WebElement> attempts = browser.all("#attempts tbody tr");
    assertThat(attempts).hasSize(described.get("attempts").size());
    assertThat(attempts.get(0).getAttribute("data-delivered")).isEqualTo("true");
    assertThat(attempts.get(0).getText()).contains("team-chat").contains("HTTP 204");
    browser.screenshot("alert");

    browser.open("/scheduler-health");
    assertThat(browser.find("#health tr[data-inference=pump-7-live]").getText()).contains("Active");
    browser.screenshot("scheduler-health");
    browser.open("/");
    assertThat(browser.text("#inference-tiles")).contains("pump-7-live");
    browser.screenshot("overview");
    browser.screenshot("portal-overview", "main");
  }

  private void deleteThePausedInference() {
    browser.open("/models/pump-7-model?tab=inference");
    browser.click("#pause-pump-7-live");
    browser.waitFor(d -> browser.present("#delete-pump-7-live"));
    browser.click("#delete-pump-7-live > summary");
    browser.click("#confirm-delete-pump-7-live");
    browser.waitFor(d -> browser.present("#notice"));
    assertThat(browser.text("#notice")).isEqualTo("Inference deleted; its results stay.");
    assertThat(browser.present("#model-inferences tr[data-inference=pump-7-live]")).isFalse();
    assertThat(vigil.call("GET", "/api/v1/inference-schedulers/pump-7-live", null).status())
        .isEqualTo(404);
  }

  // Helpers.

  private void awaitExecutions(int count) {
    browser.waitFor(
        d -> {
          JsonNode executions =
              vigil.api("/api/v1/inference-schedulers/pump-7-live/executions").get("executions");
          int finished = 0;
          for (JsonNode execution : executions) {
            if (!execution.get("status").asText().equals("IN_PROGRESS")) {
              finished++;
            }
          }
          return finished >= count;
        });
  }

  private WebElement awaitChart() {
    return browser.waitFor(
        d -> {
          WebElement chart = browser.find("#score-chart");
          return "loaded".equals(chart.getAttribute("data-state")) ? chart : null;
        });
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> chartData() {
    return (Map<String, Object>)
        browser.script("return document.querySelector('#score-chart').vigilData;");
  }

  /** The API path of the chart the page drew: the same parameters on the native API. */
  private static String chartApiPath(WebElement chart) {
    String portal = chart.getAttribute("data-score-chart");
    return "/api/v1/inference-schedulers/pump-7-live/chart" + portal.substring(portal.indexOf('?'));
  }

  private void clickChartAt(WebElement chart, int index) {
    // A real click on the plot where the entry is drawn.
    WebElement over = chart.findElement(By.cssSelector(".u-over"));
    Number x =
        (Number)
            browser.script(
                "const u = arguments[0].vigilPlot; return u.valToPos(u.data[0][arguments[1]], 'x');",
                chart,
                index);
    new Actions(browser.driver())
        .moveToElement(over, (int) Math.round(x.doubleValue() - over.getSize().getWidth() / 2.0), 0)
        .click()
        .perform();
  }

  private void assertBars(JsonNode diagnostics) {
    List<WebElement> bars = browser.all("#contributions li.bar");
    assertThat(bars).hasSize(diagnostics.size());
    for (int i = 0; i < bars.size(); i++) {
      assertThat(bars.get(i).getAttribute("data-sensor"))
          .isEqualTo(diagnostics.get(i).get("name").asText());
      assertThat(Double.parseDouble(bars.get(i).getAttribute("data-value")))
          .isCloseTo(diagnostics.get(i).get("value").asDouble(), within(0.0));
    }
  }

  private String lockedValues() {
    List<String> values = new ArrayList<>();
    for (WebElement input : browser.all("#use-inference-form input.locked")) {
      values.add(input.getAttribute("value"));
    }
    return String.join(" | ", values);
  }

  private static List<Double> numbers(JsonNode array) {
    List<Double> list = new ArrayList<>();
    array.forEach(node -> list.add(node.isNull() ? null : node.asDouble()));
    return list;
  }

  private static int indexOfMax(List<Double> values) {
    int best = 0;
    for (int i = 1; i < values.size(); i++) {
      if (values.get(i) != null && values.get(i) > values.get(best)) {
        best = i;
      }
    }
    return best;
  }
}
