package dev.vigil.engine.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.VigilException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class FaultTest {

  @ParameterizedTest
  @EnumSource(FaultType.class)
  void fault_without_magnitude_takes_the_type_default(FaultType type) {
    Fault fault = Fault.of(type, "pump\\current", 10, 20);

    assertThat(fault.magnitude()).isEqualTo(type.defaultMagnitude()).isPositive();
  }

  @Test
  void fault_covers_its_rows_from_start_inclusive_to_end_exclusive() {
    Fault fault = Fault.of(FaultType.DRIFT, "pump\\current", 10, 20);

    assertThat(fault.length()).isEqualTo(10);
    assertThat(fault.covers(9)).isFalse();
    assertThat(fault.covers(10)).isTrue();
    assertThat(fault.covers(19)).isTrue();
    assertThat(fault.covers(20)).isFalse();
    assertThat(fault.describe()).isEqualTo("DRIFT on 'pump\\current' rows [10, 20)");
  }

  @Test
  void negative_start_row_is_rejected_naming_the_row() {
    assertThatThrownBy(() -> Fault.of(FaultType.SPIKE, "pump\\current", -5, 20))
        .isInstanceOf(VigilException.class)
        .hasMessageContaining("-5")
        .hasMessageContaining("pump\\current");
  }

  @ParameterizedTest
  @ValueSource(ints = {10, 3})
  void end_row_not_after_start_row_is_rejected_naming_both(int endRow) {
    assertThatThrownBy(() -> Fault.of(FaultType.SPIKE, "pump\\current", 10, endRow))
        .isInstanceOf(VigilException.class)
        .hasMessageContaining("ends at row " + endRow)
        .hasMessageContaining("start row 10");
  }

  @ParameterizedTest
  @ValueSource(doubles = {0, -1, Double.NaN, Double.POSITIVE_INFINITY})
  void magnitude_must_be_positive_and_finite(double magnitude) {
    assertThatThrownBy(() -> new Fault(FaultType.DRIFT, "pump\\current", 0, 10, magnitude))
        .isInstanceOf(VigilException.class)
        .hasMessageContaining("magnitude " + magnitude);
  }

  @Test
  void blank_sensor_name_is_rejected() {
    assertThatThrownBy(() -> Fault.of(FaultType.STUCK, " ", 0, 10))
        .isInstanceOf(VigilException.class)
        .hasMessageContaining("blank");
  }
}
