package dev.vigil.jmh;

import dev.vigil.engine.data.SensorTable;
import dev.vigil.engine.model.PredictionReason;
import dev.vigil.engine.model.ScoredRow;
import dev.vigil.engine.model.Scorer;
import dev.vigil.engine.model.TrainedModel;
import dev.vigil.engine.synthetic.SyntheticData;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Single-thread scoring throughput of the 50-sensor model (5 components x 10 sensors, window 10, so
 * lagged vectors of 500 values), in rows per second. <b>Target: at least 50,000 rows/s.</b>
 *
 * <p>The model is trained once per trial on 20,000 fault-free synthetic rows. Each invocation
 * scores the 10,000 rows that follow them, which hold 3 random faults, with a fresh {@link Scorer}
 * warmed up on the {@code window} rows before the batch, so every invocation does the same work:
 * standardisation, window assembly, projection on the principal subspace, per-sensor residual
 * statistic, debounce, calibration and diagnostics. {@code @OperationsPerInvocation} makes the
 * reported figure per row.
 *
 * <ul>
 *   <li>{@link #scoreRows} feeds pre-built {@code double[]} rows, the streaming path of the
 *       service.
 *   <li>{@link #scoreTable} scores a {@link SensorTable} slice, the batch path of the CLI, which
 *       also copies each row out of the column-major table and collects the results in a list.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScoringBenchmark {
  private TrainedModel model;
  private SensorTable table;
  private long[] timestamps;
  private double[][] rows;
  private double[][] warmUpRows;

  /** Trains the model and lays out the rows to score; reports how many of them are flagged. */
  /** Which 50-sensor plant: see {@link PlantKind}. */
  @Param({"DEFAULT", "NOISY"})
  PlantKind plant;

  @Setup(Level.Trial)
  public void setUp() {
    SyntheticData scenario =
        BenchmarkPlant.scoringScenario(BenchmarkPlant.SCORING_TRAINING_ROWS, plant);
    table = scenario.table();
    int from = BenchmarkPlant.SCORING_TRAINING_ROWS;
    int to = from + BenchmarkPlant.SCORED_ROWS;
    model = BenchmarkPlant.train(table.rows(0, from));
    int window = model.config().window();
    timestamps = Arrays.copyOfRange(table.timestamps(), from, to);
    rows = BenchmarkPlant.rowArrays(table, from, to);
    warmUpRows = BenchmarkPlant.rowArrays(table, from - window, from);

    Scorer scorer = newWarmScorer();
    int flagged = 0;
    for (int i = 0; i < rows.length; i++) {
      if (scorer.score(timestamps[i], rows[i], false).reason()
          == PredictionReason.ANOMALY_DETECTED) {
        flagged++;
      }
    }
    System.out.printf(
        "%nscoring %d rows x %d sensors, %d in faults, %d flagged%n",
        rows.length,
        table.sensorCount(),
        Arrays.stream(scenario.anomalyLabels(), from, to).sum(),
        flagged);
  }

  private Scorer newWarmScorer() {
    Scorer scorer = model.newScorer();
    for (double[] row : warmUpRows) {
      scorer.warmUp(row);
    }
    return scorer;
  }

  /** Scores the batch row by row from {@code double[]} rows; each result goes to the blackhole. */
  @Benchmark
  @OperationsPerInvocation(BenchmarkPlant.SCORED_ROWS)
  public void scoreRows(Blackhole blackhole) {
    Scorer scorer = newWarmScorer();
    for (int i = 0; i < rows.length; i++) {
      ScoredRow scored = scorer.score(timestamps[i], rows[i], false);
      blackhole.consume(scored);
    }
  }

  /** Scores the batch as a slice of the table; the list of results goes to the blackhole. */
  @Benchmark
  @OperationsPerInvocation(BenchmarkPlant.SCORED_ROWS)
  public void scoreTable(Blackhole blackhole) {
    Scorer scorer = newWarmScorer();
    int from = BenchmarkPlant.SCORING_TRAINING_ROWS;
    blackhole.consume(scorer.score(table, from, from + BenchmarkPlant.SCORED_ROWS, null));
  }
}
