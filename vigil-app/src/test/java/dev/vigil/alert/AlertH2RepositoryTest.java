package dev.vigil.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.storage.Database;
import dev.vigil.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AlertRepositoryContract} on the embedded H2 database, and what a kill leaves of it. */
class AlertH2RepositoryTest extends AlertRepositoryContract {
  @TempDir Path dataDirectory;
  private Database database;

  @Override
  Database database() {
    if (database == null) {
      database = Database.open(Database.embeddedUrl(dataDirectory), "sa", "");
    }
    return database;
  }

  @AfterEach
  void close() {
    if (database != null) {
      database.close();
    }
  }

  @Test
  void a_claimed_delivery_and_its_alert_are_on_disk_before_the_alert_can_be_sent(
      @TempDir Path afterKill) {
    Instant now = Instant.parse("2026-03-01T10:00:00Z");
    OutboxRepository outbox = new OutboxRepository(database());
    insertAlert("a-1", now);

    OutboxRepository.Claim claim =
        outbox.claimNext("hook-chat", "node-a", now, now.plusSeconds(40)).orElseThrow();

    try (Database image = TestDatabases.afterKill(dataDirectory, afterKill)) {
      List<String> claimedBy =
          image
              .jdbi()
              .withHandle(
                  handle ->
                      handle
                          .createQuery(
                              "SELECT d.claimed_by FROM alert_deliveries d"
                                  + " JOIN alerts a ON a.id = d.alert_id WHERE d.seq = :seq")
                          .bind("seq", claim.delivery().seq())
                          .mapTo(String.class)
                          .list());
      assertThat(claimedBy).containsExactly("node-a");
    }
  }
}
