package dev.vigil.jmh;

import dev.vigil.engine.data.SensorTable;
import dev.vigil.engine.model.ModelFormat;
import dev.vigil.engine.model.ScoredRow;
import dev.vigil.engine.model.Scorer;
import dev.vigil.engine.model.TrainedModel;
import dev.vigil.engine.synthetic.SyntheticData;
import java.util.List;
import java.util.Locale;

/**
 * Prints the serialised size of the 50-sensor model trained on 500,000 and on 20,000 synthetic rows
 * (<b>target: at most 5 MB</b>) and checks that a model read back from its bytes scores the 10,000
 * rows after its history, 3 faults included, bit for bit like the model that was written. Size is a
 * plain figure, not a timing, hence a plain program rather than a JMH benchmark:
 *
 * <pre>java -Xmx8g -cp vigil-jmh/target/benchmarks.jar dev.vigil.jmh.ModelSize [rows...]</pre>
 *
 * <p>Exits with status 1 when a model is over the target or a round trip changes a score.
 */
public final class ModelSize {
  /** The size a serialised 50-sensor model must not exceed, in bytes. */
  static final long TARGET_BYTES = 5L * 1024 * 1024;

  private static final int[] DEFAULT_TRAINING_ROWS = {
    500_000, BenchmarkPlant.SCORING_TRAINING_ROWS
  };

  private ModelSize() {}

  /**
   * Measures and checks the model for each history length.
   *
   * @param args history lengths in rows; 500000 and 20000 when none are given
   */
  public static void main(String[] args) {
    int[] trainingRows = DEFAULT_TRAINING_ROWS;
    if (args.length > 0) {
      trainingRows = new int[args.length];
      for (int i = 0; i < args.length; i++) {
        trainingRows[i] = Integer.parseInt(args[i]);
      }
    }
    boolean allPassed = true;
    for (PlantKind kind : PlantKind.values()) {
      for (int rows : trainingRows) {
        allPassed &= measure(rows, kind);
      }
    }
    System.out.println(allPassed ? "ALL OK" : "FAILED");
    if (!allPassed) {
      System.exit(1);
    }
  }

  private static boolean measure(int trainingRows, PlantKind kind) {
    SyntheticData scenario = BenchmarkPlant.scoringScenario(trainingRows, kind);
    SensorTable table = scenario.table();
    long start = System.nanoTime();
    TrainedModel model = BenchmarkPlant.train(table.rows(0, trainingRows));
    double trainingSeconds = (System.nanoTime() - start) / 1e9;
    byte[] bytes = ModelFormat.toBytes(model);
    TrainedModel readBack = ModelFormat.fromBytes(bytes);

    boolean sizeOk = bytes.length <= TARGET_BYTES;
    int scoredRows = table.rowCount() - trainingRows;
    String mismatch = firstMismatch(model, readBack, table, trainingRows);
    System.out.printf(
        Locale.ROOT,
        "%s plant, %,d training rows x %d sensors (trained in %.1f s, %d principal components):%n",
        kind,
        trainingRows,
        table.sensorCount(),
        trainingSeconds,
        model.summary().components());
    System.out.printf(
        Locale.ROOT,
        "  serialised size %,d bytes = %.3f MB (target <= %.0f MB): %s%n",
        bytes.length,
        bytes.length / (1024.0 * 1024.0),
        TARGET_BYTES / (1024.0 * 1024.0),
        sizeOk ? "OK" : "OVER TARGET");
    System.out.printf(
        Locale.ROOT,
        "  round trip, %,d scored rows bit-identical: %s%n",
        scoredRows,
        mismatch == null ? "OK" : "FAIL (" + mismatch + ")");
    return sizeOk && mismatch == null;
  }

  /**
   * Scores the rows after the history with both models, each with a scorer warmed up on the last
   * {@code window} rows of the history, and describes the first difference, or returns null.
   */
  private static String firstMismatch(
      TrainedModel written, TrainedModel readBack, SensorTable table, int fromRow) {
    List<ScoredRow> expected = scoreAfter(written, table, fromRow);
    List<ScoredRow> actual = scoreAfter(readBack, table, fromRow);
    for (int i = 0; i < expected.size(); i++) {
      if (!bitIdentical(expected.get(i), actual.get(i))) {
        return "row " + (fromRow + i) + ": " + expected.get(i) + " vs " + actual.get(i);
      }
    }
    return null;
  }

  private static List<ScoredRow> scoreAfter(TrainedModel model, SensorTable table, int fromRow) {
    Scorer scorer = model.newScorer();
    scorer.warmUp(table, fromRow - model.config().window(), fromRow);
    return scorer.score(table, fromRow, table.rowCount(), null);
  }

  private static boolean bitIdentical(ScoredRow a, ScoredRow b) {
    if (a.timestampMillis() != b.timestampMillis()
        || a.prediction() != b.prediction()
        || a.reason() != b.reason()
        || !sameBits(a.anomalyScore(), b.anomalyScore())
        || !sameBits(a.rawScore(), b.rawScore())
        || a.diagnostics().length != b.diagnostics().length) {
      return false;
    }
    for (int s = 0; s < a.diagnostics().length; s++) {
      if (!sameBits(a.diagnostics()[s], b.diagnostics()[s])) {
        return false;
      }
    }
    return true;
  }

  private static boolean sameBits(double a, double b) {
    return Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b);
  }
}
