package dev.vigil.engine.preprocess;

import java.time.Duration;
import java.util.Optional;

/**
 * What {@link Preprocessor} does to a table before the model sees it. Instances are immutable and
 * thread-safe.
 *
 * @param targetSamplingPeriod the period to resample to, one of {@link
 *     Resampler#SUPPORTED_PERIODS}; {@code null} keeps the data's own timestamps
 * @param fillPolicy how missing values are filled; {@code null} means {@link #DEFAULT_FILL_POLICY}
 * @param offCondition when the machine is off; {@code null} when it is never considered off
 */
public record Preprocessing(
    Duration targetSamplingPeriod, FillPolicy fillPolicy, OffCondition offCondition) {

  /**
   * {@link FillMethod#PREVIOUS}, because it only looks back: a live batch fills its last rows the
   * same way training did, whereas {@code LINEAR} would need the reading that has not arrived yet.
   */
  public static final FillPolicy DEFAULT_FILL_POLICY = FillPolicy.of(FillMethod.PREVIOUS);

  /**
   * @throws dev.vigil.engine.data.InvalidDataException when the sampling period is not supported
   */
  public Preprocessing {
    if (targetSamplingPeriod != null) {
      Resampler.validatePeriod(targetSamplingPeriod);
    }
    if (fillPolicy == null) {
      fillPolicy = DEFAULT_FILL_POLICY;
    }
  }

  /** No resampling, the default fill policy and no off-condition. */
  public static Preprocessing defaults() {
    return new Preprocessing(null, DEFAULT_FILL_POLICY, null);
  }

  /** The resampling period, empty when the data keeps its own timestamps. */
  public Optional<Duration> targetSamplingPeriodIfSet() {
    return Optional.ofNullable(targetSamplingPeriod);
  }

  /** The off-condition, empty when the machine is never considered off. */
  public Optional<OffCondition> offConditionIfSet() {
    return Optional.ofNullable(offCondition);
  }
}
