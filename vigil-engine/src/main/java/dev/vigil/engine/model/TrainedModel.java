package dev.vigil.engine.model;

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
  private final double speLimit;
  private final ScoreCalibration calibration;
  private final DetectorConfig config;
  private final TrainingSummary summary;

  TrainedModel(
      List<String> sensorNames,
      int[] usedSensors,
      RobustScaler scaler,
      PrincipalSubspace subspace,
      double speLimit,
      ScoreCalibration calibration,
      DetectorConfig config,
      TrainingSummary summary) {
    this.sensorNames = List.copyOf(sensorNames);
    this.usedSensors = usedSensors.clone();
    this.scaler = Objects.requireNonNull(scaler, "scaler");
    this.subspace = Objects.requireNonNull(subspace, "subspace");
    this.speLimit = speLimit;
    this.calibration = Objects.requireNonNull(calibration, "calibration");
    this.config = Objects.requireNonNull(config, "config");
    this.summary = Objects.requireNonNull(summary, "summary");
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
    if (!(speLimit > 0)) {
      throw new IllegalArgumentException("speLimit must be positive, got " + speLimit);
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

  double speLimit() {
    return speLimit;
  }

  ScoreCalibration calibration() {
    return calibration;
  }
}
