package dev.vigil.ingestion;

/** The body of {@code POST /api/v1/ingestion-jobs}. */
record StartIngestionRequest(String datasetName, IngestionInput input) {}
