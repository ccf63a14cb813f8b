package dev.vigil.engine.preprocess;

import dev.vigil.engine.data.InvalidDataException;
import dev.vigil.engine.data.SensorTable;
import java.util.regex.Pattern;

/**
 * When the machine is off, as Amazon Lookout for Equipment's {@code OffCondition}: one sensor
 * compared with a threshold, for example {@code pump\Current < 0.5}. Rows where the machine is off
 * are left out of training and not scored, because a stopped machine looks nothing like a running
 * one and would otherwise be reported as an anomaly.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param sensor the sensor name, exactly as in the data
 * @param operator how the sensor's value is compared with the threshold
 * @param threshold the finite value compared against
 */
public record OffCondition(String sensor, Operator operator, double threshold) {

  /** The comparisons an off-condition can use. */
  public enum Operator {
    LESS_THAN("<"),
    LESS_OR_EQUAL("<="),
    GREATER_THAN(">"),
    GREATER_OR_EQUAL(">=");

    private final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    /** The operator as written in an expression, such as {@code <=}. */
    public String symbol() {
      return symbol;
    }

    /** Whether {@code value operator threshold} holds; never for a {@code NaN} value. */
    public boolean test(double value, double threshold) {
      return switch (this) {
        case LESS_THAN -> value < threshold;
        case LESS_OR_EQUAL -> value <= threshold;
        case GREATER_THAN -> value > threshold;
        case GREATER_OR_EQUAL -> value >= threshold;
      };
    }
  }

  private static final String FORM =
      "expected <sensor> <operator> <number> with operator <, <=, > or >=,"
          + " e.g. 'pump\\Current < 0.5'";

  // A plain decimal number; Double.parseDouble alone would also accept "NaN", "Infinity",
  // hexadecimal and a trailing 'd' or 'f', none of which belong in a threshold.
  private static final Pattern NUMBER =
      Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");

  /**
   * @throws InvalidDataException when the sensor is blank, the operator missing or the threshold
   *     not finite
   */
  public OffCondition {
    if (sensor == null || sensor.isBlank()) {
      throw new InvalidDataException("off-condition has no sensor name");
    }
    if (operator == null) {
      throw new InvalidDataException("off-condition on sensor '" + sensor + "' has no operator");
    }
    if (!Double.isFinite(threshold)) {
      throw new InvalidDataException(
          "off-condition on sensor '" + sensor + "' has threshold " + threshold + ", not finite");
    }
  }

  /**
   * Parses an expression {@code <sensor> <operator> <number>}. The operator is found as the first
   * {@code <} or {@code >}, so the sensor name may contain anything else, spaces, backslashes,
   * dots, dashes and underscores included; whitespace around the operator is optional and the
   * sensor name is trimmed.
   *
   * @throws InvalidDataException quoting the expression, when it is empty or has no operator, no
   *     sensor, or a threshold that is not a number
   */
  public static OffCondition parse(String expression) {
    if (expression == null || expression.isBlank()) {
      throw new InvalidDataException(
          "off-condition '" + (expression == null ? "" : expression) + "' is empty; " + FORM);
    }
    int at = firstOperatorIndex(expression);
    if (at < 0) {
      throw new InvalidDataException(
          "off-condition '" + expression + "' has no comparison operator; " + FORM);
    }
    boolean orEqual = at + 1 < expression.length() && expression.charAt(at + 1) == '=';
    boolean less = expression.charAt(at) == '<';
    Operator operator =
        less
            ? (orEqual ? Operator.LESS_OR_EQUAL : Operator.LESS_THAN)
            : (orEqual ? Operator.GREATER_OR_EQUAL : Operator.GREATER_THAN);
    String sensor = expression.substring(0, at).strip();
    String thresholdText = expression.substring(at + operator.symbol().length()).strip();
    if (sensor.isEmpty()) {
      throw new InvalidDataException(
          "off-condition '"
              + expression
              + "' has no sensor name before the operator '"
              + operator.symbol()
              + "'");
    }
    if (thresholdText.isEmpty()) {
      throw new InvalidDataException(
          "off-condition '"
              + expression
              + "' has no threshold after the operator '"
              + operator.symbol()
              + "'");
    }
    if (!NUMBER.matcher(thresholdText).matches()) {
      throw new InvalidDataException(
          "off-condition '"
              + expression
              + "' has threshold '"
              + thresholdText
              + "', which is not a number");
    }
    double threshold = Double.parseDouble(thresholdText);
    if (!Double.isFinite(threshold)) {
      throw new InvalidDataException(
          "off-condition '"
              + expression
              + "' has threshold '"
              + thresholdText
              + "', which is out of range");
    }
    return new OffCondition(sensor, operator, threshold);
  }

  private static int firstOperatorIndex(String expression) {
    for (int i = 0; i < expression.length(); i++) {
      char c = expression.charAt(i);
      if (c == '<' || c == '>') {
        return i;
      }
    }
    return -1;
  }

  /**
   * The condition written as an expression that {@link #parse} reads back, e.g. {@code pump\Current
   * < 0.5}; whole thresholds are written without a fraction.
   */
  public String expression() {
    return sensor + " " + operator.symbol() + " " + formatThreshold(threshold);
  }

  private static String formatThreshold(double value) {
    // Whole numbers below 2^53 are exact as longs: "300" reads better than "300.0".
    if (value == Math.rint(value) && Math.abs(value) < 0x1p53) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }

  /**
   * Evaluates the condition on every row: {@code true} where the machine is off. A missing value is
   * not off, since nothing shows that the machine stopped.
   *
   * @throws InvalidDataException quoting the expression and listing the available sensors when the
   *     table has no such sensor
   */
  public boolean[] machineOff(SensorTable table) {
    double[] values = table.column(requireSensor(table));
    boolean[] off = new boolean[values.length];
    for (int row = 0; row < values.length; row++) {
      // NaN compares false with everything, so a missing value is never off.
      off[row] = operator.test(values[row], threshold);
    }
    return off;
  }

  /**
   * The index of the condition's sensor in {@code table}.
   *
   * @throws InvalidDataException when the table has no such sensor
   */
  int requireSensor(SensorTable table) {
    int index = table.indexOf(sensor);
    if (index < 0) {
      throw new InvalidDataException(
          "off-condition '"
              + expression()
              + "' names sensor '"
              + sensor
              + "', which is not in the data; available sensors: "
              + table.sensorNames());
    }
    return index;
  }
}
