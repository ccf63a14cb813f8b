package dev.vigil.engine.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.VigilException;
import dev.vigil.engine.data.SensorTable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FaultInjectionTest {
  private static final SyntheticPlant PLANT = SyntheticPlant.builder().seed(11).build();
  private static final int ROWS = 10_000;
  private static final String SENSOR = "comp02\\s03";
  private static final int SENSOR_INDEX = PLANT.indexOf(SENSOR);
  private static final SensorTable CLEAN = PLANT.generate(ROWS).table();

  /** A range of 2,000 rows starting shortly before a setpoint change, so any fault type fits. */
  private static Fault faultAroundSetpointChange(FaultType type) {
    int change = firstChangeAfter(3_000);
    return Fault.of(type, SENSOR, change - 100, change + 1_900);
  }

  private static int firstChangeAfter(int row) {
    for (int change : PLANT.setpointChangeRows(ROWS)) {
      if (change > row) {
        return change;
      }
    }
    throw new AssertionError("no setpoint change after row " + row);
  }

  private static SensorTable withFault(Fault fault) {
    return PLANT.generate(ROWS, List.of(fault)).table();
  }

  @ParameterizedTest
  @EnumSource(FaultType.class)
  void each_fault_changes_only_its_sensor_within_its_range(FaultType type) {
    Fault fault = faultAroundSetpointChange(type);

    SensorTable faulty = withFault(fault);

    for (int s = 0; s < CLEAN.sensorCount(); s++) {
      if (s != SENSOR_INDEX) {
        assertThat(faulty.column(s)).as(CLEAN.sensorNames().get(s)).isEqualTo(CLEAN.column(s));
      }
    }
    double[] clean = CLEAN.column(SENSOR_INDEX);
    double[] changed = faulty.column(SENSOR_INDEX);
    int changedInside = 0;
    for (int row = 0; row < ROWS; row++) {
      if (!fault.covers(row)) {
        assertThat(changed[row]).as("row %d", row).isEqualTo(clean[row]);
      } else if (changed[row] != clean[row]) {
        changedInside++;
      }
    }
    // A stuck sensor keeps its true value on its first fault row only.
    assertThat(changedInside).isGreaterThanOrEqualTo(fault.length() - 1);
  }

  @Test
  void stuck_sensor_is_constant_over_its_range_while_the_process_moves() {
    Fault fault = faultAroundSetpointChange(FaultType.STUCK);

    double[] stuck = withFault(fault).column(SENSOR_INDEX);

    for (int row = fault.startRow(); row < fault.endRow(); row++) {
      assertThat(stuck[row]).isEqualTo(CLEAN.value(SENSOR_INDEX, fault.startRow()));
    }
    // The setpoint change inside the range moves the true value well away from the frozen one.
    double largestDeparture = 0;
    for (int row = fault.startRow(); row < fault.endRow(); row++) {
      largestDeparture =
          Math.max(largestDeparture, Math.abs(CLEAN.value(SENSOR_INDEX, row) - stuck[row]));
    }
    assertThat(largestDeparture).isGreaterThan(PLANT.nominalStd(SENSOR_INDEX));
  }

  @Test
  void drift_grows_over_its_range() {
    Fault fault = faultAroundSetpointChange(FaultType.DRIFT);
    double std = PLANT.nominalStd(SENSOR_INDEX);

    double[] drifted = withFault(fault).column(SENSOR_INDEX);

    double[] departure = new double[fault.length()];
    for (int i = 0; i < departure.length; i++) {
      departure[i] =
          drifted[fault.startRow() + i] - CLEAN.value(SENSOR_INDEX, fault.startRow() + i);
    }
    int quarter = fault.length() / 4;
    double firstQuarter = Stats.mean(departure, 0, quarter);
    double lastQuarter = Stats.mean(departure, departure.length - quarter, departure.length);
    double direction = Math.signum(lastQuarter);
    // The ramp ends at the magnitude: the last quarter averages 7/8 of it, the first 1/8.
    assertThat(direction * (lastQuarter - firstQuarter))
        .isCloseTo(0.75 * fault.magnitude() * std, Offset.offset(0.01 * std));
    assertThat(Math.abs(departure[departure.length - 1]))
        .isCloseTo(fault.magnitude() * std, Offset.offset(1e-9 * std));
    for (int i = 1; i < departure.length; i++) {
      assertThat(Math.abs(departure[i])).isGreaterThan(Math.abs(departure[i - 1]));
    }
  }

  @Test
  void drift_raises_the_last_quarter_above_the_first_on_average_despite_the_process() {
    // The process alone can move a sensor by a few std within a fault, either way; averaged over
    // many drifts it cancels and the ramp's 0.75 magnitude between the quarter means remains.
    int rows = 40_000;
    int drifts = 20;
    List<Fault> faults = new ArrayList<>();
    for (int i = 0; i < drifts; i++) {
      String sensor = PLANT.sensorNames().get(i * 2);
      faults.add(Fault.of(FaultType.DRIFT, sensor, 1_000 + i * 1_900, 2_000 + i * 1_900));
    }
    SensorTable clean = PLANT.generate(rows).table();
    SensorTable drifted = PLANT.generate(rows, faults).table();

    double sum = 0;
    for (Fault fault : faults) {
      int sensor = PLANT.indexOf(fault.sensor());
      double[] values = drifted.column(sensor);
      int last = fault.endRow() - 1;
      double direction = Math.signum(values[last] - clean.value(sensor, last));
      int quarter = fault.length() / 4;
      double firstQuarter = Stats.mean(values, fault.startRow(), fault.startRow() + quarter);
      double lastQuarter = Stats.mean(values, fault.endRow() - quarter, fault.endRow());
      sum += direction * (lastQuarter - firstQuarter) / PLANT.nominalStd(sensor);
    }
    assertThat(sum / drifts).isGreaterThan(0.5 * FaultType.DRIFT.defaultMagnitude());
  }

  @Test
  void spike_offsets_are_several_standard_deviations_in_one_direction() {
    Fault fault = Fault.of(FaultType.SPIKE, SENSOR, 5_000, 5_006);
    double std = PLANT.nominalStd(SENSOR_INDEX);

    double[] spiked = withFault(fault).column(SENSOR_INDEX);

    double direction = Math.signum(spiked[5_000] - CLEAN.value(SENSOR_INDEX, 5_000));
    for (int row = fault.startRow(); row < fault.endRow(); row++) {
      double offset = direction * (spiked[row] - CLEAN.value(SENSOR_INDEX, row));
      assertThat(offset / std).isBetween(0.75 * fault.magnitude(), 1.25 * fault.magnitude());
    }
  }

  @Test
  void broken_correlation_keeps_the_marginal_but_breaks_the_relation_to_other_sensors() {
    Fault fault = faultAroundSetpointChange(FaultType.BROKEN_CORRELATION);
    double std = PLANT.nominalStd(SENSOR_INDEX);
    double[] broken = withFault(fault).column(SENSOR_INDEX);

    assertThat(Stats.mean(broken, fault.startRow(), fault.endRow()))
        .isCloseTo(PLANT.nominalMean(SENSOR_INDEX), Offset.offset(std));
    assertThat(Stats.std(broken, fault.startRow(), fault.endRow()) / std).isBetween(0.5, 1.5);

    // Predict the sensor from its component siblings by least squares on the normal rows before
    // the fault, as a multivariate detector would; inside the fault the prediction error must
    // dwarf the normal one, which is mostly the sensor's own noise.
    int first = SENSOR_INDEX - SENSOR_INDEX % SyntheticPlant.DEFAULT_SENSORS_PER_COMPONENT;
    double[][] siblings = new double[SyntheticPlant.DEFAULT_SENSORS_PER_COMPONENT - 1][];
    int next = 0;
    for (int s = first; s < first + SyntheticPlant.DEFAULT_SENSORS_PER_COMPONENT; s++) {
      if (s != SENSOR_INDEX) {
        siblings[next++] = CLEAN.column(s);
      }
    }
    double[] error = Stats.residuals(broken, siblings, 0, fault.startRow());
    double normalError = Stats.rootMeanSquare(error, 0, fault.startRow());
    double faultError = Stats.rootMeanSquare(error, fault.startRow(), fault.endRow());
    assertThat(faultError).isGreaterThan(3 * normalError);
  }

  @Test
  void a_fault_draws_the_same_values_whatever_other_faults_are_injected() {
    Fault spike = Fault.of(FaultType.SPIKE, SENSOR, 5_000, 5_006);
    Fault drift = Fault.of(FaultType.DRIFT, "comp04\\s01", 7_000, 8_000);

    double[] alone = withFault(spike).column(SENSOR_INDEX);
    double[] together = PLANT.generate(ROWS, List.of(drift, spike)).table().column(SENSOR_INDEX);

    assertThat(together).isEqualTo(alone);
  }

  @Test
  void labels_and_faulty_sensor_mark_exactly_the_fault_rows() {
    Fault drift = Fault.of(FaultType.DRIFT, "comp04\\s01", 7_000, 8_000);
    Fault spike = Fault.of(FaultType.SPIKE, SENSOR, 5_000, 5_006);

    SyntheticData data = PLANT.generate(ROWS, List.of(drift, spike));

    assertThat(data.faults()).containsExactly(spike, drift);
    for (int row = 0; row < ROWS; row++) {
      int expectedSensor =
          spike.covers(row) ? SENSOR_INDEX : drift.covers(row) ? PLANT.indexOf("comp04\\s01") : -1;
      assertThat(data.faultySensorAt(row)).as("row %d", row).isEqualTo(expectedSensor);
      assertThat(data.anomalyLabels()[row]).isEqualTo(expectedSensor >= 0 ? 1 : 0);
    }
    assertThat(data.faultAt(5_003)).contains(spike);
    assertThat(data.faultAt(4_999)).isEmpty();
    assertThat(data).hasToString("SyntheticData[10000 rows x 50 sensors, 2 faults]");
  }

  @Test
  void random_faults_are_reproducible_and_fit_their_row_range() {
    List<Fault> faults = PLANT.randomFaults(20, 2_000, 100_000, 5);

    assertThat(PLANT.randomFaults(20, 2_000, 100_000, 5)).isEqualTo(faults);
    assertThat(PLANT.randomFaults(20, 2_000, 100_000, 6)).isNotEqualTo(faults);
    assertThat(faults).hasSize(20);
    for (int i = 0; i < faults.size(); i++) {
      Fault fault = faults.get(i);
      assertThat(fault.startRow()).isGreaterThanOrEqualTo(2_000);
      assertThat(fault.endRow()).isLessThanOrEqualTo(100_000);
      assertThat(PLANT.indexOf(fault.sensor())).isNotNegative();
      if (i > 0) {
        assertThat(fault.startRow()).isGreaterThan(faults.get(i - 1).endRow());
      }
    }
    // The plant accepts its own scenario, STUCK faults included.
    assertThat(PLANT.generate(100_000, faults).faults()).isEqualTo(faults);
  }

  @Test
  void random_faults_use_every_type_about_equally_often_and_spread_over_sensors() {
    List<Fault> faults = PLANT.randomFaults(40, 0, 200_000, 9);

    for (FaultType type : FaultType.values()) {
      // Types take turns; a STUCK fault whose slot has no setpoint change becomes another type.
      assertThat(faults.stream().filter(fault -> fault.type() == type).count())
          .as(type.name())
          .isBetween(5L, 15L);
    }
    assertThat(faults.stream().map(Fault::sensor).distinct().count()).isGreaterThan(20);
  }

  @Test
  void random_faults_can_be_limited_to_some_types() {
    Set<FaultType> types = EnumSet.of(FaultType.SPIKE, FaultType.STUCK);

    List<Fault> faults = PLANT.randomFaults(10, 0, 50_000, 3, types);

    assertThat(faults).extracting(Fault::type).containsOnly(FaultType.SPIKE, FaultType.STUCK);
  }

  @Test
  void random_faults_reject_a_range_too_short_for_the_count() {
    assertThatThrownBy(() -> PLANT.randomFaults(10, 0, 150, 1))
        .isInstanceOf(VigilException.class)
        .hasMessageContaining("[0, 150)")
        .hasMessageContaining("10 faults");
  }
}
