package dev.vigil.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
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
    subcommands = {BenchCommand.Skab.class})
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
}
