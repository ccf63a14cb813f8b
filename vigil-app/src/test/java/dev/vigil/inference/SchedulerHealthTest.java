package dev.vigil.inference;

import static dev.vigil.inference.EngineFixture.DATA;
import static dev.vigil.inference.LiveInference.PATH;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.metrics.SchedulerHealth;
import dev.vigil.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scheduler health report against the real engine (db-scheduler's ManualScheduler on a settable
 * clock), on both databases: windows due and late while the engine has not run them, none once it
 * has, failures of the last day, an execution a crashed node left in progress, and a stopped
 * scheduler.
 */
class SchedulerHealthTest {
  private static final Instant SIX = Instant.parse("2024-01-01T06:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path directory;

  private LiveInference vigil;

  @AfterEach
  void shutdown() {
    if (vigil != null) {
      vigil.shutdown();
    }
  }

  private JsonNode report(SchedulerHealth health) {
    return JSON.valueToTree(health.report());
  }

  private void at(String time) {
    vigil.files.settable.set(Instant.parse("2024-01-01T" + time + "Z"));
  }

  @ParameterizedTest
  @MethodSource("dev.vigil.testing.TestDatabases#engines")
  void due_late_running_and_failed_windows_come_from_the_database(TestDatabases.Engine engine) {
    vigil = new LiveInference(directory, engine.open(), SIX.minusSeconds(60)).start();
    // Input files for the windows up to 06:20 only: the window [06:20, 06:25) will fail.
    vigil.files.writeFiles(
        "data/",
        DATA,
        SIX.minus(Duration.ofMinutes(5)),
        SIX.plus(Duration.ofMinutes(20)),
        "+00:00");
    vigil.create("pump", 1, SIX);
    SchedulerHealth health = new SchedulerHealth(vigil.database(), vigil.files.clock);

    // 06:07:30, the engine not run: the first window (wake 06:07) is due, not yet late.
    at("06:07:30");
    JsonNode pump = report(health).at("/schedulers/0");
    assertThat(pump.get("name").asText()).isEqualTo("pump");
    assertThat(pump.get("portalStatus").asText()).isEqualTo("Active");
    assertThat(pump.get("nextWindowEnd").asText()).isEqualTo("2024-01-01T06:05:00Z");
    assertThat(pump.get("nextWake").asText()).isEqualTo("2024-01-01T06:07:00Z");
    assertThat(pump.get("due").asLong()).isEqualTo(1);
    assertThat(pump.get("late").asLong()).isZero();
    assertThat(pump.at("/task/dueAt").asText()).isEqualTo("2024-01-01T06:07:00Z");
    assertThat(pump.at("/task/picked").asBoolean()).isFalse();

    // 06:20, still not run: three windows due (wakes 06:07, 06:12, 06:17), all more than 60 s.
    at("06:20:00");
    JsonNode report = report(health);
    assertThat(report.at("/schedulers/0/due").asLong()).isEqualTo(3);
    assertThat(report.at("/schedulers/0/late").asLong()).isEqualTo(3);
    assertThat(report.at("/total/due").asLong()).isEqualTo(3);
    assertThat(report.at("/total/late").asLong()).isEqualTo(3);
    assertThat(report.get("lateAfter").asText()).isEqualTo("PT1M");

    // The engine runs them: nothing is due; the next wake is 06:22.
    vigil.runAt(Instant.parse("2024-01-01T06:20:00Z"));
    pump = report(health).at("/schedulers/0");
    assertThat(pump.get("due").asLong()).isZero();
    assertThat(pump.get("late").asLong()).isZero();
    assertThat(pump.get("failedLast24Hours").asLong()).isZero();
    assertThat(pump.get("nextWake").asText()).isEqualTo("2024-01-01T06:22:00Z");
    assertThat(pump.at("/task/dueAt").asText()).isEqualTo("2024-01-01T06:22:00Z");

    // 06:27: the window [06:20, 06:25) has no input and fails.
    vigil.runAt(Instant.parse("2024-01-01T06:27:00Z"));
    report = report(health);
    assertThat(report.at("/schedulers/0/failedLast24Hours").asLong()).isEqualTo(1);
    assertThat(report.at("/total/failedLast24Hours").asLong()).isEqualTo(1);
    assertThat(report.at("/schedulers/0/due").asLong()).isZero();

    // A node that died while scoring [06:25, 06:30) left its execution in progress.
    String id = vigil.send("GET", PATH + "/pump", null).body().get("id").asText();
    vigil
        .database()
        .jdbi()
        .useHandle(
            handle ->
                handle.execute(
                    "INSERT INTO inference_executions (scheduler_id, window_end, window_start,"
                        + " scheduled_start, status, missed, model_name, model_version,"
                        + " scored_rows, started_at) VALUES (?, ?, ?, ?, 'IN_PROGRESS', FALSE,"
                        + " 'pump-model', 1, 0, ?)",
                    id,
                    Instant.parse("2024-01-01T06:30:00Z").toEpochMilli(),
                    Instant.parse("2024-01-01T06:25:00Z").toEpochMilli(),
                    Instant.parse("2024-01-01T06:32:00Z").toEpochMilli(),
                    Instant.parse("2024-01-01T06:32:00Z").toEpochMilli()));
    at("06:33:30");
    pump = report(health).at("/schedulers/0");
    assertThat(pump.get("running").asLong()).isEqualTo(1);
    assertThat(pump.get("due").asLong())
        .as("running windows are due until they finish")
        .isEqualTo(1);
    assertThat(pump.get("late").asLong()).isEqualTo(1);

    // A day later, the failure no longer counts.
    vigil.files.settable.set(Instant.parse("2024-01-02T06:28:00Z"));
    assertThat(report(health).at("/total/failedLast24Hours").asLong()).isZero();
  }

  @ParameterizedTest
  @MethodSource("dev.vigil.testing.TestDatabases#engines")
  void a_stopped_scheduler_has_no_window_due(TestDatabases.Engine engine) {
    vigil = new LiveInference(directory, engine.open(), SIX.minusSeconds(60)).start();
    vigil.create("pump", 1, SIX);
    vigil.expect(200, "POST", PATH + "/pump/stop", null);
    vigil.runDue();
    at("07:00:00");
    JsonNode report = report(new SchedulerHealth(vigil.database(), vigil.files.clock));
    JsonNode pump = report.at("/schedulers/0");
    assertThat(pump.get("status").asText()).isEqualTo("STOPPED");
    assertThat(pump.get("portalStatus").asText()).isEqualTo("User pause");
    assertThat(pump.get("due").asLong()).isZero();
    assertThat(pump.get("nextWake").isNull()).isTrue();
    assertThat(pump.get("task").isNull()).isTrue();
    assertThat(report.at("/total/schedulers").asInt()).isEqualTo(1);
    assertThat(report.at("/total/active").asInt()).isZero();
  }
}
