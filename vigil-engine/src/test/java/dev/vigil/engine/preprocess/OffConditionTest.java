package dev.vigil.engine.preprocess;

import static dev.vigil.engine.preprocess.Tables.NaN;
import static dev.vigil.engine.preprocess.Tables.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.data.InvalidDataException;
import dev.vigil.engine.data.SensorTable;
import dev.vigil.engine.preprocess.OffCondition.Operator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OffConditionTest {

  static Stream<Arguments> goodExpressions() {
    return Stream.of(
        Arguments.of("pump\\Current < 0.5", "pump\\Current", Operator.LESS_THAN, 0.5),
        Arguments.of("motor\\rpm<=10", "motor\\rpm", Operator.LESS_OR_EQUAL, 10.0),
        Arguments.of("comp\\x > 3e2", "comp\\x", Operator.GREATER_THAN, 300.0),
        Arguments.of(
            "  Line 2.Flow-rate_A >= -1.25  ",
            "Line 2.Flow-rate_A",
            Operator.GREATER_OR_EQUAL,
            -1.25),
        Arguments.of("valve.position>=.5", "valve.position", Operator.GREATER_OR_EQUAL, 0.5),
        Arguments.of("t <+2.5E-1", "t", Operator.LESS_THAN, 0.25),
        Arguments.of("speed\t>\t7.", "speed", Operator.GREATER_THAN, 7.0));
  }

  @ParameterizedTest
  @MethodSource("goodExpressions")
  void parse_finds_the_operator_and_splits_sensor_from_threshold(
      String expression, String sensor, Operator operator, double threshold) {
    assertThat(OffCondition.parse(expression))
        .isEqualTo(new OffCondition(sensor, operator, threshold));
  }

  static Stream<Arguments> badExpressions() {
    String form =
        "expected <sensor> <operator> <number> with operator <, <=, > or >=,"
            + " e.g. 'pump\\Current < 0.5'";
    return Stream.of(
        Arguments.of("", "off-condition '' is empty; " + form),
        Arguments.of("   ", "off-condition '   ' is empty; " + form),
        Arguments.of(
            "pump\\Current 0.5",
            "off-condition 'pump\\Current 0.5' has no comparison operator; " + form),
        Arguments.of(
            "pump\\Current = 0.5",
            "off-condition 'pump\\Current = 0.5' has no comparison operator; " + form),
        Arguments.of("< 0.5", "off-condition '< 0.5' has no sensor name before the operator '<'"),
        Arguments.of("  >=3", "off-condition '  >=3' has no sensor name before the operator '>='"),
        Arguments.of(
            "motor\\rpm <=",
            "off-condition 'motor\\rpm <=' has no threshold after the operator '<='"),
        Arguments.of(
            "motor\\rpm < low",
            "off-condition 'motor\\rpm < low' has threshold 'low', which is not a number"),
        Arguments.of(
            "motor\\rpm < 1,5",
            "off-condition 'motor\\rpm < 1,5' has threshold '1,5', which is not a number"),
        Arguments.of(
            "motor\\rpm < NaN",
            "off-condition 'motor\\rpm < NaN' has threshold 'NaN', which is not a number"),
        Arguments.of(
            "motor\\rpm < 0x10",
            "off-condition 'motor\\rpm < 0x10' has threshold '0x10', which is not a number"),
        Arguments.of(
            "a < b < 3", "off-condition 'a < b < 3' has threshold 'b < 3', which is not a number"),
        Arguments.of(
            "motor\\rpm < 1e999",
            "off-condition 'motor\\rpm < 1e999' has threshold '1e999', which is out of range"));
  }

  @ParameterizedTest
  @MethodSource("badExpressions")
  void parse_rejects_a_bad_expression_quoting_it(String expression, String message) {
    assertThatThrownBy(() -> OffCondition.parse(expression))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(message);
  }

  private static final SensorTable TABLE =
      SensorTable.of(
          seconds(0, 1, 2, 3),
          List.of("pump\\Current", "motor\\rpm"),
          new double[][] {{0.2, 0.5, NaN, 0.7}, {0, 10, 20, NaN}});

  @Test
  void machine_off_is_true_where_the_comparison_holds_and_never_for_a_missing_value() {
    assertThat(OffCondition.parse("pump\\Current < 0.5").machineOff(TABLE))
        .containsExactly(true, false, false, false);
    assertThat(OffCondition.parse("pump\\Current <= 0.5").machineOff(TABLE))
        .containsExactly(true, true, false, false);
    assertThat(OffCondition.parse("pump\\Current > 0.5").machineOff(TABLE))
        .containsExactly(false, false, false, true);
    assertThat(OffCondition.parse("pump\\Current >= 0.5").machineOff(TABLE))
        .containsExactly(false, true, false, true);
    assertThat(OffCondition.parse("motor\\rpm<=10").machineOff(TABLE))
        .containsExactly(true, true, false, false);
  }

  @Test
  void an_unknown_sensor_is_reported_with_the_available_ones() {
    OffCondition condition = OffCondition.parse("pump\\Curent<0.5");

    assertThatThrownBy(() -> condition.machineOff(TABLE))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(
            "off-condition 'pump\\Curent < 0.5' names sensor 'pump\\Curent', which is not in the"
                + " data; available sensors: [pump\\Current, motor\\rpm]");
  }

  @Test
  void expression_writes_the_condition_back_in_a_form_parse_reads() {
    assertThat(OffCondition.parse("comp\\x>3e2").expression()).isEqualTo("comp\\x > 300");
    assertThat(OffCondition.parse("motor\\rpm<=-0.25").expression())
        .isEqualTo("motor\\rpm <= -0.25");
    OffCondition condition = OffCondition.parse("Line 2.Flow >= 1e-3");
    assertThat(OffCondition.parse(condition.expression())).isEqualTo(condition);
  }

  @Test
  void the_record_itself_rejects_a_blank_sensor_or_a_non_finite_threshold() {
    assertThatThrownBy(() -> new OffCondition(" ", Operator.LESS_THAN, 1))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("off-condition has no sensor name");
    assertThatThrownBy(() -> new OffCondition("s", null, 1))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("off-condition on sensor 's' has no operator");
    assertThatThrownBy(() -> new OffCondition("s", Operator.LESS_THAN, Double.NaN))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("off-condition on sensor 's' has threshold NaN, not finite");
  }
}
