package dev.vigil.inference;

/** Where a replay stands. */
public enum ReplayStatus {
  /** Accepted; its first window has not started. */
  PENDING,
  /** Windows are being scored. */
  IN_PROGRESS,
  /** Every window was scored and its results overwritten. */
  SUCCESS,
  /** Some windows were scored; the others failed and kept their earlier results. */
  PARTIAL_SUCCESS,
  /** No window could be scored; every window kept its earlier results. */
  FAILED;

  /** Whether the replay has ended. */
  public boolean finished() {
    return this != PENDING && this != IN_PROGRESS;
  }
}
