package dev.vigil.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.engine.VigilException;
import dev.vigil.json.Json;
import java.time.Instant;

/**
 * A dataset as the API shows it; absent fields are null, for the API to leave out. Immutable and
 * thread-safe.
 */
public record DatasetView(
    String name,
    String id,
    String status,
    DatasetSchema schema,
    String createdAt,
    String updatedAt,
    String activeIngestionJobId,
    String dataStart,
    String dataEnd,
    JsonNode dataQuality,
    JsonNode sensorStatistics) {
  private static final ObjectMapper JSON = Json.mapper();

  /** The view of {@code dataset}. */
  public static DatasetView of(Dataset dataset) {
    JsonNode quality = null;
    if (dataset.activeQualityJson() != null) {
      try {
        quality = JSON.readTree(dataset.activeQualityJson());
      } catch (JsonProcessingException e) {
        throw new VigilException(
            "stored quality of dataset " + dataset.name() + " is not JSON: " + e.getMessage(), e);
      }
    }
    return new DatasetView(
        dataset.name(),
        dataset.id(),
        dataset.status(),
        dataset.schema(),
        instant(dataset.createdAtMillis()),
        instant(dataset.updatedAtMillis()),
        dataset.activeIngestionJobId(),
        dataset.dataStartMillis() == null ? null : instant(dataset.dataStartMillis()),
        dataset.dataEndMillis() == null ? null : instant(dataset.dataEndMillis()),
        quality == null ? null : quality.get("dataQuality"),
        quality == null ? null : quality.get("sensorStatistics"));
  }

  private static String instant(long millis) {
    return Instant.ofEpochMilli(millis).toString();
  }
}
