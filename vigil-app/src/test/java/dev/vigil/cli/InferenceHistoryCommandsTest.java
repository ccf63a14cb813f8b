package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InferenceHistoryCommandsTest {
  private static final String PATH = "/api/v1/inference-schedulers/pump-7-live";

  private final FakeVigil vigil;

  InferenceHistoryCommandsTest() throws IOException {
    vigil = new FakeVigil();
  }

  @AfterEach
  void stop() {
    vigil.close();
  }

  @Test
  void executions_are_listed_for_the_range_asked() {
    vigil.respond(
        "GET",
        PATH + "/executions?from=2026-01-01T00%3A00%3A00Z",
        200,
        "{\"executions\":[{\"windowStart\":\"2026-01-01T00:00:00Z\",\"windowEnd\":"
            + "\"2026-01-01T00:05:00Z\",\"scheduledStart\":\"2026-01-01T00:07:00Z\","
            + "\"status\":\"FAILED\",\"modelVersion\":1,\"failedReason\":\"no file for component"
            + " motor\"}]}");

    CliRun run =
        CliRun.of(
            "inference",
            "executions",
            "pump-7-live",
            "--from",
            "2026-01-01T00:00:00Z",
            "--server",
            vigil.url());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(vigil.request().uri()).isEqualTo(PATH + "/executions?from=2026-01-01T00%3A00%3A00Z");
    assertThat(run.out())
        .contains("WINDOW END")
        .contains("2026-01-01T00:05:00Z  2026-01-01T00:07:00Z  FAILED")
        .contains("no file for component motor");
  }

  @Test
  void events_show_their_top_sensors() {
    vigil.respond(
        "GET",
        PATH + "/events",
        200,
        "{\"events\":[{\"start\":\"2026-01-01T01:00:00Z\",\"end\":\"2026-01-01T01:20:00Z\","
            + "\"durationSeconds\":1200,\"peakScore\":0.97,\"diagnostics\":[{\"name\":"
            + "\"motor\\\\Vibration\",\"value\":0.7},{\"name\":\"pump\\\\Current\",\"value\":0.2}]}]}");

    CliRun run = CliRun.of("inference", "events", "pump-7-live", "--server", vigil.url());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("motor\\Vibration 0.7, pump\\Current 0.2").contains("1200");
  }

  @Test
  void no_events_says_so() {
    vigil.respond("GET", PATH + "/events", 200, "{\"events\":[]}");
    assertThat(CliRun.of("inference", "events", "pump-7-live", "--server", vigil.url()).out())
        .isEqualTo("no events\n");
  }

  @Test
  void results_are_printed_as_one_json_line_each() {
    vigil.respond(
        "GET",
        PATH + "/results?to=2026-01-02T00%3A00%3A00Z",
        200,
        "{\"results\":[{\"timestamp\":\"2026-01-01T00:00:00.000000\",\"prediction\":0},"
            + "{\"timestamp\":\"2026-01-01T00:01:00.000000\",\"prediction\":1}]}");

    CliRun run =
        CliRun.of(
            "inference",
            "results",
            "pump-7-live",
            "--to",
            "2026-01-02T00:00:00Z",
            "--server",
            vigil.url());

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .isEqualTo(
            "{\"timestamp\":\"2026-01-01T00:00:00.000000\",\"prediction\":0}\n"
                + "{\"timestamp\":\"2026-01-01T00:01:00.000000\",\"prediction\":1}\n");
  }
}
