package dev.vigil.dataset;

/**
 * A dataset as stored. Immutable and thread-safe.
 *
 * @param id stable identifier
 * @param name unique name
 * @param schema components and sensors
 * @param createdAtMillis creation time
 * @param updatedAtMillis time of the last change (creation, ingestion start or end)
 * @param activeIngestionJobId the job whose data is the dataset's data, or null before the first
 *     successful ingestion
 * @param runningIngestionJobId the job that is ingesting now, or null
 * @param dataStartMillis first timestamp of the active data, or null
 * @param dataEndMillis last timestamp of the active data, or null
 * @param activeQualityJson data quality and sensor statistics of the active data, as JSON, or null
 */
public record Dataset(
    String id,
    String name,
    DatasetSchema schema,
    long createdAtMillis,
    long updatedAtMillis,
    String activeIngestionJobId,
    String runningIngestionJobId,
    Long dataStartMillis,
    Long dataEndMillis,
    String activeQualityJson) {

  /** CREATED, INGESTION_IN_PROGRESS or ACTIVE, as Lookout shows a dataset. */
  public String status() {
    if (runningIngestionJobId != null) {
      return "INGESTION_IN_PROGRESS";
    }
    return activeIngestionJobId != null ? "ACTIVE" : "CREATED";
  }
}
