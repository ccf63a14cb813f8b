package dev.vigil.inference;

/**
 * The status of an execution, with Lookout for Equipment's names. A window missed while Vigil was
 * down is FAILED with a reason that starts with {@code missed:}.
 */
public enum ExecutionStatus {
  /** The window is being scored (or its node died while scoring it: the next run redoes it). */
  IN_PROGRESS,
  /** The window was scored; its results are written and stored. */
  SUCCESS,
  /** The window could not be scored; the execution carries the reason. */
  FAILED
}
