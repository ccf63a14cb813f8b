package dev.vigil.model;

/**
 * A row of {@code model_versions}, without the model bytes. Immutable and thread-safe.
 *
 * @param modelId the model
 * @param version 1, 2, ...
 * @param status where training stands
 * @param progress 0 to 1
 * @param failedReason why training failed, or null
 * @param requestJson what this version is trained from, JSON
 * @param trainingSummaryJson the engine's training summary, JSON, or null before success
 * @param evaluationJson the evaluation, JSON, or null without an evaluation range or success
 * @param createdAtMillis creation time
 * @param updatedAtMillis time of the last change
 */
record VersionRecord(
    String modelId,
    int version,
    ModelStatus status,
    double progress,
    String failedReason,
    String requestJson,
    String trainingSummaryJson,
    String evaluationJson,
    long createdAtMillis,
    long updatedAtMillis) {}
