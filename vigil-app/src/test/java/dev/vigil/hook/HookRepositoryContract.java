package dev.vigil.hook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.storage.Database;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of {@link HookRepository} on any database: subclasses give an empty, migrated
 * {@link Database} (embedded H2, and a real PostgreSQL).
 */
abstract class HookRepositoryContract {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

  private HookRepository repository;

  /** A migrated database with no hooks, one per test. */
  abstract Database database();

  @BeforeEach
  void createRepository() {
    repository = new HookRepository(database());
  }

  private static Hook webhook(String id, String name) {
    return new Hook(
        id,
        name,
        new WebhookTarget(
            URI.create("https://chat.plant.test/hooks/" + name),
            Map.of("Authorization", "Bearer x", "X-Team", "pumps"),
            "whsec"),
        Duration.ofSeconds(7),
        NOW,
        NOW);
  }

  private static Hook email(String id, String name) {
    return new Hook(
        id,
        name,
        new EmailTarget(
            "smtp.plant.test",
            587,
            SmtpSecurity.STARTTLS,
            "vigil",
            "pa55",
            "vigil@plant.test",
            List.of("a@plant.test", "b@plant.test")),
        Duration.ofSeconds(10),
        NOW,
        NOW.plusSeconds(1));
  }

  @Test
  void hooks_of_both_types_are_stored_and_read_back_with_their_secrets() {
    Hook chat = webhook("id-chat", "chat");
    Hook mail = email("id-mail", "on-call");
    assertThat(repository.insert(chat)).isTrue();
    assertThat(repository.insert(mail)).isTrue();

    assertThat(repository.findByName("chat")).contains(chat);
    assertThat(repository.findById("id-mail")).contains(mail);
    assertThat(repository.list()).containsExactly(chat, mail);
    assertThat(repository.findByName("other")).isEmpty();
  }

  @Test
  void a_second_hook_of_the_same_name_is_refused() {
    assertThat(repository.insert(webhook("id-1", "chat"))).isTrue();
    assertThat(repository.insert(email("id-2", "chat"))).isFalse();
    assertThat(repository.list()).hasSize(1);
  }

  @Test
  void an_update_replaces_settings_and_secrets() {
    repository.insert(webhook("id-chat", "chat"));
    Hook changed =
        new Hook(
            "id-chat",
            "chat",
            new WebhookTarget(URI.create("http://10.0.0.7:8080/in"), Map.of(), null),
            Duration.ofSeconds(30),
            NOW,
            NOW.plusSeconds(60));

    assertThat(repository.update(changed)).isTrue();

    assertThat(repository.findById("id-chat")).contains(changed);
    assertThat(repository.update(webhook("id-gone", "gone"))).isFalse();
  }

  @Test
  void a_hook_an_alert_configuration_refers_to_is_not_deleted() {
    repository.insert(webhook("id-chat", "chat"));
    repository.insert(webhook("id-free", "free"));
    database()
        .jdbi()
        .useHandle(
            handle -> {
              handle.execute(
                  "INSERT INTO alert_configurations (id, name, scheduler_id, scheduler_name,"
                      + " sensitivity, correlation_mode, correlation_points, snooze_millis,"
                      + " notify_on_failure, notify_on_system_pause, snoozed_until,"
                      + " failure_streak, created_at, updated_at) VALUES ('c', 'c', 's', 's', 50,"
                      + " 'EACH', 0, 0, FALSE, TRUE, NULL, FALSE, 0, 0)");
              handle.execute(
                  "INSERT INTO alert_configuration_hooks (configuration_id, hook_id)"
                      + " VALUES ('c', 'id-chat')");
            });

    assertThat(repository.delete("id-chat")).isFalse();
    assertThat(repository.delete("id-free")).isTrue();
    assertThat(repository.list()).extracting(Hook::name).containsExactly("chat");
  }
}
