package dev.vigil.bench;

import dev.vigil.engine.data.SensorTable;
import dev.vigil.engine.model.DetectorConfig;
import dev.vigil.engine.model.ScoredRow;
import dev.vigil.engine.model.Scorer;
import dev.vigil.engine.model.TrainedModel;
import dev.vigil.engine.model.Trainer;
import dev.vigil.engine.synthetic.Fault;
import dev.vigil.engine.synthetic.FaultType;
import dev.vigil.engine.synthetic.SyntheticData;
import dev.vigil.engine.synthetic.SyntheticPlant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Measures how well the diagnostics name the faulty sensor, on the project's synthetic plant: each
 * scenario trains on fault-free history, then judges a stretch with faults of every type injected
 * into known sensors. For every anomalous row the detector flags, the benchmark checks whether the
 * faulty sensor ranks first (and within the top three) of the diagnostics. It also reports, per
 * fault type, the share of faulty rows flagged, and the false-alarm rate on the rows between
 * faults.
 *
 * <p>Not thread-safe; one run at a time.
 */
public final class DiagnosisBenchmark {
  /** Fault-free rows each scenario trains on. */
  public static final int TRAINING_ROWS = 20_000;

  /** Rows each scenario judges, holding {@link #FAULTS_PER_SCENARIO} faults. */
  public static final int JUDGED_ROWS = 20_000;

  /** Faults per scenario, of every type in turn. */
  public static final int FAULTS_PER_SCENARIO = 8;

  private final DetectorConfig config;
  private final int components;
  private final int sensorsPerComponent;

  public DiagnosisBenchmark(DetectorConfig config, int components, int sensorsPerComponent) {
    this.config = config;
    this.components = components;
    this.sensorsPerComponent = sensorsPerComponent;
  }

  /** Counts for one fault type, or for the rows between faults. */
  public static final class Tally {
    long rows;
    long flagged;
    long rankedFirst;
    long rankedInTopThree;

    public long rows() {
      return rows;
    }

    public long flagged() {
      return flagged;
    }

    /** Flagged faulty rows whose top diagnostic is the faulty sensor, as a fraction. */
    public double rankedFirstShare() {
      return flagged == 0 ? Double.NaN : (double) rankedFirst / flagged;
    }

    public double rankedInTopThreeShare() {
      return flagged == 0 ? Double.NaN : (double) rankedInTopThree / flagged;
    }

    public double flaggedShare() {
      return rows == 0 ? Double.NaN : (double) flagged / rows;
    }
  }

  /** What a run measured: a tally per fault type, the total over faults, and normal rows. */
  public record Report(
      int scenarios, int sensors, Map<FaultType, Tally> byType, Tally faults, Tally normal) {}

  public Report run(int scenarios) {
    Map<FaultType, Tally> byType = new EnumMap<>(FaultType.class);
    for (FaultType type : FaultType.values()) {
      byType.put(type, new Tally());
    }
    Tally faults = new Tally();
    Tally normal = new Tally();
    int sensors = 0;
    for (int scenario = 0; scenario < scenarios; scenario++) {
      SyntheticPlant plant =
          SyntheticPlant.builder()
              .components(components)
              .sensorsPerComponent(sensorsPerComponent)
              .seed(1_000 + scenario)
              .build();
      sensors = plant.sensorCount();
      int rows = TRAINING_ROWS + JUDGED_ROWS;
      List<Fault> injected =
          plant.randomFaults(FAULTS_PER_SCENARIO, TRAINING_ROWS, rows, 7_000 + scenario);
      SyntheticData data = plant.generate(rows, injected);
      SensorTable table = data.table();
      TrainedModel model = Trainer.train(table.rows(0, TRAINING_ROWS), config);
      Scorer scorer = model.newScorer();
      scorer.warmUp(table, TRAINING_ROWS - config.window() + 1, TRAINING_ROWS);
      List<ScoredRow> scored = scorer.score(table, TRAINING_ROWS, rows, null);
      for (int i = 0; i < scored.size(); i++) {
        int row = TRAINING_ROWS + i;
        ScoredRow result = scored.get(i);
        int faulty = data.faultySensorAt(row);
        if (faulty < 0) {
          count(normal, result, -1);
          continue;
        }
        FaultType type = data.faultAt(row).orElseThrow().type();
        count(byType.get(type), result, faulty);
        count(faults, result, faulty);
      }
    }
    return new Report(scenarios, sensors, byType, faults, normal);
  }

  private static void count(Tally tally, ScoredRow result, int faultySensor) {
    tally.rows++;
    if (result.prediction() != 1) {
      return;
    }
    tally.flagged++;
    if (faultySensor < 0) {
      return;
    }
    double[] shares = result.diagnostics();
    int higher = 0;
    for (double share : shares) {
      if (share > shares[faultySensor]) {
        higher++;
      }
    }
    if (higher == 0) {
      tally.rankedFirst++;
    }
    if (higher < 3) {
      tally.rankedInTopThree++;
    }
  }
}
