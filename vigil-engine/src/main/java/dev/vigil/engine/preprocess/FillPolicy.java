package dev.vigil.engine.preprocess;

import dev.vigil.engine.data.InvalidDataException;
import java.util.Arrays;

/**
 * A fill method and, for {@link FillMethod#FIXED}, the value it writes into gaps.
 *
 * <p>For every method other than {@code FIXED} the fixed value is ignored and stored as {@code
 * NaN}, so that two policies with the same method are equal however they were built (a JSON mapper,
 * for instance, may supply {@code 0} for an absent field). Instances are immutable and thread-safe.
 *
 * @param method how missing values are filled
 * @param fixedValue the value used by {@code FIXED}; must be finite for that method
 */
public record FillPolicy(FillMethod method, double fixedValue) {

  /**
   * @throws InvalidDataException when the method is missing, or is {@code FIXED} without a finite
   *     value
   */
  public FillPolicy {
    if (method == null) {
      throw new InvalidDataException(
          "fill method is missing; use one of " + Arrays.toString(FillMethod.values()));
    }
    if (method == FillMethod.FIXED) {
      if (!Double.isFinite(fixedValue)) {
        throw new InvalidDataException(
            "fill method FIXED needs a finite fixed value, got " + fixedValue);
      }
    } else {
      fixedValue = Double.NaN;
    }
  }

  /**
   * A policy for a method that needs no value.
   *
   * @throws InvalidDataException for {@code FIXED}, which needs a value: use {@link #fixed(double)}
   */
  public static FillPolicy of(FillMethod method) {
    if (method == FillMethod.FIXED) {
      throw new InvalidDataException("fill method FIXED needs a fixed value");
    }
    return new FillPolicy(method, Double.NaN);
  }

  /** A {@code FIXED} policy writing {@code value} into every gap. */
  public static FillPolicy fixed(double value) {
    return new FillPolicy(FillMethod.FIXED, value);
  }
}
