package dev.vigil.alert;

import static dev.vigil.alert.AlertTestBed.T0;
import static dev.vigil.alert.AlertTestBed.window;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.Vigil;
import dev.vigil.storage.Database;
import dev.vigil.testing.TestDatabases;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code vigil hook} and {@code vigil alert} against a real server over HTTP. */
class AlertCommandLineTest {
  private static final String SECRET = "cli-secret";

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

  private record Run(int exit, String out, String err) {
    JsonNode json() throws Exception {
      return new ObjectMapper().readTree(out);
    }
  }

  private Run vigil(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Vigil.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--server");
    all.add(api.url());
    int exit = commandLine.execute(all.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  private void createChat() {
    Run created =
        vigil(
            "hook",
            "create-webhook",
            "--name",
            "chat",
            "--url",
            receiver.url(),
            "--secret=" + SECRET,
            "--header",
            "Authorization: Bearer abc");
    assertThat(created.exit()).as(created.err()).isZero();
    assertThat(created.out())
        .isEqualTo("created hook chat (WEBHOOK): " + receiver.url() + ", signed\n");
  }

  @Test
  void hooks_are_created_listed_described_tested_and_deleted() {
    createChat();
    Run email =
        vigil(
            "hook",
            "create-email",
            "--name",
            "on-call",
            "--smtp-host",
            "smtp.plant.test",
            "--username",
            "vigil",
            "--password=pa55",
            "--from",
            "vigil@plant.test",
            "--to",
            "oncall@plant.test",
            "--to",
            "lead@plant.test");
    assertThat(email.exit()).as(email.err()).isZero();
    assertThat(email.out())
        .isEqualTo(
            "created hook on-call (EMAIL): smtp.plant.test:587 STARTTLS, from vigil@plant.test to"
                + " oncall@plant.test, lead@plant.test\n");

    Run list = vigil("hook", "list");
    assertThat(list.out().lines().toList())
        .hasSize(3)
        .first()
        .asString()
        .startsWith("NAME     TYPE     TIMEOUT  TARGET");
    Run described = vigil("hook", "describe", "chat");
    assertThat(described.out()).contains("Secret:  set\n").contains("Headers: Authorization\n");
    assertThat(described.out()).doesNotContain(SECRET).doesNotContain("Bearer abc");

    Run tested = vigil("hook", "test", "chat");
    assertThat(tested.exit()).isZero();
    assertThat(tested.out()).startsWith("hook chat: test delivered (HTTP 200): ok in ");
    receiver.answer(503);
    Run failed = vigil("hook", "test", "chat");
    assertThat(failed.exit()).isEqualTo(1);
    assertThat(failed.out())
        .startsWith("hook chat: test not delivered (HTTP 503): the webhook answered HTTP 503 in ");

    Run updated = vigil("hook", "update", "chat", "--timeout", "PT3S", "--json");
    assertThat(updated.exit()).as(updated.err()).isZero();
    assertThat(updated.out()).contains("\"timeout\" : \"PT3S\"");
    assertThat(vigil("hook", "delete", "on-call").out()).isEqualTo("deleted hook on-call\n");
  }

  @Test
  void bad_hook_options_are_refused_with_the_rule() {
    Run badHeader =
        vigil("hook", "create-webhook", "--name", "x", "--url", "http://a", "--header", "nocolon");
    assertThat(badHeader.exit()).isEqualTo(2);
    assertThat(badHeader.err())
        .startsWith("--header 'nocolon' is not 'NAME: VALUE', such as 'Authorization: Bearer x'");
    Run badUrl = vigil("hook", "create-webhook", "--name", "x", "--url", "file:///etc/passwd");
    assertThat(badUrl.exit()).isEqualTo(1);
    assertThat(badUrl.err())
        .isEqualTo(
            "vigil: url 'file:///etc/passwd' is not an http:// or https:// URL with a host (field:"
                + " webhook.url)\n");
    Run unknown = vigil("hook", "describe", "ghost");
    assertThat(unknown.exit()).isEqualTo(1);
    assertThat(unknown.err()).isEqualTo("vigil: hook 'ghost' does not exist\n");
  }

  @Test
  void alert_configurations_are_managed_and_alerts_listed_with_their_attempts() throws Exception {
    createChat();
    Run created =
        vigil(
            "alert",
            "config",
            "create",
            "--name",
            "pump-chat",
            "--scheduler",
            "pump-live",
            "--sensitivity",
            "70",
            "--correlate-within",
            "6",
            "--snooze",
            "PT1H",
            "--hook",
            "chat",
            "--notify-failures");
    assertThat(created.exit()).as(created.err()).isZero();
    assertThat(created.out())
        .isEqualTo(
            "created alert configuration pump-chat for inference scheduler pump-live: sensitivity"
                + " 70 (score above 0.3), group within 6 points, snooze PT1H, hooks chat\n");
    JsonNode described = vigil("alert", "config", "describe", "pump-chat", "--json").json();
    assertThat(described.get("notifyOnFailure").asBoolean()).isTrue();
    assertThat(vigil("alert", "config", "list").out()).contains("pump-chat  pump-live");

    Run updated = vigil("alert", "config", "update", "pump-chat", "--each-anomaly");
    assertThat(updated.out()).contains("each anomaly");
    Run both =
        vigil(
            "alert", "config", "update", "pump-chat", "--each-anomaly", "--correlate-within", "3");
    assertThat(both.exit()).isEqualTo(2);
    assertThat(both.err()).contains("mutually exclusive");
    Run badSensitivity = vigil("alert", "config", "update", "pump-chat", "--sensitivity", "0");
    assertThat(badSensitivity.exit()).isEqualTo(1);
    assertThat(badSensitivity.err())
        .isEqualTo(
            "vigil: field 'sensitivity' must be between 1 and 100, got 0 (field: sensitivity)\n");

    bed.record(window(T0, 0.1, 0.95));
    bed.deliverDue();
    Run alerts = vigil("alert", "list", "--scheduler", "pump-live");
    assertThat(alerts.exit()).as(alerts.err()).isZero();
    String id = bed.alerts().get(0).id();
    assertThat(alerts.out()).contains(id).contains("ANOMALY").contains("chat DELIVERED (1)");
    Run alert = vigil("alert", "describe", id);
    assertThat(alert.out())
        .contains("Configuration: pump-chat\n")
        .contains("Link:          http://vigil.test:8080/api/v1/inference-schedulers/pump-live/")
        .contains("chat  DELIVERED         1");
    assertThat(alert.out().lines().filter(line -> line.contains("delivered")).count()).isEqualTo(1);
    Run attempts = vigil("hook", "attempts", "chat");
    assertThat(attempts.out()).contains(id).contains("delivered");
    assertThat(vigil("alert", "config", "delete", "pump-chat").out())
        .isEqualTo("deleted alert configuration pump-chat\n");
    assertThat(vigil("alert", "list").out()).contains(id);
  }
}
