package dev.vigil.inference;

import static dev.vigil.inference.EngineFixture.DATA;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.Vigil;
import dev.vigil.engine.synthetic.LookoutCsvWriter;
import dev.vigil.objectstore.FolderObjectStore;
import dev.vigil.storage.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Exactly once per window across a crash: Vigil runs as a separate process ({@link CrashableVigil})
 * on a clock the test sets, is killed with SIGKILL right after writing the results of a window and
 * before recording it, stays down while more windows come due, and is started again on the same
 * data directory. Every window is then run, none twice.
 *
 * <p>The test waits for the other process by polling its API for a condition, never for a length of
 * time: the process wakes for due windows within its one-second polling interval.
 */
class CrashRecoveryTest {
  private static final Instant SIX = Instant.parse("2024-01-01T06:00:00Z");
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path directory;

  private Process vigil;
  private int port;
  private Path log;

  @AfterEach
  void kill() throws InterruptedException {
    if (vigil != null) {
      vigil.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }

  private Path dataDir() {
    return directory.resolve("data");
  }

  private void setClock(Instant instant) throws IOException {
    Path temporary = directory.resolve("clock.tmp");
    Files.writeString(temporary, Long.toString(instant.toEpochMilli()));
    Files.move(
        temporary,
        directory.resolve("clock"),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  private void startVigil(String gateWindow, String logName) throws Exception {
    log = directory.resolve(logName);
    Path portFile = directory.resolve("port");
    Files.deleteIfExists(portFile);
    Files.createDirectories(directory.resolve("gate"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    vigil =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                CrashableVigil.class.getName(),
                dataDir().toString(),
                directory.resolve("clock").toString(),
                portFile.toString(),
                directory.resolve("gate").toString(),
                gateWindow)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    await(() -> Files.exists(portFile) || !vigil.isAlive(), "Vigil to start");
    assertThat(vigil.isAlive()).as(Files.readString(log)).isTrue();
    port = Integer.parseInt(Files.readString(portFile).trim());
  }

  private void await(BooleanSupplier condition, String what)
      throws InterruptedException, IOException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "gave up waiting for " + what + "; Vigil's log:\n" + Files.readString(log));
      }
      Thread.sleep(50);
    }
  }

  private record Run(int exit, String out, String err) {}

  private Run cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Vigil.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--server", "http://127.0.0.1:" + port, "--poll-interval-ms", "50"));
    return new Run(commandLine.execute(all.toArray(String[]::new)), out.toString(), err.toString());
  }

  private JsonNode executions() {
    Run run = cli("inference", "executions", "pump", "--json");
    assertThat(run.exit()).as(run.err()).isZero();
    try {
      return JSON.readTree(run.out()).get("executions");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private boolean finished(String windowEnd) {
    for (JsonNode execution : executions()) {
      if (execution.get("windowEnd").asText().equals(windowEnd)) {
        return !execution.get("status").asText().equals("IN_PROGRESS");
      }
    }
    return false;
  }

  /** The history of the first 6 hours ingested and a model trained on it, through the CLI. */
  private void trainModel() throws IOException {
    FolderObjectStore objects = new FolderObjectStore(dataDir().resolve("objects"));
    Path csv = Files.createDirectories(directory.resolve("csv"));
    for (Path file :
        LookoutCsvWriter.write(
            DATA.rows(0, EngineFixture.TRAINING_ROWS), csv, Duration.ofHours(2))) {
      String name = file.getFileName().toString();
      String component = name.substring(0, name.indexOf('_'));
      objects.put("plant", "history/" + component + "/" + name, Files.readAllBytes(file));
    }
    Run dataset =
        cli(
            "dataset",
            "create",
            "--name",
            "plant",
            "--component",
            "comp01:s01,s02,s03",
            "--component",
            "comp02:s01,s02,s03");
    assertThat(dataset.exit()).as(dataset.err()).isZero();
    Run ingest =
        cli("ingest", "--dataset", "plant", "--bucket", "plant", "--prefix", "history/", "--wait");
    assertThat(ingest.exit()).as(ingest.err()).isZero();
    Run model =
        cli(
            "model",
            "create",
            "--name",
            "pump-model",
            "--dataset",
            "plant",
            "--training-start",
            EngineFixture.PLANT_START.toString(),
            "--training-end",
            SIX.toString(),
            "--wait");
    assertThat(model.exit()).as(model.err()).isZero();
  }

  private Run createScheduler() {
    return cli(
        "inference",
        "create",
        "--name",
        "pump",
        "--model",
        "pump-model",
        "--frequency",
        "PT5M",
        "--delay",
        "PT2M",
        "--start-time",
        SIX.toString(),
        "--input-bucket",
        "plant-in",
        "--input-prefix",
        "data/",
        "--output-bucket",
        "plant-out",
        "--output-prefix",
        "pump/");
  }

  @Test
  void what_a_request_was_answered_survives_a_kill_right_after_the_answer() throws Exception {
    setClock(SIX.minusSeconds(90));
    startVigil("-", "first-run.log");
    trainModel();

    Run created = createScheduler();
    assertThat(created.exit()).as(created.err()).isZero();
    // Killed at once: H2 writes by itself only every half second, the answer waited for the disk.
    vigil.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

    startVigil("-", "second-run.log");
    Run described = cli("inference", "describe", "pump", "--json");
    assertThat(described.exit()).as(described.err()).isZero();
    assertThat(JSON.readTree(described.out()).get("modelName").asText()).isEqualTo("pump-model");
  }

  @Test
  void after_a_kill_mid_window_every_window_runs_once_and_none_is_written_twice() throws Exception {
    EngineFixture.writeFiles(
        new FolderObjectStore(dataDir().resolve("objects")),
        "data/",
        DATA,
        SIX.minus(Duration.ofMinutes(5)),
        SIX.plus(Duration.ofHours(1)),
        "+00:00");
    setClock(SIX.minusSeconds(90));
    startVigil("2024-01-01T06:10:00Z", "first-run.log");
    trainModel();
    Run created = createScheduler();
    assertThat(created.exit()).as(created.err()).isZero();

    setClock(SIX.plus(Duration.ofMinutes(7)));
    await(() -> finished("2024-01-01T06:05:00Z"), "the first window");
    // The second window writes its results, then the process freezes before recording them.
    setClock(SIX.plus(Duration.ofMinutes(12)));
    await(() -> Files.exists(directory.resolve("gate/reached")), "the second window's results");
    vigil.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    assertThat(Files.exists(resultsOf("2024-01-01T06:10:00Z"))).isTrue();
    // Killed between writing the window's results and recording them: the first window is on
    // disk (a window counts as finished once it is), the second is not finished. Its IN_PROGRESS
    // mark is written with H2's next background write, which the kill may have come before.
    try (Database database = Database.open(Database.embeddedUrl(dataDir()), "sa", "")) {
      List<String> statuses =
          database
              .jdbi()
              .withHandle(
                  handle ->
                      handle
                          .createQuery(
                              "SELECT status FROM inference_executions ORDER BY window_end")
                          .mapTo(String.class)
                          .list());
      assertThat(statuses).first().isEqualTo("SUCCESS");
      assertThat(statuses.subList(1, statuses.size())).isIn(List.of(), List.of("IN_PROGRESS"));
    }

    // Four more windows come due while Vigil is down.
    setClock(SIX.plus(Duration.ofMinutes(32)));
    startVigil("-", "second-run.log");
    await(() -> finished("2024-01-01T06:30:00Z"), "the windows due while Vigil was down");

    JsonNode executions = executions();
    List<String> windows = new ArrayList<>();
    for (JsonNode execution : executions) {
      windows.add(execution.get("windowEnd").asText());
      assertThat(execution.get("status").asText()).as(execution.toString()).isEqualTo("SUCCESS");
    }
    assertThat(windows)
        .containsExactly(
            "2024-01-01T06:05:00Z",
            "2024-01-01T06:10:00Z",
            "2024-01-01T06:15:00Z",
            "2024-01-01T06:20:00Z",
            "2024-01-01T06:25:00Z",
            "2024-01-01T06:30:00Z");
    Run results =
        cli(
            "inference",
            "results",
            "pump",
            "--from",
            SIX.toString(),
            "--to",
            SIX.plus(Duration.ofMinutes(30)).toString(),
            "--json");
    JsonNode rows = JSON.readTree(results.out()).get("results");
    Set<String> timestamps = new HashSet<>();
    for (JsonNode row : rows) {
      timestamps.add(row.get("timestamp").asText());
    }
    // One row every 10 seconds for 30 minutes, each once.
    assertThat(rows).hasSize(180);
    assertThat(timestamps).hasSize(180);
    for (String window : windows) {
      assertThat(Files.readAllLines(resultsOf(window))).as(window).hasSize(30);
    }
  }

  private Path resultsOf(String window) {
    return dataDir().resolve("objects/plant-out/pump").resolve(window).resolve("results.jsonl");
  }
}
