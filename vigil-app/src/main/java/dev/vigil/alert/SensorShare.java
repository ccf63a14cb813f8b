package dev.vigil.alert;

import java.util.Objects;

/**
 * One sensor's share of an anomaly, as the results' diagnostics give it. Immutable and thread-safe.
 *
 * @param name the sensor, {@code component\sensor}
 * @param contribution its share, 0 to 1
 */
record SensorShare(String name, double contribution) {
  SensorShare {
    Objects.requireNonNull(name, "name");
  }
}
