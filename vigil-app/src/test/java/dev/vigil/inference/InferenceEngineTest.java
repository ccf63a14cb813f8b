package dev.vigil.inference;

import static dev.vigil.inference.EngineFixture.DATA;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.storage.Database;
import dev.vigil.testing.TestDatabases;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The execution engine on the embedded database, driven by a settable clock. */
class InferenceEngineTest {
  private static final Instant SIX = Instant.parse("2024-01-01T06:00:00Z");
  private static final Duration FIVE = Duration.ofMinutes(5);
  private static final Duration DELAY = Duration.ofMinutes(2);

  @TempDir Path directory;

  private Database database;
  private EngineFixture fixture;

  private EngineFixture fixture(Instant now) {
    database = Database.open(Database.embeddedUrl(directory.resolve("db")), "sa", "");
    fixture = new EngineFixture(directory, database, now);
    return fixture;
  }

  @AfterEach
  void close() {
    if (fixture != null) {
      fixture.close();
    }
    if (database != null) {
      database.close();
    }
  }

  private static SchedulerDefinition pump(String zone) {
    return EngineFixture.scheduler("pump", "data/", "results/", DELAY, zone, SIX);
  }

  @Test
  void a_window_runs_at_its_wake_and_not_before_and_scores_exactly_its_rows() {
    EngineFixture f = fixture(SIX.minusSeconds(60));
    f.writeFiles("data/", DATA, SIX.minus(FIVE), SIX.plus(FIVE).plus(FIVE), "+00:00");
    f.catalog.add(pump("+00:00"));
    f.start();

    f.runAt(SIX.plus(FIVE).plus(DELAY).minusSeconds(1));
    assertThat(f.executions().list("pump", Instant.EPOCH, SIX.plus(Duration.ofDays(1)))).isEmpty();

    f.runAt(SIX.plus(FIVE).plus(DELAY));
    List<ExecutionRecord> executions =
        f.executions().list("pump", Instant.EPOCH, SIX.plus(Duration.ofDays(1)));
    assertThat(executions).hasSize(1);
    ExecutionRecord execution = executions.get(0);
    assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(execution.scheduledStart()).isEqualTo(Instant.parse("2024-01-01T06:07:00Z"));
    assertThat(execution.dataStart()).isEqualTo(SIX);
    assertThat(execution.dataEnd()).isEqualTo(Instant.parse("2024-01-01T06:04:50Z"));
    assertThat(execution.resultKey()).isEqualTo("results/2024-01-01T06:05:00Z/results.jsonl");
    String[] lines = f.results(execution.resultKey()).split("\n");
    // One line per 10-second row of [06:00, 06:05); rows before 06:00 only warmed the model up.
    assertThat(lines).hasSize(30);
    assertThat(lines[0])
        .startsWith("{\"timestamp\":\"2024-01-01T06:00:00.000000\",\"prediction\":0");
    assertThat(lines[29]).startsWith("{\"timestamp\":\"2024-01-01T06:04:50.000000\"");
    assertThat(f.catalog.calls).containsExactly("running pump");
    // The stored rows give back results.jsonl's lines byte for byte.
    assertThat(f.executions().results("pump", SIX, SIX.plus(FIVE)))
        .extracting(StoredResult::line)
        .containsExactly(lines);
  }

  @Test
  void the_alarm_is_set_to_every_wake_the_engine_schedules() {
    EngineFixture f = fixture(SIX.minusSeconds(60));
    f.writeFiles("data/", DATA, SIX.minus(FIVE), SIX.plus(FIVE), "+00:00");
    f.catalog.add(pump("+00:00"));
    f.start();
    Instant firstWake = SIX.plus(FIVE).plus(DELAY);
    assertThat(f.alarm.takeDue(firstWake.minusMillis(1))).isFalse();
    assertThat(f.alarm.takeDue(firstWake)).as("set when the scheduler is scheduled").isTrue();

    f.runAt(firstWake);

    Instant nextWake = firstWake.plus(FIVE);
    assertThat(f.alarm.takeDue(nextWake.minusMillis(1))).isFalse();
    assertThat(f.alarm.takeDue(nextWake)).as("set when the window is rescheduled").isTrue();
  }

  @Test
  void a_window_counts_as_finished_once_its_record_and_results_are_on_disk() {
    EngineFixture f = fixture(SIX.minusSeconds(60));
    f.writeFiles("data/", DATA, SIX.minus(FIVE), SIX.plus(FIVE), "+00:00");
    f.catalog.add(pump("+00:00"));
    f.start();

    f.runAt(SIX.plus(FIVE).plus(DELAY));
    FinishedWindow heard = f.listener.awaitOnDisk();
    assertThat(heard.windowEnd()).isEqualTo(SIX.plus(FIVE));
    assertThat(heard.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(heard.scheduledStart()).isEqualTo(SIX.plus(FIVE).plus(DELAY));
    // The 30 results were heard in the window's transaction; waiting for the disk, it holds none.
    assertThat(f.listener.windows.get(0).results()).hasSize(30);
    assertThat(heard.results()).isEmpty();

    // The file as a kill right now would leave it, though H2 writes by itself only every 500 ms.
    try (Database afterKill =
        TestDatabases.afterKill(directory.resolve("db"), directory.resolve("after-kill"))) {
      List<String> windows =
          afterKill
              .jdbi()
              .withHandle(
                  handle ->
                      handle
                          .createQuery(
                              "SELECT e.status || ' ' || r.row_count FROM inference_executions e"
                                  + " JOIN inference_results r ON r.scheduler_id = e.scheduler_id"
                                  + " AND r.window_end = e.window_end")
                          .mapTo(String.class)
                          .list());
      assertThat(windows).containsExactly("SUCCESS 30");
    }
  }

  @Test
  void after_a_restart_every_window_due_meanwhile_runs_once_and_never_twice() {
    EngineFixture f = fixture(SIX.minusSeconds(60));
    f.writeFiles("data/", DATA, SIX.minus(FIVE), SIX.plus(Duration.ofHours(4)), "+00:00");
    f.catalog.add(pump("+00:00"));
    f.start();
    f.runAt(SIX.plus(FIVE).plus(DELAY));
    f.close();

    // Down for three hours: a new engine over the same database.
    Instant later = SIX.plus(FIVE).plus(DELAY).plus(Duration.ofHours(3));
    EngineFixture g = new EngineFixture(directory, database, later);
    g.catalog.add(pump("+00:00"));
    g.start();
    fixture = g;
    g.runAt(later);
    g.runAt(later);
    List<ExecutionRecord> executions =
        g.executions().list("pump", Instant.EPOCH, SIX.plus(Duration.ofDays(1)));
    assertThat(executions).hasSize(37);
    assertThat(executions).allMatch(e -> e.status() == ExecutionStatus.SUCCESS);
    assertThat(g.executions().results("pump", Instant.EPOCH, SIX.plus(Duration.ofDays(1))))
        .hasSize(37 * 30);

    // A third engine finds nothing to do.
    g.close();
    EngineFixture h = new EngineFixture(directory, database, later);
    h.catalog.add(pump("+00:00"));
    h.start();
    fixture = h;
    h.runAt(later.plusSeconds(1));
    assertThat(h.executions().list("pump", Instant.EPOCH, SIX.plus(Duration.ofDays(1))))
        .hasSize(37);
    assertThat(h.executions().results("pump", Instant.EPOCH, SIX.plus(Duration.ofDays(1))))
        .hasSize(37 * 30);
  }

  @Test
  void windows_older_than_the_catch_up_horizon_are_recorded_as_missed() {
    Instant later = SIX.plus(Duration.ofHours(2)).plus(DELAY);
    EngineFixture f = fixture(later);
    f.settings = new EngineSettings(Duration.ofMinutes(30), 5, 288, 2000);
    f.writeFiles("data/", DATA, SIX.minus(FIVE), later, "+00:00");
    f.catalog.add(pump("+00:00"));
    f.start();
    f.runAt(later);
    List<ExecutionRecord> executions =
        f.executions().list("pump", Instant.EPOCH, SIX.plus(Duration.ofDays(1)));
    assertThat(executions).hasSize(24);
    assertThat(executions.stream().filter(ExecutionRecord::missed).count()).isEqualTo(17);
    assertThat(executions.get(0).failedReason())
        .isEqualTo(
            "missed: Vigil was not running when this window came due at 2024-01-01T06:07:00Z,"
                + " and it is older than the catch-up horizon of PT30M (it was"
                + " 2024-01-01T08:02:00Z when Vigil caught up)");
    assertThat(f.catalog.calls).doesNotContain("paused");
    assertThat(executions.get(23).status()).isEqualTo(ExecutionStatus.SUCCESS);
  }

  @Test
  void a_missing_component_a_missing_sensor_an_empty_file_and_no_rows_fail_with_reasons() {
    EngineFixture f = fixture(SIX.minusSeconds(60));
    Instant w2 = SIX.plus(FIVE);
    Instant w3 = w2.plus(FIVE);
    Instant w4 = w3.plus(FIVE);
    // Window 1: only comp01 has files.
    f.writeFile("data/", DATA, "comp01", SIX, w2, SIX, "+00:00");
    f.catalog.add(pump("+00:00"));
    f.start();
    f.runAt(w2.plus(DELAY));
    // Window 2: comp02's file lacks sensor s02.
    f.writeFile("data/", DATA, "comp01", w2, w3, w2, "+00:00");
    f.put("data/comp02_20240101060500.csv", "Timestamp,s01,s03\n2024-01-01 06:05:00,1.0,2.0\n");
    f.runAt(w3.plus(DELAY));
    // Window 3: comp02's file is empty (the file before it, read too, is fixed now).
    f.writeFile("data/", DATA, "comp01", w3, w4, w3, "+00:00");
    f.writeFile("data/", DATA, "comp02", w2, w3, w2, "+00:00");
    f.put("data/comp02_20240101061000.csv", "");
    f.runAt(w4.plus(DELAY));
    List<ExecutionRecord> executions =
        f.executions().list("pump", Instant.EPOCH, SIX.plus(Duration.ofDays(1)));
    assertThat(executions).extracting(ExecutionRecord::status).containsOnly(ExecutionStatus.FAILED);
    assertThat(executions)
        .extracting(ExecutionRecord::failedReason)
        .containsExactly(
            "no file for component comp02 (expected comp02_20240101060000.csv under"
                + " s3://plant-in/data/)",
            "s3://plant-in/data/comp02_20240101060500.csv: no column for sensor comp02\\s02 of"
                + " component comp02 that model pump-model version 1 reads; the file has"
                + " [comp02\\s01, comp02\\s03]",
            "s3://plant-in/data/comp02_20240101061000.csv: the file is empty");
  }

  @Test
  void a_window_whose_files_hold_no_row_in_it_fails() {
    EngineFixture f = fixture(SIX.minusSeconds(60));
    // Files named in the window, but with rows from before it only.
    for (String component : List.of("comp01", "comp02")) {
      f.writeFile("data/", DATA, component, SIX.minus(FIVE), SIX, SIX, "+00:00");
    }
    f.catalog.add(pump("+00:00"));
    f.start();
    f.runAt(SIX.plus(FIVE).plus(DELAY));
    assertThat(f.executions().find("pump", SIX.plus(FIVE)).orElseThrow().failedReason())
        .isEqualTo(
            "no data in window [2024-01-01T06:00:00Z, 2024-01-01T06:05:00Z): the files read"
                + " (s3://plant-in/data/comp01_20240101060000.csv,"
                + " s3://plant-in/data/comp02_20240101060000.csv) hold no row with a timestamp in it");
  }

  @Test
  void a_bad_cell_in_the_next_windows_file_fails_that_window_only() throws Exception {
    EngineFixture f = fixture(SIX.minusSeconds(60));
    Instant w2 = SIX.plus(FIVE);
    // Down over two windows: when the first runs, the second's files are there too, and one of
    // them has a word where a number should be, in a row of the second window.
    f.writeFiles("data/", DATA, SIX.minus(FIVE), w2.plus(FIVE), "+00:00");
    String key = "data/comp01_20240101060500.csv";
    String content;
    try (InputStream in = f.objects.open("plant-in", key)) {
      content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String[] lines = content.split("\n");
    String[] cells = lines[3].split(",");
    cells[2] = "oops";
    lines[3] = String.join(",", cells);
    f.put(key, String.join("\n", lines) + "\n");
    f.catalog.add(pump("+00:00"));
    f.start();

    f.runAt(w2.plus(FIVE).plus(DELAY));

    List<ExecutionRecord> executions =
        f.executions().list("pump", Instant.EPOCH, SIX.plus(Duration.ofDays(1)));
    assertThat(executions)
        .extracting(ExecutionRecord::status)
        .containsExactly(ExecutionStatus.SUCCESS, ExecutionStatus.FAILED);
    assertThat(executions.get(0).scoredRows()).isEqualTo(30);
    assertThat(executions.get(1).failedReason())
        .isEqualTo(
            "s3://plant-in/data/comp01_20240101060500.csv line 4, column 's02': 'oops' is not a"
                + " number");
  }

  @Test
  void five_failures_in_a_row_pause_the_scheduler_with_the_last_reason() {
    EngineFixture f = fixture(SIX.minusSeconds(60));
    f.catalog.add(pump("+00:00"));
    f.start();
    f.runAt(SIX.plus(Duration.ofMinutes(30)));
    assertThat(f.executions().list("pump", Instant.EPOCH, SIX.plus(Duration.ofDays(1)))).hasSize(5);
    assertThat(f.catalog.calls)
        .containsExactly(
            "running pump",
            "paused pump: 5 executions failed in a row; the last one, for the window ending"
                + " 2024-01-01T06:25:00Z, failed: no file for component comp01 (expected"
                + " comp01_20240101062000.csv under s3://plant-in/data/); no file for component comp02"
                + " (expected comp02_20240101062000.csv under s3://plant-in/data/)");
    f.runAt(SIX.plus(Duration.ofHours(1)));
    assertThat(f.executions().list("pump", Instant.EPOCH, SIX.plus(Duration.ofDays(1)))).hasSize(5);
  }

  @Test
  void a_file_arriving_within_the_delay_is_read_and_one_arriving_after_the_wake_is_not() {
    EngineFixture f = fixture(SIX.minusSeconds(60));
    f.writeFiles("data/", DATA, SIX.minus(FIVE), SIX, "+00:00");
    f.catalog.add(pump("+00:00"));
    f.start();
    // Window 06:00-06:05: its files arrive at 06:06, within the delay.
    f.settable.set(SIX.plus(Duration.ofMinutes(6)));
    f.writeFiles("data/", DATA, SIX, SIX.plus(FIVE), "+00:00");
    f.runAt(SIX.plus(FIVE).plus(DELAY));
    // Window 06:05-06:10: its files arrive after its wake (06:12): it has only the file before.
    f.runAt(SIX.plus(Duration.ofMinutes(12)));
    f.writeFiles("data/", DATA, SIX.plus(FIVE), SIX.plus(Duration.ofMinutes(15)), "+00:00");
    f.runAt(SIX.plus(Duration.ofMinutes(17)));
    List<ExecutionRecord> executions =
        f.executions().list("pump", Instant.EPOCH, SIX.plus(Duration.ofDays(1)));
    assertThat(executions)
        .extracting(ExecutionRecord::status)
        .containsExactly(ExecutionStatus.SUCCESS, ExecutionStatus.FAILED, ExecutionStatus.SUCCESS);
    assertThat(executions.get(1).failedReason())
        .startsWith("no data in window [2024-01-01T06:05:00Z");
    // The late file is the file before the next window: it warms the model up, is not scored.
    assertThat(executions.get(2).scoredRows()).isEqualTo(30);
    assertThat(executions.get(2).dataStart()).isEqualTo(SIX.plus(Duration.ofMinutes(10)));
  }

  @Test
  void a_window_finds_its_files_among_hours_of_older_ones_and_an_older_file_before_when_sparse() {
    EngineFixture f = fixture(SIX.minusSeconds(60));
    // "data/" keeps two hours of older files; "few/" holds only what the windows open.
    f.writeFiles("data/", DATA, SIX.minus(Duration.ofHours(2)), SIX.plus(FIVE), "+00:00");
    f.writeFiles("few/", DATA, SIX.minus(FIVE), SIX.plus(FIVE), "+00:00");
    // Then one file per component for 15 minutes: the window 06:15-06:20 has no file of the window
    // before it, and its file before (06:05) is older than that.
    Instant sparse = SIX.plus(FIVE);
    for (String prefix : List.of("data/", "few/")) {
      for (String component : List.of("comp01", "comp02")) {
        f.writeFile(
            prefix, DATA, component, sparse, sparse.plus(Duration.ofMinutes(15)), sparse, "+00:00");
      }
    }
    f.catalog.add(pump("+00:00"));
    f.catalog.add(EngineFixture.scheduler("few", "few/", "few-results/", DELAY, "+00:00", SIX));
    f.start();
    f.runAt(SIX.plus(Duration.ofMinutes(20)).plus(DELAY));

    for (String id : List.of("pump", "few")) {
      List<ExecutionRecord> executions =
          f.executions().list(id, Instant.EPOCH, SIX.plus(Duration.ofDays(1)));
      assertThat(executions)
          .as(id)
          .extracting(ExecutionRecord::status)
          .containsExactly(
              ExecutionStatus.SUCCESS,
              ExecutionStatus.SUCCESS,
              ExecutionStatus.SUCCESS,
              ExecutionStatus.SUCCESS);
      assertThat(executions).as(id).extracting(ExecutionRecord::scoredRows).containsOnly(30);
    }
    // The older files change nothing: the same rows warm the model up before each window.
    for (int minutes = 5; minutes <= 20; minutes += 5) {
      String window = SIX.plus(Duration.ofMinutes(minutes)) + "/results.jsonl";
      assertThat(f.results("results/" + window))
          .as(window)
          .isEqualTo(f.results("few-results/" + window));
    }
  }

  @Test
  void file_names_and_rows_are_read_in_the_input_time_zone() {
    for (String zone : List.of("+05:30", "-08:00")) {
      EngineFixture f = fixture(SIX.minusSeconds(60));
      SchedulerDefinition scheduler =
          EngineFixture.scheduler(
              "tz" + zone.charAt(0), "tz" + zone.charAt(0) + "/", "out/", DELAY, zone, SIX);
      f.writeFiles(scheduler.inputPrefix(), DATA, SIX.minus(FIVE), SIX.plus(FIVE), zone);
      f.catalog.add(scheduler);
      f.start();
      f.runAt(SIX.plus(FIVE).plus(DELAY));
      ExecutionRecord execution = f.executions().find(scheduler.id(), SIX.plus(FIVE)).orElseThrow();
      assertThat(execution.status()).as(zone).isEqualTo(ExecutionStatus.SUCCESS);
      assertThat(execution.scoredRows()).as(zone).isEqualTo(30);
      assertThat(execution.dataStart()).as(zone).isEqualTo(SIX);
      close();
      fixture = null;
      database = null;
      directory = directory.resolve("next");
    }
  }

  @Test
  void two_schedulers_on_the_same_input_produce_independent_results() {
    EngineFixture f = fixture(SIX.minusSeconds(60));
    f.writeFiles("data/", DATA, SIX.minus(FIVE), SIX.plus(Duration.ofMinutes(10)), "+00:00");
    f.catalog.add(EngineFixture.scheduler("a", "data/", "a/", DELAY, "+00:00", SIX));
    f.catalog.add(
        EngineFixture.scheduler("b", "data/", "b/", Duration.ZERO, "+00:00", SIX.plus(FIVE)));
    f.start();
    f.runAt(SIX.plus(Duration.ofMinutes(12)));
    assertThat(f.executions().list("a", Instant.EPOCH, SIX.plus(Duration.ofDays(1)))).hasSize(2);
    assertThat(f.executions().list("b", Instant.EPOCH, SIX.plus(Duration.ofDays(1)))).hasSize(1);
    assertThat(f.results("a/2024-01-01T06:10:00Z/results.jsonl"))
        .isEqualTo(f.results("b/2024-01-01T06:10:00Z/results.jsonl"));
  }

  @Test
  void anomalous_timestamps_are_merged_into_events_with_summed_diagnostics() {
    EngineFixture f = fixture(SIX.minusSeconds(60));
    int faultStart = EngineFixture.TRAINING_ROWS + 60; // 06:10
    var faulty = EngineFixture.withFault(faultStart, faultStart + 30);
    f.writeFiles("data/", faulty, SIX.minus(FIVE), SIX.plus(Duration.ofMinutes(30)), "+00:00");
    f.catalog.add(pump("+00:00"));
    f.start();
    f.runAt(SIX.plus(Duration.ofMinutes(30)).plus(DELAY));
    InferenceResults results =
        new InferenceResults(database, name -> java.util.Optional.of("pump"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> events =
        (List<Map<String, Object>>) results.events("pump-name", null, null).get("events");
    assertThat(events).isNotEmpty();
    Map<String, Object> first = events.get(0);
    assertThat(Instant.parse((String) first.get("start")))
        .isBetween(SIX.plus(Duration.ofMinutes(10)), SIX.plus(Duration.ofMinutes(16)));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> diagnostics = (List<Map<String, Object>>) first.get("diagnostics");
    assertThat(diagnostics.get(0).get("name")).isEqualTo("comp01\\s01");
    assertThat(results.latestInferenceResult("pump")).isPresent();
  }

  @Test
  void unscheduling_a_scheduler_stops_its_windows_and_reports_the_stop() {
    EngineFixture f = fixture(SIX.minusSeconds(60));
    f.writeFiles("data/", DATA, SIX.minus(FIVE), SIX.plus(Duration.ofMinutes(30)), "+00:00");
    f.catalog.add(pump("+00:00"));
    f.start();
    f.runAt(SIX.plus(FIVE).plus(DELAY));
    f.engine.unschedule("pump");
    assertThat(f.engine.running("pump")).isFalse();
    f.runAt(SIX.plus(Duration.ofMinutes(30)));
    assertThat(f.executions().list("pump", Instant.EPOCH, SIX.plus(Duration.ofDays(1)))).hasSize(1);
    assertThat(f.catalog.calls).containsExactly("running pump", "stopped pump");
  }

  @Test
  void a_missing_input_bucket_fails_the_window_with_the_reason() {
    EngineFixture f = fixture(SIX.minusSeconds(60));
    SchedulerDefinition pump = pump("+00:00");
    f.catalog.add(
        new SchedulerDefinition(
            pump.id(),
            pump.name(),
            pump.modelName(),
            pump.modelVersion(),
            pump.schedule(),
            "no-such-bucket",
            pump.inputPrefix(),
            pump.naming(),
            pump.outputBucket(),
            pump.outputPrefix()));
    f.start();

    f.runAt(SIX.plus(FIVE).plus(DELAY));

    ExecutionRecord execution = f.executions().find("pump", SIX.plus(FIVE)).orElseThrow();
    assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(execution.failedReason())
        .isEqualTo(
            "input bucket 'no-such-bucket' does not exist (expected files under"
                + " s3://no-such-bucket/data/)");
  }

  @Test
  void a_restart_after_a_system_pause_starts_a_new_streak_of_failures() {
    EngineFixture f = fixture(SIX.minusSeconds(60));
    f.catalog.add(pump("+00:00"));
    f.start();
    f.runAt(SIX.plus(Duration.ofMinutes(30)));
    assertThat(f.catalog.calls).anyMatch(call -> call.startsWith("paused pump"));

    // Restarted an hour later: the service moves the first window to the next due one.
    Instant restart = SIX.plus(Duration.ofHours(1));
    SchedulerDefinition paused = pump("+00:00");
    f.catalog.add(
        new SchedulerDefinition(
            paused.id(),
            paused.name(),
            paused.modelName(),
            paused.modelVersion(),
            paused.schedule().resumedAt(restart),
            paused.inputBucket(),
            paused.inputPrefix(),
            paused.naming(),
            paused.outputBucket(),
            paused.outputPrefix()));
    f.catalog.calls.clear();
    f.engine.schedule(f.catalog.find("pump").orElseThrow());
    // One more failed window: far from five in a row since the restart.
    f.runAt(restart.plus(FIVE).plus(DELAY));

    assertThat(f.catalog.calls).noneMatch(call -> call.startsWith("paused pump"));
    assertThat(f.executions().list("pump", restart, restart.plus(Duration.ofDays(1))))
        .hasSize(1)
        .allMatch(execution -> execution.status() == ExecutionStatus.FAILED);
  }

  @Test
  void a_stop_recorded_by_another_node_ends_the_runs_here() {
    EngineFixture f = fixture(SIX.minusSeconds(60));
    f.writeFiles("data/", DATA, SIX.minus(FIVE), SIX.plus(Duration.ofHours(1)), "+00:00");
    f.catalog.add(pump("+00:00"));
    f.start();
    f.runAt(SIX.plus(FIVE).plus(DELAY));
    assertThat(f.executions().list("pump", Instant.EPOCH, SIX.plus(Duration.ofDays(1)))).hasSize(1);

    f.catalog.stoppedElsewhere.add("pump");
    f.runAt(SIX.plus(Duration.ofMinutes(30)));

    assertThat(f.executions().list("pump", Instant.EPOCH, SIX.plus(Duration.ofDays(1)))).hasSize(1);
    assertThat(f.catalog.calls).contains("stopped pump");
  }

  @Test
  void listeners_hear_every_finished_window_with_its_results() {
    EngineFixture f = fixture(SIX.minusSeconds(60));
    f.writeFiles("data/", DATA, SIX.minus(FIVE), SIX.plus(FIVE), "+00:00");
    f.catalog.add(pump("+00:00"));
    f.start();

    f.runAt(SIX.plus(FIVE).plus(FIVE).plus(DELAY));

    assertThat(f.listener.windows).hasSize(2);
    FinishedWindow scored = f.listener.windows.get(0);
    assertThat(scored.schedulerName()).isEqualTo("pump-name");
    assertThat(scored.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(scored.windowEnd()).isEqualTo(SIX.plus(FIVE));
    assertThat(scored.results()).hasSize(30);
    assertThat(scored.replay()).isFalse();
    FinishedWindow failed = f.listener.windows.get(1);
    assertThat(failed.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(failed.failedReason()).startsWith("no data in window [2024-01-01T06:05:00Z");
    assertThat(failed.results()).isEmpty();
  }

  @Test
  void a_listener_that_fails_rolls_the_window_back_and_the_window_is_run_again() {
    EngineFixture f = fixture(SIX.minusSeconds(60));
    f.writeFiles("data/", DATA, SIX.minus(FIVE), SIX.plus(FIVE), "+00:00");
    f.catalog.add(pump("+00:00"));
    f.start();
    f.listener.fail = true;

    f.runAt(SIX.plus(FIVE).plus(DELAY));

    // Neither the outcome nor its results are recorded without the listener's consequences.
    assertThat(f.executions().find("pump", SIX.plus(FIVE)).orElseThrow().status())
        .isEqualTo(ExecutionStatus.IN_PROGRESS);
    assertThat(f.executions().results("pump", SIX, SIX.plus(FIVE))).isEmpty();

    f.listener.fail = false;
    f.runAt(SIX.plus(FIVE).plus(DELAY).plus(ScheduledInferenceEngine.FAILURE_RETRY));

    assertThat(f.executions().find("pump", SIX.plus(FIVE)).orElseThrow().status())
        .isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(f.executions().results("pump", SIX, SIX.plus(FIVE))).hasSize(30);
    assertThat(f.listener.windows).hasSize(1);
  }

  @Test
  void a_component_without_a_row_in_the_window_fails_it_rather_than_being_filled_from_before() {
    EngineFixture f = fixture(SIX.minusSeconds(60));
    f.writeFiles("data/", DATA, SIX.minus(FIVE), SIX.plus(FIVE), "+00:00");
    f.objects.delete("plant-in", "data/comp02_20240101060000.csv");
    f.catalog.add(pump("+00:00"));
    f.start();

    f.runAt(SIX.plus(FIVE).plus(DELAY));

    ExecutionRecord execution = f.executions().find("pump", SIX.plus(FIVE)).orElseThrow();
    assertThat(execution.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(execution.failedReason())
        .isEqualTo(
            "no row of component comp02 in window [2024-01-01T06:00:00Z, 2024-01-01T06:05:00Z):"
                + " the files read for it (s3://plant-in/data/comp02_20240101055500.csv) hold none"
                + " (expected comp02_20240101060000.csv under s3://plant-in/data/)");
  }

  @Test
  void files_that_arrive_out_of_order_with_shuffled_rows_are_read_in_time_order() {
    EngineFixture f = fixture(SIX.minusSeconds(60));
    f.writeFiles("data/", DATA, SIX.minus(FIVE), SIX, "+00:00");
    f.catalog.add(pump("+00:00"));
    f.start();
    // The window's second half arrives first, its first half later, each with its rows reversed.
    Instant half = SIX.plus(Duration.ofSeconds(150));
    for (String component : List.of("comp01", "comp02")) {
      f.put("data/" + component + "_20240101060230.csv", reversed(component, half, SIX.plus(FIVE)));
      f.put("data/" + component + "_20240101060000.csv", reversed(component, SIX, half));
    }

    f.runAt(SIX.plus(FIVE).plus(DELAY));

    ExecutionRecord execution = f.executions().find("pump", SIX.plus(FIVE)).orElseThrow();
    assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(execution.scoredRows()).isEqualTo(30);
    assertThat(f.executions().results("pump", SIX, SIX.plus(FIVE)))
        .extracting(StoredResult::timestampMillis)
        .isSorted()
        .doesNotHaveDuplicates()
        .hasSize(30);
  }

  @Test
  void a_file_written_again_after_a_window_read_it_is_read_again_as_the_next_ones_file_before()
      throws Exception {
    EngineFixture f = fixture(SIX.minusSeconds(60));
    Instant w2 = SIX.plus(FIVE);
    f.writeFiles("data/", DATA, SIX.minus(FIVE), w2, "+00:00");
    f.catalog.add(pump("+00:00"));
    f.start();
    f.runAt(w2.plus(DELAY));
    // Window 1 read comp01_20240101060000.csv last, and keeps it for window 2 to open as the file
    // before. It is written again, same size, at once: a value becomes a word.
    String key = "data/comp01_20240101060000.csv";
    String content;
    try (InputStream in = f.objects.open("plant-in", key)) {
      content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String[] lines = content.split("\n");
    String firstValue = lines[1].split(",")[1];
    String word = "x".repeat(firstValue.length());
    f.put(key, content.replaceFirst(java.util.regex.Pattern.quote("," + firstValue), "," + word));
    f.writeFiles("data/", DATA, w2, w2.plus(FIVE), "+00:00");

    f.runAt(w2.plus(FIVE).plus(DELAY));

    List<ExecutionRecord> executions =
        f.executions().list("pump", Instant.EPOCH, SIX.plus(Duration.ofDays(1)));
    assertThat(executions)
        .extracting(ExecutionRecord::status)
        .containsExactly(ExecutionStatus.SUCCESS, ExecutionStatus.FAILED);
    assertThat(executions.get(1).failedReason())
        .isEqualTo(
            "s3://plant-in/data/comp01_20240101060000.csv line 2, column 's01': '"
                + word
                + "' is not a number");
  }

  @Test
  void each_input_file_is_parsed_once_the_first_windows_file_before_ahead_of_its_wake() {
    EngineFixture f = fixture(SIX.minusSeconds(60));
    f.writeFiles("data/", DATA, SIX.minus(FIVE), SIX, "+00:00");
    f.catalog.add(pump("+00:00"));
    f.start();
    // Started before the first wake: the file before the first window is read ahead already.
    assertThat(f.engineObjects.opened("data/comp01_20240101055500.csv")).isEqualTo(1);
    assertThat(f.engineObjects.opened("data/comp02_20240101055500.csv")).isEqualTo(1);

    // Files arrive window by window; each window reads its own and reuses the one before.
    for (int window = 0; window < 3; window++) {
      Instant start = SIX.plus(FIVE.multipliedBy(window));
      f.writeFiles("data/", DATA, start, start.plus(FIVE), "+00:00");
      f.runAt(start.plus(FIVE).plus(DELAY));
    }

    assertThat(f.executions().list("pump", Instant.EPOCH, SIX.plus(Duration.ofDays(1))))
        .hasSize(3)
        .allMatch(e -> e.status() == ExecutionStatus.SUCCESS);
    for (String minute : List.of("0555", "0600", "0605", "0610")) {
      for (String component : List.of("comp01", "comp02")) {
        assertThat(f.engineObjects.opened("data/" + component + "_20240101" + minute + "00.csv"))
            .as(component + " " + minute)
            .isEqualTo(1);
      }
    }
  }

  @Test
  void windows_that_reuse_the_file_the_window_before_kept_score_as_if_they_read_it() {
    // Files arrive window by window. One engine runs the windows in turn, each opening as its
    // file before the one the window before kept; another is restarted before every window, so
    // that each reads every file it opens.
    Instant end = SIX.plus(Duration.ofMinutes(20));
    EngineFixture kept = fixture(SIX.minusSeconds(60));
    kept.writeFiles("data/", DATA, SIX.minus(FIVE), SIX, "+00:00");
    kept.catalog.add(pump("+00:00"));
    kept.start();
    try (Database fresh = Database.open(Database.embeddedUrl(directory.resolve("db2")), "sa", "")) {
      Path freshRoot = directory.resolve("fresh");
      EngineFixture read = new EngineFixture(freshRoot, fresh, SIX.minusSeconds(60));
      read.writeFiles("data/", DATA, SIX.minus(FIVE), SIX, "+00:00");
      for (Instant window = SIX; window.isBefore(end); window = window.plus(FIVE)) {
        Instant wake = window.plus(FIVE).plus(DELAY);
        kept.writeFiles("data/", DATA, window, window.plus(FIVE), "+00:00");
        kept.runAt(wake);
        read.writeFiles("data/", DATA, window, window.plus(FIVE), "+00:00");
        read.close();
        read = new EngineFixture(freshRoot, fresh, wake.minusSeconds(1));
        read.catalog.add(pump("+00:00"));
        read.start();
        read.runAt(wake);
      }
      List<String> readLines =
          read.executions().results("pump", SIX, end).stream().map(StoredResult::line).toList();
      read.close();

      assertThat(readLines).hasSize(4 * 30);
      assertThat(kept.executions().results("pump", SIX, end))
          .extracting(StoredResult::line)
          .containsExactlyElementsOf(readLines);
    }
  }

  @Test
  void one_file_spanning_several_windows_is_scored_window_by_window() {
    EngineFixture f = fixture(SIX.minusSeconds(60));
    for (String component : List.of("comp01", "comp02")) {
      f.writeFile(
          "data/",
          DATA,
          component,
          SIX.minus(FIVE),
          SIX.plus(Duration.ofMinutes(15)),
          SIX.minus(FIVE),
          "+00:00");
    }
    f.catalog.add(pump("+00:00"));
    f.start();

    f.runAt(SIX.plus(Duration.ofMinutes(15)).plus(DELAY));

    List<ExecutionRecord> executions =
        f.executions().list("pump", Instant.EPOCH, SIX.plus(Duration.ofDays(1)));
    assertThat(executions)
        .hasSize(3)
        .allSatisfy(
            e -> {
              assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCESS);
              assertThat(e.scoredRows()).isEqualTo(30);
              assertThat(e.dataStart()).isEqualTo(e.windowStart());
            });
    assertThat(f.executions().results("pump", SIX, SIX.plus(Duration.ofMinutes(15)))).hasSize(90);
  }

  /** A component's rows in [from, to) as CSV, latest first. */
  private static String reversed(String component, Instant from, Instant to) {
    StringBuilder csv = new StringBuilder("Timestamp,s01,s02,s03\n");
    for (int row = DATA.firstRowAtOrAfter(to.toEpochMilli()) - 1;
        row >= DATA.firstRowAtOrAfter(from.toEpochMilli());
        row--) {
      csv.append(Instant.ofEpochMilli(DATA.timestamp(row)));
      for (int s = 1; s <= 3; s++) {
        csv.append(',').append(DATA.value(DATA.indexOf(component + "\\s0" + s), row));
      }
      csv.append('\n');
    }
    return csv.toString();
  }
}
