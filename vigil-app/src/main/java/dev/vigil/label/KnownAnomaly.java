package dev.vigil.label;

/**
 * A period known to be abnormal, as models read labels to evaluate themselves. Immutable and
 * thread-safe.
 *
 * @param startMillis the first instant, epoch milliseconds UTC
 * @param endMillis the end, after the start
 * @param faultCode the fault code, or null
 * @param notes free text, or null
 */
public record KnownAnomaly(long startMillis, long endMillis, String faultCode, String notes) {
  public KnownAnomaly {
    if (endMillis <= startMillis) {
      throw new IllegalArgumentException(
          "a known anomaly ends after it starts, not at " + endMillis + " for " + startMillis);
    }
  }
}
