package dev.vigil.engine.model;

import dev.vigil.engine.data.SensorTable;
import dev.vigil.engine.preprocess.PreprocessedTable;
import dev.vigil.engine.preprocess.Preprocessing;
import dev.vigil.engine.preprocess.Preprocessor;
import java.util.List;
import java.util.Objects;

/**
 * A trained detector: the sensors it reads, how it standardises them, the principal subspace of
 * their lagged normal behaviour, and the calibration of its score. The live model is never
 * serialised as Java objects; {@link ModelFormat} writes and reads a versioned state instead.
 *
 * <p>Immutable and thread-safe: any number of {@link Scorer}s, each owned by one thread, may score
 * with one model at the same time.
 */
public final class TrainedModel {
  private final List<String> sensorNames;
  private final int[] usedSensors;
  private final RobustScaler scaler;
  private final PrincipalSubspace subspace;
  private final ResidualStatistic statistic;
  private final ScoreCalibration calibration;
  private final DetectorConfig config;
  private final TrainingSummary summary;
  private final Preprocessing preprocessing;

  TrainedModel(
      List<String> sensorNames,
      int[] usedSensors,
      RobustScaler scaler,
      PrincipalSubspace subspace,
      ResidualStatistic statistic,
      ScoreCalibration calibration,
      DetectorConfig config,
      TrainingSummary summary,
      Preprocessing preprocessing) {
    this.sensorNames = List.copyOf(sensorNames);
    this.usedSensors = usedSensors.clone();
    this.scaler = Objects.requireNonNull(scaler, "scaler");
    this.subspace = Objects.requireNonNull(subspace, "subspace");
    this.statistic = Objects.requireNonNull(statistic, "statistic");
    this.calibration = Objects.requireNonNull(calibration, "calibration");
    this.config = Objects.requireNonNull(config, "config");
    this.summary = Objects.requireNonNull(summary, "summary");
    this.preprocessing = Objects.requireNonNull(preprocessing, "preprocessing");
    if (scaler.sensorCount() != usedSensors.length
        || subspace.dimension() != usedSensors.length * config.window()) {
      throw new IllegalArgumentException(
          "inconsistent model: "
              + usedSensors.length
              + " sensors used, scaler for "
              + scaler.sensorCount()
              + ", subspace of dimension "
              + subspace.dimension()
              + " for a window of "
              + config.window());
    }
    if (statistic.sensorLimits().length != 0
        && statistic.sensorLimits().length != usedSensors.length) {
      throw new IllegalArgumentException(
          statistic.sensorLimits().length
              + " sensor limits for "
              + usedSensors.length
              + " sensors");
    }
  }

  /**
   * Every sensor the model was given, in input order, including the ones training excluded. Rows to
   * score carry one value per sensor in this order; diagnostics list them in this order too.
   */
  public List<String> sensorNames() {
    return sensorNames;
  }

  public DetectorConfig config() {
    return config;
  }

  public TrainingSummary summary() {
    return summary;
  }

  /** What is done to raw data before the model sees it: the same for training and scoring. */
  public Preprocessing preprocessing() {
    return preprocessing;
  }

  /**
   * Applies the model's preprocessing (resampling, missing-value filling, off-condition) to raw
   * rows to be scored, exactly as it was applied to the training data.
   */
  public PreprocessedTable preprocess(SensorTable raw) {
    return new Preprocessor(preprocessing).apply(raw);
  }

  /** A new scorer at the default sensitivity. */
  public Scorer newScorer() {
    return new Scorer(this, Sensitivity.DEFAULT);
  }

  /** A new scorer that flags points at the given sensitivity. */
  public Scorer newScorer(Sensitivity sensitivity) {
    return new Scorer(this, sensitivity);
  }

  int[] usedSensors() {
    return usedSensors;
  }

  RobustScaler scaler() {
    return scaler;
  }

  PrincipalSubspace subspace() {
    return subspace;
  }

  ResidualStatistic statistic() {
    return statistic;
  }

  ScoreCalibration calibration() {
    return calibration;
  }
}
