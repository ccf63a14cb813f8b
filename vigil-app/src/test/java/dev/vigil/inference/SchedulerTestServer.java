package dev.vigil.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.ApiServer;
import dev.vigil.api.InferenceSchedulerRoutes;
import dev.vigil.api.ModelRoutes;
import dev.vigil.engine.data.SensorTable;
import dev.vigil.engine.synthetic.SyntheticPlant;
import dev.vigil.jobs.WorkerPool;
import dev.vigil.model.ModelService;
import dev.vigil.model.RequestBodies;
import dev.vigil.storage.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A real Vigil API for scheduler tests: an HTTP server on a free port with the inference scheduler
 * and model routes, a real H2 database, and real models trained on synthetic plant data. The engine
 * is {@link SchedulerEngineRecorder}. Models: {@code pump-model} (versions 1 and 2) and {@code
 * pump-model-b} on dataset {@code pump-7}, {@code fan-model} on dataset {@code fan-3}, and {@code
 * untrained} on {@code pump-7} whose only version FAILED; {@code pump-model} also has a FAILED
 * version 3.
 *
 * <p>Not thread-safe: one test class drives it.
 */
final class SchedulerTestServer implements AutoCloseable {
  private static final int ROWS = 1_500;

  private final Clock clock;
  private final Database database;
  private final WorkerPool workers;
  private final ModelService models;
  private SchedulerEngineRecorder engine;
  private final EngineFixture.RecordingListener pauses = new EngineFixture.RecordingListener();
  private SchedulerService service;
  private ApiServer server;

  SchedulerTestServer(Path directory, Clock clock) {
    this.clock = clock;
    SchedulerTestHistory history = new SchedulerTestHistory();
    SensorTable pump = plant(3);
    history.add("pump-7", pump);
    history.add("fan-3", plant(2));
    database = Database.open(Database.embeddedUrl(directory), "sa", "");
    workers = new WorkerPool(2);
    models = ModelService.create(database, history, workers, clock);
    train("pump-model", "pump-7", pump);
    train("pump-model-b", "pump-7", pump);
    train("fan-model", "fan-3", pump);
    awaitTraining();
    models.newVersion("pump-model", null);
    awaitTraining();
    database
        .jdbi()
        .useHandle(
            handle -> {
              handle.execute(
                  "INSERT INTO models (id, name, dataset_id, dataset_name, request,"
                      + " active_version, latest_version, created_at, updated_at)"
                      + " VALUES ('untrained-id', 'untrained', 'id-pump-7', 'pump-7', '{}',"
                      + " NULL, 1, 0, 0)");
              handle.execute(
                  "INSERT INTO model_versions (model_id, version, status, progress,"
                      + " failed_reason, request, created_at, updated_at)"
                      + " VALUES ('untrained-id', 1, 'FAILED', 0, 'no rows', '{}', 0, 0)");
              handle.execute(
                  "INSERT INTO model_versions (model_id, version, status, progress,"
                      + " failed_reason, request, created_at, updated_at)"
                      + " SELECT id, 3, 'FAILED', 0, 'no rows', '{}', 0, 0 FROM models"
                      + " WHERE name = 'pump-model'");
            });
    startService();
  }

  private static SensorTable plant(int components) {
    SyntheticPlant plant =
        SyntheticPlant.builder()
            .components(components)
            .sensorsPerComponent(2)
            .samplePeriod(Duration.ofMinutes(1))
            .build();
    return plant.generate(ROWS, List.of()).table();
  }

  private void train(String name, String dataset, SensorTable table) {
    RequestBodies.CreateModel body = new RequestBodies.CreateModel();
    body.name = name;
    body.datasetName = dataset;
    body.trainingRange = new RequestBodies.Range();
    body.trainingRange.start = Instant.ofEpochMilli(table.timestamp(0)).toString();
    body.trainingRange.end = Instant.ofEpochMilli(table.timestamp(ROWS - 1) + 1).toString();
    models.create(body);
  }

  private void awaitTraining() {
    try {
      assertThat(workers.awaitIdle(Duration.ofSeconds(120))).as("training finished").isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while training", e);
    }
  }

  private void startService() {
    engine = new SchedulerEngineRecorder();
    SchedulerEngineRecorder recorder = engine;
    service = SchedulerService.create(database, models, clock, pauses, catalog -> recorder);
    server =
        new ApiServer(
                "127.0.0.1",
                0,
                List.of(
                    new InferenceSchedulerRoutes(
                        service,
                        ReplayService.create(
                            database, models, EngineSettings.DEFAULTS, recorder, clock)),
                    new ModelRoutes(models)),
                () -> true)
            .start();
  }

  /** Stops the API and the service and starts new ones on the same database, as after a restart. */
  void restart() {
    server.close();
    startService();
  }

  /** Removes every scheduler, so that each test starts without any. */
  void deleteSchedulers() {
    database.jdbi().useHandle(handle -> handle.execute("DELETE FROM inference_schedulers"));
  }

  String url() {
    return "http://127.0.0.1:" + server.port();
  }

  /** The system pauses the service reported to its listener. */
  List<SystemPause> pauses() {
    return pauses.pauses;
  }

  SchedulerEngineRecorder engine() {
    return engine;
  }

  SchedulerService service() {
    return service;
  }

  @Override
  public void close() {
    server.close();
    workers.close();
    database.close();
  }
}
