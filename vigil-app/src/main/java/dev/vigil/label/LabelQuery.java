package dev.vigil.label;

import java.time.Instant;

/**
 * Which labels of a group to list; every field may be null, for no filter. Immutable and
 * thread-safe.
 *
 * @param from labels that end at or after this instant
 * @param to labels that start before this instant
 * @param faultCode labels with this fault code
 * @param equipment labels about this piece of equipment
 */
public record LabelQuery(Instant from, Instant to, String faultCode, String equipment) {
  /** Every label. */
  public static final LabelQuery ALL = new LabelQuery(null, null, null, null);

  boolean matches(Label label) {
    return (from == null || !label.end().isBefore(from))
        && (to == null || label.start().isBefore(to))
        && (faultCode == null || faultCode.equals(label.faultCode()))
        && (equipment == null || equipment.equals(label.equipment()));
  }
}
