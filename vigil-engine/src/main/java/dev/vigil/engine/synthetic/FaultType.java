package dev.vigil.engine.synthetic;

/**
 * The kinds of fault {@link SyntheticPlant} can inject into one sensor. Each kind reads the fault
 * magnitude in units of the sensor's nominal standard deviation ({@link
 * SyntheticPlant#nominalStd(int)}), so that one magnitude means the same difficulty on every sensor
 * whatever its physical scale. Constants are immutable and thread-safe.
 */
public enum FaultType {
  /** A short burst of large offsets in one direction, each about {@code magnitude} std. */
  SPIKE(6.0),
  /** A linear ramp away from normal that reaches {@code magnitude} std on the last fault row. */
  DRIFT(5.0),
  /**
   * The sensor freezes at its value on the first fault row while the process goes on; the magnitude
   * is ignored. The plant requires a setpoint change inside the range, because a frozen sensor on a
   * process that barely moves is indistinguishable from a healthy one.
   */
  STUCK(1.0),
  /**
   * The sensor follows an independent random process with the sensor's nominal mean and {@code
   * magnitude} times its nominal std: its values look normal one by one, but no longer follow the
   * other sensors.
   */
  BROKEN_CORRELATION(1.0);

  private final double defaultMagnitude;

  FaultType(double defaultMagnitude) {
    this.defaultMagnitude = defaultMagnitude;
  }

  /** The magnitude used when a fault is created without one, in nominal standard deviations. */
  public double defaultMagnitude() {
    return defaultMagnitude;
  }
}
