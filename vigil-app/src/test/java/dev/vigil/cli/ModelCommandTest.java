package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCommandTest {
  private static final String REQUEST =
      "{\"name\":\"pump-model\",\"datasetName\":\"pump\",\"trainingRange\":"
          + "{\"start\":\"2025-12-01T00:00:00Z\",\"end\":\"2025-12-20T00:00:00Z\"},"
          + "\"evaluationRange\":{\"start\":\"2025-12-20T00:00:00Z\","
          + "\"end\":\"2025-12-31T00:00:00Z\"},\"samplingRate\":\"PT5M\"}";
  private static final String CREATED =
      "{\"name\":\"pump-model\",\"datasetName\":\"pump\",\"status\":\"IN_PROGRESS\","
          + "\"latestVersion\":1,\"request\":"
          + REQUEST
          + ",\"createdAt\":\"2026-01-01T00:00:00Z\",\"updatedAt\":\"2026-01-01T00:00:00Z\","
          + "\"versions\":[{\"version\":1,\"status\":\"IN_PROGRESS\",\"progress\":0}]}";
  private static final String MODEL =
      """
      {"name":"pump-model","datasetName":"pump","status":"SUCCESS","activeVersion":1,
       "latestVersion":2,"request":%s,
       "createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-02T00:00:00Z",
       "versions":[{"version":1,"status":"SUCCESS","progress":1},
                   {"version":2,"status":"FAILED","progress":0.25,
                    "failedReason":"no rows in the training range"}],
       "evaluation":{"rows":3168,"anomalousRows":40,
         "events":[{"start":"2025-12-24T10:00:00Z","end":"2025-12-24T13:15:00Z",
           "durationSeconds":11700,"peakScore":0.93,
           "diagnostics":[{"name":"pump\\\\Voltage","value":0.2},
                          {"name":"pump\\\\Current","value":0.7},
                          {"name":"motor\\\\Speed","value":0.06},
                          {"name":"motor\\\\Temp","value":0.04}]}],
         "labels":[{"start":"2025-12-24T09:00:00Z","end":"2025-12-24T14:00:00Z",
           "faultCode":"BEARING","detected":true}],
         "labelsDetected":1,"falsePositiveEvents":0}}
      """
          .formatted(REQUEST);

  private static String version(int number, String status, double progress, String reason) {
    return "{\"version\":"
        + number
        + ",\"status\":\""
        + status
        + "\",\"progress\":"
        + progress
        + (reason == null ? "" : ",\"failedReason\":\"" + reason + "\"")
        + "}";
  }

  private final FakeVigil vigil;

  @TempDir Path dir;

  ModelCommandTest() throws IOException {
    vigil = new FakeVigil();
  }

  @AfterEach
  void stop() {
    vigil.close();
  }

  @Test
  void create_posts_the_ranges_settings_and_labels_as_utc_instants() throws IOException {
    Path labels =
        Files.writeString(
            dir.resolve("labels.csv"),
            "start,end,faultCode\n"
                + "2025-12-24 09:00:00,2025-12-24 14:00:00,BEARING\n"
                + "\n"
                + "2025-12-28T01:00:00+01:00,2025-12-28T02:00:00Z\n");
    vigil.respond("POST", "/api/v1/models", 202, CREATED);

    CliRun run =
        CliRun.of(
            "model",
            "create",
            "--server",
            vigil.url(),
            "--name",
            "pump-model",
            "--dataset",
            "pump",
            "--training-start",
            "2025-12-01T00:00:00Z",
            "--training-end",
            "2025-12-20 00:00:00",
            "--evaluation-start",
            "2025-12-20T00:00:00Z",
            "--evaluation-end",
            "2025-12-31T00:00:00Z",
            "--sampling-rate",
            "PT5M",
            "--off-condition",
            "pump\\Current < 0.5",
            "--labels",
            labels.toString());

    assertThat(run.exit()).as(run.err()).isZero();
    FakeVigil.Request request = vigil.request();
    assertThat(request.method() + " " + request.uri()).isEqualTo("POST /api/v1/models");
    assertThat(request.json())
        .isEqualTo(
            CliRun.json(
                """
                {"name":"pump-model","datasetName":"pump",
                 "trainingRange":{"start":"2025-12-01T00:00:00Z","end":"2025-12-20T00:00:00Z"},
                 "evaluationRange":{"start":"2025-12-20T00:00:00Z",
                   "end":"2025-12-31T00:00:00Z"},
                 "samplingRate":"PT5M","offCondition":"pump\\\\Current < 0.5",
                 "labels":[
                   {"start":"2025-12-24T09:00:00Z","end":"2025-12-24T14:00:00Z",
                    "faultCode":"BEARING"},
                   {"start":"2025-12-28T00:00:00Z","end":"2025-12-28T02:00:00Z"}]}
                """));
    assertThat(run.out()).isEqualTo("created model pump-model: version 1 is training on pump\n");
  }

  @Test
  void create_with_only_the_required_options_sends_only_them() {
    vigil.respond("POST", "/api/v1/models", 202, CREATED);

    CliRun run =
        CliRun.of(
            "model",
            "create",
            "--server",
            vigil.url(),
            "--name",
            "m",
            "--dataset",
            "pump",
            "--training-start",
            "2025-12-01T00:00:00Z",
            "--training-end",
            "2025-12-20T00:00:00Z");

    assertThat(run.exit()).isZero();
    assertThat(vigil.request().json().fieldNames())
        .toIterable()
        .containsExactly("name", "datasetName", "trainingRange");
  }

  @Test
  void an_evaluation_start_without_an_end_is_a_usage_error() {
    CliRun run =
        CliRun.of(
            "model",
            "create",
            "--server",
            vigil.url(),
            "--name",
            "m",
            "--dataset",
            "pump",
            "--training-start",
            "2025-12-01T00:00:00Z",
            "--training-end",
            "2025-12-20T00:00:00Z",
            "--evaluation-start",
            "2025-12-20T00:00:00Z");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("give both --evaluation-start and --evaluation-end");
    assertThat(vigil.requests()).isEmpty();
  }

  @Test
  void a_time_in_no_known_format_is_a_usage_error() {
    CliRun run =
        CliRun.of(
            "model",
            "create",
            "--server",
            vigil.url(),
            "--name",
            "m",
            "--dataset",
            "pump",
            "--training-start",
            "yesterday",
            "--training-end",
            "2025-12-20T00:00:00Z");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--training-start: 'yesterday'");
    assertThat(vigil.requests()).isEmpty();
  }

  @Test
  void a_labels_line_with_a_bad_time_names_the_file_and_line() throws IOException {
    Path labels = Files.writeString(dir.resolve("labels.csv"), "2025-12-24 09:00:00,soon\n");

    CliRun run =
        CliRun.of(
            "model",
            "create",
            "--server",
            vigil.url(),
            "--name",
            "m",
            "--dataset",
            "pump",
            "--training-start",
            "2025-12-01T00:00:00Z",
            "--training-end",
            "2025-12-20T00:00:00Z",
            "--labels",
            labels.toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).startsWith("vigil: " + labels + " line 1: 'soon'");
    assertThat(vigil.requests()).isEmpty();
  }

  @Test
  void create_with_wait_follows_the_version_until_it_is_trained() {
    vigil
        .respond("POST", "/api/v1/models", 202, CREATED)
        .respond(
            "GET",
            "/api/v1/models/pump-model/versions/1",
            200,
            version(1, "IN_PROGRESS", 0.4, null))
        .respond(
            "GET", "/api/v1/models/pump-model/versions/1", 200, version(1, "SUCCESS", 1, null));

    CliRun run =
        CliRun.of(
            "model",
            "create",
            "--server",
            vigil.url(),
            "--poll-interval-ms",
            "0",
            "--name",
            "pump-model",
            "--dataset",
            "pump",
            "--training-start",
            "2025-12-01T00:00:00Z",
            "--training-end",
            "2025-12-20T00:00:00Z",
            "--wait");

    assertThat(run.exit()).isZero();
    assertThat(run.err())
        .isEqualTo(
            """
            model pump-model version 1: IN_PROGRESS 0%
            model pump-model version 1: IN_PROGRESS 40%
            model pump-model version 1: SUCCESS 100%
            """);
    assertThat(vigil.requests())
        .extracting(r -> r.method() + " " + r.uri())
        .containsExactly(
            "POST /api/v1/models",
            "GET /api/v1/models/pump-model/versions/1",
            "GET /api/v1/models/pump-model/versions/1");
  }

  @Test
  void retrain_with_wait_exits_1_with_the_reason_when_training_fails() {
    vigil
        .respond(
            "POST", "/api/v1/models/pump-model/versions", 202, version(2, "IN_PROGRESS", 0, null))
        .respond(
            "GET",
            "/api/v1/models/pump-model/versions/2",
            200,
            version(2, "FAILED", 0.25, "no rows in the training range"));

    CliRun run =
        CliRun.of(
            "model",
            "retrain",
            "pump-model",
            "--wait",
            "--poll-interval-ms",
            "0",
            "--server",
            vigil.url());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).isEqualTo("model pump-model: version 2 is training\n");
    assertThat(run.err())
        .isEqualTo(
            """
            model pump-model version 2: IN_PROGRESS 0%
            model pump-model version 2: FAILED 25%
            vigil: model pump-model version 2 failed: no rows in the training range
            """);
    assertThat(vigil.requests().get(0).json()).isEqualTo(CliRun.json("{}"));
  }

  @Test
  void retrain_without_wait_returns_at_once() {
    vigil.respond(
        "POST", "/api/v1/models/pump-model/versions", 202, version(2, "IN_PROGRESS", 0, null));

    CliRun run = CliRun.of("model", "retrain", "pump-model", "--server", vigil.url());

    assertThat(run.exit()).isZero();
    assertThat(vigil.requests()).hasSize(1);
  }

  @Test
  void list_prints_one_aligned_row_per_model() {
    vigil.respond("GET", "/api/v1/models", 200, "{\"models\":[" + MODEL + "," + CREATED + "]}");

    CliRun run = CliRun.of("model", "list", "--server", vigil.url());

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .isEqualTo(
            """
            NAME        DATASET  STATUS       ACTIVE  LATEST  UPDATED
            pump-model  pump     SUCCESS           1       2  2026-01-02T00:00:00Z
            pump-model  pump     IN_PROGRESS       -       1  2026-01-01T00:00:00Z
            """);
  }

  @Test
  void list_with_json_prints_the_servers_json() {
    String body = "{\"models\":[" + CREATED + "]}";
    vigil.respond("GET", "/api/v1/models", 200, body);

    CliRun run = CliRun.of("model", "list", "--json", "--server", vigil.url());

    assertThat(run.outJson()).isEqualTo(CliRun.json(body));
  }

  @Test
  void describe_shows_settings_versions_evaluation_events_and_labels() {
    vigil.respond("GET", "/api/v1/models/pump-model", 200, MODEL);

    CliRun run = CliRun.of("model", "describe", "pump-model", "--server", vigil.url());

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .isEqualTo(
            """
            Name:           pump-model
            Dataset:        pump
            Status:         SUCCESS
            Active version: 1
            Latest version: 2
            Created:        2026-01-01T00:00:00Z
            Updated:        2026-01-02T00:00:00Z
            Training:       2025-12-01T00:00:00Z to 2025-12-20T00:00:00Z
            Evaluation:     2025-12-20T00:00:00Z to 2025-12-31T00:00:00Z
            Sampling rate:  PT5M

            Versions
            VERSION  STATUS   PROGRESS  ACTIVE  FAILED REASON
                  1  SUCCESS      100%  yes     -
                  2  FAILED        25%          no rows in the training range

            Evaluation
              Rows:                  3168
              Anomalous rows:        40
              Labels detected:       1 of 1
              False-positive events: 0

            Events
            START                 END                   DURATION (S)  PEAK SCORE  TOP SENSORS
            2025-12-24T10:00:00Z  2025-12-24T13:15:00Z         11700        0.93  \
            pump\\Current 0.7, pump\\Voltage 0.2, motor\\Speed 0.06

            Labels
            START                 END                   FAULT CODE  DETECTED  NOTES
            2025-12-24T09:00:00Z  2025-12-24T14:00:00Z  BEARING     yes       -
            """);
  }

  @Test
  void delete_sends_delete() {
    vigil.respond("DELETE", "/api/v1/models/pump-model", 204, "");

    CliRun run = CliRun.of("model", "delete", "pump-model", "--server", vigil.url());

    assertThat(run.exit()).isZero();
    assertThat(vigil.request().method() + " " + vigil.request().uri())
        .isEqualTo("DELETE /api/v1/models/pump-model");
    assertThat(run.out()).isEqualTo("deleted model pump-model\n");
  }

  @Test
  void activate_puts_the_version_number() {
    vigil.respond(
        "PUT",
        "/api/v1/models/pump-model/active-version",
        200,
        MODEL.replace("\"activeVersion\":1", "\"activeVersion\":2"));

    CliRun run = CliRun.of("model", "activate", "pump-model", "2", "--server", vigil.url());

    assertThat(run.exit()).isZero();
    assertThat(vigil.request().method()).isEqualTo("PUT");
    assertThat(vigil.request().uri()).isEqualTo("/api/v1/models/pump-model/active-version");
    assertThat(vigil.request().json()).isEqualTo(CliRun.json("{\"version\":2}"));
    assertThat(run.out()).isEqualTo("model pump-model: version 2 is active\n");
  }

  @Test
  void activate_with_a_version_that_is_not_a_number_is_a_usage_error() {
    CliRun run = CliRun.of("model", "activate", "pump-model", "latest", "--server", vigil.url());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(vigil.requests()).isEmpty();
  }

  @Test
  void score_posts_the_csv_rows_and_prints_one_result_line_per_row() throws IOException {
    Path rows =
        Files.writeString(
            dir.resolve("rows.csv"),
            "timestamp,pump\\Current,pump\\Voltage\n"
                + "2026-01-05 10:00:00,8.5,230\n"
                + "2026-01-05 10:01:00,,231.5\n");
    String first =
        "{\"timestamp\":\"2026-01-05T10:00:00.000000\",\"prediction\":0,"
            + "\"prediction_reason\":\"NO_ANOMALY_DETECTED\",\"anomaly_score\":0.12,"
            + "\"diagnostics\":[{\"name\":\"pump\\\\Current\",\"value\":0.6},"
            + "{\"name\":\"pump\\\\Voltage\",\"value\":0.4}]}";
    String second =
        "{\"timestamp\":\"2026-01-05T10:01:00.000000\",\"prediction\":1,"
            + "\"prediction_reason\":\"ANOMALY_DETECTED\",\"anomaly_score\":0.91,"
            + "\"diagnostics\":[{\"name\":\"pump\\\\Voltage\",\"value\":0.8},"
            + "{\"name\":\"pump\\\\Current\",\"value\":0.2}]}";
    vigil.respond(
        "POST",
        "/api/v1/models/pump-model/score",
        200,
        "{\"model\":\"pump-model\",\"version\":1,\"results\":[" + first + "," + second + "]}");

    CliRun run =
        CliRun.of(
            "model",
            "score",
            "pump-model",
            "--file",
            rows.toString(),
            "--sensitivity",
            "70",
            "--server",
            vigil.url());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(vigil.request().json())
        .isEqualTo(
            CliRun.json(
                """
                {"rows":[
                  {"timestamp":"2026-01-05T10:00:00Z",
                   "values":{"pump\\\\Current":8.5,"pump\\\\Voltage":230.0}},
                  {"timestamp":"2026-01-05T10:01:00Z","values":{"pump\\\\Voltage":231.5}}],
                 "sensitivity":70}
                """));
    String[] lines = run.out().split("\n");
    assertThat(lines).hasSize(2);
    assertThat(CliRun.json(lines[0])).isEqualTo(CliRun.json(first));
    assertThat(CliRun.json(lines[1])).isEqualTo(CliRun.json(second));
    assertThat(run.err())
        .isEqualTo("scored 2 rows of " + rows + " with model pump-model version 1: 1 anomalous\n");
  }

  @Test
  void score_with_a_component_names_plain_columns_after_it() throws IOException {
    Path rows =
        Files.writeString(dir.resolve("rows.csv"), "Timestamp,Current\n2026-01-05T10:00:00Z,8\n");
    vigil.respond(
        "POST", "/api/v1/models/m/score", 200, "{\"model\":\"m\",\"version\":1,\"results\":[]}");

    CliRun run =
        CliRun.of(
            "model",
            "score",
            "m",
            "--file",
            rows.toString(),
            "--component",
            "pump",
            "--server",
            vigil.url());

    assertThat(run.exit()).isZero();
    JsonNode values = vigil.request().json().get("rows").get(0).get("values");
    assertThat(values.fieldNames()).toIterable().containsExactly("pump\\Current");
    assertThat(vigil.request().json().has("sensitivity")).isFalse();
  }

  @Test
  void score_of_a_missing_file_fails_without_a_request() {
    CliRun run =
        CliRun.of(
            "model",
            "score",
            "m",
            "--file",
            dir.resolve("nope.csv").toString(),
            "--server",
            vigil.url());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("vigil: " + dir.resolve("nope.csv") + ": no such file\n");
    assertThat(vigil.requests()).isEmpty();
  }
}
