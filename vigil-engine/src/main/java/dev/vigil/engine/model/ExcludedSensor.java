package dev.vigil.engine.model;

import java.util.Objects;

/**
 * A sensor that training left out of the model, and why. Reported in the evaluation summary so a
 * dead or flat sensor is never dropped silently.
 *
 * @param name the sensor, {@code component\sensor} when the data has components
 * @param reason a sentence a reliability engineer can act on
 */
public record ExcludedSensor(String name, String reason) {
  public ExcludedSensor {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(reason, "reason");
  }
}
