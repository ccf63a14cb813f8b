package dev.vigil.alert;

/** What an alert is about. */
public enum AlertKind {
  /** Points above the configuration's score threshold. */
  ANOMALY,
  /** A window's execution failed (the first of a streak of failures). */
  EXECUTION_FAILED,
  /** The scheduler was paused by the system after repeated failures. */
  SYSTEM_PAUSE
}
