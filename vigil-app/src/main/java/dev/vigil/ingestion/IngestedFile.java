package dev.vigil.ingestion;

/** One file an ingestion read, with the rows it held (before duplicates were dropped). */
record IngestedFile(String key, long rows) {}
