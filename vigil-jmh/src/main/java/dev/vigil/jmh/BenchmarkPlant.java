package dev.vigil.jmh;

import dev.vigil.engine.data.SensorTable;
import dev.vigil.engine.model.DetectorConfig;
import dev.vigil.engine.model.TrainedModel;
import dev.vigil.engine.model.Trainer;
import dev.vigil.engine.synthetic.Fault;
import dev.vigil.engine.synthetic.SyntheticData;
import dev.vigil.engine.synthetic.SyntheticPlant;
import java.util.List;

/**
 * The data every benchmark of this module uses: the default synthetic plant of 5 components with 10
 * sensors each (50 sensors), seed 42, and the default detector configuration. Keeping it in one
 * place makes the figures of the different benchmarks refer to the same model.
 */
final class BenchmarkPlant {
  /** Components of the benchmark plant. */
  static final int COMPONENTS = 5;

  /** Sensors per component of the benchmark plant. */
  static final int SENSORS_PER_COMPONENT = 10;

  /** Seed of the benchmark plant. */
  static final long SEED = 42L;

  /** Rows the scoring model is trained on. */
  static final int SCORING_TRAINING_ROWS = 20_000;

  /** Rows scored per benchmark invocation. */
  static final int SCORED_ROWS = 10_000;

  /** Faults injected in the scored rows, so that diagnostics and debounce see real anomalies. */
  static final int SCORED_FAULTS = 3;

  /** Seed of the fault scenario of the scored rows. */
  static final long FAULT_SCENARIO_SEED = 7L;

  private BenchmarkPlant() {}

  /** The 50-sensor plant. */
  static SyntheticPlant plant() {
    return plant(PlantKind.DEFAULT);
  }

  /**
   * Two plants of 50 sensors: the default one, whose few operating factors the model captures in 2
   * to 3 components, and a harder one (20 factors, noise half the signal) that makes it keep about
   * 50: scoring cost grows with the components kept.
   */
  enum Kind {
    DEFAULT,
    NOISY
  }

  /** The 50-sensor plant of the given kind. */
  static SyntheticPlant plant(PlantKind kind) {
    SyntheticPlant.Builder builder =
        SyntheticPlant.builder()
            .components(COMPONENTS)
            .sensorsPerComponent(SENSORS_PER_COMPONENT)
            .seed(SEED);
    if (kind == PlantKind.NOISY) {
      builder.latentFactors(20).noiseLevel(0.5);
    }
    return builder.build();
  }

  /** Fault-free history of {@code rows} rows, what a model is trained on. */
  static SensorTable history(int rows) {
    return plant().generate(rows).table();
  }

  /** Trains the default detector on a prepared table, with no off-condition. */
  static TrainedModel train(SensorTable history) {
    return Trainer.trainPrepared(history, null, DetectorConfig.DEFAULTS);
  }

  /**
   * {@code trainingRows} fault-free rows followed by {@link #SCORED_ROWS} rows holding {@link
   * #SCORED_FAULTS} random faults: train on the first part, score the second.
   */
  static SyntheticData scoringScenario(int trainingRows, PlantKind kind) {
    SyntheticPlant plant = plant(kind);
    int rows = trainingRows + SCORED_ROWS;
    List<Fault> faults = plant.randomFaults(SCORED_FAULTS, trainingRows, rows, FAULT_SCENARIO_SEED);
    return plant.generate(rows, faults);
  }

  /**
   * Rows {@code [fromRow, toRow)} of a table as one array per row, in the table's sensor order
   * (which is the order of {@link TrainedModel#sensorNames()} for a model trained on the table).
   */
  static double[][] rowArrays(SensorTable table, int fromRow, int toRow) {
    double[][] rows = new double[toRow - fromRow][table.sensorCount()];
    for (int row = fromRow; row < toRow; row++) {
      for (int sensor = 0; sensor < table.sensorCount(); sensor++) {
        rows[row - fromRow][sensor] = table.value(sensor, row);
      }
    }
    return rows;
  }
}
