package dev.vigil.inference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.kagkarlsson.scheduler.testhelper.ManualScheduler;
import com.github.kagkarlsson.scheduler.testhelper.TestHelper;
import dev.vigil.api.ApiServer;
import dev.vigil.api.InferenceInputRoutes;
import dev.vigil.api.InferenceResultRoutes;
import dev.vigil.api.InferenceSchedulerRoutes;
import dev.vigil.jobs.WorkerPool;
import dev.vigil.json.Json;
import dev.vigil.model.ModelService;
import dev.vigil.model.RequestBodies;
import dev.vigil.objectstore.ObjectStore;
import dev.vigil.storage.Database;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The whole inference feature, live: the real scheduler service, replay service and execution
 * engine (db-scheduler's ManualScheduler on a settable clock), real models trained by the model
 * service on the synthetic plant of {@link EngineFixture} ({@code pump-model}: version 1 on the
 * first 6 hours, version 2 on the first 3), a folder object store and the HTTP routes on a free
 * port. Tests move the clock with {@link #runAt} and drive the API over HTTP.
 *
 * <p>Not thread-safe: one test drives it.
 */
final class LiveInference implements AutoCloseable {
  static final String PATH = "/api/v1/inference-schedulers";

  final EngineFixture files;
  final EngineFixture.RecordingListener listener = new EngineFixture.RecordingListener();
  private final Database database;
  private final WorkerPool workers;
  private final ModelService models;
  private final ObjectMapper json = Json.mapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private EngineSettings settings = EngineSettings.DEFAULTS;
  private UnaryOperator<ObjectStore> objectStores = UnaryOperator.identity();
  private InferenceFeature feature;
  private ManualScheduler manual;
  private ApiServer server;

  LiveInference(Path directory, Instant now) {
    this(directory, Database.open(Database.embeddedUrl(directory.resolve("db")), "sa", ""), now);
  }

  /** The feature over {@code database} (which {@link #shutdown()} closes), objects in folders. */
  LiveInference(Path directory, Database database, Instant now) {
    this.database = database;
    files = new EngineFixture(directory, database, now);
    SchedulerTestHistory history = new SchedulerTestHistory();
    history.add("plant", EngineFixture.DATA);
    workers = new WorkerPool(1);
    models = ModelService.create(database, history, workers, files.clock);
    train(Duration.ofHours(6));
    models.newVersion("pump-model", trainingFor(Duration.ofHours(3)));
    awaitTraining();
  }

  /** Uses these engine settings from the next {@link #start()}. */
  LiveInference settings(EngineSettings value) {
    this.settings = value;
    return this;
  }

  /** Wraps the object store the engine uses from the next {@link #start()}. */
  LiveInference objectStores(UnaryOperator<ObjectStore> wrapper) {
    this.objectStores = wrapper;
    return this;
  }

  /** Starts the feature and its API, as Vigil does at start-up (again: as after a restart). */
  LiveInference start() {
    close();
    feature =
        InferenceFeature.create(
            database,
            models,
            objectStores.apply(files.objects),
            settings,
            files.clock,
            listener,
            tasks -> {
              manual =
                  TestHelper.createManualScheduler(database.dataSource(), tasks)
                      .clock(files.settable)
                      .build();
              return manual;
            },
            // The test runs the due work itself, when it moves the clock.
            ring -> WakeAlarm.silent(files.clock));
    feature.start();
    server =
        new ApiServer(
                "127.0.0.1",
                0,
                List.of(
                    new InferenceSchedulerRoutes(feature.schedulers(), feature.replays()),
                    new InferenceResultRoutes(feature.results()),
                    new InferenceInputRoutes(feature.pushes())),
                () -> true)
            .start();
    return this;
  }

  String url() {
    return "http://127.0.0.1:" + server.port();
  }

  /** Moves the clock to {@code instant} and runs what is due then. */
  void runAt(Instant instant) {
    files.settable.set(instant);
    manual.runAnyDueExecutions();
  }

  /** Runs what is due now, without moving the clock. */
  void runDue() {
    manual.runAnyDueExecutions();
  }

  /** An HTTP response: its status and JSON body. */
  record Response(int status, JsonNode body) {
    String error() {
      return body.at("/error/message").asText();
    }

    String field() {
      return body.at("/error/field").asText(null);
    }
  }

  Response send(String method, String path, Object body) {
    try {
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
      JsonNode parsed =
          response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
      return new Response(response.statusCode(), parsed);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sends and expects {@code status}; answers the body. */
  JsonNode expect(int status, String method, String path, Object body) {
    Response response = send(method, path, body);
    assertThat(response.status()).as(response.body().toString()).isEqualTo(status);
    return response.body();
  }

  /**
   * Creates scheduler {@code name} on version {@code version} of pump-model: PT5M, a 2-minute
   * delay, reading {@code plant-in/data/}, writing {@code plant-out/<name>/}, starting at {@code
   * start}.
   */
  JsonNode create(String name, int version, Instant start) {
    ObjectNode body = json.createObjectNode();
    body.put("name", name);
    body.put("modelName", "pump-model");
    body.put("modelVersion", version);
    body.put("dataUploadFrequency", "PT5M");
    body.put("dataDelayOffset", "PT2M");
    body.put("startTime", start.toString());
    ObjectNode input = body.putObject("input");
    input.put("bucket", "plant-in");
    input.put("prefix", "data/");
    ObjectNode output = body.putObject("output");
    output.put("bucket", "plant-out");
    output.put("prefix", name + "/");
    return expect(201, "POST", PATH, body);
  }

  ObjectNode object() {
    return json.createObjectNode();
  }

  ExecutionRepository executions() {
    return new ExecutionRepository(database);
  }

  Database database() {
    return database;
  }

  private void train(Duration hours) {
    RequestBodies.CreateModel body = new RequestBodies.CreateModel();
    body.name = "pump-model";
    body.datasetName = "plant";
    body.trainingRange = range(hours);
    models.create(body);
    awaitTraining();
  }

  private static RequestBodies.NewVersion trainingFor(Duration hours) {
    RequestBodies.NewVersion body = new RequestBodies.NewVersion();
    body.trainingRange = range(hours);
    return body;
  }

  private static RequestBodies.Range range(Duration hours) {
    RequestBodies.Range range = new RequestBodies.Range();
    range.start = EngineFixture.PLANT_START.toString();
    range.end = EngineFixture.PLANT_START.plus(hours).toString();
    return range;
  }

  private void awaitTraining() {
    try {
      assertThat(workers.awaitIdle(Duration.ofSeconds(120))).as("training finished").isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while training", e);
    }
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
      server = null;
    }
    if (feature != null) {
      feature.close();
      feature = null;
    }
  }

  /** Closes everything, the database last. */
  void shutdown() {
    close();
    workers.close();
    database.close();
  }
}
