package dev.vigil.ingestion;

/** The status of an ingestion job, as Lookout names it. */
enum JobStatus {
  IN_PROGRESS,
  SUCCESS,
  FAILED
}
