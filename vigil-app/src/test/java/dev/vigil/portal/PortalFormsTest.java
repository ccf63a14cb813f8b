package dev.vigil.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input through the portal, field by field, in a real browser: each refusal shows the server's
 * message right under the field it concerns, and nothing stored changes (the API answers the same
 * datasets, jobs, models, inferences, alert settings, hooks and replays after it as before). An
 * inference whose alert settings are refused is not left behind either.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalFormsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NOW = "2024-01-01T06:26:00Z";

  /** The radio buttons of the forms. */
  private static final Set<String> CHOICES = Set.of("labelsFrom", "hook.type");

  /** Ends an expected message that goes on with details of the data. */
  private static final String MORE = "\u2026";

  @TempDir static Path dataDir;
  @TempDir static Path work;
  @TempDir static Path profile;

  private PortalServer vigil;
  private Browser browser;
  private String lastTest = "forms";

  @BeforeAll
  void start() throws Exception {
    Assumptions.assumeTrue(Browser.unavailable().isEmpty(), Browser.unavailable().orElse(""));
    vigil = PortalServer.start(dataDir, work, PortalServer.SIX.minus(Duration.ofMinutes(1)));
    vigil.prepareModel();
    vigil.createInference("pump-7-live");
    vigil.api(
        "POST",
        "/api/v1/hooks",
        JSON.readTree(
            "{\"name\": \"team-chat\", \"webhook\": {\"url\": \"http://127.0.0.1:9/vigil\"}}"),
        201);
    vigil.api(
        "POST",
        "/api/v1/alert-configurations",
        JSON.readTree(
            "{\"name\": \"pump-7-chat\", \"schedulerName\": \"pump-7-live\", \"hooks\":"
                + " [\"team-chat\"]}"),
        201);
    vigil.setClock(java.time.Instant.parse(NOW));
    browser = new Browser(vigil.url(), profile).signIn(PortalServer.ADMIN, PortalServer.PASSWORD);
    browser.waitFor(
        d ->
            vigil
                        .api("/api/v1/inference-schedulers/pump-7-live/executions")
                        .get("executions")
                        .size()
                    >= 5
                && !vigil
                    .api("/api/v1/inference-schedulers/pump-7-live/executions")
                    .at("/executions/4/status")
                    .asText()
                    .equals("IN_PROGRESS"));
  }

  @AfterEach
  void screenshot() {
    if (browser != null) {
      browser.screenshot(lastTest);
    }
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (vigil != null) {
      vigil.close();
    }
  }

  @Test
  void a_refused_dataset_shows_the_message_under_its_field_and_stores_nothing() {
    lastTest = "forms-dataset";
    Map<String, String> valid = Map.of("name", "pump-8", "components", "pump: Current, Pressure");
    refused(
        "/create-dataset",
        valid,
        Map.of("name", "pump 8!"),
        "#dataset-form button[type=submit]",
        "name",
        "name 'pump 8!' must match ^[0-9a-zA-Z_-]{1,200}$ (1 to 200 letters, digits,"
            + " underscores and dashes)");
    refused(
        "/create-dataset",
        valid,
        Map.of("name", "pump-7"),
        "#dataset-form button[type=submit]",
        "name",
        "dataset 'pump-7' already exists");
    refused(
        "/create-dataset",
        valid,
        Map.of("components", "pump Current"),
        "#dataset-form button[type=submit]",
        "components",
        "line 1 ('pump Current') has no colon: write the component, a colon, then its sensors,"
            + " such as 'pump: Current, Pressure'");
    refused(
        "/create-dataset",
        valid,
        Map.of("components", "pump:"),
        "#dataset-form button[type=submit]",
        "components",
        "component 'pump' needs a DATETIME timestamp column followed by at least one DOUBLE"
            + " column");
  }

  @Test
  void a_refused_ingestion_shows_the_message_under_its_field_and_stores_nothing() {
    lastTest = "forms-ingestion";
    Map<String, String> valid = Map.of("input.bucket", "plant", "input.prefix", "history/");
    refused(
        "/datasets/pump-7",
        valid,
        Map.of("input.bucket", "Plant_1"),
        "#start-ingestion",
        "input.bucket",
        "bucket 'Plant_1' is not a valid bucket name (3 to 63 lower-case letters, digits, dots"
            + " and dashes)");
    refused(
        "/datasets/pump-7",
        valid,
        Map.of("input.bucket", ""),
        "#start-ingestion",
        "input.bucket",
        "field 'input.bucket' is required");
  }

  @Test
  void a_refused_model_shows_the_message_under_its_field_and_stores_nothing() {
    lastTest = "forms-model";
    Map<String, String> valid =
        Map.of(
            "name", "pump-7-model-b",
            "datasetName", "pump-7",
            "trainingRange.start", "2024-01-01 00:00",
            "trainingRange.end", "2024-01-01 05:00",
            "evaluationRange.start", "2024-01-01 05:00",
            "evaluationRange.end", "2024-01-01 06:00");
    String submit = "#train";
    refused(
        "/create-model",
        valid,
        Map.of("name", "pump 7"),
        submit,
        "name",
        "name must match ^[0-9a-zA-Z_-]{1,200}$, got 'pump 7'");
    refused(
        "/create-model",
        valid,
        Map.of("name", "pump-7-model"),
        submit,
        "name",
        "model 'pump-7-model' already exists");
    refused(
        "/create-model",
        valid,
        Map.of("datasetName", ""),
        submit,
        "datasetName",
        "datasetName is required");
    refused(
        "/create-model",
        valid,
        Map.of("trainingRange.start", "yesterday"),
        submit,
        "trainingRange.start",
        "trainingRange.start must be an ISO-8601 timestamp such as 2024-01-01T00:00:00Z, got"
            + " 'yesterday'");
    refused(
        "/create-model",
        valid,
        Map.of("trainingRange.start", "2024-01-01 05:00", "trainingRange.end", "2024-01-01 01:00"),
        submit,
        "trainingRange.end",
        "trainingRange.start (2024-01-01T05:00:00Z) must be before trainingRange.end"
            + " (2024-01-01T01:00:00Z)");
    refused(
        "/create-model",
        valid,
        Map.of("trainingRange.start", "2024-01-01 00:00", "trainingRange.end", "2024-01-01 00:05"),
        submit,
        "trainingRange.end",
        "trainingRange holds 30 rows of dataset 'pump-7'; the model needs at least " + MORE);
    refused(
        "/create-model",
        valid,
        Map.of("evaluationRange.start", "2024-01-01 04:00"),
        submit,
        "evaluationRange.start",
        "evaluationRange.start (2024-01-01T04:00:00Z) must be at or after trainingRange.end"
            + " (2024-01-01T05:00:00Z)");
    refused(
        "/create-model",
        valid,
        Map.of("offCondition", "pump\\Current < 0.5"),
        submit,
        "offCondition",
        "offCondition names sensor 'pump\\Current' that dataset 'pump-7' does not have; its"
            + " sensors are ["
            + MORE);
    refused(
        "/create-model",
        valid,
        Map.of("offCondition", "comp01\\s01"),
        submit,
        "offCondition",
        "off-condition 'comp01\\s01' has no comparison operator; " + MORE);
    Map<String, String> inline = new LinkedHashMap<>(valid);
    inline.put("labelsFrom", "inline");
    refused(
        "/create-model",
        inline,
        Map.of("labels", "2024-01-01 05:30"),
        submit,
        "labels",
        "line 1 ('2024-01-01 05:30') needs a start and an end separated by a comma, such as"
            + " '2025-12-24 10:00, 2025-12-24 18:00, bearing'");
    refused(
        "/create-model",
        inline,
        Map.of("labels", "2024-01-01 05:40, 2024-01-01 05:30, drift"),
        submit,
        "labels",
        "labels[0].start (2024-01-01T05:40:00Z) must be before labels[0].end"
            + " (2024-01-01T05:30:00Z)");
  }

  @Test
  void a_refused_inference_shows_the_message_under_its_field_and_stores_nothing() {
    lastTest = "forms-inference";
    String form = "/models/pump-7-model/create-inference";
    Map<String, String> valid = validInference();
    refused(
        form,
        valid,
        Map.of("name", "pump 7"),
        "#create",
        "name",
        "name 'pump 7' is not valid: use 1 to 200 letters, digits, '_' and '-'");
    refused(
        form,
        valid,
        Map.of("name", "pump-7-live"),
        "#create",
        "name",
        "inference scheduler 'pump-7-live' already exists");
    refused(
        form,
        valid,
        Map.of("startTime", "2024-01-01 06:00"),
        "#create",
        "startTime",
        "start time 2024-01-01T06:00:00Z is in the past (it is now "
            + NOW
            + "): use a start time at or after now");
    refused(
        form,
        valid,
        Map.of("startTime", "tomorrow"),
        "#create",
        "startTime",
        "start time 'tomorrow' is not an ISO-8601 timestamp with a zone, such as"
            + " 2026-01-01T10:00:00Z");
    refused(
        form,
        valid,
        Map.of("dataDelayOffset", "a minute"),
        "#create",
        "dataDelayOffset",
        "data delay offset 'a minute' is not a whole number of seconds");
    refused(
        form,
        valid,
        Map.of("dataDelayOffset", "7200"),
        "#create",
        "dataDelayOffset",
        "data delay offset PT2H is not supported with data upload frequency PT5M: use a whole"
            + " number of seconds from PT0S to PT1H");
    refused(
        form,
        valid,
        Map.of("input.bucket", "Plant"),
        "#create",
        "input.bucket",
        "bucket 'Plant' is not a valid bucket name (3 to 63 lower-case letters, digits, dots and"
            + " dashes)");
    refused(
        form,
        valid,
        Map.of("input.prefix", "live"),
        "#create",
        "input.prefix",
        "input prefix 'live' is not a folder: it must be empty or end with '/', such as 'live/'");
    refused(
        form,
        valid,
        Map.of("input.timeZoneOffset", "+25:00"),
        "#create",
        "input.timeZoneOffset",
        "input time zone offset '+25:00' is not valid: use +hh:mm or -hh:mm from -12:00 to"
            + " +14:00, for example +05:30");
    refused(
        form,
        valid,
        Map.of("output.bucket", ""),
        "#create",
        "output.bucket",
        "field 'output.bucket' is required");
    refused(
        form,
        valid,
        Map.of("output.prefix", "pump-7-live/"),
        "#create",
        "output.prefix",
        "output location 'results/pump-7-live/' is the output of inference scheduler 'pump-7-live':"
            + " give each scheduler its own output prefix");
  }

  @Test
  void refused_alert_settings_show_the_message_under_their_field_and_leave_no_inference() {
    lastTest = "forms-alert-settings";
    String form = "/models/pump-7-model/create-inference";
    Map<String, String> valid = validInference();
    refused(
        form,
        valid,
        Map.of("alert.name", "pump alerts"),
        "#create",
        "alert.name",
        "name 'pump alerts' is not valid: use 1 to 200 letters, digits, '_' and '-'");
    refused(
        form,
        valid,
        Map.of("alert.name", "pump-7-chat"),
        "#create",
        "alert.name",
        "alert configuration 'pump-7-chat' already exists");
    refused(
        form,
        valid,
        Map.of("alert.sensitivity", "0"),
        "#create",
        "alert.sensitivity",
        "field 'sensitivity' must be between 1 and 100, got 0");
    refused(
        form,
        valid,
        Map.of("alert.sensitivity", "high"),
        "#create",
        "alert.sensitivity",
        "sensitivity 'high' is not a whole number");
    refused(
        form,
        valid,
        Map.of("alert.withinPoints", "0"),
        "#create",
        "alert.withinPoints",
        "field 'correlation.withinPoints' must be between 1 and 10000, got 0");
    refused(
        form,
        valid,
        Map.of("alert.snooze", "20000"),
        "#create",
        "alert.snooze",
        "snooze must be between PT0S and P7D (PT168H), got PT333H20M");
    refused(
        form,
        valid,
        Map.of("alert.hooks-team-chat", "off"),
        "#create",
        "alert.hooks",
        "field 'hooks' needs at least one hook");
    assertThat(vigil.api("/api/v1/inference-schedulers").get("schedulers")).hasSize(1);
  }

  @Test
  void a_refused_hook_shows_the_message_under_its_field_and_stores_nothing() {
    lastTest = "forms-hook";
    // Inline, in the alert settings of a new inference.
    String form = "/models/pump-7-model/create-inference";
    Map<String, String> valid =
        Map.of("hook.name", "on-call", "hook.webhook.url", "https://chat.plant.test/hook");
    inlineHookRefused(
        form,
        valid,
        Map.of("hook.name", "on call"),
        "hook.name",
        "name 'on call' is not valid: use 1 to 200 letters, digits, '_' and '-'");
    inlineHookRefused(
        form,
        valid,
        Map.of("hook.name", "team-chat"),
        "hook.name",
        "hook 'team-chat' already exists");
    inlineHookRefused(
        form,
        valid,
        Map.of("hook.webhook.url", "ftp://chat.plant.test"),
        "hook.webhook.url",
        "url 'ftp://chat.plant.test' is not an http:// or https:// URL with a host");
    inlineHookRefused(
        form,
        valid,
        Map.of("hook.timeout", "soon"),
        "hook.timeout",
        "timeout 'soon' is not a whole number");
    inlineHookRefused(
        form,
        valid,
        Map.of("hook.timeout", "120"),
        "hook.timeout",
        "timeout must be between PT1S and PT1M, got PT2M");
    // On the hooks page, an email hook.
    Map<String, String> email =
        Map.of(
            "hook.name", "on-call",
            "hook.type", "email",
            "hook.email.host", "smtp.plant.test",
            "hook.email.from", "vigil@plant.test",
            "hook.email.to", "oncall@plant.test");
    refused(
        "/hooks",
        email,
        Map.of("hook.email.port", "70000"),
        "#create-hook",
        "hook.email.port",
        "field 'email.port' must be between 1 and 65535, got 70000");
    refused(
        "/hooks",
        email,
        Map.of("hook.email.host", ""),
        "#create-hook",
        "hook.email.host",
        "field 'email.host' is required");
    refused(
        "/hooks",
        email,
        Map.of("hook.email.to", "oncall"),
        "#create-hook",
        "hook.email.to",
        "recipient 'oncall' is not an email address: " + MORE);
  }

  @Test
  void a_refused_replay_shows_the_message_under_its_field_and_stores_nothing() {
    lastTest = "forms-replay";
    String page = "/inferences/pump-7-live";
    Map<String, String> valid = Map.of("start", "2024-01-01 06:00", "end", "2024-01-01 06:10");
    refused(
        page,
        valid,
        Map.of("start", "noon"),
        "#start-replay",
        "start",
        "start 'noon' is not an ISO-8601 instant such as 2026-01-01T10:00:00Z");
    refused(
        page,
        valid,
        Map.of("start", "2024-01-01 06:10", "end", "2024-01-01 06:00"),
        "#start-replay",
        "end",
        "end (2024-01-01T06:00:00Z) must be after start (2024-01-01T06:10:00Z)");
    refused(
        page,
        valid,
        Map.of("start", "2024-01-01 00:00", "end", "2024-01-01 06:25"),
        "#start-replay",
        "end",
        "the replay of [2024-01-01T00:00:00Z, 2024-01-01T06:25:00Z) covers about 2310 data"
            + " points (77 windows of PT5M, one point every PT10S); a replay covers at most 2000"
            + " (setting inference.replay-max-points): choose a shorter range");
    refused(
        page,
        valid,
        Map.of("end", "2024-01-01 07:00"),
        "#start-replay",
        "end",
        "the window ending 2024-01-01T07:00:00Z has not come due yet (it wakes at"
            + " 2024-01-01T07:01:00Z): a replay covers past windows only, so end it by"
            + " 2024-01-01T06:25:00Z");
  }

  // Helpers.

  private static Map<String, String> validInference() {
    Map<String, String> valid = new LinkedHashMap<>();
    valid.put("name", "pump-7-shadow");
    valid.put("dataDelayOffset", "60");
    valid.put("input.bucket", "plant");
    valid.put("input.prefix", "live/");
    valid.put("output.bucket", "results");
    valid.put("output.prefix", "shadow/");
    valid.put("alert.name", "pump-7-shadow-chat");
    valid.put("alert.hooks-team-chat", "on");
    return valid;
  }

  /**
   * Opens {@code path}, fills the form with {@code valid} overridden by {@code bad}, submits it
   * with {@code submit}, and expects {@code message} under {@code field}, with nothing stored
   * changed. A message ending with {@link #MORE} is the start of the message shown, which goes on
   * with details of the data (the sensors of the dataset, the rows the model needs).
   */
  private void refused(
      String path,
      Map<String, String> valid,
      Map<String, String> bad,
      String submit,
      String field,
      String message) {
    JsonNode before = stored();
    browser.open(path);
    Map<String, String> values = new LinkedHashMap<>(valid);
    values.putAll(bad);
    fill(values);
    browser.click(submit);
    String shown = browser.errorOf(field);
    if (message.endsWith(MORE)) {
      assertThat(shown)
          .as("the message under %s", field)
          .startsWith(message.substring(0, message.length() - 1));
    } else {
      assertThat(shown).as("the message under %s", field).isEqualTo(message);
    }
    // The message sits in the field's own box, with the control it concerns.
    assertThat(
            browser.script(
                "const e = document.getElementById(arguments[0]);"
                    + " return e.closest('.field, fieldset').contains(document.getElementById(arguments[1]));",
                Field.id(field) + "-error",
                Field.id(field)))
        .isEqualTo(Boolean.TRUE);
    assertThat(stored()).as("nothing stored changed").isEqualTo(before);
  }

  private void inlineHookRefused(
      String path,
      Map<String, String> valid,
      Map<String, String> bad,
      String field,
      String message) {
    JsonNode before = stored();
    browser.open(path);
    browser.click("#new-hook > summary");
    Map<String, String> values = new LinkedHashMap<>(valid);
    values.putAll(bad);
    fill(values);
    browser.click("#create-hook");
    assertThat(browser.errorOf(field)).as("the message under %s", field).isEqualTo(message);
    assertThat(browser.present("#new-hook[open]")).isTrue();
    assertThat(stored()).as("nothing stored changed").isEqualTo(before);
  }

  private void fill(Map<String, String> values) {
    // The choices first: they show the fields that go with them (an email hook's, say).
    List<Map.Entry<String, String>> entries = new ArrayList<>(values.entrySet());
    entries.sort(Comparator.comparing(entry -> !CHOICES.contains(entry.getKey())));
    for (Map.Entry<String, String> entry : entries) {
      String name = entry.getKey();
      String value = entry.getValue();
      if (CHOICES.contains(name)) {
        browser.click("#" + Field.id(name) + "-" + value);
      } else if (name.startsWith("alert.hooks-")) {
        boolean checked = browser.field(name).isSelected();
        if (checked != value.equals("on")) {
          browser.click("#" + Field.id(name));
        }
      } else if (browser.field(name).getTagName().equals("select")) {
        browser.set(name, value);
      } else {
        browser.type(name, value);
      }
    }
  }

  /** What the API answers of everything a form could store. */
  private JsonNode stored() {
    var all = JSON.createObjectNode();
    for (String path :
        new String[] {
          "/api/v1/datasets",
          "/api/v1/ingestion-jobs",
          "/api/v1/models",
          "/api/v1/inference-schedulers",
          "/api/v1/alert-configurations",
          "/api/v1/hooks",
          "/api/v1/inference-schedulers/pump-7-live/replays"
        }) {
      all.set(path, vigil.api(path));
    }
    return all;
  }
}
