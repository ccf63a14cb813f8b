package dev.vigil.label;

import java.time.Instant;

/**
 * A label to add to a group, as either API gives it; {@link LabelService#createLabel} checks it.
 * Immutable and thread-safe.
 *
 * @param start the first instant of the period, required
 * @param end the end of the period, required and after {@code start}
 * @param rating required
 * @param faultCode one of the group's fault codes, or null
 * @param notes free text of at most {@value LabelService#MAX_NOTES_LENGTH} characters, or null
 * @param equipment at most {@value LabelService#MAX_EQUIPMENT_LENGTH} characters, or null
 */
public record NewLabel(
    Instant start,
    Instant end,
    LabelRating rating,
    String faultCode,
    String notes,
    String equipment) {}
