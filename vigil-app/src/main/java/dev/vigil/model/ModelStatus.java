package dev.vigil.model;

/** The status of a model version, as Lookout for Equipment names it. */
enum ModelStatus {
  /** Training is queued or running. */
  IN_PROGRESS,
  /** Training finished; the version can score. */
  SUCCESS,
  /** Training stopped with a reason; the version cannot score. */
  FAILED
}
