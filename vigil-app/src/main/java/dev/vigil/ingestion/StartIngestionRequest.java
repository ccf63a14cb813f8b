package dev.vigil.ingestion;

/** The body of {@code POST /api/v1/ingestion-jobs}. Immutable and thread-safe. */
public record StartIngestionRequest(String datasetName, IngestionInput input) {}
