package dev.vigil.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.config.ConfigLoader;
import dev.vigil.engine.data.SensorTable;
import dev.vigil.engine.synthetic.Fault;
import dev.vigil.engine.synthetic.FaultType;
import dev.vigil.engine.synthetic.LookoutCsvWriter;
import dev.vigil.engine.synthetic.SyntheticPlant;
import dev.vigil.objectstore.ObjectStore;
import dev.vigil.server.VigilServer;
import dev.vigil.user.Passwords;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The real Vigil server for the portal's browser tests, on the embedded default, on a clock the
 * test sets, over the files of a synthetic plant of 2 components with 3 sensors each, sampled every
 * 10 seconds from 2024-01-01T00:00Z:
 *
 * <ul>
 *   <li>{@code plant/history/<component>/}: the first 6 hours, with a drift on {@code comp02\s02}
 *       from 05:30 to 05:40 (the known fault of the evaluation range);
 *   <li>{@code plant/live/<component>_<yyyyMMddHHmmss>.csv}: one file per component and 5 minutes
 *       from 05:50 to 07:00, with a drift on {@code comp01\s01} from 06:10 to 06:20.
 * </ul>
 *
 * <p>The object store can hold back reads of live files ({@link #holdLiveReads}) so that a test
 * sees a replay while it runs. The native API is at hand for the checks ({@link #api}).
 *
 * <p>Not thread-safe: one test drives it.
 */
final class PortalServer implements AutoCloseable {
  static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
  static final Instant SIX = START.plus(Duration.ofHours(6));
  static final int ROWS_PER_HOUR = 360;
  static final int HISTORY_ROWS = 6 * ROWS_PER_HOUR;
  static final int ROWS = 7 * ROWS_PER_HOUR;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The admin the tests sign in as, from the configuration. */
  static final String ADMIN = "pat";

  /** Pat's password. */
  static final String PASSWORD = "portal-admin-password";

  private final TestClock clock;
  private final VigilServer server;
  private final HoldingStore store;
  private final HttpClient http = HttpClient.newHttpClient();

  private String token;

  private PortalServer(VigilServer server, HoldingStore store, TestClock clock) {
    this.server = server;
    this.store = store;
    this.clock = clock;
  }

  /**
   * Writes the plant's files under {@code dataDir} and starts Vigil with its clock at {@code now}.
   */
  static PortalServer start(Path dataDir, Path work, Instant now) throws IOException {
    writePlant(dataDir.resolve("objects"), work);
    TestClock clock = new TestClock();
    clock.set(now);
    HoldingStore[] store = new HoldingStore[1];
    VigilServer server =
        VigilServer.start(
            ConfigLoader.load(
                null,
                Map.of(),
                Map.of(
                    "server.port",
                    "0",
                    "data.dir",
                    dataDir.toString(),
                    "alerts.public-url",
                    "https://vigil.plant.test/",
                    // A user exists, so the portal asks to sign in and the API for a token.
                    "security.admin-user",
                    ADMIN,
                    "security.admin-password-hash",
                    new Passwords(Passwords.MIN_COST).hash(PASSWORD, "password"))),
            clock,
            objects -> store[0] = new HoldingStore(objects));
    PortalServer portal = new PortalServer(server, store[0], clock);
    portal.token = portal.signInToApi();
    return portal;
  }

  /** A token for the native API calls of the tests, asked for with Pat's name and password. */
  private String signInToApi() {
    try {
      String basic =
          java.util.Base64.getEncoder()
              .encodeToString(
                  (ADMIN + ":" + PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(url() + "/api/v1/tokens"))
                  .header("Content-Type", "application/json")
                  .header("Authorization", "Basic " + basic)
                  .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"portal-tests\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
      return JSON.readTree(response.body()).get("token").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void writePlant(Path objects, Path work) throws IOException {
    SyntheticPlant plant =
        SyntheticPlant.builder()
            .components(2)
            .sensorsPerComponent(3)
            .samplePeriod(Duration.ofSeconds(10))
            .start(START)
            .seed(7)
            .build();
    SensorTable data =
        plant
            .generate(
                ROWS,
                List.of(
                    Fault.of(
                        FaultType.DRIFT, "comp02\\s02", HISTORY_ROWS - 180, HISTORY_ROWS - 120),
                    Fault.of(
                        FaultType.DRIFT, "comp01\\s01", HISTORY_ROWS + 60, HISTORY_ROWS + 120)))
            .table();
    for (Path file : LookoutCsvWriter.write(data.rows(0, HISTORY_ROWS), work.resolve("history"))) {
      String name = file.getFileName().toString();
      String component = name.substring(0, name.indexOf('.'));
      Path target = objects.resolve("plant/history/" + component + "/" + name);
      Files.createDirectories(target.getParent());
      Files.copy(file, target);
    }
    LookoutCsvWriter.write(
        data.rows(HISTORY_ROWS - 60, ROWS), objects.resolve("plant/live"), Duration.ofMinutes(5));
    Files.createDirectories(objects.resolve("results"));
  }

  String url() {
    return "http://127.0.0.1:" + server.port();
  }

  /** Moves Vigil's clock; the engine runs what comes due on its own threads. */
  void setClock(Instant instant) {
    clock.set(instant);
  }

  /** Live files are read only once {@link #releaseLiveReads} is called. */
  void holdLiveReads() {
    store.hold();
  }

  void releaseLiveReads() {
    store.release();
  }

  /** Waits until no ingestion or training job runs or waits to run. */
  void awaitIdle() throws InterruptedException {
    assertThat(server.awaitIdle(Duration.ofSeconds(120))).as("jobs finished").isTrue();
  }

  /** A request to the native API: its status and JSON body. */
  record Answer(int status, JsonNode body) {}

  Answer call(String method, String path, Object body) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(url() + path))
              .header("Content-Type", "application/json")
              .header("Authorization", "Bearer " + token)
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(
          response.statusCode(),
          response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** GET on the native API, expecting 200. */
  JsonNode api(String path) {
    Answer answer = call("GET", path, null);
    assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(200);
    return answer.body();
  }

  /** A request on the native API, expecting {@code status}. */
  JsonNode api(String method, String path, Object body, int status) {
    Answer answer = call(method, path, body);
    assertThat(answer.status()).as(method + " " + path + ": " + answer.body()).isEqualTo(status);
    return answer.body();
  }

  /**
   * Creates dataset {@code pump-7} over the plant's history, ingests it and trains model {@code
   * pump-7-model} on its first 5 hours, through the API.
   */
  void prepareModel() throws IOException, InterruptedException {
    api(
        "POST",
        "/api/v1/datasets",
        JSON.readTree(
            """
            {"name": "pump-7", "schema": {"components": [
              {"name": "comp01", "columns": [{"name": "Timestamp", "type": "DATETIME"},
                {"name": "s01", "type": "DOUBLE"}, {"name": "s02", "type": "DOUBLE"},
                {"name": "s03", "type": "DOUBLE"}]},
              {"name": "comp02", "columns": [{"name": "Timestamp", "type": "DATETIME"},
                {"name": "s01", "type": "DOUBLE"}, {"name": "s02", "type": "DOUBLE"},
                {"name": "s03", "type": "DOUBLE"}]}]}}"""),
        201);
    api(
        "POST",
        "/api/v1/ingestion-jobs",
        JSON.readTree(
            "{\"datasetName\": \"pump-7\", \"input\": {\"bucket\": \"plant\", \"prefix\":"
                + " \"history/\"}}"),
        202);
    awaitIdle();
    api(
        "POST",
        "/api/v1/models",
        JSON.readTree(
            "{\"name\": \"pump-7-model\", \"datasetName\": \"pump-7\", \"trainingRange\":"
                + " {\"start\": \"2024-01-01T00:00:00Z\", \"end\": \"2024-01-01T05:00:00Z\"}}"),
        202);
    awaitIdle();
  }

  /**
   * Creates inference {@code name} of {@code pump-7-model} through the API: every 5 minutes from
   * 06:00, a minute late, reading {@code plant/live/}, writing {@code results/<name>/}.
   */
  JsonNode createInference(String name) throws IOException {
    return api(
        "POST",
        "/api/v1/inference-schedulers",
        JSON.readTree(
            """
            {"name": "%s", "modelName": "pump-7-model", "dataUploadFrequency": "PT5M",
             "dataDelayOffset": "PT1M", "startTime": "2024-01-01T06:00:00Z",
             "input": {"bucket": "plant", "prefix": "live/"},
             "output": {"bucket": "results", "prefix": "%s/"}}"""
                .formatted(name, name)),
        201);
  }

  @Override
  public void close() {
    store.release();
    server.close();
  }

  /** A clock the test sets; it stands still in between. */
  static final class TestClock extends Clock {
    private final AtomicReference<Instant> now = new AtomicReference<>(START);

    void set(Instant instant) {
      now.set(instant);
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  /** The object store, holding back reads of live files while the test asks. */
  private static final class HoldingStore implements ObjectStore {
    private final ObjectStore delegate;
    private volatile CountDownLatch gate = new CountDownLatch(0);

    HoldingStore(ObjectStore delegate) {
      this.delegate = delegate;
    }

    void hold() {
      gate = new CountDownLatch(1);
    }

    void release() {
      gate.countDown();
    }

    @Override
    public List<ObjectInfo> list(String bucket, String prefix) {
      return delegate.list(bucket, prefix);
    }

    @Override
    public InputStream open(String bucket, String key) {
      if (key.startsWith("live/")) {
        try {
          if (!gate.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("live reads were held for a minute");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      return delegate.open(bucket, key);
    }

    @Override
    public void put(String bucket, String key, byte[] content) {
      delegate.put(bucket, key, content);
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
