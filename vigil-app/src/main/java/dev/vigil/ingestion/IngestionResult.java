package dev.vigil.ingestion;

import java.util.List;

/**
 * What a job has read so far and, once it succeeded, the quality of the data; stored as JSON.
 *
 * @param dataQuality null until the job succeeds
 * @param sensorStatistics null until the job succeeds
 */
record IngestionResult(
    List<IngestedFile> ingestedFiles,
    DataQuality dataQuality,
    List<SensorStatistics> sensorStatistics) {
  IngestionResult {
    ingestedFiles = List.copyOf(ingestedFiles);
  }
}
