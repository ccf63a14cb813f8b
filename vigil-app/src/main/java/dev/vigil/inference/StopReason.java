package dev.vigil.inference;

/** Why a scheduler is {@link SchedulerStatus#STOPPED}. */
public enum StopReason {
  /** A user stopped it: the portal's "User pause". */
  USER("User pause"),
  /** Too many executions failed in a row: the portal's "System pause". */
  SYSTEM("System pause");

  private final String portalLabel;

  StopReason(String portalLabel) {
    this.portalLabel = portalLabel;
  }

  /** The status label of the Metrics Advisor for Equipment portal. */
  public String portalLabel() {
    return portalLabel;
  }
}
