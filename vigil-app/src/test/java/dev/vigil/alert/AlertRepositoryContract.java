package dev.vigil.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.model.Sensitivity;
import dev.vigil.storage.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of the alert repositories on any database (configurations and their state,
 * incidents, the outbox and its claims, history): subclasses give an empty, migrated {@link
 * Database} (embedded H2, and a real PostgreSQL).
 */
abstract class AlertRepositoryContract {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final AlertConfiguration.HookRef CHAT =
      new AlertConfiguration.HookRef("hook-chat", "chat");
  private static final AlertConfiguration.HookRef PAGER =
      new AlertConfiguration.HookRef("hook-pager", "pager");

  private AlertConfigurationRepository configurations;
  private IncidentRepository incidents;
  private OutboxRepository outbox;

  /** A migrated database with no alerts, one per test. */
  abstract Database database();

  @BeforeEach
  void createRepositories() {
    configurations = new AlertConfigurationRepository(database());
    incidents = new IncidentRepository();
    outbox = new OutboxRepository(database());
    for (AlertConfiguration.HookRef hook : List.of(CHAT, PAGER)) {
      database()
          .jdbi()
          .useHandle(
              handle ->
                  handle
                      .createUpdate(
                          "INSERT INTO alert_hooks (id, name, type, settings, timeout_millis,"
                              + " created_at, updated_at) VALUES (:id, :name, 'WEBHOOK',"
                              + " '{\"url\":\"http://x\"}', 1000, 0, 0)")
                      .bind("id", hook.id())
                      .bind("name", hook.name())
                      .execute());
    }
  }

  private static AlertConfiguration configuration(
      String id, String name, String schedulerId, List<AlertConfiguration.HookRef> hooks) {
    return new AlertConfiguration(
        id,
        name,
        schedulerId,
        schedulerId + "-name",
        new Sensitivity(70),
        CorrelationMode.GROUP,
        12,
        Duration.ofMinutes(15),
        true,
        false,
        hooks,
        NOW,
        NOW);
  }

  private static AlertRecord alert(String id, String configurationId, Instant at) {
    return new AlertRecord(
        id,
        configurationId,
        configurationId + "-name",
        "scheduler-1",
        "pump-live",
        AlertKind.ANOMALY,
        null,
        at,
        at.minusSeconds(30),
        at.minusSeconds(10),
        0.93,
        null,
        "{\"id\":\"" + id + "\"}",
        at);
  }

  /** Decides an alert of configuration c-1 at {@code at}, to be delivered to hook-chat. */
  void insertAlert(String id, Instant at) {
    insert(alert(id, "c-1", at), List.of(CHAT));
  }

  private void insert(AlertRecord alert, List<AlertConfiguration.HookRef> hooks) {
    database()
        .jdbi()
        .useTransaction(
            handle -> outbox.insert(handle, alert, hooks, alert.createdAt().plusSeconds(3_600)));
  }

  @Test
  void configurations_are_stored_with_their_hooks_and_found_by_scheduler() {
    AlertConfiguration strict = configuration("c-2", "strict", "scheduler-1", List.of(PAGER, CHAT));
    AlertConfiguration eager = configuration("c-1", "eager", "scheduler-1", List.of(CHAT));
    AlertConfiguration other = configuration("c-3", "other", "scheduler-2", List.of(CHAT));
    for (AlertConfiguration configuration : List.of(strict, eager, other)) {
      assertThat(configurations.insert(configuration))
          .isEqualTo(AlertConfigurationRepository.Saved.SAVED);
    }

    assertThat(configurations.findByName("strict").orElseThrow().hooks())
        .containsExactly(CHAT, PAGER);
    assertThat(configurations.list(null))
        .extracting(AlertConfiguration::name)
        .containsExactly("eager", "other", "strict");
    assertThat(configurations.list("scheduler-1"))
        .extracting(AlertConfiguration::name)
        .containsExactly("eager", "strict");
    List<AlertConfiguration> ofScheduler =
        database().jdbi().withHandle(handle -> configurations.forScheduler(handle, "scheduler-1"));
    assertThat(ofScheduler).extracting(AlertConfiguration::id).containsExactly("c-1", "c-2");
    assertThat(configurations.usersOfHook("hook-chat"))
        .containsExactly(
            "alert configuration eager", "alert configuration other", "alert configuration strict");
    AlertConfiguration read = configurations.findByName("eager").orElseThrow();
    assertThat(read).isEqualTo(eager);
  }

  @Test
  void a_duplicate_name_or_a_missing_hook_is_refused_and_an_update_replaces_the_hooks() {
    configurations.insert(configuration("c-1", "eager", "scheduler-1", List.of(CHAT)));
    assertThat(configurations.insert(configuration("c-2", "eager", "scheduler-1", List.of(CHAT))))
        .isEqualTo(AlertConfigurationRepository.Saved.DUPLICATE_NAME);
    assertThat(
            configurations.insert(
                configuration(
                    "c-3",
                    "gone",
                    "scheduler-1",
                    List.of(new AlertConfiguration.HookRef("hook-gone", "gone")))))
        .isEqualTo(AlertConfigurationRepository.Saved.HOOK_GONE);
    assertThat(configurations.findByName("gone")).isEmpty();

    assertThat(configurations.update(configuration("c-1", "eager", "scheduler-1", List.of(PAGER))))
        .isEqualTo(AlertConfigurationRepository.Saved.SAVED);
    assertThat(configurations.findByName("eager").orElseThrow().hooks()).containsExactly(PAGER);
    assertThat(configurations.update(configuration("c-9", "nine", "scheduler-1", List.of(PAGER))))
        .isEqualTo(AlertConfigurationRepository.Saved.GONE);
    assertThat(configurations.delete("c-1")).isTrue();
    assertThat(configurations.usersOfHook("hook-pager")).isEmpty();
  }

  @Test
  void a_snooze_is_claimed_once_until_it_ends_and_a_failure_streak_starts_once() {
    configurations.insert(configuration("c-1", "eager", "scheduler-1", List.of(CHAT)));
    Instant until = NOW.plus(Duration.ofMinutes(15));
    boolean[] claims =
        database()
            .jdbi()
            .inTransaction(
                handle ->
                    new boolean[] {
                      configurations.claimSnooze(handle, "c-1", NOW, until),
                      configurations.claimSnooze(handle, "c-1", NOW.plusSeconds(60), until),
                      configurations.claimSnooze(handle, "c-1", until, until.plusSeconds(900))
                    });
    assertThat(claims).containsExactly(true, false, true);
    assertThat(configurations.snoozedUntil("c-1")).contains(until.plusSeconds(900));

    boolean[] streaks =
        database()
            .jdbi()
            .inTransaction(
                handle ->
                    new boolean[] {
                      configurations.recordFailure(handle, "c-1", true),
                      configurations.recordFailure(handle, "c-1", true),
                      configurations.recordFailure(handle, "c-1", false),
                      configurations.recordFailure(handle, "c-1", true)
                    });
    assertThat(streaks).containsExactly(true, false, false, true);
  }

  @Test
  void incidents_and_judged_windows_are_kept_per_configuration_and_stream() {
    Incident incident =
        new Incident(
            1_000,
            5_000,
            3,
            4,
            0.97,
            2_000,
            List.of(new SensorShare("comp01\\s01", 0.61), new SensorShare("comp02\\s03", 0.2)),
            true,
            "alert-1");
    database()
        .jdbi()
        .useTransaction(
            handle -> {
              incidents.save(handle, "c-1", IncidentRepository.LIVE, incident);
              incidents.save(handle, "c-1", "replay-1", incident.afterQuietPoint());
              incidents.save(handle, "c-1", IncidentRepository.LIVE, incident.afterQuietPoint());
              incidents.recordWindow(handle, "c-1", NOW, "alert-1");
              incidents.recordWindow(handle, "c-1", NOW, "alert-2");
            });

    database()
        .jdbi()
        .useHandle(
            handle -> {
              assertThat(incidents.find(handle, "c-1", IncidentRepository.LIVE))
                  .contains(incident.afterQuietPoint());
              assertThat(incidents.find(handle, "c-1", "replay-1"))
                  .contains(incident.afterQuietPoint());
              assertThat(incidents.find(handle, "c-2", IncidentRepository.LIVE)).isEmpty();
              assertThat(incidents.windowJudged(handle, "c-1", NOW)).isTrue();
              assertThat(incidents.windowJudged(handle, "c-1", NOW.plusSeconds(300))).isFalse();
              assertThat(incidents.windowJudged(handle, "c-2", NOW)).isFalse();
            });
  }

  @Test
  void only_the_oldest_pending_delivery_of_a_configuration_to_a_hook_is_claimed() {
    insert(alert("a-1", "c-1", NOW), List.of(CHAT, PAGER));
    insert(alert("a-2", "c-1", NOW), List.of(CHAT));
    insert(alert("a-3", "c-2", NOW), List.of(CHAT));
    Instant lease = NOW.plusSeconds(40);

    assertThat(outbox.hooksWithDueDeliveries(NOW))
        .containsExactlyInAnyOrder("hook-chat", "hook-pager");
    OutboxRepository.Claim first =
        outbox.claimNext("hook-chat", "node-a", NOW, lease).orElseThrow();
    assertThat(first.delivery().alertId()).isEqualTo("a-1");
    assertThat(first.payload()).isEqualTo("{\"id\":\"a-1\"}");
    // a-2 waits behind a-1 (same configuration and hook); a-3 of another configuration does not.
    OutboxRepository.Claim second =
        outbox.claimNext("hook-chat", "node-b", NOW, lease).orElseThrow();
    assertThat(second.delivery().alertId()).isEqualTo("a-3");
    assertThat(outbox.claimNext("hook-chat", "node-b", NOW, lease)).isEmpty();
    assertThat(
            outbox.claimNext("hook-pager", "node-b", NOW, lease).orElseThrow().delivery().alertId())
        .isEqualTo("a-1");

    outbox.recordAttempt(
        first,
        "node-a",
        attempt(first, true, null),
        new OutboxRepository.Settlement(DeliveryStatus.DELIVERED, NOW.plusSeconds(1), null));
    assertThat(
            outbox
                .claimNext("hook-chat", "node-a", NOW.plusSeconds(1), lease)
                .orElseThrow()
                .delivery()
                .alertId())
        .isEqualTo("a-2");
  }

  @Test
  void a_claim_holds_until_its_lease_ends_and_a_late_worker_does_not_overwrite_the_next_one() {
    insert(alert("a-1", "c-1", NOW), List.of(CHAT));
    Instant lease = NOW.plusSeconds(40);
    OutboxRepository.Claim dead =
        outbox.claimNext("hook-chat", "node-dead", NOW, lease).orElseThrow();

    assertThat(outbox.claimNext("hook-chat", "node-b", lease.minusMillis(1), lease)).isEmpty();
    assertThat(outbox.hooksWithDueDeliveries(lease.minusMillis(1))).isEmpty();
    OutboxRepository.Claim taken =
        outbox.claimNext("hook-chat", "node-b", lease, lease.plusSeconds(40)).orElseThrow();
    assertThat(taken.delivery().seq()).isEqualTo(dead.delivery().seq());

    // The dead node's attempt shows up late: recorded, but the delivery stays node-b's.
    outbox.recordAttempt(
        dead,
        "node-dead",
        attempt(dead, false, "no answer"),
        new OutboxRepository.Settlement(
            DeliveryStatus.PENDING, lease.plusSeconds(10), "no answer"));
    Delivery delivery = outbox.deliveries().get(0);
    assertThat(delivery.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(delivery.attempts()).isZero();
    assertThat(outbox.attemptsOf("a-1")).hasSize(1);

    outbox.recordAttempt(
        taken,
        "node-b",
        attempt(taken, false, "HTTP 500"),
        new OutboxRepository.Settlement(DeliveryStatus.PENDING, lease.plusSeconds(20), "HTTP 500"));
    delivery = outbox.deliveries().get(0);
    assertThat(delivery.attempts()).isEqualTo(1);
    assertThat(delivery.nextAttemptAt()).isEqualTo(lease.plusSeconds(20));
    assertThat(delivery.lastError()).isEqualTo("HTTP 500");
    assertThat(outbox.hooksWithDueDeliveries(lease.plusSeconds(19))).isEmpty();
    assertThat(outbox.hooksWithDueDeliveries(lease.plusSeconds(20))).containsExactly("hook-chat");
  }

  @Test
  void pending_deliveries_of_a_hook_are_cancelled_and_history_lists_newest_first() {
    insert(alert("a-1", "c-1", NOW), List.of(CHAT, PAGER));
    insert(alert("a-2", "c-1", NOW.plusSeconds(60)), List.of(CHAT));
    insert(alert("a-3", "c-2", NOW.plusSeconds(120)), List.of(PAGER));

    assertThat(outbox.cancelPending("hook-pager", "its hook was deleted")).isEqualTo(2);
    assertThat(outbox.deliveriesOf(List.of("a-1")))
        .extracting(Delivery::hookName, Delivery::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("chat", DeliveryStatus.PENDING),
            org.assertj.core.groups.Tuple.tuple("pager", DeliveryStatus.CANCELLED));

    assertThat(outbox.alerts(new OutboxRepository.AlertFilter(null, null, null, null, 10)))
        .extracting(AlertRecord::id)
        .containsExactly("a-3", "a-2", "a-1");
    assertThat(
            outbox.alerts(
                new OutboxRepository.AlertFilter(
                    "c-1-name", "pump-live", NOW.plusSeconds(30), NOW.plusSeconds(300), 10)))
        .extracting(AlertRecord::id)
        .containsExactly("a-2");
    assertThat(outbox.alerts(new OutboxRepository.AlertFilter(null, null, null, null, 1)))
        .extracting(AlertRecord::id)
        .containsExactly("a-3");
    Optional<AlertRecord> read = outbox.alert("a-1");
    assertThat(read).contains(alert("a-1", "c-1", NOW));
  }

  private static Attempt attempt(OutboxRepository.Claim claim, boolean delivered, String error) {
    return new Attempt(
        claim.delivery().seq(),
        claim.delivery().alertId(),
        claim.delivery().hookName(),
        claim.delivery().attempts() + 1,
        NOW,
        12,
        delivered,
        delivered ? 200 : null,
        delivered ? "ok" : null,
        error);
  }
}
