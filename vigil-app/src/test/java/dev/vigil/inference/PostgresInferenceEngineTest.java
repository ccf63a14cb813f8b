package dev.vigil.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.storage.Database;
import dev.vigil.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * db-scheduler's table and the executions on a real PostgreSQL: a restart runs each window once.
 */
class PostgresInferenceEngineTest {
  private static final Instant SIX = Instant.parse("2024-01-01T06:00:00Z");

  @TempDir Path directory;

  @Test
  void windows_due_during_a_restart_run_once_on_postgresql() {
    try (Database database = TestDatabases.Engine.POSTGRESQL.open()) {
      Instant later = SIX.plus(Duration.ofMinutes(32));
      SchedulerDefinition pump =
          EngineFixture.scheduler(
              "pump", "data/", "results/", Duration.ofMinutes(2), "-08:00", SIX);
      EngineFixture f = new EngineFixture(directory, database, SIX.minusSeconds(60));
      f.writeFiles("data/", EngineFixture.DATA, SIX.minusSeconds(300), later, "-08:00");
      f.catalog.add(pump);
      f.start();
      f.runAt(SIX.plus(Duration.ofMinutes(7)));
      f.close();
      EngineFixture g = new EngineFixture(directory, database, later);
      g.catalog.add(pump);
      g.start();
      g.runAt(later);
      g.runAt(later.plusSeconds(1));
      g.close();
      assertThat(g.executions().list("pump", Instant.EPOCH, later))
          .hasSize(6)
          .allMatch(e -> e.status() == ExecutionStatus.SUCCESS);
      assertThat(g.executions().results("pump", Instant.EPOCH, later)).hasSize(6 * 30);
    }
  }
}
