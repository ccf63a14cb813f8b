package dev.vigil.label;

/** Whether a labelled period was abnormal, as Lookout for Equipment rates a label. */
public enum LabelRating {
  /** The equipment behaved abnormally: the period is a known anomaly that models are judged on. */
  ANOMALY,
  /** The equipment was known to be normal. */
  NO_ANOMALY,
  /** Neither: the period is recorded without a judgement. */
  NEUTRAL
}
