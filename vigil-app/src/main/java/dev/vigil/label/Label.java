package dev.vigil.label;

import java.time.Instant;
import java.util.Objects;

/**
 * A labelled period of an asset's history. Immutable and thread-safe.
 *
 * @param id 32 hexadecimal digits, as Lookout for Equipment's label ids
 * @param groupName the group it belongs to
 * @param start the first instant of the period
 * @param end the end of the period, after {@code start}
 * @param rating whether the period was abnormal
 * @param faultCode one of the group's fault codes, or null
 * @param notes free text, or null
 * @param equipment the piece of equipment the label is about, or null
 * @param createdAt creation time
 */
public record Label(
    String id,
    String groupName,
    Instant start,
    Instant end,
    LabelRating rating,
    String faultCode,
    String notes,
    String equipment,
    Instant createdAt) {
  public Label {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(groupName, "groupName");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(rating, "rating");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
