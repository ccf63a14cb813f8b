package dev.vigil.model;

/**
 * A row of {@code models}. Immutable and thread-safe.
 *
 * @param id stable identifier
 * @param name unique name
 * @param datasetId the dataset's identifier, for {@link ModelDatasetUsage}
 * @param datasetName the dataset's name
 * @param requestJson the creation request, JSON
 * @param activeVersion the version that scores, or null before one succeeds
 * @param latestVersion the highest version number
 * @param createdAtMillis creation time
 * @param updatedAtMillis time of the last change to the model or one of its versions
 */
record ModelRecord(
    String id,
    String name,
    String datasetId,
    String datasetName,
    String requestJson,
    Integer activeVersion,
    int latestVersion,
    long createdAtMillis,
    long updatedAtMillis) {}
