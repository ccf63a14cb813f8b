package dev.vigil.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.api.ApiServer;
import dev.vigil.api.LabelGroupRoutes;
import dev.vigil.api.ModelRoutes;
import dev.vigil.engine.data.SensorTable;
import dev.vigil.engine.synthetic.Fault;
import dev.vigil.engine.synthetic.FaultType;
import dev.vigil.engine.synthetic.SyntheticPlant;
import dev.vigil.jobs.WorkerPool;
import dev.vigil.json.Json;
import dev.vigil.label.LabelService;
import dev.vigil.objectstore.FolderObjectStore;
import dev.vigil.storage.Database;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Label groups through the native API ({@code /api/v1/label-groups}), and models that take their
 * labels from a label group or from label files in the object store: their evaluation is judged on
 * those labels, read again for each new version. A real HTTP server, a real H2 database, real
 * training; datasets from a stand-in history over synthetic plant data.
 */
class ModelLabelsApiTest {
  private static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");
  private static final int TRAINING_ROWS = 2_000;
  private static final int ROWS = 3_000;
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
              List.of(new Fault(FaultType.DRIFT, PLANT.sensorNames().get(0), 2_400, 2_600, 8.0)))
          .table();

  @TempDir Path directory;

  private final ObjectMapper json = Json.mapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private Database database;
  private WorkerPool workers;
  private FolderObjectStore objects;
  private ApiServer server;

  @BeforeEach
  void start() {
    SyntheticDatasetHistory history = new SyntheticDatasetHistory();
    history.add("pump-7", TABLE);
    database = Database.open(Database.embeddedUrl(directory), "sa", "");
    workers = new WorkerPool(2);
    objects = new FolderObjectStore(directory.resolve("objects"));
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    LabelService labels = new LabelService(database, objects, clock);
    ModelService models = ModelService.create(database, history, labels, workers, clock);
    server =
        new ApiServer(
                "127.0.0.1",
                0,
                List.of(new ModelRoutes(models), new LabelGroupRoutes(labels)),
                () -> true)
            .start();
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

  private record Response(int status, JsonNode body) {}

  private Response send(String method, String path, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json")
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    return new Response(
        response.statusCode(),
        response.body().isEmpty() ? json.nullNode() : json.readTree(response.body()));
  }

  private ObjectNode model(String name) {
    ObjectNode body = json.createObjectNode();
    body.put("name", name);
    body.put("datasetName", "pump-7");
    body.putObject("trainingRange").put("start", at(0)).put("end", at(TRAINING_ROWS));
    body.putObject("evaluationRange").put("start", at(TRAINING_ROWS)).put("end", at(ROWS - 1));
    return body;
  }

  private String label(int from, int to, String rating) {
    return "{\"start\":\""
        + at(from)
        + "\",\"end\":\""
        + at(to)
        + "\",\"rating\":\""
        + rating
        + "\"}";
  }

  private JsonNode trained(String name, int version) throws Exception {
    assertThat(workers.awaitIdle(Duration.ofSeconds(60))).as("training finished").isTrue();
    Response response = send("GET", "/api/v1/models/" + name + "/versions/" + version, null);
    assertThat(response.body().get("status").asText())
        .as(response.body().toString())
        .isEqualTo("SUCCESS");
    return response.body();
  }

  @Test
  void label_groups_and_labels_are_managed_through_the_native_api() throws Exception {
    Response created =
        send(
            "POST",
            "/api/v1/label-groups",
            "{\"name\":\"pump-faults\",\"faultCodes\":[\"drift\"]}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body().get("faultCodes")).hasSize(1);
    assertThat(created.body().get("createdAt").asText()).isEqualTo(NOW.toString());
    assertThat(send("POST", "/api/v1/label-groups", "{\"name\":\"pump-faults\"}").body())
        .isEqualTo(
            json.readTree(
                "{\"error\":{\"status\":409,\"code\":\"conflict\","
                    + "\"message\":\"label group 'pump-faults' already exists\"}}"));

    Response labelled =
        send(
            "POST",
            "/api/v1/label-groups/pump-faults/labels",
            "{\"start\":\"2024-01-02T00:00:00Z\",\"end\":\"2024-01-02T06:00:00Z\","
                + "\"rating\":\"ANOMALY\",\"faultCode\":\"drift\",\"notes\":\"seen on site\"}");
    assertThat(labelled.status()).isEqualTo(201);
    String id = labelled.body().get("id").asText();
    assertThat(send("GET", "/api/v1/label-groups/pump-faults/labels/" + id, null).body())
        .isEqualTo(labelled.body());
    assertThat(
            send("GET", "/api/v1/label-groups/pump-faults/labels?from=2024-01-03T00:00:00Z", null)
                .body()
                .get("labels"))
        .isEmpty();
    assertThat(
            send(
                    "POST",
                    "/api/v1/label-groups/pump-faults/labels",
                    "{\"start\":\"2024-01-02T00:00:00Z\",\"end\":\"2024-01-02T06:00:00Z\","
                        + "\"rating\":\"BROKEN\"}")
                .body()
                .at("/error/message")
                .asText())
        .isEqualTo(
            "field 'rating' cannot be BROKEN: it must be one of ANOMALY, NO_ANOMALY, NEUTRAL");
    assertThat(
            send(
                    "POST",
                    "/api/v1/label-groups/pump-faults/labels",
                    "{\"start\":\"tomorrow\",\"end\":\"2024-01-02T06:00:00Z\",\"rating\":\"ANOMALY\"}")
                .body()
                .get("error"))
        .isEqualTo(
            json.readTree(
                "{\"status\":400,\"code\":\"invalid_request\",\"message\":\"start 'tomorrow' is"
                    + " not an ISO-8601 timestamp with a zone, such as 2026-01-01T10:00:00Z\","
                    + "\"field\":\"start\"}"));

    assertThat(
            send("PUT", "/api/v1/label-groups/pump-faults", "{\"faultCodes\":[\"drift\",\"seal\"]}")
                .body()
                .get("faultCodes"))
        .hasSize(2);
    assertThat(send("GET", "/api/v1/label-groups", null).body().at("/labelGroups/0/name").asText())
        .isEqualTo("pump-faults");
    assertThat(send("DELETE", "/api/v1/label-groups/pump-faults/labels/" + id, null).status())
        .isEqualTo(204);
    assertThat(send("DELETE", "/api/v1/label-groups/pump-faults", null).status()).isEqualTo(204);
    assertThat(
            send("GET", "/api/v1/label-groups/pump-faults", null)
                .body()
                .at("/error/message")
                .asText())
        .isEqualTo("label group 'pump-faults' does not exist");
  }

  @Test
  void a_model_is_evaluated_on_the_anomaly_labels_of_its_group_read_again_for_each_version()
      throws Exception {
    send("POST", "/api/v1/label-groups", "{\"name\":\"pump-faults\"}");
    send("POST", "/api/v1/label-groups/pump-faults/labels", label(2_400, 2_600, "ANOMALY"));
    send("POST", "/api/v1/label-groups/pump-faults/labels", label(2_100, 2_150, "NO_ANOMALY"));
    ObjectNode body = model("grouped").put("labelGroupName", "pump-faults");
    assertThat(send("POST", "/api/v1/models", body.toString()).status()).isEqualTo(202);

    JsonNode first = trained("grouped", 1);
    assertThat(first.at("/request/labelGroupName").asText()).isEqualTo("pump-faults");
    assertThat(first.at("/request/labels")).hasSize(1);
    assertThat(first.at("/evaluation/labels")).hasSize(1);
    assertThat(first.at("/evaluation/labels/0/start").asText()).isEqualTo(at(2_400));
    assertThat(first.at("/evaluation/labelsDetected").asInt()).isEqualTo(1);

    // A label added later is in the evaluation of the next version.
    send("POST", "/api/v1/label-groups/pump-faults/labels", label(2_200, 2_250, "ANOMALY"));
    assertThat(send("POST", "/api/v1/models/grouped/versions", null).status()).isEqualTo(202);
    JsonNode second = trained("grouped", 2);
    assertThat(second.at("/evaluation/labels")).hasSize(2);
    assertThat(second.at("/evaluation/labels/0/start").asText()).isEqualTo(at(2_200));
  }

  @Test
  void a_model_reads_label_files_from_the_object_store_and_its_labels_can_be_changed()
      throws Exception {
    objects.put(
        "plant",
        "labels/pump-7.csv",
        (at(2_400) + "," + at(2_600) + "\n").getBytes(StandardCharsets.UTF_8));
    ObjectNode body = model("filed");
    body.putObject("labelsLocation").put("bucket", "plant").put("prefix", "labels/");
    assertThat(send("POST", "/api/v1/models", body.toString()).status()).isEqualTo(202);
    JsonNode first = trained("filed", 1);
    assertThat(first.at("/request/labelsLocation/prefix").asText()).isEqualTo("labels/");
    assertThat(first.at("/evaluation/labels")).hasSize(1);

    // The next versions take their labels from a group instead.
    send("POST", "/api/v1/label-groups", "{\"name\":\"none-yet\"}");
    Response relabelled =
        send("PUT", "/api/v1/models/filed/labels", "{\"labelGroupName\":\"none-yet\"}");
    assertThat(relabelled.status()).isEqualTo(200);
    assertThat(relabelled.body().at("/request/labelGroupName").asText()).isEqualTo("none-yet");
    send("POST", "/api/v1/models/filed/versions", null);
    assertThat(trained("filed", 2).at("/evaluation/labels")).isEmpty();
    assertThat(trained("filed", 1).at("/evaluation/labels")).hasSize(1);
  }

  @Test
  void labels_given_two_ways_or_from_a_missing_source_are_refused() throws Exception {
    ObjectNode both = model("both").put("labelGroupName", "g");
    both.putArray("labels");
    assertThat(send("POST", "/api/v1/models", both.toString()).body().get("error"))
        .isEqualTo(
            json.readTree(
                "{\"status\":400,\"code\":\"invalid_request\",\"message\":\"give the labels one"
                    + " way: labels, labelGroupName or labelsLocation, not several\","
                    + "\"field\":\"labelGroupName\"}"));
    assertThat(
            send("POST", "/api/v1/models", model("missing").put("labelGroupName", "g").toString())
                .body()
                .get("error"))
        .isEqualTo(
            json.readTree(
                "{\"status\":404,\"code\":\"not_found\","
                    + "\"message\":\"label group 'g' does not exist\"}"));
    ObjectNode nowhere = model("nowhere");
    nowhere.putObject("labelsLocation").put("bucket", "plant").put("prefix", "labels/");
    assertThat(send("POST", "/api/v1/models", nowhere.toString()).body().get("error"))
        .isEqualTo(
            json.readTree(
                "{\"status\":400,\"code\":\"invalid_request\",\"message\":\"cannot list the"
                    + " label files: bucket 'plant' does not exist\",\"field\":\"labelsLocation\"}"));
    assertThat(send("GET", "/api/v1/models", null).body().get("models")).isEmpty();
    assertThat(send("PUT", "/api/v1/models/none/labels", "{}").body().at("/error/message").asText())
        .isEqualTo("model 'none' does not exist");
  }
}
