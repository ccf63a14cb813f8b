package dev.vigil.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.api.ApiServer;
import dev.vigil.api.ModelRoutes;
import dev.vigil.engine.data.SensorTable;
import dev.vigil.engine.model.ModelFormat;
import dev.vigil.engine.model.ScoredRow;
import dev.vigil.engine.model.TrainedModel;
import dev.vigil.engine.preprocess.PreprocessedTable;
import dev.vigil.engine.synthetic.Fault;
import dev.vigil.engine.synthetic.FaultType;
import dev.vigil.engine.synthetic.SyntheticPlant;
import dev.vigil.jobs.WorkerPool;
import dev.vigil.json.Json;
import dev.vigil.results.ResultLineWriter;
import dev.vigil.storage.Database;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The models API end to end: a real HTTP server with the model routes, a real H2 database, a real
 * worker pool training real models, and datasets served by a stand-in history over synthetic plant
 * data.
 */
class ModelApiTest {
  private static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");
  private static final int TRAINING_ROWS = 2_000;
  private static final int ROWS = 3_000;
  private static final int FAULT_START = 2_400;
  private static final int FAULT_END = 2_600;

  private static final SyntheticPlant PLANT =
      SyntheticPlant.builder()
          .components(2)
          .sensorsPerComponent(3)
          .samplePeriod(Duration.ofMinutes(1))
          .build();
  private static final SensorTable TABLE =
      PLANT
          .generate(
              ROWS,
              List.of(
                  new Fault(
                      FaultType.DRIFT, PLANT.sensorNames().get(0), FAULT_START, FAULT_END, 8.0)))
          .table();

  @TempDir Path directory;

  private final ObjectMapper json = Json.mapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final SyntheticDatasetHistory history = new SyntheticDatasetHistory();
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private Database database;
  private WorkerPool workers;
  private ApiServer server;

  @BeforeEach
  void start() {
    history.add("pump-7", TABLE);
    history.add("empty", SensorTable.of(new long[0], List.of("a\\b"), new double[][] {{}}));
    database = Database.open(Database.embeddedUrl(directory), "sa", "");
    workers = new WorkerPool(2);
    startServer();
  }

  private void startServer() {
    ModelService service = ModelService.create(database, history, workers, clock);
    service.failInterruptedTraining();
    server = new ApiServer("127.0.0.1", 0, List.of(new ModelRoutes(service)), () -> true).start();
  }

  @AfterEach
  void stop() {
    server.close();
    workers.close();
    database.close();
  }

  private static String at(int row) {
    return Instant.ofEpochMilli(TABLE.timestamp(row)).toString();
  }

  private ObjectNode createBody(String name) {
    ObjectNode body = json.createObjectNode();
    body.put("name", name);
    body.put("datasetName", "pump-7");
    body.set("trainingRange", range(at(0), at(TRAINING_ROWS)));
    body.set("evaluationRange", range(at(TRAINING_ROWS), at(ROWS - 1)));
    ObjectNode label = range(at(FAULT_START), at(FAULT_END));
    label.put("faultCode", "drift");
    body.putArray("labels").add(label);
    return body;
  }

  private ObjectNode range(String start, String end) {
    ObjectNode range = json.createObjectNode();
    range.put("start", start);
    range.put("end", end);
    return range;
  }

  private record Response(int status, JsonNode body) {}

  private Response send(String method, String path, Object body) throws Exception {
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(
                body instanceof String text ? text : json.writeValueAsString(body));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .method(method, publisher)
            .header("Content-Type", "application/json")
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    JsonNode parsed = response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
    return new Response(response.statusCode(), parsed);
  }

  private JsonNode awaitVersion(String name, int version) throws Exception {
    assertThat(workers.awaitIdle(Duration.ofSeconds(60))).as("training finished").isTrue();
    Response response = send("GET", "/api/v1/models/" + name + "/versions/" + version, null);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body().get("status").asText()).isNotEqualTo("IN_PROGRESS");
    return response.body();
  }

  @Test
  void aModelIsTrainedEvaluatedRetrainedSwitchedScoredAndDeleted() throws Exception {
    Response created = send("POST", "/api/v1/models", createBody("pump-7-model"));
    assertThat(created.status()).isEqualTo(202);
    assertThat(created.body().get("name").asText()).isEqualTo("pump-7-model");
    assertThat(created.body().get("status").asText()).isEqualTo("IN_PROGRESS");
    assertThat(created.body().get("latestVersion").asInt()).isEqualTo(1);
    assertThat(created.body().has("activeVersion")).isFalse();
    assertThat(created.body().get("createdAt").asText()).isEqualTo(NOW.toString());
    assertThat(created.body().at("/request/trainingRange/start").asText()).isEqualTo(at(0));

    JsonNode first = awaitVersion("pump-7-model", 1);
    assertThat(first.get("status").asText()).isEqualTo("SUCCESS");
    assertThat(first.get("progress").asDouble()).isEqualTo(1.0);
    assertThat(first.at("/trainingSummary/trainingRows").asInt()).isEqualTo(TRAINING_ROWS);
    assertThat(first.at("/trainingSummary/excludedSensors").isArray()).isTrue();

    JsonNode described = send("GET", "/api/v1/models/pump-7-model", null).body();
    assertThat(described.get("status").asText()).isEqualTo("SUCCESS");
    assertThat(described.get("activeVersion").asInt()).isEqualTo(1);
    JsonNode evaluation = described.get("evaluation");
    assertThat(evaluation.get("rows").asInt()).isEqualTo(ROWS - 1 - TRAINING_ROWS);
    assertThat(evaluation.get("events").size()).isPositive();
    assertThat(evaluation.at("/labels/0/detected").asBoolean()).isTrue();
    assertThat(evaluation.at("/labels/0/detectionDelaySeconds").asDouble()).isNotNegative();
    assertThat(evaluation.get("labelsDetected").asInt()).isEqualTo(1);
    JsonNode detecting = null;
    for (JsonNode event : evaluation.get("events")) {
      if (Instant.parse(event.get("start").asText()).isBefore(Instant.parse(at(FAULT_END)))
          && !Instant.parse(event.get("end").asText()).isBefore(Instant.parse(at(FAULT_START)))) {
        detecting = event;
      }
    }
    assertThat(detecting).isNotNull();
    assertThat(detecting.at("/diagnostics/0/name").asText()).isEqualTo(PLANT.sensorNames().get(0));
    assertThat(detecting.get("diagnostics").size()).isLessThanOrEqualTo(5);
    assertThat(detecting.get("peakScore").asDouble()).isGreaterThan(0.5);

    ObjectNode retrain = json.createObjectNode();
    retrain.set("trainingRange", range(at(100), at(TRAINING_ROWS)));
    Response second = send("POST", "/api/v1/models/pump-7-model/versions", retrain);
    assertThat(second.status()).isEqualTo(202);
    assertThat(second.body().get("version").asInt()).isEqualTo(2);
    assertThat(second.body().get("status").asText()).isEqualTo("IN_PROGRESS");
    assertThat(awaitVersion("pump-7-model", 2).get("status").asText()).isEqualTo("SUCCESS");
    JsonNode afterRetrain = send("GET", "/api/v1/models/pump-7-model", null).body();
    assertThat(afterRetrain.get("activeVersion").asInt()).isEqualTo(2);
    assertThat(afterRetrain.get("latestVersion").asInt()).isEqualTo(2);
    assertThat(send("GET", "/api/v1/models/pump-7-model/versions", null).body().get("versions"))
        .hasSize(2);

    Response switched =
        send("PUT", "/api/v1/models/pump-7-model/active-version", "{\"version\":1}");
    assertThat(switched.status()).isEqualTo(200);
    assertThat(switched.body().get("activeVersion").asInt()).isEqualTo(1);

    assertScoringMatchesTheEngine("pump-7-model", 1);

    assertThat(send("GET", "/api/v1/models", null).body().at("/models/0/name").asText())
        .isEqualTo("pump-7-model");
    assertThat(send("DELETE", "/api/v1/models/pump-7-model", null).status()).isEqualTo(204);
    Response gone = send("GET", "/api/v1/models/pump-7-model", null);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.body().at("/error/message").asText())
        .isEqualTo("model 'pump-7-model' does not exist");
  }

  private void assertScoringMatchesTheEngine(String name, int version) throws Exception {
    int from = FAULT_START - 50;
    int to = FAULT_START + 150;
    ObjectNode body = json.createObjectNode();
    ArrayNode rows = body.putArray("rows");
    for (int row = from; row < to; row++) {
      ObjectNode line = rows.addObject();
      line.put("timestamp", at(row));
      ObjectNode values = line.putObject("values");
      for (int s = 0; s < TABLE.sensorCount(); s++) {
        values.put(TABLE.sensorNames().get(s), TABLE.value(s, row));
      }
    }
    Response scored = send("POST", "/api/v1/models/" + name + "/score", body);
    assertThat(scored.status()).isEqualTo(200);
    assertThat(scored.body().get("model").asText()).isEqualTo(name);
    assertThat(scored.body().get("version").asInt()).isEqualTo(version);

    ModelRecord model = new ModelRepository(database).findModel(name).orElseThrow();
    TrainedModel trained =
        ModelFormat.fromBytes(
            new ModelRepository(database).modelBytes(model.id(), version).orElseThrow());
    PreprocessedTable prepared = trained.preprocess(TABLE.rows(from, to));
    List<ScoredRow> expected =
        trained
            .newScorer()
            .score(prepared.table(), 0, prepared.table().rowCount(), prepared.machineOff());
    StringWriter lines = new StringWriter();
    try (ResultLineWriter writer = new ResultLineWriter(lines, trained.sensorNames())) {
      for (ScoredRow row : expected) {
        writer.write(row);
      }
    }
    List<JsonNode> expectedLines = new ArrayList<>();
    for (String line : lines.toString().split("\n")) {
      expectedLines.add(json.readTree(line));
    }
    assertThat(scored.body().get("results")).containsExactlyElementsOf(expectedLines);
    assertThat(expected).anyMatch(row -> row.prediction() == 1);
  }

  private void assertRefused(Object body, int status, String field, String message)
      throws Exception {
    assertRefused("POST", "/api/v1/models", body, status, field, message);
  }

  private void assertRefused(
      String method, String path, Object body, int status, String field, String message)
      throws Exception {
    Response response = send(method, path, body);
    assertThat(response.status()).as(response.body().toString()).isEqualTo(status);
    JsonNode error = response.body().get("error");
    assertThat(error.get("message").asText()).isEqualTo(message);
    if (field == null) {
      assertThat(error.has("field")).isFalse();
    } else {
      assertThat(error.get("field").asText()).isEqualTo(field);
    }
  }

  @Test
  void eachBadCreationIsRefusedNamingTheFieldAndTheRule() throws Exception {
    assertRefused(
        createBody("bad name!"),
        400,
        "name",
        "name must match ^[0-9a-zA-Z_-]{1,200}$, got 'bad name!'");
    assertRefused(createBody("x").without("name"), 400, "name", "name is required");
    assertRefused(
        createBody("x").put("datasetName", "nope"), 404, null, "dataset 'nope' does not exist");
    assertRefused(
        createBody("x").set("trainingRange", range(at(10), at(5))),
        400,
        "trainingRange",
        "trainingRange.start (" + at(10) + ") must be before trainingRange.end (" + at(5) + ")");
    assertRefused(
        createBody("x").set("trainingRange", range("yesterday", at(5))),
        400,
        "trainingRange.start",
        "trainingRange.start must be an ISO-8601 timestamp such as 2024-01-01T00:00:00Z, got"
            + " 'yesterday'");
    assertRefused(
        createBody("x").set("evaluationRange", range(at(TRAINING_ROWS - 1), at(ROWS - 1))),
        400,
        "evaluationRange.start",
        "evaluationRange.start ("
            + at(TRAINING_ROWS - 1)
            + ") must be at or after trainingRange.end ("
            + at(TRAINING_ROWS)
            + ")");
    assertRefused(
        createBody("x").put("samplingRate", "PT2M"),
        400,
        "samplingRate",
        "samplingRate must be one of PT1S, PT5S, PT10S, PT15S, PT30S, PT1M, PT5M, PT10M, PT15M,"
            + " PT30M, PT1H, got 'PT2M'");
    assertRefused(
        createBody("x").put("offCondition", "nope\\Current < 0.5"),
        400,
        "offCondition",
        "offCondition names sensor 'nope\\Current' that dataset 'pump-7' does not have; its"
            + " sensors are "
            + PLANT.sensorNames());
    ObjectNode reversedLabels = createBody("x");
    reversedLabels.putArray("labels").add(range(at(2500), at(2600))).add(range(at(2100), at(2200)));
    assertRefused(
        reversedLabels,
        400,
        "labels[1].start",
        "labels[1] must start at or after the end of labels[0]: labels are in time order and do"
            + " not overlap");
    ObjectNode emptyLabel = createBody("x");
    emptyLabel.putArray("labels").add(range(at(2500), at(2500)));
    assertRefused(
        emptyLabel,
        400,
        "labels[0]",
        "labels[0].start (" + at(2500) + ") must be before labels[0].end (" + at(2500) + ")");
    assertRefused(
        createBody("x").put("datasetName", "empty"),
        400,
        "datasetName",
        "dataset 'empty' has no data yet; ingest data before training a model");
    assertRefused(
        createBody("x").set("trainingRange", range(at(0), at(50))),
        400,
        "trainingRange",
        "trainingRange holds 50 rows of dataset 'pump-7'; the model needs at least 69 for its"
            + " window of 10 rows and its calibration");
    assertRefused(
        createBody("x")
            .put("samplingRate", "PT1H")
            .set("trainingRange", range(at(0), at(TRAINING_ROWS))),
        400,
        "trainingRange",
        "trainingRange holds 34 rows of dataset 'pump-7' after resampling to PT1H; the model needs"
            + " at least 69 for its window of 10 rows and its calibration");
    assertRefused(
        createBody("x").put("colour", "red"),
        400,
        "colour",
        "unknown field 'colour'; known fields: datasetName, evaluationRange, labelGroupName,"
            + " labels, labelsLocation, name, offCondition, samplingRate, trainingRange");

    assertThat(send("POST", "/api/v1/models", createBody("taken")).status()).isEqualTo(202);
    assertRefused(createBody("taken"), 409, null, "model 'taken' already exists");
    awaitVersion("taken", 1);
  }

  @Test
  void scoringIsRefusedForBadRowsAndWithoutAnActiveVersion() throws Exception {
    insertInProgressModel("untrained");
    assertRefused(
        "POST",
        "/api/v1/models/untrained/score",
        "{\"rows\":[]}",
        409,
        null,
        "model 'untrained' has no active version; wait for a version to train successfully");

    assertThat(send("POST", "/api/v1/models", createBody("scorer")).status()).isEqualTo(202);
    assertThat(awaitVersion("scorer", 1).get("status").asText()).isEqualTo("SUCCESS");
    String sensor = PLANT.sensorNames().get(0);
    String values = "{" + quoted(sensor) + ":1.0}";
    assertRefused(
        "POST",
        "/api/v1/models/scorer/score",
        "{\"rows\":[{\"timestamp\":\"" + at(1) + "\",\"values\":" + values + "}]}",
        400,
        "rows[0].values",
        "rows[0].values lacks sensor '" + PLANT.sensorNames().get(1) + "' that the model reads");
    String full = fullValues(5);
    String extra = full.substring(0, full.length() - 1) + ",\"motor\\\\Typo\":1.0}";
    assertRefused(
        "POST",
        "/api/v1/models/scorer/score",
        "{\"rows\":[{\"timestamp\":\"" + at(1) + "\",\"values\":" + extra + "}]}",
        400,
        "rows[0].values",
        "rows[0].values has sensor 'motor\\Typo' that the model does not read; its sensors are "
            + PLANT.sensorNames());
    assertRefused(
        "POST",
        "/api/v1/models/scorer/score",
        "{\"rows\":[{\"timestamp\":\""
            + at(2)
            + "\",\"values\":"
            + full
            + "},{\"timestamp\":\""
            + at(1)
            + "\",\"values\":"
            + full
            + "}]}",
        400,
        "rows[1].timestamp",
        "rows[1].timestamp ("
            + at(1)
            + ") must be after rows[0].timestamp: rows are in time order");
    assertRefused(
        "POST",
        "/api/v1/models/scorer/score",
        "{\"sensitivity\":0,\"rows\":[{\"timestamp\":\"" + at(1) + "\",\"values\":" + full + "}]}",
        400,
        "sensitivity",
        "sensitivity must be between 1 and 100, got 0");
    StringBuilder many = new StringBuilder("{\"rows\":[");
    for (int i = 0; i <= ModelService.MAX_SCORE_ROWS; i++) {
      many.append(i == 0 ? "" : ",").append("{\"timestamp\":\"").append(at(1)).append("\"}");
    }
    assertRefused(
        "POST",
        "/api/v1/models/scorer/score",
        many.append("]}").toString(),
        400,
        "rows",
        "rows holds 100001 rows; one request may hold at most 100000");
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\") + "\"";
  }

  private static String fullValues(int row) {
    StringBuilder values = new StringBuilder("{");
    for (int s = 0; s < TABLE.sensorCount(); s++) {
      values
          .append(s == 0 ? "" : ",")
          .append(quoted(TABLE.sensorNames().get(s)))
          .append(':')
          .append(TABLE.value(s, row));
    }
    return values.append('}').toString();
  }

  private String insertInProgressModel(String name) {
    String id = UUID.randomUUID().toString();
    String request = "{\"name\":\"" + name + "\",\"datasetName\":\"pump-7\",\"labels\":[]}";
    new ModelRepository(database)
        .insertModel(
            new ModelRecord(
                id,
                name,
                "id-pump-7",
                "pump-7",
                request,
                null,
                1,
                NOW.toEpochMilli(),
                NOW.toEpochMilli()),
            new VersionRecord(
                id,
                1,
                ModelStatus.IN_PROGRESS,
                0.2,
                null,
                request,
                null,
                null,
                NOW.toEpochMilli(),
                NOW.toEpochMilli()));
    return id;
  }

  @Test
  void aVersionTrainingWhenVigilStoppedIsFailedAtStartUp() throws Exception {
    insertInProgressModel("interrupted");
    assertRefused(
        "DELETE",
        "/api/v1/models/interrupted",
        null,
        409,
        null,
        "model 'interrupted' is training a version; delete it once training has finished");
    assertRefused(
        "PUT",
        "/api/v1/models/interrupted/active-version",
        "{\"version\":1}",
        409,
        null,
        "version 1 of model 'interrupted' is IN_PROGRESS; only a SUCCESS version can be active");

    server.close();
    startServer();

    JsonNode version = send("GET", "/api/v1/models/interrupted/versions/1", null).body();
    assertThat(version.get("status").asText()).isEqualTo("FAILED");
    assertThat(version.get("failedReason").asText())
        .isEqualTo("Vigil stopped while training; create a new version");
    assertThat(send("GET", "/api/v1/models/interrupted", null).body().get("status").asText())
        .isEqualTo("FAILED");
    assertThat(send("DELETE", "/api/v1/models/interrupted", null).status()).isEqualTo(204);
  }

  @Test
  void aTrainingRangeTheEngineCannotUseEndsInAFailedVersionWithTheReason() throws Exception {
    double[][] flat = new double[1][200];
    long[] timestamps = new long[200];
    for (int i = 0; i < timestamps.length; i++) {
      timestamps[i] = TABLE.timestamp(0) + 60_000L * i;
    }
    history.add("flat", SensorTable.of(timestamps, List.of("pump\\Flat"), flat));
    ObjectNode body = createBody("flat-model").put("datasetName", "flat");
    body.remove("evaluationRange");
    body.remove("labels");
    body.set(
        "trainingRange", range(Instant.ofEpochMilli(timestamps[0]).toString(), at(TRAINING_ROWS)));
    assertThat(send("POST", "/api/v1/models", body).status()).isEqualTo(202);

    JsonNode version = awaitVersion("flat-model", 1);
    assertThat(version.get("status").asText()).isEqualTo("FAILED");
    assertThat(version.get("failedReason").asText()).startsWith("no sensor can be trained on");
    assertThat(send("GET", "/api/v1/models/flat-model", null).body().has("activeVersion"))
        .isFalse();
  }
}
