package dev.vigil.engine.preprocess;

/**
 * How missing values are filled, as Azure Metrics Advisor for Equipment (MVAD) offered it with its
 * {@code fillNAMethod} option.
 */
public enum FillMethod {
  /**
   * Carry the last valid value forward; missing values before the first valid value take that first
   * valid value. Uses no future data after the first reading, so training and live scoring fill
   * gaps the same way.
   */
  PREVIOUS,
  /**
   * Interpolate linearly in time between the valid values on either side of a gap; values before
   * the first or after the last valid value take the nearest valid value.
   */
  LINEAR,
  /** Replace every missing value by zero. */
  ZERO,
  /** Replace every missing value by the policy's {@link FillPolicy#fixedValue() fixed value}. */
  FIXED
}
