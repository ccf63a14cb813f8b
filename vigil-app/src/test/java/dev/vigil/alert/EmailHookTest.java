package dev.vigil.alert;

import static dev.vigil.alert.AlertTestBed.POINT;
import static dev.vigil.alert.AlertTestBed.T0;
import static dev.vigil.alert.AlertTestBed.window;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.vigil.hook.HookBodies;
import dev.vigil.hook.SmtpSecurity;
import dev.vigil.hook.SmtpTls;
import dev.vigil.storage.Database;
import dev.vigil.testing.TestDatabases;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.security.KeyStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Email hooks against GreenMail, a real SMTP server on loopback: plain SMTP with authentication,
 * TLS from the first byte, STARTTLS refused rather than skipped, a wrong password, and the test
 * action.
 */
class EmailHookTest {
  private static final String USER = "vigil";
  private static final String PASSWORD = "smtp-pa55";

  private Database database;
  private AlertTestBed bed;
  private GreenMail smtp;

  @BeforeEach
  void start() {
    database = TestDatabases.Engine.H2.open();
    bed = new AlertTestBed(database);
  }

  @AfterEach
  void stop() {
    bed.close();
    if (smtp != null) {
      smtp.stop();
    }
    database.close();
  }

  private GreenMail server(ServerSetup setup) {
    smtp =
        new GreenMail(setup.dynamicPort())
            .withConfiguration(
                GreenMailConfiguration.aConfig().withUser("vigil@plant.test", USER, PASSWORD));
    smtp.start();
    return smtp;
  }

  private static Instant point(int index) {
    return T0.plus(POINT.multipliedBy(index));
  }

  private Map<String, Object> emailHook(String name, SmtpSecurity security, String password) {
    HookBodies.Create body = new HookBodies.Create();
    body.name = name;
    body.email = new HookBodies.Email();
    body.email.host = "127.0.0.1";
    body.email.port = smtp.getSmtp() == null ? smtp.getSmtps().getPort() : smtp.getSmtp().getPort();
    body.email.security = security;
    body.email.username = USER;
    body.email.password = password;
    body.email.from = "Vigil <vigil@plant.test>";
    body.email.to = List.of("oncall@plant.test", "reliability@plant.test");
    body.timeout = "PT5S";
    return bed.feature.hooks().create(body);
  }

  @Test
  void an_email_hook_mails_the_alert_with_the_same_facts_in_words() throws Exception {
    server(ServerSetupTest.SMTP);
    emailHook("on-call", SmtpSecurity.NONE, PASSWORD);
    bed.configure("pump-mail", List.of("on-call"), body -> {});
    bed.record(window(point(0), 0.1, 0.7, 0.93));

    assertThat(bed.deliverDue()).isEqualTo(1);

    AlertRecord alert = bed.alerts().get(0);
    MimeMessage[] messages = smtp.getReceivedMessages();
    assertThat(messages).hasSize(2); // one per recipient mailbox
    MimeMessage message = messages[0];
    assertThat(message.getSubject())
        .isEqualTo(
            "[Vigil] Anomaly on pump-live: " + point(1) + " to " + point(2) + ", peak score 0.930");
    assertThat(message.getHeader("X-Vigil-Alert-Id")[0]).isEqualTo(alert.id());
    assertThat(message.getMessageID()).isEqualTo("<" + alert.id() + "@vigil>");
    assertThat(message.getFrom()[0].toString()).isEqualTo("Vigil <vigil@plant.test>");
    String text = GreenMailUtil.getBody(message).replace("\r\n", "\n");
    assertThat(text)
        .contains("Scheduler:   pump-live\n")
        .contains("Model:       pump-model, version 2\n")
        .contains("Anomalous:   " + point(1) + " to " + point(2) + " (2 anomalous points)\n")
        .contains("Peak score:  0.930 at " + point(2) + " (threshold 0.500, sensitivity 50)\n")
        .contains("Top sensors: comp01\\s01 61%, comp02\\s03 22%, comp01\\s02 17%\n")
        .contains(
            "In Vigil:    http://vigil.test:8080/api/v1/inference-schedulers/pump-live/results?from="
                + point(0))
        .contains("alert " + alert.id() + " (the same id in every retry of this alert)");

    Attempt attempt = bed.attempts(alert.id()).get(0);
    assertThat(attempt.delivered()).isTrue();
    assertThat(attempt.reply()).startsWith("250");
  }

  @Test
  void tls_protects_the_connection_from_the_first_byte() throws Exception {
    server(ServerSetupTest.SMTPS);
    bed.stop();
    bed.tls = new SmtpTls(trustingGreenMail().getSocketFactory(), false);
    bed.start();
    emailHook("on-call", SmtpSecurity.TLS, PASSWORD);
    bed.configure("pump-mail", List.of("on-call"), body -> {});
    bed.record(window(point(0), 0.9));

    bed.deliverDue();

    assertThat(bed.deliveries().get(0).status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(smtp.getReceivedMessages()).hasSize(2);
  }

  @Test
  void starttls_is_required_and_a_server_without_it_gets_nothing_in_plain_text() {
    server(ServerSetupTest.SMTP); // GreenMail's SMTP does not offer STARTTLS
    emailHook("on-call", SmtpSecurity.STARTTLS, PASSWORD);
    bed.configure("pump-mail", List.of("on-call"), body -> {});
    bed.record(window(point(0), 0.9));

    bed.deliverDue();

    Attempt attempt = bed.attempts(bed.alerts().get(0).id()).get(0);
    assertThat(attempt.delivered()).isFalse();
    assertThat(attempt.error())
        .isEqualTo(
            "SMTP server 127.0.0.1:"
                + smtp.getSmtp().getPort()
                + ": STARTTLS is required but host does not support STARTTLS");
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }

  @Test
  void a_wrong_password_is_an_attempt_with_the_servers_reply() {
    server(ServerSetupTest.SMTP);
    emailHook("on-call", SmtpSecurity.NONE, "wrong");
    bed.configure("pump-mail", List.of("on-call"), body -> {});
    bed.record(window(point(0), 0.9));

    bed.deliverDue();

    Attempt attempt = bed.attempts(bed.alerts().get(0).id()).get(0);
    assertThat(attempt.delivered()).isFalse();
    assertThat(attempt.error())
        .startsWith("SMTP server 127.0.0.1:" + smtp.getSmtp().getPort() + ": ");
    assertThat(attempt.error()).contains("535");
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }

  @Test
  void the_test_action_sends_a_message_now_and_answers_the_servers_reply() throws Exception {
    server(ServerSetupTest.SMTP);
    emailHook("on-call", SmtpSecurity.NONE, PASSWORD);

    Map<String, Object> answer = bed.feature.hooks().test("on-call");

    assertThat(answer.get("delivered")).isEqualTo(true);
    assertThat((String) answer.get("reply")).startsWith("250");
    assertThat(smtp.getReceivedMessages()[0].getSubject())
        .isEqualTo("[Vigil] Test of hook on-call");
  }

  /** An SSL context that trusts GreenMail's self-signed certificate, and nothing else. */
  private static SSLContext trustingGreenMail() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = GreenMail.class.getClassLoader().getResourceAsStream("greenmail.p12")) {
      store.load(in, "changeit".toCharArray());
    }
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }
}
