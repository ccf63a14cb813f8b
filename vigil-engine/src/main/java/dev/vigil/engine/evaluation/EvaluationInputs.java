package dev.vigil.engine.evaluation;

import dev.vigil.engine.VigilException;
import java.time.Instant;
import java.util.Objects;

/** Input checks shared by the accumulators, so that every metric rejects bad input the same way. */
final class EvaluationInputs {
  private EvaluationInputs() {}

  static void requireSameLength(String name, int length, String otherName, int otherLength) {
    if (length != otherLength) {
      throw new VigilException(
          name + " has " + length + " values but " + otherName + " has " + otherLength);
    }
  }

  /** Rejects anything but 0 and 1, naming the first offending element. */
  static void requireBinary(String name, int[] values) {
    Objects.requireNonNull(values, name);
    for (int i = 0; i < values.length; i++) {
      if (values[i] != 0 && values[i] != 1) {
        throw new VigilException(
            name + "[" + i + "] is " + values[i] + "; only 0 (normal) and 1 (anomaly) are allowed");
      }
    }
  }

  /**
   * Rejects timestamps that do not strictly increase: "the first detection in a window" is only
   * well defined when rows are in time order.
   */
  static void requireStrictlyIncreasing(String name, long[] timestampsMillis) {
    Objects.requireNonNull(timestampsMillis, name);
    for (int i = 1; i < timestampsMillis.length; i++) {
      if (timestampsMillis[i] <= timestampsMillis[i - 1]) {
        throw new VigilException(
            name
                + " must strictly increase: "
                + name
                + "["
                + i
                + "] ("
                + Instant.ofEpochMilli(timestampsMillis[i])
                + ") is not after "
                + name
                + "["
                + (i - 1)
                + "] ("
                + Instant.ofEpochMilli(timestampsMillis[i - 1])
                + ")");
      }
    }
  }

  /** Rejects {@code NaN}, which has no place in a ranking. */
  static void requireNoNaN(String name, double[] values) {
    Objects.requireNonNull(values, name);
    for (int i = 0; i < values.length; i++) {
      if (Double.isNaN(values[i])) {
        throw new VigilException(
            name + "[" + i + "] is NaN; every scored row needs a score to be ranked");
      }
    }
  }
}
