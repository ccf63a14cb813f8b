package dev.vigil.engine.synthetic;

import dev.vigil.engine.VigilException;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@link SyntheticPlant} names its components and sensors. Full sensor names are always {@code
 * component\sensor}, the layout of the service's input files.
 *
 * <p>Constants are immutable and thread-safe.
 */
public enum SensorNaming {
  /** {@code comp01\s01}, {@code comp01\s02}, ...: any plant size, names sort in plant order. */
  NUMBERED,
  /**
   * {@code pump\current}, {@code motor\vibration}, ...: readable names for small plants of at most
   * 12 components of at most 12 sensors.
   */
  DESCRIPTIVE;

  private static final List<String> COMPONENT_WORDS =
      List.of(
          "pump",
          "motor",
          "compressor",
          "fan",
          "gearbox",
          "turbine",
          "boiler",
          "valve",
          "heat_exchanger",
          "conveyor",
          "generator",
          "chiller");

  private static final List<String> SENSOR_WORDS =
      List.of(
          "current",
          "vibration",
          "temperature",
          "pressure",
          "flow",
          "speed",
          "voltage",
          "power",
          "torque",
          "level",
          "humidity",
          "frequency");

  /** The component names for a plant of {@code count} components. */
  List<String> componentNames(int count) {
    return names(count, "comp", COMPONENT_WORDS, "components");
  }

  /** The sensor names, without component prefix, for components of {@code count} sensors. */
  List<String> sensorNames(int count) {
    return names(count, "s", SENSOR_WORDS, "sensors per component");
  }

  private List<String> names(int count, String prefix, List<String> words, String what) {
    if (this == DESCRIPTIVE) {
      if (count > words.size()) {
        throw new VigilException(
            "descriptive naming has names for at most "
                + words.size()
                + " "
                + what
                + ", not "
                + count
                + "; use SensorNaming.NUMBERED");
      }
      return words.subList(0, count);
    }
    // Zero-padded to a common width so that names sort in plant order.
    int width = Math.max(2, String.valueOf(count).length());
    List<String> names = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      names.add(prefix + String.format("%0" + width + "d", i));
    }
    return names;
  }
}
