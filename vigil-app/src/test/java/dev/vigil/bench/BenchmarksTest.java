package dev.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.Vigil;
import dev.vigil.engine.VigilException;
import dev.vigil.engine.model.DetectorConfig;
import dev.vigil.engine.synthetic.FaultType;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Smoke runs of the benchmarks: a few SKAB files and one synthetic scenario. The full runs are
 * benchmarks, not tests; these check that the commands run the protocol and report its figures.
 */
class BenchmarksTest {
  /** SKAB's data, beside the repository as CI lays it out (module dir, then repository root). */
  private static final Path SKAB = Path.of("../../shared/data/skab");

  @TempDir Path dir;

  @Test
  void the_skab_protocol_runs_on_a_few_files_and_prints_the_figures_as_json() throws IOException {
    assumeTrue(Files.isDirectory(SKAB), "SKAB data is not beside the repository");
    for (String name : new String[] {"valve1/3.csv", "valve2/0.csv", "other/9.csv"}) {
      Path copy = dir.resolve("skab").resolve(name);
      Files.createDirectories(copy.getParent());
      Files.copy(SKAB.resolve(name), copy);
    }
    Files.createDirectories(dir.resolve("skab/anomaly-free"));
    Files.copy(
        SKAB.resolve("anomaly-free/anomaly-free.csv"),
        dir.resolve("skab/anomaly-free/anomaly-free.csv"));
    StringWriter out = new StringWriter();
    CommandLine commandLine = Vigil.commandLine();
    commandLine.setOut(new PrintWriter(out, true));

    int exit =
        commandLine.execute("bench", "skab", "--data", dir.resolve("skab").toString(), "--json");

    assertThat(exit).isZero();
    String[] lines = out.toString().split("\n");
    assertThat(out.toString())
        .contains("SKAB: 3 files, ")
        .contains("(1 files without labels skipped)")
        .contains("Conv-AE                  0.78   13.55   28.02");
    JsonNode figures = new ObjectMapper().readTree(lines[lines.length - 1]);
    assertThat(figures.get("files").asInt()).isEqualTo(3);
    // valve1/3, valve2/0 and other/9 hold 1148, 1125 and 1144 rows; 400 of each train the model.
    assertThat(figures.get("rows").asLong()).isEqualTo(1148 + 1125 + 1144 - 3 * 400);
    // Three experiments whose anomaly the detector finds (F1 above 0.9 each when measured on
    // 2026-11-25); the configuration is fixed, so the figures are deterministic, and the bounds
    // leave room for a legitimate change of the method while catching a broken pipeline.
    assertThat(figures.get("f1").asDouble()).isGreaterThan(0.7);
    assertThat(figures.get("pr_auc").asDouble()).isGreaterThan(0.7);
    assertThat(figures.get("nab_standard").asDouble()).isBetween(-100.0, 100.0);
    assertThat(figures.get("far").asDouble()).isBetween(0.0, 100.0);
  }

  @Test
  void a_folder_without_labelled_files_is_refused() throws IOException {
    Files.writeString(dir.resolve("plain.csv"), "timestamp,a\n2026-01-01 00:00:00,1\n");
    SkabBenchmark benchmark = new SkabBenchmark(DetectorConfig.DEFAULTS, 400);

    assertThatThrownBy(() -> benchmark.run(dir))
        .isInstanceOf(VigilException.class)
        .hasMessage(dir + " holds no CSV file with 'anomaly' and 'changepoint' columns");
    assertThatThrownBy(() -> benchmark.run(dir.resolve("missing")))
        .hasMessage(dir.resolve("missing") + ": no such directory (expected SKAB's data folder)");
  }

  @Test
  void the_diagnostics_name_the_faulty_sensor_on_the_synthetic_plant() {
    DiagnosisBenchmark.Report report = new DiagnosisBenchmark(DetectorConfig.DEFAULTS, 5, 4).run(1);

    assertThat(report.sensors()).isEqualTo(20);
    assertThat(report.faults().rows() + report.normal().rows())
        .isEqualTo(DiagnosisBenchmark.JUDGED_ROWS);
    assertThat(report.byType()).containsOnlyKeys(FaultType.values());
    // One fixed scenario (seeds 1000 and 7000): the target is 90% first-ranked over many
    // scenarios; a single one must at least flag faults and mostly name the right sensor.
    assertThat(report.faults().flagged()).isPositive();
    assertThat(report.faults().rankedFirstShare()).isGreaterThan(0.8);
    assertThat(report.normal().flaggedShare()).isLessThan(0.05);
  }

  @Test
  void the_inference_load_benchmark_runs_a_round_of_every_scheduler_and_measures_it()
      throws IOException {
    // A small plant and three schedulers: the command's full run is the benchmark.
    InferenceBenchmark.Report report =
        new InferenceBenchmark(
                new InferenceBenchmark.Settings(
                    3, 2, 2, 30, 1, 3, 2, java.time.Duration.ZERO, dir.resolve("data")))
            .run();

    assertThat(report.rounds()).hasSize(1);
    InferenceBenchmark.Round round = report.rounds().get(0);
    assertThat(round.executions()).isEqualTo(3);
    assertThat(round.succeeded()).isEqualTo(3);
    assertThat(round.latenciesMillis()).hasSize(3);
    assertThat(round.latenciesMillis()[0]).isNotNegative();
    assertThat(round.percentile(99)).isEqualTo(round.wallMillis());
    // Three windows were scored in the round: that costs the process some CPU time.
    assertThat(round.cpuMillis()).isPositive();
    // HotSpot counts both: -1 would mean the figure is missing from the report.
    assertThat(round.compileMillis()).isNotNegative();
    assertThat(round.gcMillis()).isNotNegative();
    assertThat(report.heapUsedBytes()).isPositive();
    // The data folder it was given stays, for a look at what the run left.
    assertThat(dir.resolve("data").resolve("vigil.mv.db")).exists();
    // Per component: the file before the round, the round's own, and 3 kept from before them,
    // which hold a header alone.
    try (Stream<Path> files = Files.list(dir.resolve("data/objects/bench/in/bench-0000"))) {
      assertThat(files.map(file -> lineCount(file)).sorted().toList())
          .containsExactly(1L, 1L, 1L, 1L, 1L, 1L, 31L, 31L, 31L, 31L);
    }
    assertThatThrownBy(
            () ->
                new InferenceBenchmark.Settings(
                    3, 2, 2, 30, 1, -1, 2, java.time.Duration.ZERO, null))
        .isInstanceOf(VigilException.class)
        .hasMessage("kept files must be 0 or more, got -1");
    assertThatThrownBy(
            () ->
                new InferenceBenchmark.Settings(3, 2, 2, 7, 1, 0, 2, java.time.Duration.ZERO, null))
        .isInstanceOf(VigilException.class)
        .hasMessage(
            "rows per window must divide the 300 seconds of a window into whole milliseconds, got"
                + " 7");
  }

  @Test
  void the_inference_load_benchmark_deletes_the_temporary_data_folder_it_made() throws IOException {
    Path temp = Path.of(System.getProperty("java.io.tmpdir"));
    Set<Path> before = benchFolders(temp);

    InferenceBenchmark.Report report =
        new InferenceBenchmark(
                new InferenceBenchmark.Settings(
                    1, 2, 2, 30, 1, 0, 2, java.time.Duration.ZERO, null))
            .run();

    assertThat(report.rounds().get(0).succeeded()).isEqualTo(1);
    assertThat(benchFolders(temp)).isSubsetOf(before);
  }

  private static Set<Path> benchFolders(Path temp) throws IOException {
    try (Stream<Path> entries = Files.list(temp)) {
      return entries
          .filter(path -> path.getFileName().toString().startsWith("vigil-bench-inference-"))
          .collect(Collectors.toSet());
    }
  }

  private static long lineCount(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.count();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
