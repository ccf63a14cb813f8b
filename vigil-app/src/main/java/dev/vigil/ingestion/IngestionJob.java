package dev.vigil.ingestion;

/**
 * An ingestion job as stored. Immutable and thread-safe.
 *
 * @param failedReason why the job failed, or null
 * @param progress files read over files to read, 0 to 1
 * @param dataStartMillis first ingested timestamp once the job succeeded, or null
 * @param dataEndMillis last ingested timestamp once the job succeeded, or null
 * @param result files read so far and, after success, the quality of the data
 */
record IngestionJob(
    String id,
    String datasetId,
    String datasetName,
    JobStatus status,
    IngestionInput input,
    String failedReason,
    long createdAtMillis,
    long updatedAtMillis,
    double progress,
    Long dataStartMillis,
    Long dataEndMillis,
    IngestionResult result) {}
