package dev.vigil.label;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A named set of labels, for example the known failures of one asset, with the fault codes its
 * labels may carry. Immutable and thread-safe.
 *
 * @param id stable identifier, never reused
 * @param name unique name
 * @param faultCodes the fault codes labels of the group may carry; empty when labels carry none
 * @param createdAt creation time
 * @param updatedAt time of the last change of the group itself (its fault codes)
 */
public record LabelGroup(
    String id, String name, List<String> faultCodes, Instant createdAt, Instant updatedAt) {
  public LabelGroup {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    faultCodes = List.copyOf(faultCodes);
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }
}
