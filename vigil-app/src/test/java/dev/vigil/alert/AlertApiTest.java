package dev.vigil.alert;

import static dev.vigil.alert.AlertTestBed.POINT;
import static dev.vigil.alert.AlertTestBed.T0;
import static dev.vigil.alert.AlertTestBed.window;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.storage.Database;
import dev.vigil.testing.TestDatabases;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hooks, alert configurations and alert history over the HTTP API of a real server: what is
 * answered, what is refused and with which message, and that secrets never come back.
 */
class AlertApiTest {
  private static final String SECRET = "whsec-never-shown";
  private static final String TOKEN = "Bearer token-never-shown";
  private static final String PASSWORD = "smtp-password-never-shown";

  private Database database;
  private AlertTestBed bed;
  private AlertApi api;
  private WebhookReceiver receiver;

  @BeforeEach
  void start() {
    database = TestDatabases.Engine.H2.open();
    bed = new AlertTestBed(database);
    api = new AlertApi(bed);
    receiver = WebhookReceiver.start(SECRET);
  }

  @AfterEach
  void stop() {
    api.close();
    bed.close();
    receiver.close();
    database.close();
  }

  private AlertApi.Response createChat() {
    return api.post(
        "/api/v1/hooks",
        "{\"name\":\"chat\",\"webhook\":{\"url\":\""
            + receiver.url()
            + "\",\"secret\":\""
            + SECRET
            + "\",\"headers\":{\"Authorization\":\""
            + TOKEN
            + "\"}},\"timeout\":\"PT5S\"}");
  }

  private AlertApi.Response createConfiguration(String body) {
    return api.post("/api/v1/alert-configurations", body);
  }

  private static void assertRefused(
      AlertApi.Response response, int status, String field, String message) {
    assertThat(response.status()).as(response.text()).isEqualTo(status);
    JsonNode error = response.json().get("error");
    assertThat(error.get("message").asText()).isEqualTo(message);
    if (field == null) {
      assertThat(error.has("field")).isFalse();
    } else {
      assertThat(error.get("field").asText()).isEqualTo(field);
    }
  }

  @Test
  void a_webhook_is_answered_without_its_secret_or_header_values() {
    AlertApi.Response created = createChat();

    assertThat(created.status()).as(created.text()).isEqualTo(201);
    JsonNode hook = created.json();
    assertThat(hook.get("name").asText()).isEqualTo("chat");
    assertThat(hook.get("type").asText()).isEqualTo("WEBHOOK");
    assertThat(hook.get("timeout").asText()).isEqualTo("PT5S");
    assertThat(hook.get("webhook").get("url").asText()).isEqualTo(receiver.url());
    assertThat(hook.get("webhook").get("secretSet").asBoolean()).isTrue();
    assertThat(hook.get("webhook").get("headerNames").get(0).asText()).isEqualTo("Authorization");
    for (AlertApi.Response answer :
        new AlertApi.Response[] {
          created, api.get("/api/v1/hooks/chat"), api.get("/api/v1/hooks")
        }) {
      assertThat(answer.text()).doesNotContain(SECRET).doesNotContain("token-never-shown");
    }

    AlertApi.Response cleared =
        api.put("/api/v1/hooks/chat", "{\"webhook\":{\"secret\":\"\",\"headers\":{}}}");
    assertThat(cleared.json().get("webhook").get("secretSet").asBoolean()).isFalse();
    assertThat(cleared.json().get("webhook").get("headerNames")).isEmpty();
    assertThat(cleared.json().get("webhook").get("url").asText()).isEqualTo(receiver.url());
  }

  @Test
  void an_email_hook_is_answered_without_its_password() {
    AlertApi.Response created =
        api.post(
            "/api/v1/hooks",
            "{\"name\":\"on-call\",\"email\":{\"host\":\"smtp.plant.test\",\"username\":\"vigil\","
                + "\"password\":\""
                + PASSWORD
                + "\",\"from\":\"vigil@plant.test\",\"to\":[\"oncall@plant.test\"]}}");

    assertThat(created.status()).as(created.text()).isEqualTo(201);
    JsonNode email = created.json().get("email");
    assertThat(email.get("port").asInt()).isEqualTo(587);
    assertThat(email.get("security").asText()).isEqualTo("STARTTLS");
    assertThat(email.get("passwordSet").asBoolean()).isTrue();
    assertThat(created.json().get("timeout").asText()).isEqualTo("PT10S");
    assertThat(created.text()).doesNotContain(PASSWORD);
    assertThat(api.get("/api/v1/hooks/on-call").text()).doesNotContain(PASSWORD);
    // The secrets are not in what Vigil logs either: records print them masked.
    assertThat(bed.feature.hooks().byName("on-call").toString())
        .doesNotContain(PASSWORD)
        .contains("password=****");
  }

  @Test
  void hooks_that_break_a_rule_are_refused_with_the_field_and_the_rule() {
    assertRefused(
        api.post("/api/v1/hooks", "{\"name\":\"x\",\"webhook\":{\"url\":\"ftp://plant.test/in\"}}"),
        400,
        "webhook.url",
        "url 'ftp://plant.test/in' is not an http:// or https:// URL with a host");
    assertRefused(
        api.post("/api/v1/hooks", "{\"name\":\"x\",\"webhook\":{\"url\":\"https:///no-host\"}}"),
        400,
        "webhook.url",
        "url 'https:///no-host' is not an http:// or https:// URL with a host");
    assertRefused(
        api.post("/api/v1/hooks", "{\"name\":\"x\"}"),
        400,
        null,
        "give exactly one of 'webhook' and 'email'");
    assertRefused(
        api.post("/api/v1/hooks", "{\"webhook\":{\"url\":\"http://a\"}}"),
        400,
        "name",
        "field 'name' is required");
    assertRefused(
        api.post(
            "/api/v1/hooks",
            "{\"name\":\"x\",\"webhook\":{\"url\":\"http://a\",\"headers\":{\"Host\":\"b\"}}}"),
        400,
        "webhook.headers.Host",
        "header 'Host' is set by Vigil or by HTTP itself and cannot be a custom header");
    assertRefused(
        api.post(
            "/api/v1/hooks",
            "{\"name\":\"x\",\"webhook\":{\"url\":\"http://a\",\"headers\":{\"X-Vigil-Id\":\"b\"}}}"),
        400,
        "webhook.headers.X-Vigil-Id",
        "header 'X-Vigil-Id' is reserved: X-Vigil-* headers are Vigil's own");
    assertRefused(
        api.post(
            "/api/v1/hooks",
            "{\"name\":\"x\",\"webhook\":{\"url\":\"http://a\"},\"timeout\":\"PT5M\"}"),
        400,
        "timeout",
        "timeout must be between PT1S and PT1M, got PT5M");
    assertRefused(
        api.post(
            "/api/v1/hooks",
            "{\"name\":\"x\",\"email\":{\"host\":\"smtp\",\"port\":0,\"from\":\"a@b.c\","
                + "\"to\":[\"d@e.f\"]}}"),
        400,
        "email.port",
        "field 'email.port' must be between 1 and 65535, got 0");
    assertRefused(
        api.post(
            "/api/v1/hooks",
            "{\"name\":\"x\",\"email\":{\"host\":\"smtp\",\"from\":\"a@b.c\",\"to\":[]}}"),
        400,
        "email.to",
        "field 'email.to' needs at least one recipient");
    assertRefused(
        api.post(
            "/api/v1/hooks",
            "{\"name\":\"x\",\"email\":{\"host\":\"smtp\",\"from\":\"a@b.c\",\"to\":[\"d@e.f\",\"nobody\"]}}"),
        400,
        "email.to[1]",
        "recipient 'nobody' is not an email address: Missing final '@domain'");
    assertRefused(
        api.post(
            "/api/v1/hooks",
            "{\"name\":\"x\",\"email\":{\"host\":\"smtp\",\"security\":\"SSL\",\"from\":\"a@b.c\",\"to\":[\"d@e.f\"]}}"),
        400,
        "email.security",
        "field 'email.security' cannot be SSL: it must be one of NONE, STARTTLS, TLS");
    assertThat(createChat().status()).isEqualTo(201);
    assertRefused(createChat(), 409, null, "hook 'chat' already exists");
    assertRefused(
        api.put("/api/v1/hooks/chat", "{\"email\":{\"host\":\"smtp\"}}"),
        400,
        "email",
        "hook 'chat' is a webhook: give 'webhook' settings, not 'email'");
    assertRefused(
        api.put("/api/v1/hooks/chat", "{}"),
        400,
        null,
        "the update changes nothing: give at least one of webhook, email, timeout");
    assertRefused(api.get("/api/v1/hooks/nope"), 404, null, "hook 'nope' does not exist");
    assertRefused(
        api.post("/api/v1/hooks/nope/test", null), 404, null, "hook 'nope' does not exist");
    assertRefused(api.delete("/api/v1/hooks/nope"), 404, null, "hook 'nope' does not exist");
  }

  @Test
  void an_alert_configuration_is_created_listed_updated_and_deleted() {
    createChat();
    AlertApi.Response created =
        createConfiguration(
            "{\"name\":\"pump-chat\",\"schedulerName\":\"pump-live\",\"sensitivity\":70,"
                + "\"correlation\":{\"mode\":\"GROUP\",\"withinPoints\":6},\"snooze\":\"PT1H\","
                + "\"hooks\":[\"chat\"],\"notifyOnFailure\":true}");

    assertThat(created.status()).as(created.text()).isEqualTo(201);
    JsonNode configuration = created.json();
    assertThat(configuration.get("schedulerName").asText()).isEqualTo("pump-live");
    assertThat(configuration.get("sensitivity").asInt()).isEqualTo(70);
    assertThat(configuration.get("scoreThreshold").asDouble())
        .isEqualTo(0.3, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(configuration.get("correlation").get("mode").asText()).isEqualTo("GROUP");
    assertThat(configuration.get("correlation").get("withinPoints").asInt()).isEqualTo(6);
    assertThat(configuration.get("snooze").asText()).isEqualTo("PT1H");
    assertThat(configuration.get("hooks").get(0).asText()).isEqualTo("chat");
    assertThat(configuration.get("notifyOnFailure").asBoolean()).isTrue();
    assertThat(configuration.get("notifyOnSystemPause").asBoolean()).isTrue();

    AlertApi.Response defaults =
        createConfiguration(
            "{\"name\":\"fan\",\"schedulerName\":\"fan-live\",\"hooks\":[\"chat\"]}");
    assertThat(defaults.json().get("sensitivity").asInt()).isEqualTo(50);
    assertThat(defaults.json().get("correlation").get("withinPoints").asInt()).isEqualTo(10);
    assertThat(defaults.json().get("snooze").asText()).isEqualTo("PT0S");
    assertThat(defaults.json().get("notifyOnFailure").asBoolean()).isFalse();

    assertThat(
            api.get("/api/v1/alert-configurations?schedulerName=pump-live")
                .json()
                .get("alertConfigurations"))
        .extracting(node -> node.get("name").asText())
        .containsExactly("pump-chat");
    AlertApi.Response updated =
        api.put(
            "/api/v1/alert-configurations/pump-chat",
            "{\"correlation\":{\"mode\":\"EACH\"},\"sensitivity\":90}");
    assertThat(updated.json().get("correlation").get("mode").asText()).isEqualTo("EACH");
    assertThat(updated.json().get("correlation").has("withinPoints")).isFalse();
    assertThat(updated.json().get("sensitivity").asInt()).isEqualTo(90);
    assertThat(updated.json().get("snooze").asText()).isEqualTo("PT1H");

    assertRefused(
        api.delete("/api/v1/hooks/chat"),
        409,
        null,
        "hook 'chat' is used by alert configuration fan, alert configuration pump-chat: remove it"
            + " from them first");
    assertThat(api.delete("/api/v1/alert-configurations/pump-chat").status()).isEqualTo(204);
    assertThat(api.delete("/api/v1/alert-configurations/fan").status()).isEqualTo(204);
    assertThat(api.delete("/api/v1/hooks/chat").status()).isEqualTo(204);
    assertThat(api.get("/api/v1/alert-configurations").json().get("alertConfigurations")).isEmpty();
  }

  @Test
  void alert_configurations_that_break_a_rule_are_refused_with_the_field_and_the_rule() {
    createChat();
    String hooks = ",\"hooks\":[\"chat\"]";
    assertRefused(
        createConfiguration(
            "{\"name\":\"c\",\"schedulerName\":\"pump-live\",\"sensitivity\":0" + hooks + "}"),
        400,
        "sensitivity",
        "field 'sensitivity' must be between 1 and 100, got 0");
    assertRefused(
        createConfiguration(
            "{\"name\":\"c\",\"schedulerName\":\"pump-live\",\"sensitivity\":101" + hooks + "}"),
        400,
        "sensitivity",
        "field 'sensitivity' must be between 1 and 100, got 101");
    assertRefused(
        createConfiguration("{\"name\":\"c\",\"schedulerName\":\"nope\"" + hooks + "}"),
        400,
        "schedulerName",
        "inference scheduler 'nope' does not exist");
    assertRefused(
        createConfiguration(
            "{\"name\":\"c\",\"schedulerName\":\"pump-live\",\"hooks\":[\"chat\",\"ghost\"]}"),
        400,
        "hooks[1]",
        "hook 'ghost' does not exist; create it first (POST /api/v1/hooks)");
    assertRefused(
        createConfiguration("{\"name\":\"c\",\"schedulerName\":\"pump-live\",\"hooks\":[]}"),
        400,
        "hooks",
        "field 'hooks' needs at least one hook");
    assertRefused(
        createConfiguration("{\"name\":\"c\",\"schedulerName\":\"pump-live\"}"),
        400,
        "hooks",
        "field 'hooks' is required");
    assertRefused(
        createConfiguration(
            "{\"name\":\"c\",\"schedulerName\":\"pump-live\",\"correlation\":{\"mode\":\"GROUP\","
                + "\"withinPoints\":0}"
                + hooks
                + "}"),
        400,
        "correlation.withinPoints",
        "field 'correlation.withinPoints' must be between 1 and 10000, got 0");
    assertRefused(
        createConfiguration(
            "{\"name\":\"c\",\"schedulerName\":\"pump-live\",\"correlation\":{\"mode\":\"EACH\","
                + "\"withinPoints\":3}"
                + hooks
                + "}"),
        400,
        "correlation.withinPoints",
        "field 'correlation.withinPoints' goes with mode GROUP only: mode EACH sends an alert for"
            + " every anomalous point");
    assertRefused(
        createConfiguration(
            "{\"name\":\"c\",\"schedulerName\":\"pump-live\",\"snooze\":\"an hour\"" + hooks + "}"),
        400,
        "snooze",
        "snooze 'an hour' is not an ISO-8601 duration such as PT1H");
    assertRefused(
        createConfiguration("{\"name\":\"c d\",\"schedulerName\":\"pump-live\"" + hooks + "}"),
        400,
        "name",
        "name 'c d' is not valid: use 1 to 200 letters, digits, '_' and '-'");
    assertThat(
            createConfiguration("{\"name\":\"c\",\"schedulerName\":\"pump-live\"" + hooks + "}")
                .status())
        .isEqualTo(201);
    assertRefused(
        createConfiguration("{\"name\":\"c\",\"schedulerName\":\"pump-live\"" + hooks + "}"),
        409,
        null,
        "alert configuration 'c' already exists");
    assertRefused(
        api.put("/api/v1/alert-configurations/c", "{\"schedulerName\":\"fan-live\"}"),
        400,
        "schedulerName",
        "unknown field 'schedulerName'; known fields: correlation, hooks, notifyOnFailure,"
            + " notifyOnSystemPause, sensitivity, snooze");
    assertRefused(
        api.put("/api/v1/alert-configurations/c", "{}"),
        400,
        null,
        "the update changes nothing: give at least one of sensitivity, correlation, snooze,"
            + " hooks, notifyOnFailure, notifyOnSystemPause");
    assertRefused(
        api.get("/api/v1/alert-configurations/nope"),
        404,
        null,
        "alert configuration 'nope' does not exist");
    assertRefused(
        api.get("/api/v1/alert-configurations?schedulerName=nope"),
        404,
        null,
        "inference scheduler 'nope' does not exist");
  }

  @Test
  void alerts_and_every_delivery_attempt_are_listed() {
    createChat();
    createConfiguration(
        "{\"name\":\"pump-chat\",\"schedulerName\":\"pump-live\",\"hooks\":[\"chat\"]}");
    receiver.answer(502);
    bed.record(window(T0, 0.1, 0.92));
    bed.deliverDue();
    bed.clock.set(T0.plusSeconds(10));
    receiver.answer(200);
    bed.deliverDue();

    JsonNode alerts = api.get("/api/v1/alerts?schedulerName=pump-live").json().get("alerts");
    assertThat(alerts).hasSize(1);
    JsonNode alert = alerts.get(0);
    String id = alert.get("id").asText();
    assertThat(alert.get("type").asText()).isEqualTo("ANOMALY");
    assertThat(alert.get("configurationName").asText()).isEqualTo("pump-chat");
    assertThat(alert.get("anomalyStart").asText()).isEqualTo(T0.plus(POINT).toString());
    assertThat(alert.get("peakScore").asDouble()).isEqualTo(0.92);
    JsonNode delivery = alert.get("deliveries").get(0);
    assertThat(delivery.get("hook").asText()).isEqualTo("chat");
    assertThat(delivery.get("status").asText()).isEqualTo("DELIVERED");
    assertThat(delivery.get("attempts").asInt()).isEqualTo(2);
    assertThat(delivery.get("deliveredAt").asText()).isEqualTo(T0.plusSeconds(10).toString());

    JsonNode described = api.get("/api/v1/alerts/" + id).json();
    assertThat(described.get("payload").get("id").asText()).isEqualTo(id);
    JsonNode attempts = described.get("attempts");
    assertThat(attempts).hasSize(2);
    assertThat(attempts.get(0).get("hook").asText()).isEqualTo("chat");
    assertThat(attempts.get(0).get("delivered").asBoolean()).isFalse();
    assertThat(attempts.get(0).get("httpStatus").asInt()).isEqualTo(502);
    assertThat(attempts.get(0).get("error").asText()).isEqualTo("the webhook answered HTTP 502");
    assertThat(attempts.get(0).get("startedAt").asText()).isEqualTo(T0.toString());
    assertThat(attempts.get(1).get("httpStatus").asInt()).isEqualTo(200);

    JsonNode byHook = api.get("/api/v1/hooks/chat/attempts?limit=1").json();
    assertThat(byHook.get("attempts")).hasSize(1);
    assertThat(byHook.get("attempts").get(0).get("alertId").asText()).isEqualTo(id);
    assertThat(byHook.get("attempts").get(0).get("delivered").asBoolean()).isTrue();

    assertThat(api.get("/api/v1/alerts?configurationName=other").json().get("alerts")).isEmpty();
    assertThat(
            api.get("/api/v1/alerts?from=" + Instant.parse("2026-03-02T00:00:00Z"))
                .json()
                .get("alerts"))
        .isEmpty();
    assertRefused(api.get("/api/v1/alerts/nope"), 404, null, "alert 'nope' does not exist");
    assertRefused(
        api.get("/api/v1/alerts?from=yesterday"),
        400,
        "from",
        "from 'yesterday' is not an ISO-8601 instant such as 2026-01-01T10:00:00Z");
    assertRefused(
        api.get("/api/v1/alerts?limit=0"),
        400,
        "limit",
        "limit must be a whole number from 1 to 1000, got '0'");
    assertRefused(api.get("/api/v1/hooks/nope/attempts"), 404, null, "hook 'nope' does not exist");
  }

  @Test
  void the_test_action_posts_a_signed_test_message_and_answers_what_came_of_it() throws Exception {
    createChat();

    AlertApi.Response tested = api.post("/api/v1/hooks/chat/test", null);

    assertThat(tested.status()).isEqualTo(200);
    assertThat(tested.json().get("delivered").asBoolean()).isTrue();
    assertThat(tested.json().get("httpStatus").asInt()).isEqualTo(200);
    WebhookReceiver.Request request = receiver.requests().get(0);
    assertThat(request.signatureValid()).isTrue();
    assertThat(request.json().get("type").asText()).isEqualTo("TEST");
    assertThat(request.alertId()).isEqualTo(tested.json().get("testId").asText());

    receiver.answer(401);
    JsonNode refused = api.post("/api/v1/hooks/chat/test", null).json();
    assertThat(refused.get("delivered").asBoolean()).isFalse();
    assertThat(refused.get("httpStatus").asInt()).isEqualTo(401);
    assertThat(refused.get("error").asText()).isEqualTo("the webhook answered HTTP 401");
    assertThat(refused.get("reply").asText()).isEqualTo("receiver says no");
  }
}
