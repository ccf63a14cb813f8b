package dev.vigil.jmh;

import dev.vigil.engine.model.ModelFormat;
import dev.vigil.engine.model.TrainedModel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to serialise the 50-sensor model with {@link ModelFormat#toBytes} and to read it back with
 * {@link ModelFormat#fromBytes}, in memory (no disk), per model. There is no hard target: this is
 * the cost of saving a model after training and of loading it when the service starts, and it
 * should stay negligible next to training and to a second of scoring.
 *
 * <p>The model is trained once per trial on the 20,000 rows {@link ScoringBenchmark} uses.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RoundTripBenchmark {
  private TrainedModel model;
  private byte[] bytes;

  /** Trains the model and serialises it once for the read benchmark. */
  @Setup(Level.Trial)
  public void setUp() {
    model = BenchmarkPlant.train(BenchmarkPlant.history(BenchmarkPlant.SCORING_TRAINING_ROWS));
    bytes = ModelFormat.toBytes(model);
    System.out.printf("%nmodel of %d bytes%n", bytes.length);
  }

  /** Serialises the model to a new byte array. */
  @Benchmark
  public byte[] write() {
    return ModelFormat.toBytes(model);
  }

  /** Reads the model back, checksum and validation included. */
  @Benchmark
  public TrainedModel read() {
    return ModelFormat.fromBytes(bytes);
  }

  /** Writes then reads the model. */
  @Benchmark
  public TrainedModel writeThenRead() {
    return ModelFormat.fromBytes(ModelFormat.toBytes(model));
  }
}
