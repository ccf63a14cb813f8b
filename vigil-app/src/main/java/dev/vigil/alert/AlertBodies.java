package dev.vigil.alert;

import java.util.List;

/**
 * The JSON bodies the alert configuration routes accept, bound by Jackson with Vigil's strict
 * mapper. Plain classes with public fields, so that an absent field stays null; {@link
 * AlertConfigurationService} checks them and applies the defaults. Not thread-safe: each instance
 * belongs to one request.
 */
public final class AlertBodies {
  private AlertBodies() {}

  /** {@code POST /api/v1/alert-configurations}. */
  public static final class Create {
    public String name;
    public String schedulerName;
    public Integer sensitivity;
    public Correlation correlation;
    public String snooze;
    public List<String> hooks;
    public Boolean notifyOnFailure;
    public Boolean notifyOnSystemPause;
  }

  /**
   * {@code PUT /api/v1/alert-configurations/{name}}: what changes; absent fields keep their value,
   * {@code hooks} replaces the list.
   */
  public static final class Update {
    public Integer sensitivity;
    public Correlation correlation;
    public String snooze;
    public List<String> hooks;
    public Boolean notifyOnFailure;
    public Boolean notifyOnSystemPause;
  }

  /** Correlation and suppression: {@code GROUP} with {@code withinPoints}, or {@code EACH}. */
  public static final class Correlation {
    public CorrelationMode mode;
    public Integer withinPoints;
  }
}
