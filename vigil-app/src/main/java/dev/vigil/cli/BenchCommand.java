package dev.vigil.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.bench.DiagnosisBenchmark;
import dev.vigil.bench.InferenceBenchmark;
import dev.vigil.bench.SkabBenchmark;
import dev.vigil.engine.evaluation.BenchmarkResult;
import dev.vigil.engine.model.DetectorConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil bench}: measures detection quality and speed on public benchmarks. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measure detection quality and speed on a public benchmark.",
    subcommands = {
      BenchCommand.Skab.class,
      BenchCommand.Synthetic.class,
      BenchCommand.Inference.class
    })
public final class BenchCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code vigil bench skab}. */
  @Command(
      name = "skab",
      mixinStandardHelpOptions = true,
      description = {
        "Run the SKAB protocol on every labelled CSV file under DIR: train on each file's first"
            + " rows, judge the rest, pool the metrics, and print them beside SKAB's leaderboard."
      })
  static final class Skab implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--data",
        required = true,
        paramLabel = "DIR",
        description = "SKAB's data folder (for example ../shared/data/skab).")
    Path data;

    @Option(
        names = "--train-rows",
        paramLabel = "N",
        defaultValue = "400",
        description = "Training rows per file. Default: ${DEFAULT-VALUE} (the protocol's).")
    int trainRows;

    @Option(names = "--json", description = "End with one line of JSON holding every figure.")
    boolean json;

    @Override
    public Integer call() throws IOException {
      SkabBenchmark.Report report = new SkabBenchmark(DetectorConfig.DEFAULTS, trainRows).run(data);
      PrintWriter out = spec.commandLine().getOut();
      printTable(report, out);
      if (json) {
        out.println(new ObjectMapper().writeValueAsString(figures(report)));
      }
      out.flush();
      return 0;
    }

    private static Map<String, Object> figures(SkabBenchmark.Report report) {
      BenchmarkResult result = report.result();
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("files", report.files().size());
      figures.put("rows", result.rows());
      figures.put("f1", result.points().f1());
      figures.put("far", result.points().far());
      figures.put("mar", result.points().mar());
      figures.put("nab_standard", result.changepoints().standard());
      figures.put("nab_low_fp", result.changepoints().lowFp());
      figures.put("nab_low_fn", result.changepoints().lowFn());
      figures.put("pr_auc", result.prAuc());
      figures.put("training_rows_per_s", report.trainingRowsPerSecond());
      figures.put("scoring_rows_per_s", report.scoringRowsPerSecond());
      return figures;
    }

    private static void printTable(SkabBenchmark.Report report, PrintWriter out) {
      BenchmarkResult result = report.result();
      out.printf(
          "SKAB: %d files, %d judged rows (%d files without labels skipped)%n%n",
          report.files().size(), result.rows(), report.skipped().size());
      out.println("Outlier detection (point-wise, pooled)");
      out.printf("%-22s %6s %7s %7s %8s%n", "Algorithm", "F1", "FAR %", "MAR %", "PR-AUC");
      out.printf(
          "%-22s %6.3f %7.2f %7.2f %8.3f%n",
          "Vigil (this run)",
          result.points().f1(),
          result.points().far(),
          result.points().mar(),
          result.prAuc());
      for (String[] row : Leaderboard.OUTLIER_ROWS) {
        out.printf("%-22s %6s %7s %7s %8s%n", row[0], row[1], row[2], row[3], "-");
      }
      out.println();
      out.println("Changepoint detection (NAB)");
      out.printf("%-22s %9s %9s %9s%n", "Algorithm", "Standard", "LowFP", "LowFN");
      out.printf(
          "%-22s %9.2f %9.2f %9.2f%n",
          "Vigil (this run)",
          result.changepoints().standard(),
          result.changepoints().lowFp(),
          result.changepoints().lowFn());
      for (String[] row : Leaderboard.CHANGEPOINT_ROWS) {
        out.printf("%-22s %9s %9s %9s%n", row[0], row[1], row[2], row[3]);
      }
      out.println();
      out.printf(
          "Speed: training %,.0f rows/s, scoring %,.0f rows/s (one thread, %d sensors)%n",
          report.trainingRowsPerSecond(), report.scoringRowsPerSecond(), 8);
    }
  }

  /** {@code vigil bench synthetic}. */
  @Command(
      name = "synthetic",
      mixinStandardHelpOptions = true,
      description = {
        "Inject faults (spike, drift, stuck sensor, broken correlation) into known sensors of the"
            + " synthetic plant and measure how often the diagnostics rank the faulty sensor"
            + " first on the rows the detector flags."
      })
  static final class Synthetic implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--scenarios",
        paramLabel = "N",
        defaultValue = "10",
        description = "Scenarios, each a new plant and 8 faults. Default: ${DEFAULT-VALUE}.")
    int scenarios;

    @Option(
        names = "--sensors-per-component",
        paramLabel = "N",
        defaultValue = "10",
        description = "Sensors per component (5 components). Default: ${DEFAULT-VALUE}.")
    int sensorsPerComponent;

    @Option(names = "--json", description = "End with one line of JSON holding every figure.")
    boolean json;

    @Override
    public Integer call() throws IOException {
      if (scenarios < 1) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(), "--scenarios must be at least 1, got " + scenarios);
      }
      DiagnosisBenchmark.Report report =
          new DiagnosisBenchmark(DetectorConfig.DEFAULTS, 5, sensorsPerComponent).run(scenarios);
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          "Synthetic plant: %d scenarios, %d sensors, %d faults each%n%n",
          report.scenarios(), report.sensors(), DiagnosisBenchmark.FAULTS_PER_SCENARIO);
      out.printf(
          "%-20s %9s %9s %10s %13s %10s%n",
          "Fault", "rows", "flagged", "flagged %", "first-ranked", "top-3 %");
      Map<String, Object> figures = new LinkedHashMap<>();
      report.byType().forEach((type, tally) -> row(out, type.name(), tally, figures));
      row(out, "all faults", report.faults(), figures);
      out.printf(
          "%nFalse alarms between faults: %d of %d rows (%.2f%%)%n",
          report.normal().flagged(), report.normal().rows(), 100 * report.normal().flaggedShare());
      figures.put("false_alarm_rate", report.normal().flaggedShare());
      figures.put("ranked_first", report.faults().rankedFirstShare());
      if (json) {
        out.println(new ObjectMapper().writeValueAsString(figures));
      }
      out.flush();
      return 0;
    }

    private static void row(
        PrintWriter out, String name, DiagnosisBenchmark.Tally tally, Map<String, Object> figures) {
      out.printf(
          "%-20s %9d %9d %9.1f%% %12.1f%% %9.1f%%%n",
          name,
          tally.rows(),
          tally.flagged(),
          100 * tally.flaggedShare(),
          100 * tally.rankedFirstShare(),
          100 * tally.rankedInTopThreeShare());
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("rows", tally.rows());
      entry.put("flagged", tally.flagged());
      entry.put("ranked_first", tally.rankedFirstShare());
      entry.put("ranked_top_three", tally.rankedInTopThreeShare());
      figures.put(name.toLowerCase(java.util.Locale.ROOT).replace(' ', '_'), entry);
    }
  }

  /** {@code vigil bench inference}. */
  @Command(
      name = "inference",
      mixinStandardHelpOptions = true,
      description = {
        "Load-test scheduled inference on the embedded default: many PT5M schedulers, each with"
            + " its own input files, all waking at once; prints, per round of windows, the time"
            + " from wake to results recorded (p50, p99, max), the executions late by more than"
            + " 10 s and the CPU time the process used per window, then the memory in use."
      })
  static final class Inference implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--schedulers",
        paramLabel = "N",
        defaultValue = "1000",
        description = "Default: ${DEFAULT-VALUE}.")
    int schedulers;

    @Option(
        names = "--components",
        paramLabel = "N",
        defaultValue = "5",
        description = "Default: ${DEFAULT-VALUE}.")
    int components;

    @Option(
        names = "--sensors-per-component",
        paramLabel = "N",
        defaultValue = "10",
        description = "Default: ${DEFAULT-VALUE}.")
    int sensorsPerComponent;

    @Option(
        names = "--rows-per-window",
        paramLabel = "N",
        defaultValue = "300",
        description = "Rows in each 5-minute window. Default: ${DEFAULT-VALUE}.")
    int rowsPerWindow;

    @Option(
        names = "--rounds",
        paramLabel = "N",
        defaultValue = "3",
        description = "Windows measured. Default: ${DEFAULT-VALUE}.")
    int rounds;

    @Option(
        names = "--kept-files",
        paramLabel = "N",
        defaultValue = "0",
        description =
            "Files of earlier windows each input folder keeps per component (288: a day of"
                + " them), which a window must not look at. Default: ${DEFAULT-VALUE}.")
    int keptFiles;

    @Option(
        names = "--threads",
        paramLabel = "N",
        defaultValue = "4",
        description = "The engine's threads (inference.threads). Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(
        names = "--data-dir",
        paramLabel = "DIR",
        description = "Where Vigil keeps its data. Default: a new temporary folder.")
    Path dataDir;

    @Option(names = "--json", description = "End with one line of JSON holding every figure.")
    boolean json;

    @Override
    public Integer call() throws IOException {
      InferenceBenchmark.Report report =
          new InferenceBenchmark(
                  new InferenceBenchmark.Settings(
                      schedulers,
                      components,
                      sensorsPerComponent,
                      rowsPerWindow,
                      rounds,
                      keptFiles,
                      threads,
                      java.time.Duration.ofSeconds(2),
                      dataDir))
              .run();
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          "Scheduled inference: %d schedulers at PT5M, %d sensors, %d rows per window, %d older"
              + " files kept per component, %d engine threads (setup %.0f s)%n%n",
          schedulers,
          components * sensorsPerComponent,
          rowsPerWindow,
          keptFiles,
          threads,
          report.setupSeconds());
      out.printf(
          "%-22s %10s %9s %9s %9s %9s %6s %14s %8s %7s%n",
          "Window end",
          "executions",
          "succeeded",
          "p50 ms",
          "p99 ms",
          "max ms",
          "late",
          "CPU ms/window",
          "JIT ms",
          "GC ms");
      java.util.List<Map<String, Object>> rows = new java.util.ArrayList<>();
      for (InferenceBenchmark.Round round : report.rounds()) {
        out.printf(
            "%-22s %10d %9d %9d %9d %9d %6d %14.1f %8d %7d%n",
            round.windowEnd(),
            round.executions(),
            round.succeeded(),
            round.percentile(50),
            round.percentile(99),
            round.wallMillis(),
            round.late(),
            round.cpuMillis() / (double) Math.max(1, round.executions()),
            round.compileMillis(),
            round.gcMillis());
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("window_end", round.windowEnd().toString());
        row.put("executions", round.executions());
        row.put("succeeded", round.succeeded());
        row.put("p50_ms", round.percentile(50));
        row.put("p99_ms", round.percentile(99));
        row.put("max_ms", round.wallMillis());
        row.put("late", round.late());
        row.put("cpu_ms", round.cpuMillis());
        row.put("jit_ms", round.compileMillis());
        row.put("gc_ms", round.gcMillis());
        rows.add(row);
      }
      out.printf(
          "%nMemory with every scheduler loaded: heap %.0f MB in use after GC (limit %.0f MB),"
              + " resident %.0f MB%n",
          report.heapUsedBytes() / 1e6, report.maxHeapBytes() / 1e6, report.residentBytes() / 1e6);
      if (json) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("schedulers", schedulers);
        figures.put("sensors", components * sensorsPerComponent);
        figures.put("rows_per_window", rowsPerWindow);
        figures.put("kept_files", keptFiles);
        figures.put("threads", threads);
        figures.put("rounds", rows);
        figures.put("heap_used_bytes", report.heapUsedBytes());
        figures.put("resident_bytes", report.residentBytes());
        out.println(new ObjectMapper().writeValueAsString(figures));
      }
      out.flush();
      return 0;
    }
  }
}
