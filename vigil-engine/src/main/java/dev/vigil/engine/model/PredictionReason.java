package dev.vigil.engine.model;

/** Why a row got its prediction; the names are those of Lookout for Equipment's results. */
public enum PredictionReason {
  NO_ANOMALY_DETECTED,
  ANOMALY_DETECTED,
  /** The off-condition held: the equipment was not running, so the row was not judged. */
  MACHINE_OFF
}
