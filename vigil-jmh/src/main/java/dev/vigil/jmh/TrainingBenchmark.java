package dev.vigil.jmh;

import dev.vigil.engine.data.SensorTable;
import dev.vigil.engine.model.TrainedModel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Wall-clock time to train the 50-sensor model on 500,000 fault-free synthetic rows (about 5.8 days
 * of 1-second data), measured one training at a time. <b>Target: at most 60 s.</b>
 *
 * <p>The history is generated once per trial and is not part of the measured time; training
 * includes sensor screening, two fits (the holdout fit that sets the threshold and the final fit on
 * all rows), each standardising the history and fitting the principal subspace on at most {@code
 * maxCovarianceRows} lagged vectors, and the holdout scoring. Other sizes can be measured with
 * {@code -p rows=N}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms8g", "-Xmx8g"})
public class TrainingBenchmark {
  /** Rows of history to train on. */
  @Param("500000")
  public int rows;

  private SensorTable history;

  /** Generates the history. */
  @Setup(Level.Trial)
  public void setUp() {
    history = BenchmarkPlant.history(rows);
  }

  /** Trains one model; the model is returned so that JMH consumes it. */
  @Benchmark
  public TrainedModel train() {
    return BenchmarkPlant.train(history);
  }
}
