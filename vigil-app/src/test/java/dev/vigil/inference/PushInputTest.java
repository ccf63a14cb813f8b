package dev.vigil.inference;

import static dev.vigil.inference.EngineFixture.DATA;
import static dev.vigil.inference.LiveInference.PATH;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.objectstore.ObjectStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input pushed over the API, read by the real engine like files. */
class PushInputTest {
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

  /** The plant's rows in {@code [from, to)} as a push body. */
  private ObjectNode rows(Instant from, Instant to) {
    ObjectNode body = vigil.object();
    ArrayNode rows = body.putArray("rows");
    for (int row = DATA.firstRowAtOrAfter(from.toEpochMilli());
        row < DATA.firstRowAtOrAfter(to.toEpochMilli());
        row++) {
      ObjectNode line = rows.addObject();
      line.put("timestamp", Instant.ofEpochMilli(DATA.timestamp(row)).toString());
      ObjectNode values = line.putObject("values");
      for (int s = 0; s < DATA.sensorCount(); s++) {
        values.put(DATA.sensorNames().get(s), DATA.value(s, row));
      }
    }
    return body;
  }

  private List<String> inputKeys() {
    return vigil.files.objects.list("plant-in", "").stream()
        .map(ObjectStore.ObjectInfo::key)
        .toList();
  }

  @Test
  void pushed_rows_are_written_as_files_and_scored_by_their_window_exactly_like_files() {
    vigil = new LiveInference(directory, SIX.minusSeconds(60)).start();
    vigil.create("pushed", 1, SIX);

    JsonNode pushed =
        vigil.expect(202, "POST", PATH + "/pushed/data", rows(SIX.minus(FIVE), SIX.plus(FIVE)));

    assertThat(pushed.get("rows").asInt()).isEqualTo(60);
    assertThat(pushed.get("firstTimestamp").asText()).isEqualTo("2024-01-01T05:55:00Z");
    assertThat(pushed.get("lastTimestamp").asText()).isEqualTo("2024-01-01T06:04:50Z");
    assertThat(pushed.get("files")).hasSize(2);
    assertThat(pushed.at("/files/0/key").asText()).isEqualTo("data/comp01_20240101055500.csv");
    assertThat(pushed.at("/files/1/key").asText()).isEqualTo("data/comp02_20240101055500.csv");
    assertThat(pushed.at("/files/0/written").asBoolean()).isTrue();
    assertThat(pushed.get("windows").toString())
        .isEqualTo("[\"2024-01-01T06:00:00Z\",\"2024-01-01T06:05:00Z\"]");
    assertThat(pushed.get("warnings")).isEmpty();

    vigil.runAt(SIX.plus(FIVE).plus(DELAY));

    ExecutionRecord execution =
        vigil
            .executions()
            .find(
                vigil.expect(200, "GET", PATH + "/pushed", null).get("id").asText(), SIX.plus(FIVE))
            .orElseThrow();
    assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(execution.scoredRows()).isEqualTo(30);

    // The same rows as files, named as a pipeline names them, give the same results.
    vigil.files.writeFiles("files/", DATA, SIX.minus(FIVE), SIX.plus(FIVE), "+00:00");
    ObjectNode fromFiles = vigil.object();
    fromFiles.put("name", "from-files");
    fromFiles.put("modelName", "pump-model");
    fromFiles.put("modelVersion", 1);
    fromFiles.put("dataUploadFrequency", "PT5M");
    fromFiles.put("dataDelayOffset", "PT2M");
    fromFiles.put("startTime", SIX.plus(FIVE).plus(DELAY).toString());
    fromFiles.putObject("input").put("bucket", "plant-in").put("prefix", "files/");
    fromFiles.putObject("output").put("bucket", "plant-out").put("prefix", "from-files/");
    vigil.expect(201, "POST", PATH, fromFiles);
    vigil.expect(200, "POST", PATH + "/from-files/stop", null);
    vigil.files.settable.set(SIX.plus(Duration.ofMinutes(20)));
    String replay =
        vigil
            .expect(
                202,
                "POST",
                PATH + "/from-files/replays",
                vigil.object().put("start", SIX.toString()).put("end", SIX.plus(FIVE).toString()))
            .get("id")
            .asText();
    vigil.runDue();
    assertThat(
            vigil
                .expect(200, "GET", PATH + "/from-files/replays/" + replay, null)
                .get("status")
                .asText())
        .isEqualTo("SUCCESS");
    assertThat(vigil.files.results("from-files/2024-01-01T06:05:00Z/results.jsonl"))
        .isEqualTo(vigil.files.results("pushed/2024-01-01T06:05:00Z/results.jsonl"));
  }

  @Test
  void a_push_repeated_is_accepted_once_and_other_rows_starting_at_the_same_second_are_refused() {
    vigil = new LiveInference(directory, SIX.minusSeconds(60)).start();
    vigil.create("pushed", 1, SIX);
    vigil.expect(202, "POST", PATH + "/pushed/data", rows(SIX, SIX.plus(FIVE)));

    JsonNode again = vigil.expect(202, "POST", PATH + "/pushed/data", rows(SIX, SIX.plus(FIVE)));
    assertThat(again.at("/files/0/written").asBoolean()).isFalse();

    LiveInference.Response other =
        vigil.send("POST", PATH + "/pushed/data", rows(SIX, SIX.plus(Duration.ofMinutes(2))));
    assertThat(other.status()).isEqualTo(409);
    assertThat(other.error())
        .isEqualTo(
            "s3://plant-in/data/comp01_20240101060000.csv exists already with other rows: rows"
                + " pushed earlier start at the same second (2024-01-01T06:00:00Z); push rows that"
                + " start at another second");
    assertThat(inputKeys())
        .containsExactly("data/comp01_20240101060000.csv", "data/comp02_20240101060000.csv");
  }

  @Test
  void rows_of_windows_that_have_run_are_kept_with_a_warning_that_a_replay_scores_them() {
    vigil = new LiveInference(directory, SIX.minusSeconds(60)).start();
    vigil.files.writeFiles("data/", DATA, SIX.minus(FIVE), SIX.plus(FIVE), "+00:00");
    vigil.create("pushed", 1, SIX);
    vigil.runAt(SIX.plus(FIVE).plus(DELAY));

    JsonNode late =
        vigil.expect(
            202,
            "POST",
            PATH + "/pushed/data",
            rows(SIX.plus(Duration.ofMinutes(4)), SIX.plus(FIVE).plus(FIVE)));

    assertThat(late.get("warnings").toString())
        .isEqualTo(
            "[\"rows before 2024-01-01T06:05:00Z fall in windows that have run already: they are"
                + " kept as input, and a replay of their range scores them\"]");
  }

  @Test
  void bad_rows_are_refused_naming_the_row_and_field_and_write_nothing() {
    vigil = new LiveInference(directory, SIX.minusSeconds(60)).start();
    vigil.create("pushed", 1, SIX);
    String sensor = DATA.sensorNames().get(0);

    ObjectNode missing = rows(SIX, SIX.plusSeconds(20));
    ((ObjectNode) missing.at("/rows/1/values")).remove(sensor);
    LiveInference.Response lacks = vigil.send("POST", PATH + "/pushed/data", missing);
    assertThat(lacks.status()).isEqualTo(400);
    assertThat(lacks.field()).isEqualTo("rows[1].values");
    assertThat(lacks.error())
        .isEqualTo("rows[1].values lacks sensor '" + sensor + "' that the model reads");

    ObjectNode unordered = rows(SIX, SIX.plusSeconds(20));
    ((ObjectNode) unordered.at("/rows/1")).put("timestamp", "2024-01-01T05:00:00Z");
    LiveInference.Response order = vigil.send("POST", PATH + "/pushed/data", unordered);
    assertThat(order.field()).isEqualTo("rows[1].timestamp");
    assertThat(order.error())
        .isEqualTo(
            "rows[1].timestamp (2024-01-01T05:00:00Z) must be after rows[0].timestamp: rows are"
                + " in time order");

    ObjectNode badTime = rows(SIX, SIX.plusSeconds(10));
    ((ObjectNode) badTime.at("/rows/0")).put("timestamp", "noon");
    assertThat(vigil.send("POST", PATH + "/pushed/data", badTime).error())
        .isEqualTo(
            "rows[0].timestamp must be an ISO-8601 timestamp such as 2024-01-01T00:00:00Z, got"
                + " 'noon'");
    assertThat(vigil.send("POST", PATH + "/pushed/data", "{\"rows\":[]}").error())
        .isEqualTo("rows must hold at least one row");
    assertThat(
            vigil
                .send("POST", PATH + "/pushed/data", "{\"rows\":[{\"timestamp\":1}],\"x\":1}")
                .status())
        .isEqualTo(400);
    LiveInference.Response unknown =
        vigil.send("POST", PATH + "/nope/data", rows(SIX, SIX.plusSeconds(10)));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.error()).isEqualTo("inference scheduler 'nope' does not exist");
    assertThat(vigil.files.objects.list("plant-in", "")).isEmpty();
  }

  @Test
  void pushed_files_are_named_in_the_schedulers_format_and_time_zone() {
    vigil = new LiveInference(directory, SIX.minusSeconds(60)).start();
    ObjectNode body = vigil.object();
    body.put("name", "kolkata");
    body.put("modelName", "pump-model");
    body.put("dataUploadFrequency", "PT5M");
    body.put("startTime", SIX.toString());
    ObjectNode input = body.putObject("input");
    input.put("bucket", "plant-in");
    input.put("prefix", "in/");
    input.put("timeZoneOffset", "+05:30");
    input.put("timestampFormat", "yyyy-MM-dd-HH-mm-ss");
    input.put("delimiter", "-");
    body.putObject("output").put("bucket", "plant-out").put("prefix", "kolkata/");
    vigil.expect(201, "POST", PATH, body);

    JsonNode pushed = vigil.expect(202, "POST", PATH + "/kolkata/data", rows(SIX, SIX.plus(FIVE)));

    assertThat(pushed.at("/files/0/key").asText()).isEqualTo("in/comp01-2024-01-01-11-30-00.csv");
  }
}
