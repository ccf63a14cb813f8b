package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.config.ConfigLoader;
import dev.vigil.server.VigilServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil label-group} against a real server. */
class LabelGroupCommandTest {
  @TempDir Path dataDir;
  private VigilServer server;

  @BeforeEach
  void start() {
    server =
        VigilServer.start(
            ConfigLoader.load(
                null, Map.of(), Map.of("server.port", "0", "data.dir", dataDir.toString())),
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private CliRun vigil(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--server";
    all[args.length + 1] = "http://127.0.0.1:" + server.port();
    return CliRun.of(all);
  }

  @Test
  void a_label_group_is_created_filled_described_emptied_and_deleted() {
    CliRun created =
        vigil("label-group", "create", "--name", "pump-7-faults", "--fault-code", "bearing");
    assertThat(created.exit()).as(created.err()).isZero();
    assertThat(created.out()).isEqualTo("created label group pump-7-faults\n");

    CliRun added =
        vigil(
            "label-group",
            "add-label",
            "pump-7-faults",
            "--start",
            "2025-12-24 10:00:00",
            "--end",
            "2025-12-24T18:00:00Z",
            "--fault-code",
            "bearing",
            "--json");
    assertThat(added.exit()).as(added.err()).isZero();
    String id = added.outJson().get("id").asText();
    assertThat(added.outJson().get("start").asText()).isEqualTo("2025-12-24T10:00:00Z");
    assertThat(added.outJson().get("rating").asText()).isEqualTo("ANOMALY");

    CliRun listed = vigil("label-group", "list");
    assertThat(listed.out()).contains("pump-7-faults").contains("bearing");
    CliRun described = vigil("label-group", "describe", "pump-7-faults");
    assertThat(described.out())
        .contains(id)
        .contains("2025-12-24T10:00:00Z")
        .contains("2025-12-24T18:00:00Z")
        .contains("ANOMALY");

    CliRun wrongCode =
        vigil(
            "label-group",
            "add-label",
            "pump-7-faults",
            "--start",
            "2025-12-25T00:00:00Z",
            "--end",
            "2025-12-25T01:00:00Z",
            "--fault-code",
            "seal");
    assertThat(wrongCode.exit()).isEqualTo(1);
    assertThat(wrongCode.err())
        .contains(
            "fault code 'seal' is not one of the fault codes of label group 'pump-7-faults'"
                + " [bearing]; add it to the group first");

    assertThat(vigil("label-group", "delete-label", "pump-7-faults", id).out())
        .isEqualTo("deleted label " + id + " of pump-7-faults\n");
    assertThat(vigil("label-group", "describe", "pump-7-faults").out()).contains("no labels");
    assertThat(vigil("label-group", "delete", "pump-7-faults").exit()).isZero();
    CliRun gone = vigil("label-group", "describe", "pump-7-faults");
    assertThat(gone.exit()).isEqualTo(1);
    assertThat(gone.err()).contains("label group 'pump-7-faults' does not exist");
  }

  @Test
  void a_model_takes_labels_from_a_file_or_a_group_not_both() {
    CliRun both =
        vigil(
            "model",
            "create",
            "--name",
            "m",
            "--dataset",
            "d",
            "--training-start",
            "2025-12-01T00:00:00Z",
            "--training-end",
            "2025-12-02T00:00:00Z",
            "--labels",
            dataDir.resolve("labels.csv").toString(),
            "--label-group",
            "g");
    assertThat(both.exit()).isEqualTo(2);
    assertThat(both.err()).contains("give --labels or --label-group, not both");
    CliRun missing =
        vigil(
            "model",
            "create",
            "--name",
            "m",
            "--dataset",
            "d",
            "--training-start",
            "2025-12-01T00:00:00Z",
            "--training-end",
            "2025-12-02T00:00:00Z",
            "--label-group",
            "g");
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("dataset 'd' does not exist");
  }
}
