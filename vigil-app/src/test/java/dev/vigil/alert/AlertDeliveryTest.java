package dev.vigil.alert;

import static dev.vigil.alert.AlertTestBed.POINT;
import static dev.vigil.alert.AlertTestBed.T0;
import static dev.vigil.alert.AlertTestBed.window;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.hook.Hook;
import dev.vigil.hook.HookBodies;
import dev.vigil.storage.Database;
import dev.vigil.testing.TestDatabases;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Delivery of the outbox to real webhook receivers on loopback: signatures, retries on the backoff
 * schedule, a receiver down for an hour, a restart, a crash mid-delivery, a hanging hook, an
 * unreachable host, the retry horizon. The clock is moved by hand and deliveries run with {@link
 * DeliveryWorker#deliverDue()}; only hook timeouts take real time.
 */
class AlertDeliveryTest {
  private static final double N = 0.1;
  private static final double A = 0.9;
  private static final String SECRET = "whsec-7f3a";

  private Database database;
  private AlertTestBed bed;
  private final List<WebhookReceiver> receivers = new ArrayList<>();

  @BeforeEach
  void start() {
    database = TestDatabases.Engine.H2.open();
    bed = new AlertTestBed(database);
  }

  @AfterEach
  void stop() {
    bed.close();
    receivers.forEach(WebhookReceiver::close);
    database.close();
  }

  private WebhookReceiver receiver() {
    WebhookReceiver receiver = WebhookReceiver.start(SECRET);
    receivers.add(receiver);
    return receiver;
  }

  private static Instant point(int index) {
    return T0.plus(POINT.multipliedBy(index));
  }

  /** A configuration alerting for each anomaly, without snooze, to {@code hooks}. */
  private void configure(String... hooks) {
    bed.configure("pump-each", List.of(hooks), body -> body.correlation = AlertTestBed.each());
  }

  @Test
  void a_webhook_receives_the_signed_alert_with_its_id_and_custom_headers() {
    WebhookReceiver receiver = receiver();
    HookBodies.Create hook = new HookBodies.Create();
    hook.name = "chat";
    hook.webhook = new HookBodies.Webhook();
    hook.webhook.url = receiver.url();
    hook.webhook.secret = SECRET;
    hook.webhook.headers = Map.of("Authorization", "Bearer t0k3n", "X-Team", "pumps");
    bed.feature.hooks().create(hook);
    configure("chat");
    bed.record(window(point(0), N, A));

    assertThat(bed.deliverDue()).isEqualTo(1);

    AlertRecord alert = bed.alerts().get(0);
    assertThat(receiver.requests()).hasSize(1);
    WebhookReceiver.Request request = receiver.requests().get(0);
    assertThat(request.signatureValid()).as("signature verified by the receiver").isTrue();
    assertThat(request.signature()).startsWith("sha256=").hasSize(7 + 64);
    assertThat(request.alertId()).isEqualTo(alert.id());
    assertThat(request.attempt()).isEqualTo(1);
    assertThat(request.timestamp()).isEqualTo(Long.toString(T0.getEpochSecond()));
    assertThat(request.body()).isEqualTo(alert.payload());
    assertThat(request.headers().get("Content-Type")).isEqualTo("application/json");
    assertThat(request.headers().get("Authorization")).isEqualTo("Bearer t0k3n");
    assertThat(request.headers().get("X-Team")).isEqualTo("pumps");
    assertThat(request.json().get("anomaly").get("start").asText()).isEqualTo(point(1).toString());

    Delivery delivery = bed.deliveries().get(0);
    assertThat(delivery.status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(delivery.deliveredAt()).isEqualTo(T0);
    List<Attempt> attempts = bed.attempts(alert.id());
    assertThat(attempts).hasSize(1);
    assertThat(attempts.get(0).delivered()).isTrue();
    assertThat(attempts.get(0).httpStatus()).isEqualTo(200);
    assertThat(attempts.get(0).reply()).isEqualTo("ok");
    assertThat(attempts.get(0).error()).isNull();
  }

  @Test
  void failed_attempts_are_retried_on_the_backoff_schedule_and_every_attempt_is_recorded() {
    WebhookReceiver receiver = receiver();
    receiver.answer(503);
    bed.webhook("chat", receiver.url(), SECRET);
    configure("chat");
    bed.record(window(point(0), A));

    List<Instant> tried = new ArrayList<>();
    for (int second = 0; second <= 160; second++) {
      bed.clock.set(T0.plusSeconds(second));
      if (second == 150) {
        receiver.answer(200);
      }
      if (bed.deliverDue() > 0) {
        tried.add(bed.clock.instant());
      }
    }

    // Waits of 10, 20, 40 and 80 seconds after the failed attempts.
    assertThat(tried)
        .containsExactly(
            T0, T0.plusSeconds(10), T0.plusSeconds(30), T0.plusSeconds(70), T0.plusSeconds(150));
    AlertRecord alert = bed.alerts().get(0);
    List<Attempt> attempts = bed.attempts(alert.id());
    assertThat(attempts).extracting(Attempt::attempt).containsExactly(1, 2, 3, 4, 5);
    assertThat(attempts.subList(0, 4))
        .allSatisfy(
            attempt -> {
              assertThat(attempt.delivered()).isFalse();
              assertThat(attempt.httpStatus()).isEqualTo(503);
              assertThat(attempt.reply()).isEqualTo("receiver says no");
              assertThat(attempt.error()).isEqualTo("the webhook answered HTTP 503");
            });
    assertThat(attempts.get(4).delivered()).isTrue();
    // Every attempt carries the same id and body; only the attempt number changes.
    assertThat(receiver.requests())
        .extracting(WebhookReceiver.Request::alertId)
        .containsOnly(alert.id());
    assertThat(receiver.requests())
        .extracting(WebhookReceiver.Request::body)
        .containsOnly(alert.payload());
    assertThat(receiver.requests())
        .extracting(WebhookReceiver.Request::attempt)
        .containsExactly(1, 2, 3, 4, 5);
    assertThat(bed.deliveries().get(0).status()).isEqualTo(DeliveryStatus.DELIVERED);
  }

  @Test
  void a_hook_that_is_down_for_an_hour_gets_every_alert_in_order_when_it_comes_back() {
    WebhookReceiver receiver = receiver();
    bed.webhook("chat", receiver.url(), SECRET);
    configure("chat");
    receiver.down();

    // One anomalous window every 5 minutes for an hour; deliveries run every minute.
    for (int minute = 0; minute < 60; minute++) {
      bed.clock.set(T0.plus(Duration.ofMinutes(minute)));
      if (minute % 5 == 0) {
        bed.record(window(point(minute * 6), N, A));
      }
      bed.deliverDue();
    }
    assertThat(receiver.requests()).isEmpty();
    List<AlertRecord> alerts = bed.alerts();
    assertThat(alerts).hasSize(12);
    List<Attempt> failures = bed.attempts(alerts.get(0).id());
    assertThat(failures).hasSizeGreaterThan(5);
    assertThat(failures.get(0).error())
        .startsWith("cannot connect to 127.0.0.1:" + java.net.URI.create(receiver.url()).getPort());

    receiver.up();
    int minute = 60;
    while (receiver.requests().size() < 12 && minute < 75) {
      bed.clock.set(T0.plus(Duration.ofMinutes(minute++)));
      bed.deliverDue();
    }

    // Within the longest backoff wait (10 minutes), in the order they were decided, once each.
    assertThat(minute).isLessThanOrEqualTo(71);
    assertThat(receiver.requests())
        .extracting(WebhookReceiver.Request::alertId)
        .containsExactlyElementsOf(alerts.stream().map(AlertRecord::id).toList());
    assertThat(receiver.requests()).allMatch(WebhookReceiver.Request::signatureValid);
    assertThat(bed.deliveries()).allMatch(d -> d.status() == DeliveryStatus.DELIVERED);
    assertThat(bed.feature.worker().failures()).as("hook runs that threw").isZero();
  }

  @Test
  void after_a_restart_a_new_instance_delivers_what_the_outbox_holds() {
    WebhookReceiver receiver = receiver();
    bed.webhook("chat", receiver.url(), SECRET);
    configure("chat");
    bed.record(window(point(0), A, N, A));
    bed.stop(); // Vigil stops before delivering anything.

    bed.start(); // a new instance over the same database
    bed.clock.advance(Duration.ofMinutes(3));
    assertThat(bed.deliverDue()).isEqualTo(2);

    assertThat(receiver.requests())
        .extracting(WebhookReceiver.Request::alertId)
        .containsExactlyElementsOf(bed.alerts().stream().map(AlertRecord::id).toList());
  }

  @Test
  void a_node_that_dies_mid_delivery_leaves_a_lease_after_which_the_alert_goes_again_with_its_id() {
    WebhookReceiver receiver = receiver();
    bed.webhook("chat", receiver.url(), SECRET);
    configure("chat");
    bed.record(window(point(0), A));
    Hook hook = bed.feature.hooks().byName("chat");

    // Another node claims the delivery, sends it, and dies before recording the attempt.
    OutboxRepository outbox = new OutboxRepository(database);
    Instant leaseUntil = T0.plus(hook.timeout()).plus(DeliveryWorker.LEASE_MARGIN);
    OutboxRepository.Claim claim =
        outbox.claimNext(hook.id(), "node-that-dies", T0, leaseUntil).orElseThrow();
    bed.feature.hooks().send(hook, AlertPayloads.notification(claim.payload(), 1));
    assertThat(receiver.requests()).hasSize(1);

    bed.clock.set(leaseUntil.minusSeconds(1));
    assertThat(bed.deliverDue()).as("the lease still holds").isZero();
    bed.clock.set(leaseUntil);
    assertThat(bed.deliverDue()).isEqualTo(1);

    String alertId = bed.alerts().get(0).id();
    assertThat(receiver.requests())
        .extracting(WebhookReceiver.Request::alertId)
        .containsExactly(alertId, alertId);
    assertThat(bed.deliveries().get(0).status()).isEqualTo(DeliveryStatus.DELIVERED);
  }

  @Test
  void a_hanging_hook_holds_back_neither_another_hook_nor_inference_and_fails_at_its_timeout()
      throws Exception {
    WebhookReceiver hanging = receiver();
    WebhookReceiver healthy = receiver();
    hanging.hang();
    HookBodies.Create slow = new HookBodies.Create();
    slow.name = "hanging";
    slow.webhook = new HookBodies.Webhook();
    slow.webhook.url = hanging.url();
    slow.timeout = "PT5S";
    bed.feature.hooks().create(slow);
    bed.webhook("healthy", healthy.url(), SECRET);
    configure("hanging", "healthy");
    bed.record(window(point(0), A));
    String alertId = bed.alerts().get(0).id();

    bed.feature.worker().dispatchDue();

    assertThat(hanging.awaitRequests(1, Duration.ofSeconds(30))).isTrue();
    assertThat(healthy.awaitRequests(1, Duration.ofSeconds(30))).isTrue();
    Attempt delivered = awaitAttempt(alertId, "healthy");
    assertThat(delivered.delivered()).isTrue();
    // While the hanging hook holds its request, inference records windows and decides alerts.
    bed.record(window(point(2), A));
    assertThat(bed.alerts()).hasSize(2);
    assertThat(bed.attempts(alertId))
        .as("the hanging hook's attempt is not recorded before its timeout")
        .extracting(Attempt::hookName)
        .containsExactly("healthy");

    Attempt timedOut = awaitAttempt(alertId, "hanging");
    assertThat(timedOut.delivered()).isFalse();
    assertThat(timedOut.error()).isEqualTo("no answer within the hook's timeout of PT5S");
    assertThat(timedOut.durationMillis()).isBetween(4_900L, 30_000L);
    hanging.release();
  }

  /** Waits until an attempt to deliver the alert through the hook is recorded. */
  private Attempt awaitAttempt(String alertId, String hook) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      for (Attempt attempt : bed.attempts(alertId)) {
        if (attempt.hookName().equals(hook)) {
          return attempt;
        }
      }
      bed.feature.worker().awaitIdle(Duration.ofMillis(20));
    }
    throw new AssertionError("no attempt through hook " + hook + " within 30 seconds");
  }

  @Test
  void an_unreachable_host_is_an_attempt_with_the_reason() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    bed.webhook("nowhere", "http://127.0.0.1:" + closedPort + "/hook", null);
    configure("nowhere");
    bed.record(window(point(0), A));

    assertThat(bed.deliverDue()).isEqualTo(1);

    Attempt attempt = bed.attempts(bed.alerts().get(0).id()).get(0);
    assertThat(attempt.delivered()).isFalse();
    assertThat(attempt.httpStatus()).isNull();
    assertThat(attempt.error())
        .isEqualTo("cannot connect to 127.0.0.1:" + closedPort + ": connection refused");
    Delivery delivery = bed.deliveries().get(0);
    assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(delivery.nextAttemptAt()).isEqualTo(T0.plusSeconds(10));
    assertThat(delivery.lastError()).isEqualTo(attempt.error());
  }

  @Test
  void a_delivery_is_given_up_at_the_end_of_the_retry_horizon_and_the_next_one_goes() {
    bed.stop();
    bed.retryHorizon = Duration.ofMinutes(1);
    bed.start();
    WebhookReceiver receiver = receiver();
    receiver.answer(500);
    bed.webhook("chat", receiver.url(), SECRET);
    configure("chat");
    bed.record(window(point(0), A));

    bed.deliverDue(); // T0: fails, next at +10 s
    bed.clock.set(T0.plusSeconds(10));
    bed.deliverDue(); // fails, next at +30 s
    bed.clock.set(T0.plusSeconds(30));
    bed.deliverDue(); // fails; the next would be at +70 s, past the horizon

    Delivery given = bed.deliveries().get(0);
    assertThat(given.status()).isEqualTo(DeliveryStatus.FAILED);
    assertThat(given.attempts()).isEqualTo(3);
    assertThat(given.lastError())
        .isEqualTo(
            "gave up after 3 attempts: the retry horizon ended at "
                + T0.plus(Duration.ofMinutes(1))
                + "; the last attempt failed: the webhook answered HTTP 500");

    receiver.answer(200);
    bed.clock.set(T0.plusSeconds(40));
    bed.record(window(point(4), A));
    assertThat(bed.deliverDue()).isEqualTo(1);
    assertThat(bed.deliveries().get(1).status()).isEqualTo(DeliveryStatus.DELIVERED);
  }

  @Test
  void deliveries_to_a_hook_deleted_before_they_went_are_cancelled() {
    bed.webhook("old", "http://127.0.0.1:9/old", null);
    bed.webhook("new", "http://127.0.0.1:9/new", null);
    configure("old");
    bed.record(window(point(0), A));
    AlertBodies.Update update = new AlertBodies.Update();
    update.hooks = List.of("new");
    bed.feature.configurations().update("pump-each", update);
    bed.feature.hooks().delete("old");

    assertThat(bed.deliverDue()).isZero();

    Delivery delivery = bed.deliveries().get(0);
    assertThat(delivery.status()).isEqualTo(DeliveryStatus.CANCELLED);
    assertThat(delivery.lastError()).isEqualTo("its hook was deleted before it could be delivered");
  }
}
