package dev.vigil.inference;

import static dev.vigil.inference.EngineFixture.DATA;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.Vigil;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code vigil inference push|replay|replays} against the live inference feature. */
class ReplayCommandLineTest {
  private static final Instant SIX = Instant.parse("2024-01-01T06:00:00Z");
  private static final Duration FIVE = Duration.ofMinutes(5);

  @TempDir Path directory;

  private LiveInference vigil;

  @BeforeEach
  void startVigil() {
    vigil = new LiveInference(directory, SIX.minusSeconds(60)).start();
    vigil.create("pump", 1, SIX);
  }

  @AfterEach
  void shutdown() {
    vigil.shutdown();
  }

  private record Run(int exit, String out, String err) {
    JsonNode json() throws Exception {
      return new ObjectMapper().readTree(out);
    }
  }

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = Vigil.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--server";
    all[args.length + 1] = vigil.url();
    all[args.length + 2] = "--poll-interval-ms";
    all[args.length + 3] = "0";
    int exit = commandLine.execute(all);
    return new Run(exit, out.toString(), err.toString());
  }

  /** The plant's rows in {@code [from, to)} as a CSV file with component\sensor columns. */
  private Path csv(Instant from, Instant to) throws Exception {
    StringBuilder csv = new StringBuilder("timestamp");
    for (String sensor : DATA.sensorNames()) {
      csv.append(',').append(sensor);
    }
    csv.append('\n');
    for (int row = DATA.firstRowAtOrAfter(from.toEpochMilli());
        row < DATA.firstRowAtOrAfter(to.toEpochMilli());
        row++) {
      csv.append(Instant.ofEpochMilli(DATA.timestamp(row)));
      for (int s = 0; s < DATA.sensorCount(); s++) {
        csv.append(',').append(DATA.value(s, row));
      }
      csv.append('\n');
    }
    Path file = directory.resolve("rows.csv");
    Files.writeString(file, csv);
    return file;
  }

  @Test
  void push_writes_the_rows_of_a_csv_file_as_input_for_their_windows() throws Exception {
    Path file = csv(SIX.minus(FIVE), SIX.plus(FIVE).plus(FIVE));

    Run pushed = run("inference", "push", "pump", "--file", file.toString());

    assertThat(pushed.exit()).as(pushed.err()).isZero();
    assertThat(pushed.out())
        .isEqualTo(
            "pushed 90 rows from 2024-01-01T05:55:00Z to 2024-01-01T06:09:50Z into 2 files\n");
    vigil.runAt(SIX.plus(FIVE).plus(FIVE).plus(Duration.ofMinutes(2)));
    Run executions = run("inference", "executions", "pump", "--json");
    assertThat(executions.json().get("executions")).hasSize(2);
    assertThat(executions.json().at("/executions/1/status").asText()).isEqualTo("SUCCESS");

    Run missing = run("inference", "push", "pump", "--file", "nope.csv");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).isEqualTo("vigil: nope.csv: no such file\n");
  }

  @Test
  void replay_estimates_runs_waits_and_lists() throws Exception {
    vigil.files.writeFiles(
        "data/", DATA, SIX.minus(FIVE), SIX.plus(Duration.ofMinutes(30)), "+00:00");
    vigil.runAt(SIX.plus(Duration.ofMinutes(22)));

    Run estimate =
        run(
            "inference",
            "replay",
            "pump",
            "--start",
            "2024-01-01T06:00:00Z",
            "--end",
            "2024-01-01T06:10:00Z",
            "--estimate");
    assertThat(estimate.exit()).as(estimate.err()).isZero();
    assertThat(estimate.out())
        .isEqualTo(
            "replay of [2024-01-01T06:00:00Z, 2024-01-01T06:10:00Z): 2 windows, about 60 data"
                + " points (one every PT10S); limit 2000\nit can start\n");

    // The replay runs while the command follows it.
    CompletableFuture<Run> waiting =
        CompletableFuture.supplyAsync(
            () ->
                run(
                    "inference",
                    "replay",
                    "pump",
                    "--start",
                    "2024-01-01T06:00:00Z",
                    "--end",
                    "2024-01-01T06:10:00Z",
                    "--wait"));
    // Run what is due until the command has seen the replay end: the replay's task is scheduled
    // only once the request has been accepted.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!waiting.isDone() && System.nanoTime() < deadline) {
      vigil.runDue();
    }
    Run waited = waiting.get(1, TimeUnit.SECONDS);
    String id =
        vigil
            .send("GET", LiveInference.PATH + "/pump/replays", null)
            .body()
            .at("/replays/0/id")
            .asText();
    assertThat(waited.exit()).as(waited.err()).isZero();
    assertThat(waited.out()).isEqualTo(id + "\n");
    assertThat(waited.err())
        .contains("replay " + id + ": SUCCESS 100%\n")
        .endsWith(
            "2 of 2 windows scored again (60 rows) with version 1 of model pump-model, their"
                + " earlier results replaced\n");

    Run list = run("inference", "replays", "pump");
    assertThat(list.out())
        .contains(id)
        .contains("SUCCESS")
        .contains("2 of 2 windows done, 0 failed");
    Run one = run("inference", "replays", "pump", id);
    assertThat(one.out()).contains("Status").contains("about 60");

    Run refused =
        run(
            "inference",
            "replay",
            "pump",
            "--start",
            "2024-01-01T06:00:00Z",
            "--end",
            "2024-01-01T09:00:00Z");
    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err())
        .isEqualTo(
            "vigil: the window ending 2024-01-01T09:00:00Z has not come due yet (it wakes at"
                + " 2024-01-01T09:02:00Z): a replay covers past windows only, so end it by"
                + " 2024-01-01T06:20:00Z (field: end)\n");
  }
}
