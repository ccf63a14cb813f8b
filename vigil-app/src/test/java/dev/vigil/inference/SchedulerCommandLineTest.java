package dev.vigil.inference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.Vigil;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code vigil inference} against a real server (real HTTP, real service and database, trained
 * models, a recording stand-in for the engine).
 */
class SchedulerCommandLineTest {
  private static final Instant NOW = Instant.parse("2026-01-01T10:02:30Z");

  @TempDir static Path directory;

  private static SchedulerTestServer vigil;

  @BeforeAll
  static void startVigil() {
    vigil = new SchedulerTestServer(directory, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterAll
  static void stopVigil() {
    vigil.close();
  }

  @BeforeEach
  void withoutSchedulers() {
    vigil.deleteSchedulers();
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
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--server";
    all[args.length + 1] = vigil.url();
    int exit = commandLine.execute(all);
    return new Run(exit, out.toString(), err.toString());
  }

  private Run createPump(String name) {
    return run(
        "inference",
        "create",
        "--name",
        name,
        "--model",
        "pump-model",
        "--frequency",
        "PT5M",
        "--delay",
        "PT2M",
        "--input-bucket",
        "plant-data",
        "--input-prefix",
        "pump-7/",
        "--time-zone-offset=-05:00",
        "--delimiter",
        "-",
        "--output-bucket",
        "plant-results",
        "--output-prefix",
        name + "/");
  }

  @Test
  void createListAndDescribeShowTheSchedulerAndItsWindows() throws Exception {
    Run created = createPump("pump-7-live");

    assertThat(created.exit()).as(created.err()).isZero();
    assertThat(created.out())
        .isEqualTo(
            "created inference scheduler pump-7-live: PENDING (Active), model pump-model version"
                + " 2\n"
                + "next window 2026-01-01T10:05:00Z to 2026-01-01T10:10:00Z: wakes at"
                + " 2026-01-01T10:12:00Z\n");
    assertThat(vigil.engine().calls()).endsWith("schedule pump-7-live");

    Run list = run("inference", "list", "--model", "pump-model");
    assertThat(list.out()).contains("NAME", "pump-7-live", "PENDING", "Active", "PT5M");
    assertThat(run("inference", "list", "--model", "fan-model").out())
        .isEqualTo("no inference schedulers\n");

    Run describe = run("inference", "describe", "pump-7-live");
    assertThat(describe.exit()).isZero();
    assertThat(describe.out())
        .contains("pump-model", "pump-7", "PT2M", "-05:00", "'-'", "plant-results/pump-7-live/");
    JsonNode json = run("inference", "describe", "pump-7-live", "--json").json();
    assertThat(json.at("/input/timeZoneOffset").asText()).isEqualTo("-05:00");
    assertThat(json.at("/input/delimiter").asText()).isEqualTo("-");
  }

  @Test
  void stopUpdateStartAndDeleteFollowTheRulesOfTheServer() throws Exception {
    createPump("cycled");

    Run refusedDelete = run("inference", "delete", "cycled");
    assertThat(refusedDelete.exit()).isEqualTo(1);
    assertThat(refusedDelete.err())
        .isEqualTo(
            "vigil: inference scheduler 'cycled' is PENDING: only a stopped scheduler can be"
                + " deleted; stop it first\n");

    Run stop = run("inference", "stop", "cycled");
    assertThat(stop.out())
        .isEqualTo(
            "stopped inference scheduler cycled: STOPPED (User pause), model pump-model version"
                + " 2\n");

    Run refusedSwap = run("inference", "update", "cycled", "--model", "fan-model");
    assertThat(refusedSwap.exit()).isEqualTo(1);
    assertThat(refusedSwap.err()).contains("(field: modelName)");

    Run tuned = run("inference", "update", "cycled", "--delay", "PT1M", "--json");
    assertThat(tuned.exit()).as(tuned.err()).isZero();
    assertThat(tuned.json().get("dataDelayOffset").asText()).isEqualTo("PT1M");
    assertThat(tuned.json().get("status").asText()).isEqualTo("STOPPED");

    Run swap = run("inference", "update", "cycled", "--model-version", "1");
    assertThat(swap.out()).startsWith("updated inference scheduler cycled: PENDING (Active)");
    assertThat(swap.out()).contains("model pump-model version 1");

    run("inference", "stop", "cycled");
    Run start = run("inference", "start", "cycled");
    assertThat(start.out()).startsWith("started inference scheduler cycled: PENDING (Active)");
    run("inference", "stop", "cycled");

    Run delete = run("inference", "delete", "cycled");
    assertThat(delete.exit()).isZero();
    assertThat(delete.out()).isEqualTo("deleted inference scheduler cycled\n");
    Run gone = run("inference", "describe", "cycled");
    assertThat(gone.exit()).isEqualTo(1);
    assertThat(gone.err()).isEqualTo("vigil: inference scheduler 'cycled' does not exist\n");
  }

  @Test
  void aRefusedCreateShowsTheServersMessageAndField() {
    Run refused =
        run(
            "inference",
            "create",
            "--name",
            "bad",
            "--model",
            "pump-model",
            "--frequency",
            "PT7M",
            "--input-bucket",
            "plant-data",
            "--output-bucket",
            "plant-results");

    assertThat(refused.exit()).isEqualTo(1);
    assertThat(refused.err())
        .startsWith("vigil: data upload frequency 'PT7M' is not supported")
        .endsWith("(field: dataUploadFrequency)\n");
  }
}
