package dev.vigil.dataset;

import java.util.List;

/**
 * A dataset as other features see it.
 *
 * @param id stable identifier
 * @param name unique name
 * @param sensorNames every sensor of the schema, {@code component\sensor}, in schema order
 * @param hasData whether an ingestion has succeeded
 * @param dataStartMillis first ingested timestamp (meaningless without data)
 * @param dataEndMillis last ingested timestamp (meaningless without data)
 */
public record DatasetInfo(
    String id,
    String name,
    List<String> sensorNames,
    boolean hasData,
    long dataStartMillis,
    long dataEndMillis) {
  public DatasetInfo {
    sensorNames = List.copyOf(sensorNames);
  }
}
