package dev.vigil.bench;

import dev.vigil.engine.VigilException;
import dev.vigil.engine.data.CsvTableReader;
import dev.vigil.engine.data.LabeledTable;
import dev.vigil.engine.data.SensorTable;
import dev.vigil.engine.evaluation.BenchmarkEvaluation;
import dev.vigil.engine.evaluation.BenchmarkResult;
import dev.vigil.engine.model.DetectorConfig;
import dev.vigil.engine.model.ScoredRow;
import dev.vigil.engine.model.Scorer;
import dev.vigil.engine.model.TrainedModel;
import dev.vigil.engine.model.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs the SKAB protocol ("proposed leaderboard"): for each experiment file, train on its first
 * rows, judge the rest, and pool the metrics over all files. One configuration for every file; the
 * labels of the judged rows are read only by the metrics.
 *
 * <p>Not thread-safe; one run at a time.
 */
public final class SkabBenchmark {
  /** SKAB's protocol trains on the first 400 rows of each experiment. */
  public static final int DEFAULT_TRAIN_ROWS = 400;

  private final DetectorConfig config;
  private final int trainRows;

  public SkabBenchmark(DetectorConfig config, int trainRows) {
    this.config = config;
    this.trainRows = trainRows;
  }

  /** What one run measured. */
  public record Report(
      BenchmarkResult result,
      List<Path> files,
      List<Path> skipped,
      long trainedRows,
      long trainingNanos,
      long judgedRows,
      long scoringNanos) {
    public double trainingRowsPerSecond() {
      return trainedRows / (trainingNanos / 1e9);
    }

    public double scoringRowsPerSecond() {
      return judgedRows / (scoringNanos / 1e9);
    }
  }

  /** Every labelled CSV file under {@code dataDir}, in path order. */
  public Report run(Path dataDir) throws IOException {
    if (!Files.isDirectory(dataDir)) {
      throw new VigilException(dataDir + ": no such directory (expected SKAB's data folder)");
    }
    List<Path> candidates;
    try (Stream<Path> walk = Files.walk(dataDir)) {
      candidates =
          walk.filter(p -> p.toString().endsWith(".csv") && Files.isRegularFile(p))
              .sorted()
              .toList();
    }
    CsvTableReader reader = new CsvTableReader();
    BenchmarkEvaluation evaluation = new BenchmarkEvaluation();
    List<Path> used = new ArrayList<>();
    List<Path> skipped = new ArrayList<>();
    long trainedRows = 0;
    long judgedRows = 0;
    long trainingNanos = 0;
    long scoringNanos = 0;
    for (Path file : candidates) {
      LabeledTable labeled = reader.read(file);
      if (!labeled.hasAnomalyLabels() || !labeled.hasChangepointLabels()) {
        skipped.add(file);
        continue;
      }
      SensorTable table = labeled.table();
      if (table.rowCount() <= trainRows) {
        throw new VigilException(
            file
                + " has "
                + table.rowCount()
                + " rows: none left after "
                + trainRows
                + " training rows");
      }
      long started = System.nanoTime();
      TrainedModel model = Trainer.train(table.rows(0, trainRows), config);
      long trained = System.nanoTime();
      Scorer scorer = model.newScorer();
      scorer.warmUp(table, trainRows - config.window() + 1, trainRows);
      List<ScoredRow> scored = scorer.score(table, trainRows, table.rowCount(), null);
      long judged = System.nanoTime();
      trainingNanos += trained - started;
      scoringNanos += judged - trained;
      trainedRows += trainRows;
      judgedRows += scored.size();

      int n = scored.size();
      long[] timestamps = new long[n];
      int[] predictions = new int[n];
      double[] scores = new double[n];
      int[] anomaly = new int[n];
      int[] changepoint = new int[n];
      for (int i = 0; i < n; i++) {
        ScoredRow row = scored.get(i);
        timestamps[i] = row.timestampMillis();
        predictions[i] = row.prediction();
        scores[i] = row.rawScore();
        anomaly[i] = labeled.anomaly()[trainRows + i];
        changepoint[i] = labeled.changepoint()[trainRows + i];
      }
      evaluation.add(timestamps, anomaly, changepoint, predictions, scores);
      used.add(file);
    }
    if (used.isEmpty()) {
      throw new VigilException(
          dataDir + " holds no CSV file with 'anomaly' and 'changepoint' columns");
    }
    return new Report(
        evaluation.result(), used, skipped, trainedRows, trainingNanos, judgedRows, scoringNanos);
  }
}
