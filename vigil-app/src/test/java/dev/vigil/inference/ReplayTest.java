package dev.vigil.inference;

import static dev.vigil.inference.EngineFixture.DATA;
import static dev.vigil.inference.LiveInference.PATH;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.objectstore.ObjectStore;
import dev.vigil.objectstore.ObjectStoreException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replays through the API, run by the real engine on a settable clock. */
class ReplayTest {
  private static final Instant SIX = Instant.parse("2024-01-01T06:00:00Z");
  private static final Duration FIVE = Duration.ofMinutes(5);
  private static final Duration DELAY = Duration.ofMinutes(2);

  @TempDir Path directory;

  private LiveInference vigil;

  @AfterEach
  void shutdown() {
    if (vigil != null) {
      vigil.shutdown();
    }
  }

  /** A scheduler "pump" on version 1 that has run the six windows ending 06:05 to 06:30. */
  private LiveInference withSixWindowsRun() {
    vigil = new LiveInference(directory, SIX.minusSeconds(60)).start();
    vigil.files.writeFiles("data/", DATA, SIX.minus(FIVE), SIX.plus(Duration.ofHours(1)), "+00:00");
    vigil.create("pump", 1, SIX);
    vigil.runAt(SIX.plus(Duration.ofMinutes(30)).plus(DELAY));
    assertThat(executions("pump")).hasSize(6).allMatch(e -> e.status() == ExecutionStatus.SUCCESS);
    return vigil;
  }

  private List<ExecutionRecord> executions(String name) {
    String id = vigil.send("GET", PATH + "/" + name, null).body().get("id").asText();
    return vigil.executions().list(id, Instant.EPOCH, SIX.plus(Duration.ofDays(1)));
  }

  private ObjectNode range(String start, String end) {
    ObjectNode body = vigil.object();
    body.put("start", start);
    body.put("end", end);
    return body;
  }

  private void swapToVersion2() {
    vigil.expect(200, "POST", PATH + "/pump/stop", null);
    ObjectNode update = vigil.object();
    update.put("modelVersion", 2);
    vigil.expect(200, "PUT", PATH + "/pump", update);
  }

  @Test
  void a_replay_overwrites_the_windows_it_covers_with_the_current_model_version() {
    withSixWindowsRun();
    String before = vigil.files.results("pump/2024-01-01T06:30:00Z/results.jsonl");
    swapToVersion2();

    JsonNode started =
        vigil.expect(
            202,
            "POST",
            PATH + "/pump/replays",
            range("2024-01-01T06:02:00Z", "2024-01-01T06:12:30Z"));

    assertThat(started.get("status").asText()).isEqualTo("PENDING");
    // The range widens to the windows that hold its ends: [06:00, 06:15), three windows.
    assertThat(started.get("start").asText()).isEqualTo("2024-01-01T06:00:00Z");
    assertThat(started.get("end").asText()).isEqualTo("2024-01-01T06:15:00Z");
    assertThat(started.get("modelVersion").asInt()).isEqualTo(2);
    assertThat(started.at("/windows/total").asInt()).isEqualTo(3);
    assertThat(started.get("estimatedDataPoints").asInt()).isEqualTo(90);
    String id = started.get("id").asText();
    assertThat(vigil.expect(200, "GET", PATH + "/pump", null).at("/runningReplay/id").asText())
        .isEqualTo(id);

    vigil.runDue();

    JsonNode done = vigil.expect(200, "GET", PATH + "/pump/replays/" + id, null);
    assertThat(done.get("status").asText()).isEqualTo("SUCCESS");
    assertThat(done.at("/windows/done").asInt()).isEqualTo(3);
    assertThat(done.get("progress").asDouble()).isEqualTo(1.0);
    assertThat(done.get("scoredRows").asInt()).isEqualTo(90);
    assertThat(done.get("outcome").asText())
        .isEqualTo(
            "3 of 3 windows scored again (90 rows) with version 2 of model pump-model, their"
                + " earlier results replaced");
    assertThat(done.get("failedWindows")).isEmpty();
    assertThat(vigil.expect(200, "GET", PATH + "/pump", null).has("runningReplay")).isFalse();

    List<ExecutionRecord> executions = executions("pump");
    assertThat(executions).hasSize(6);
    assertThat(executions.subList(0, 3))
        .allSatisfy(
            e -> {
              assertThat(e.modelVersion()).isEqualTo(2);
              assertThat(e.replayId()).isEqualTo(id);
              assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCESS);
            });
    assertThat(executions.subList(3, 6))
        .allSatisfy(
            e -> {
              assertThat(e.modelVersion()).isEqualTo(1);
              assertThat(e.replayId()).isNull();
            });
    JsonNode results =
        vigil.expect(
            200,
            "GET",
            PATH + "/pump/results?from=2024-01-01T06:00:00Z&to=2024-01-01T06:30:00Z",
            null);
    assertThat(results.get("results")).hasSize(180);
    // No timestamp twice: the replayed rows replaced the earlier ones.
    for (int i = 0; i < 180; i++) {
      assertThat(results.get("results").get(i).get("modelVersion").asInt())
          .isEqualTo(i < 90 ? 2 : 1);
    }
    assertThat(vigil.files.results("pump/2024-01-01T06:05:00Z/results.jsonl").split("\n"))
        .hasSize(30);
    assertThat(vigil.files.results("pump/2024-01-01T06:30:00Z/results.jsonl")).isEqualTo(before);
    assertThat(vigil.listener.windows.stream().filter(FinishedWindow::replay))
        .hasSize(3)
        .allMatch(w -> id.equals(w.replayId()) && w.results().size() == 30);
  }

  @Test
  void windows_that_cannot_be_scored_again_keep_their_earlier_results() {
    withSixWindowsRun();
    vigil.expect(200, "POST", PATH + "/pump/stop", null);
    // The input of the window [06:05, 06:10) is gone since it ran.
    vigil.files.objects.delete("plant-in", "data/comp02_20240101060500.csv");
    String earlier = vigil.files.results("pump/2024-01-01T06:10:00Z/results.jsonl");

    String id =
        vigil
            .expect(
                202,
                "POST",
                PATH + "/pump/replays",
                range("2024-01-01T06:00:00Z", "2024-01-01T06:15:00Z"))
            .get("id")
            .asText();
    vigil.runDue();

    JsonNode done = vigil.expect(200, "GET", PATH + "/pump/replays/" + id, null);
    assertThat(done.get("status").asText()).isEqualTo("PARTIAL_SUCCESS");
    assertThat(done.at("/windows/failed").asInt()).isEqualTo(1);
    assertThat(done.get("outcome").asText())
        .startsWith(
            "2 of 3 windows scored again (60 rows) with version 1 of model pump-model, their"
                + " earlier results replaced; 1 could not be scored and kept their earlier"
                + " results; the first failed window, ending 2024-01-01T06:10:00Z: no row of"
                + " component comp02 in window [2024-01-01T06:05:00Z, 2024-01-01T06:10:00Z): the"
                + " files read for it (s3://plant-in/data/comp02_20240101060000.csv,"
                + " s3://plant-in/data/comp02_20240101061000.csv) hold none (expected"
                + " comp02_20240101060500.csv under s3://plant-in/data/)");
    assertThat(done.get("failedWindows")).hasSize(1);
    assertThat(done.at("/failedWindows/0/windowEnd").asText()).isEqualTo("2024-01-01T06:10:00Z");
    ExecutionRecord kept =
        executions("pump").stream()
            .filter(e -> e.windowEnd().equals(SIX.plus(FIVE).plus(FIVE)))
            .findFirst()
            .orElseThrow();
    assertThat(kept.replayId()).isNull();
    assertThat(kept.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(vigil.files.results("pump/2024-01-01T06:10:00Z/results.jsonl")).isEqualTo(earlier);
  }

  @Test
  void a_replay_of_windows_that_never_ran_fills_them_and_a_failure_of_every_window_is_failed() {
    vigil = new LiveInference(directory, SIX.minusSeconds(60)).start();
    vigil.create("pump", 1, SIX.plus(Duration.ofHours(1)));
    vigil.expect(200, "POST", PATH + "/pump/stop", null);
    vigil.files.settable.set(SIX.plus(Duration.ofMinutes(40)));

    // Before the scheduler's first window, with no input yet: every window fails.
    String failed =
        vigil
            .expect(
                202,
                "POST",
                PATH + "/pump/replays",
                range("2024-01-01T06:00:00Z", "2024-01-01T06:10:00Z"))
            .get("id")
            .asText();
    vigil.runDue();
    JsonNode outcome = vigil.expect(200, "GET", PATH + "/pump/replays/" + failed, null);
    assertThat(outcome.get("status").asText()).isEqualTo("FAILED");
    assertThat(outcome.get("outcome").asText())
        .startsWith(
            "no window could be scored; all 2 kept their earlier results; the first failed"
                + " window, ending 2024-01-01T06:05:00Z: no file for component comp01");
    assertThat(outcome.at("/failedWindows/0/reason").asText())
        .startsWith("no file for component comp01 (expected comp01_20240101060000.csv");
    assertThat(executions("pump")).isEmpty();

    // A minute later, with the input there, the same range is backfilled.
    vigil.files.settable.set(SIX.plus(Duration.ofMinutes(41)));
    vigil.files.writeFiles(
        "data/", DATA, SIX.minus(FIVE), SIX.plus(Duration.ofMinutes(15)), "+00:00");
    String filled =
        vigil
            .expect(
                202,
                "POST",
                PATH + "/pump/replays",
                range("2024-01-01T06:00:00Z", "2024-01-01T06:10:00Z"))
            .get("id")
            .asText();
    vigil.runDue();
    assertThat(
            vigil.expect(200, "GET", PATH + "/pump/replays/" + filled, null).get("status").asText())
        .isEqualTo("SUCCESS");
    assertThat(executions("pump"))
        .hasSize(2)
        .allMatch(e -> e.status() == ExecutionStatus.SUCCESS && filled.equals(e.replayId()));
    JsonNode list = vigil.expect(200, "GET", PATH + "/pump/replays", null);
    assertThat(list.get("replays")).hasSize(2);
    assertThat(list.at("/replays/0/id").asText()).isEqualTo(filled);
  }

  @Test
  void a_second_replay_is_refused_while_the_first_runs_and_the_scheduler_cannot_be_changed() {
    withSixWindowsRun();
    vigil.expect(200, "POST", PATH + "/pump/stop", null);
    String first =
        vigil
            .expect(
                202,
                "POST",
                PATH + "/pump/replays",
                range("2024-01-01T06:00:00Z", "2024-01-01T06:10:00Z"))
            .get("id")
            .asText();

    LiveInference.Response second =
        vigil.send(
            "POST", PATH + "/pump/replays", range("2024-01-01T06:10:00Z", "2024-01-01T06:20:00Z"));
    assertThat(second.status()).isEqualTo(409);
    assertThat(second.error())
        .isEqualTo(
            "a replay of inference scheduler 'pump' is running ("
                + first
                + ", 0 of 2 windows done): one replay per scheduler at a time; wait until it ends");
    JsonNode estimate =
        vigil.expect(
            200,
            "GET",
            PATH + "/pump/replay-estimate?start=2024-01-01T06:10:00Z&end=2024-01-01T06:20:00Z",
            null);
    assertThat(estimate.get("allowed").asBoolean()).isFalse();
    assertThat(estimate.get("reason").asText()).isEqualTo(second.error());
    LiveInference.Response delete = vigil.send("DELETE", PATH + "/pump", null);
    assertThat(delete.status()).isEqualTo(409);
    assertThat(delete.error())
        .isEqualTo(
            "inference scheduler 'pump' cannot be deleted while replay "
                + first
                + " runs on it (0 of 2 windows done); wait until it ends");
    ObjectNode update = vigil.object();
    update.put("modelVersion", 2);
    assertThat(vigil.send("PUT", PATH + "/pump", update).status()).isEqualTo(409);

    vigil.runDue();

    vigil.expect(
        202, "POST", PATH + "/pump/replays", range("2024-01-01T06:10:00Z", "2024-01-01T06:20:00Z"));
    vigil.runDue();
    vigil.expect(204, "DELETE", PATH + "/pump", null);
  }

  @Test
  void the_estimate_counts_the_points_and_a_replay_over_the_limit_is_refused_showing_it() {
    withSixWindowsRun();
    vigil.settings(new EngineSettings(Duration.ofHours(24), 5, 288, 100)).start();

    JsonNode estimate =
        vigil.expect(
            200,
            "GET",
            PATH + "/pump/replay-estimate?start=2024-01-01T06:00:00Z&end=2024-01-01T06:20:00Z",
            null);
    assertThat(estimate.get("windows").asInt()).isEqualTo(4);
    // One point every 10 seconds, as the stored results show: 4 windows of 30 points.
    assertThat(estimate.get("dataInterval").asText()).isEqualTo("PT10S");
    assertThat(estimate.get("estimatedDataPoints").asInt()).isEqualTo(120);
    assertThat(estimate.get("maxDataPoints").asInt()).isEqualTo(100);
    assertThat(estimate.get("allowed").asBoolean()).isFalse();

    LiveInference.Response refused =
        vigil.send(
            "POST", PATH + "/pump/replays", range("2024-01-01T06:00:00Z", "2024-01-01T06:20:00Z"));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.field()).isEqualTo("end");
    assertThat(refused.error())
        .isEqualTo(
            "the replay of [2024-01-01T06:00:00Z, 2024-01-01T06:20:00Z) covers about 120 data"
                + " points (4 windows of PT5M, one point every PT10S); a replay covers at most 100"
                + " (setting inference.replay-max-points): choose a shorter range");
    assertThat(estimate.get("reason").asText()).isEqualTo(refused.error());

    JsonNode within =
        vigil.expect(
            200,
            "GET",
            PATH + "/pump/replay-estimate?start=2024-01-01T06:00:00Z&end=2024-01-01T06:15:00Z",
            null);
    assertThat(within.get("estimatedDataPoints").asInt()).isEqualTo(90);
    assertThat(within.get("allowed").asBoolean()).isTrue();
  }

  @Test
  void replays_of_windows_not_run_yet_or_not_due_and_bad_ranges_are_refused() {
    withSixWindowsRun();
    // Running: the schedule has run up to 06:30; the window ending 06:35 is due, and its own.
    vigil.files.settable.set(SIX.plus(Duration.ofMinutes(38)));
    LiveInference.Response ahead =
        vigil.send(
            "POST", PATH + "/pump/replays", range("2024-01-01T06:25:00Z", "2024-01-01T06:35:00Z"));
    assertThat(ahead.status()).isEqualTo(400);
    assertThat(ahead.error())
        .isEqualTo(
            "inference scheduler 'pump' has run the windows up to 2024-01-01T06:30:00Z only: the"
                + " schedule runs the later ones; replay a range that ends by then, or stop the"
                + " scheduler first");

    vigil.expect(200, "POST", PATH + "/pump/stop", null);
    vigil.files.settable.set(SIX.plus(Duration.ofMinutes(36)));
    LiveInference.Response future =
        vigil.send(
            "POST", PATH + "/pump/replays", range("2024-01-01T06:25:00Z", "2024-01-01T06:35:00Z"));
    assertThat(future.status()).isEqualTo(400);
    assertThat(future.error())
        .isEqualTo(
            "the window ending 2024-01-01T06:35:00Z has not come due yet (it wakes at"
                + " 2024-01-01T06:37:00Z): a replay covers past windows only, so end it by"
                + " 2024-01-01T06:30:00Z");

    LiveInference.Response backwards =
        vigil.send(
            "POST", PATH + "/pump/replays", range("2024-01-01T06:20:00Z", "2024-01-01T06:10:00Z"));
    assertThat(backwards.status()).isEqualTo(400);
    assertThat(backwards.error())
        .isEqualTo("end (2024-01-01T06:10:00Z) must be after start (2024-01-01T06:20:00Z)");
    LiveInference.Response notInstant =
        vigil.send("POST", PATH + "/pump/replays", range("yesterday", "2024-01-01T06:10:00Z"));
    assertThat(notInstant.field()).isEqualTo("start");
    assertThat(notInstant.error())
        .isEqualTo("start 'yesterday' is not an ISO-8601 instant such as 2026-01-01T10:00:00Z");
    ObjectNode noEnd = vigil.object();
    noEnd.put("start", "2024-01-01T06:00:00Z");
    assertThat(vigil.send("POST", PATH + "/pump/replays", noEnd).error())
        .isEqualTo("field 'end' is required");
    LiveInference.Response unknown =
        vigil.send(
            "POST", PATH + "/nope/replays", range("2024-01-01T06:00:00Z", "2024-01-01T06:10:00Z"));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.error()).isEqualTo("inference scheduler 'nope' does not exist");
    LiveInference.Response noReplay = vigil.send("GET", PATH + "/pump/replays/42", null);
    assertThat(noReplay.status()).isEqualTo(404);
    assertThat(noReplay.error()).isEqualTo("inference scheduler 'pump' has no replay '42'");
    assertThat(vigil.expect(200, "GET", PATH + "/pump/replays", null).get("replays")).isEmpty();
  }

  @Test
  void a_replay_interrupted_by_an_outage_goes_on_from_the_window_it_stopped_at() {
    withSixWindowsRun();
    vigil.expect(200, "POST", PATH + "/pump/stop", null);
    // The object store fails on the second write of results, once: the store went down.
    AtomicInteger puts = new AtomicInteger();
    vigil.close();
    vigil
        .objectStores(
            store ->
                new ForwardingObjectStore(store) {
                  @Override
                  public void put(String bucket, String key, byte[] content) {
                    if (puts.incrementAndGet() == 2) {
                      throw new ObjectStoreException("the store is down", null);
                    }
                    super.put(bucket, key, content);
                  }
                })
        .start();
    String id =
        vigil
            .expect(
                202,
                "POST",
                PATH + "/pump/replays",
                range("2024-01-01T06:00:00Z", "2024-01-01T06:15:00Z"))
            .get("id")
            .asText();

    vigil.runDue();
    JsonNode interrupted = vigil.expect(200, "GET", PATH + "/pump/replays/" + id, null);
    assertThat(interrupted.get("status").asText()).isEqualTo("IN_PROGRESS");
    assertThat(interrupted.at("/windows/done").asInt()).isEqualTo(1);

    // Vigil restarts; the replay's task is retried and goes on from the second window.
    vigil.start();
    vigil.runAt(
        vigil.files.clock.instant().plus(ScheduledInferenceEngine.FAILURE_RETRY).plusSeconds(1));
    JsonNode done = vigil.expect(200, "GET", PATH + "/pump/replays/" + id, null);
    assertThat(done.get("status").asText()).isEqualTo("SUCCESS");
    assertThat(done.at("/windows/done").asInt()).isEqualTo(3);
    assertThat(done.get("scoredRows").asInt()).isEqualTo(90);
    assertThat(puts.get()).isEqualTo(4);
  }

  @Test
  void a_replay_at_another_frequency_replaces_only_the_rows_of_its_range() {
    vigil = new LiveInference(directory, SIX.minusSeconds(60)).start();
    vigil.files.writeFiles("data/", DATA, SIX.minus(FIVE), SIX.plus(Duration.ofHours(1)), "+00:00");
    ObjectNode body = vigil.object();
    body.put("name", "pump");
    body.put("modelName", "pump-model");
    body.put("modelVersion", 1);
    body.put("dataUploadFrequency", "PT10M");
    body.put("dataDelayOffset", "PT2M");
    body.put("startTime", SIX.toString());
    body.putObject("input").put("bucket", "plant-in").put("prefix", "data/");
    body.putObject("output").put("bucket", "plant-out").put("prefix", "pump/");
    vigil.expect(201, "POST", PATH, body);
    vigil.runAt(SIX.plus(Duration.ofMinutes(22)));
    vigil.expect(200, "POST", PATH + "/pump/stop", null);
    // Five-minute windows with version 2 from now on; the first half of [06:00, 06:10) stays.
    ObjectNode update = vigil.object();
    update.put("dataUploadFrequency", "PT5M");
    update.put("modelVersion", 2);
    vigil.expect(200, "PUT", PATH + "/pump", update);
    vigil.expect(200, "POST", PATH + "/pump/stop", null);

    String id =
        vigil
            .expect(
                202,
                "POST",
                PATH + "/pump/replays",
                range("2024-01-01T06:05:00Z", "2024-01-01T06:10:00Z"))
            .get("id")
            .asText();
    vigil.runDue();
    JsonNode replay = vigil.expect(200, "GET", PATH + "/pump/replays/" + id, null);
    assertThat(replay.get("status").asText()).as(replay.toString()).isEqualTo("SUCCESS");

    JsonNode results =
        vigil.expect(
            200,
            "GET",
            PATH + "/pump/results?from=2024-01-01T06:00:00Z&to=2024-01-01T06:20:00Z",
            null);
    assertThat(results.get("results")).hasSize(120);
    for (int i = 0; i < 120; i++) {
      // 06:00-06:05 from the first 10-minute window, then the replayed 5 minutes, then the second.
      assertThat(results.get("results").get(i).get("modelVersion").asInt())
          .as("row %d", i)
          .isEqualTo(i >= 30 && i < 60 ? 2 : 1);
    }
  }

  /** An object store that passes every call on; tests override what they break. */
  private static class ForwardingObjectStore implements ObjectStore {
    private final ObjectStore delegate;

    ForwardingObjectStore(ObjectStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public void put(String bucket, String key, byte[] content) {
      delegate.put(bucket, key, content);
    }

    @Override
    public InputStream open(String bucket, String key) {
      return delegate.open(bucket, key);
    }

    @Override
    public List<ObjectInfo> list(String bucket, String prefix) {
      return delegate.list(bucket, prefix);
    }

    @Override
    public void delete(String bucket, String key) {
      delegate.delete(bucket, key);
    }

    @Override
    public String describe(String bucket, String key) {
      return delegate.describe(bucket, key);
    }
  }
}
