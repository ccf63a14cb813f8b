package dev.vigil.ingestion;

import java.time.Instant;
import java.util.List;

/**
 * An ingestion job as the API shows it; absent fields are null, for the API to leave out. Immutable
 * and thread-safe.
 */
public record IngestionJobView(
    String id,
    String datasetName,
    JobStatus status,
    IngestionInput input,
    String failedReason,
    String createdAt,
    String updatedAt,
    double progress,
    List<IngestedFile> ingestedFiles,
    String dataStart,
    String dataEnd,
    DataQuality dataQuality,
    List<SensorStatistics> sensorStatistics) {

  static IngestionJobView of(IngestionJob job) {
    IngestionResult result = job.result();
    return new IngestionJobView(
        job.id(),
        job.datasetName(),
        job.status(),
        job.input(),
        job.failedReason(),
        instant(job.createdAtMillis()),
        instant(job.updatedAtMillis()),
        job.progress(),
        result == null ? List.of() : result.ingestedFiles(),
        job.dataStartMillis() == null ? null : instant(job.dataStartMillis()),
        job.dataEndMillis() == null ? null : instant(job.dataEndMillis()),
        result == null ? null : result.dataQuality(),
        result == null ? null : result.sensorStatistics());
  }

  private static String instant(long millis) {
    return Instant.ofEpochMilli(millis).toString();
  }
}
