package dev.vigil.alert;

/** How an alert configuration turns anomalous points into alerts. */
public enum CorrelationMode {
  /**
   * Anomalies within the configuration's {@code withinPoints} data points of each other, across
   * window boundaries too, are one incident, which sends one alert.
   */
  GROUP,
  /** Every anomalous point sends its own alert. */
  EACH
}
