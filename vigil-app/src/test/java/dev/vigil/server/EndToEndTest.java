package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.adobe.testing.s3mock.junit5.S3MockExtension;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.Vigil;
import dev.vigil.config.ConfigLoader;
import dev.vigil.config.VigilConfig;
import dev.vigil.engine.data.SensorTable;
import dev.vigil.engine.synthetic.Fault;
import dev.vigil.engine.synthetic.FaultType;
import dev.vigil.engine.synthetic.LookoutCsvWriter;
import dev.vigil.engine.synthetic.SyntheticData;
import dev.vigil.engine.synthetic.SyntheticPlant;
import dev.vigil.objectstore.FolderObjectStore;
import dev.vigil.objectstore.ObjectStore;
import dev.vigil.objectstore.S3ObjectStore;
import dev.vigil.testing.TestDatabases;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The whole workflow of a plant team, as a new user runs it: start the server, then with the CLI
 * create a dataset, ingest a folder of CSV files made by the synthetic plant, train a model with an
 * evaluation range holding a labelled fault, describe it, and score rows. Run twice: on the
 * embedded default (H2 file, folder object store) and on the production setup (PostgreSQL, an
 * S3-compatible server), through the same code paths.
 */
class EndToEndTest {
  @RegisterExtension
  static final S3MockExtension S3 =
      S3MockExtension.builder().silent().withInitialBuckets("plant").build();

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dataDir;
  @TempDir Path work;

  /** Where metadata and objects live. */
  enum Deployment {
    EMBEDDED,
    POSTGRESQL_AND_S3
  }

  static Stream<Named<Deployment>> deployments() {
    return Stream.of(
        Named.of("embedded H2 and folders", Deployment.EMBEDDED),
        Named.of("PostgreSQL and S3", Deployment.POSTGRESQL_AND_S3));
  }

  private VigilConfig config(Deployment deployment) {
    Map<String, String> settings = new HashMap<>();
    settings.put("server.port", "0");
    settings.put("data.dir", dataDir.toString());
    if (deployment == Deployment.POSTGRESQL_AND_S3) {
      TestDatabases.Coordinates database = TestDatabases.Engine.POSTGRESQL.newDatabase();
      settings.put("database.url", database.url());
      settings.put("database.user", database.user());
      settings.put("database.password", database.password());
      settings.put("objectstore.type", "s3");
      settings.put("objectstore.endpoint", "http://localhost:" + S3.getHttpPort());
      settings.put("objectstore.access-key-id", "vigil");
      settings.put("objectstore.secret-access-key", "secret");
    }
    return ConfigLoader.load(null, Map.of(), settings);
  }

  private static ObjectStore objectStore(VigilConfig config) {
    return config.objectStore().s3()
        ? S3ObjectStore.create(config.objectStore())
        : new FolderObjectStore(config.objectsDirectory());
  }

  /** What one CLI invocation printed. */
  record Run(int exit, String out, String err) {
    JsonNode json() throws IOException {
      return JSON.readTree(out);
    }
  }

  private static Run vigil(int port, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Vigil.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--server");
    all.add("http://127.0.0.1:" + port);
    all.add("--poll-interval-ms");
    all.add("20");
    int exit = commandLine.execute(all.toArray(String[]::new));
    return new Run(exit, out.toString(), err.toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("deployments")
  void a_plant_team_creates_ingests_trains_and_scores(Deployment deployment) throws Exception {
    // Two components of three sensors, one row a minute for about 8 days, a drift on one sensor
    // in the last day (the evaluation range).
    SyntheticPlant plant =
        SyntheticPlant.builder()
            .components(2)
            .sensorsPerComponent(3)
            .samplePeriod(Duration.ofMinutes(1))
            .start(START)
            .seed(3)
            .build();
    int rows = 12_000;
    String faulty = plant.sensorNames().get(4);
    SyntheticData data =
        plant.generate(rows, List.of(Fault.of(FaultType.DRIFT, faulty, 10_800, 11_600)));
    SensorTable table = data.table();
    Path csvDir = Files.createDirectories(work.resolve("csv"));
    List<Path> files = LookoutCsvWriter.write(table, csvDir, Duration.ofDays(2));

    VigilConfig config = config(deployment);
    ObjectStore objects = objectStore(config);
    for (Path file : files) {
      String name = file.getFileName().toString();
      String component = name.substring(0, name.indexOf('_'));
      objects.put("plant", "line-1/" + component + "/" + name, Files.readAllBytes(file));
    }
    Clock clock = Clock.fixed(Instant.parse("2026-02-01T00:00:00Z"), ZoneOffset.UTC);
    try (VigilServer server = VigilServer.start(config, clock)) {
      int port = server.port();
      List<String> componentOptions =
          new ArrayList<>(List.of("dataset", "create", "--name", "line-1"));
      for (String component : plant.componentNames()) {
        String sensors =
            plant.sensorNames().stream()
                .filter(n -> n.startsWith(component + "\\"))
                .map(n -> n.substring(component.length() + 1))
                .reduce((a, b) -> a + "," + b)
                .orElseThrow();
        componentOptions.add("--component");
        componentOptions.add(component + ":" + sensors);
      }
      Run created = vigil(port, componentOptions.toArray(String[]::new));
      assertThat(created.exit()).as(created.err()).isZero();

      Run ingested =
          vigil(
              port,
              "ingest",
              "--dataset",
              "line-1",
              "--bucket",
              "plant",
              "--prefix",
              "line-1/",
              "--wait");
      assertThat(ingested.exit()).as(ingested.err()).isZero();

      Run described = vigil(port, "dataset", "describe", "line-1", "--json");
      JsonNode dataset = described.json();
      assertThat(dataset.get("status").asText()).isEqualTo("ACTIVE");
      assertThat(dataset.get("dataQuality").get("totalRows").asLong()).isEqualTo(2L * rows);
      assertThat(dataset.get("dataStart").asText()).isEqualTo("2026-01-01T00:00:00Z");

      Path labels = work.resolve("labels.csv");
      Files.writeString(
          labels,
          "start,end\n"
              + START.plus(Duration.ofMinutes(10_800))
              + ","
              + START.plus(Duration.ofMinutes(11_600))
              + "\n");
      Run trained =
          vigil(
              port,
              "model",
              "create",
              "--name",
              "line-1-model",
              "--dataset",
              "line-1",
              "--training-start",
              START.toString(),
              "--training-end",
              START.plus(Duration.ofMinutes(10_000)).toString(),
              "--evaluation-start",
              START.plus(Duration.ofMinutes(10_000)).toString(),
              "--evaluation-end",
              START.plus(Duration.ofMinutes(rows)).toString(),
              "--labels",
              labels.toString(),
              "--wait");
      assertThat(trained.exit()).as(trained.err()).isZero();

      JsonNode model = vigil(port, "model", "describe", "line-1-model", "--json").json();
      assertThat(model.get("status").asText()).isEqualTo("SUCCESS");
      assertThat(model.get("activeVersion").asInt()).isEqualTo(1);
      JsonNode evaluation = model.get("evaluation");
      assertThat(evaluation.get("labelsDetected").asInt()).isEqualTo(1);
      JsonNode firstEvent = evaluation.get("events").get(0);
      // The drift is on one known sensor: the event's leading diagnostic names it.
      boolean namedInAnEvent = false;
      for (JsonNode event : evaluation.get("events")) {
        namedInAnEvent |= event.get("diagnostics").get(0).get("name").asText().equals(faulty);
      }
      assertThat(firstEvent.get("start").asText()).isNotEmpty();
      assertThat(namedInAnEvent).isTrue();

      // Score the faulty stretch through the API: one Lookout line per row, anomalies flagged.
      Path rowsFile = work.resolve("rows.csv");
      StringBuilder csv = new StringBuilder("timestamp");
      for (String sensor : table.sensorNames()) {
        csv.append(',').append(sensor);
      }
      csv.append('\n');
      for (int row = 11_000; row < 11_500; row++) {
        csv.append(Instant.ofEpochMilli(table.timestamp(row)));
        for (int s = 0; s < table.sensorCount(); s++) {
          csv.append(',').append(table.value(s, row));
        }
        csv.append('\n');
      }
      Files.writeString(rowsFile, csv);
      Run scored = vigil(port, "model", "score", "line-1-model", "--file", rowsFile.toString());
      assertThat(scored.exit()).as(scored.err()).isZero();
      String[] lines = scored.out().split("\n");
      assertThat(lines).hasSize(500);
      long anomalous = 0;
      for (String line : lines) {
        JsonNode result = JSON.readTree(line);
        assertThat(result.get("anomaly_score").asDouble()).isBetween(0.0, 1.0);
        anomalous += result.get("prediction").asInt();
      }
      assertThat(anomalous).isGreaterThan(250);

      // Metrics count the jobs as the database holds them, and requests by route template.
      String metrics =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      assertThat(metrics.lines())
          .contains(
              "vigil_ingestion_jobs{status=\"SUCCESS\"} 1.0",
              "vigil_ingestion_jobs{status=\"IN_PROGRESS\"} 0.0",
              "vigil_training_jobs{status=\"SUCCESS\"} 1.0",
              "vigil_training_jobs{status=\"FAILED\"} 0.0",
              "http_server_requests_seconds_count{method=\"POST\","
                  + "route=\"/api/v1/models/{name}/score\",status=\"200\"} 1");

      // Deleting the dataset is refused while the model uses it; the model goes first.
      Run refused = vigil(port, "dataset", "delete", "line-1");
      assertThat(refused.exit()).isEqualTo(1);
      assertThat(refused.err()).contains("model line-1-model");
      assertThat(vigil(port, "model", "delete", "line-1-model").exit()).isZero();
      assertThat(vigil(port, "dataset", "delete", "line-1").exit()).isZero();
    } finally {
      if (objects instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }
}
