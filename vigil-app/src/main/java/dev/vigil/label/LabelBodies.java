package dev.vigil.label;

import dev.vigil.request.InvalidRequestException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The JSON bodies the native label routes accept, bound by Jackson with Vigil's strict mapper.
 * Plain classes with public fields so that an absent optional field stays null; {@link
 * LabelService} checks which fields are required. Not thread-safe: each instance belongs to one
 * request.
 */
public final class LabelBodies {
  private LabelBodies() {}

  /** {@code POST /api/v1/label-groups}. */
  public static final class CreateGroup {
    public String name;
    public List<String> faultCodes;
  }

  /** {@code PUT /api/v1/label-groups/{name}}: the new fault codes. */
  public static final class UpdateGroup {
    public List<String> faultCodes;
  }

  /** {@code POST /api/v1/label-groups/{name}/labels}; timestamps are ISO-8601 with a zone. */
  public static final class CreateLabel {
    public String start;
    public String end;
    public LabelRating rating;
    public String faultCode;
    public String notes;
    public String equipment;

    /**
     * The label this body asks for.
     *
     * @throws InvalidRequestException naming a timestamp that cannot be read
     */
    public NewLabel toNewLabel() {
      return new NewLabel(
          instant("start", start), instant("end", end), rating, faultCode, notes, equipment);
    }
  }

  /**
   * An ISO-8601 timestamp with a zone, or null when absent.
   *
   * @throws InvalidRequestException naming {@code field} when it cannot be read
   */
  public static Instant instant(String field, String text) {
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeException e) {
      throw new InvalidRequestException(
          field,
          field
              + " '"
              + text
              + "' is not an ISO-8601 timestamp with a zone, such as 2026-01-01T10:00:00Z");
    }
  }
}
