package dev.vigil.engine.synthetic;

import dev.vigil.engine.VigilException;
import java.util.Objects;

/**
 * One fault to inject: its kind, the sensor it affects (full name, {@code component\sensor}), the
 * rows {@code [startRow, endRow)} it covers and its magnitude in nominal standard deviations (see
 * {@link FaultType}). Whether the sensor exists and the rows fit the data is checked when the fault
 * is used, by {@link SyntheticPlant#generate(int, java.util.List)}. Instances are immutable and
 * thread-safe.
 *
 * @param type the kind of fault
 * @param sensor the full name of the affected sensor
 * @param startRow the first affected row, 0-based
 * @param endRow the row after the last affected row
 * @param magnitude the size of the fault in nominal standard deviations; positive and finite
 */
public record Fault(FaultType type, String sensor, int startRow, int endRow, double magnitude) {

  /**
   * Checks the parts that make sense without the data.
   *
   * @throws VigilException naming the bad value
   */
  public Fault {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(sensor, "sensor");
    if (sensor.isBlank()) {
      throw new VigilException("fault sensor name is blank; give the full name component\\sensor");
    }
    if (startRow < 0) {
      throw new VigilException(
          type + " fault on '" + sensor + "' starts at row " + startRow + "; rows start at 0");
    }
    if (endRow <= startRow) {
      throw new VigilException(
          type
              + " fault on '"
              + sensor
              + "' ends at row "
              + endRow
              + ", not after its start row "
              + startRow
              + "; the range [startRow, endRow) must hold at least one row");
    }
    if (!(magnitude > 0) || Double.isInfinite(magnitude)) {
      throw new VigilException(
          type
              + " fault on '"
              + sensor
              + "' has magnitude "
              + magnitude
              + "; it must be a positive finite number of standard deviations");
    }
  }

  /** A fault with the type's {@linkplain FaultType#defaultMagnitude() default magnitude}. */
  public static Fault of(FaultType type, String sensor, int startRow, int endRow) {
    Objects.requireNonNull(type, "type");
    return new Fault(type, sensor, startRow, endRow, type.defaultMagnitude());
  }

  /** The number of rows the fault covers. */
  public int length() {
    return endRow - startRow;
  }

  /** Whether {@code row} lies in {@code [startRow, endRow)}. */
  public boolean covers(int row) {
    return row >= startRow && row < endRow;
  }

  /** A short description for messages, such as {@code SPIKE on 'pump\current' rows [10, 15)}. */
  public String describe() {
    return type + " on '" + sensor + "' rows [" + startRow + ", " + endRow + ")";
  }
}
