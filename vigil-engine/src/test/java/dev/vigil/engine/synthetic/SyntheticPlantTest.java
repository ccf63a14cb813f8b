package dev.vigil.engine.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.VigilException;
import dev.vigil.engine.data.SensorTable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyntheticPlantTest {

  private static final SyntheticPlant PLANT = SyntheticPlant.builder().seed(42).build();

  @Test
  void same_seed_gives_identical_data() {
    SyntheticPlant twin = SyntheticPlant.builder().seed(42).build();

    SensorTable first = PLANT.generate(5_000).table();
    SensorTable second = twin.generate(5_000).table();

    assertThat(second.timestamps()).isEqualTo(first.timestamps());
    for (int s = 0; s < first.sensorCount(); s++) {
      assertThat(second.column(s)).as(first.sensorNames().get(s)).isEqualTo(first.column(s));
    }
  }

  @Test
  void different_seeds_give_different_data() {
    SensorTable other = SyntheticPlant.builder().seed(43).build().generate(100).table();

    assertThat(other.column(0)).isNotEqualTo(PLANT.generate(100).table().column(0));
  }

  @Test
  void shorter_generation_is_a_prefix_of_a_longer_one() {
    SensorTable shorter = PLANT.generate(1_000).table();
    SensorTable longer = PLANT.generate(3_000).table();

    for (int s = 0; s < shorter.sensorCount(); s++) {
      assertThat(longer.rows(0, 1_000).column(s)).isEqualTo(shorter.column(s));
    }
  }

  @Test
  void sensors_are_named_component_backslash_sensor_in_plant_order() {
    SyntheticPlant plant = SyntheticPlant.builder().components(3).sensorsPerComponent(2).build();

    assertThat(plant.sensorNames())
        .containsExactly(
            "comp01\\s01",
            "comp01\\s02",
            "comp02\\s01",
            "comp02\\s02",
            "comp03\\s01",
            "comp03\\s02");
    assertThat(plant.componentNames()).containsExactly("comp01", "comp02", "comp03");
    assertThat(plant.generate(10).table().sensorNames()).isEqualTo(plant.sensorNames());
  }

  @Test
  void numbered_names_widen_for_large_plants() {
    SyntheticPlant plant = SyntheticPlant.builder().components(120).sensorsPerComponent(1).build();

    assertThat(plant.sensorNames()).startsWith("comp001\\s01").endsWith("comp120\\s01");
  }

  @Test
  void descriptive_names_read_like_equipment() {
    SyntheticPlant plant =
        SyntheticPlant.builder()
            .components(2)
            .sensorsPerComponent(2)
            .naming(SensorNaming.DESCRIPTIVE)
            .build();

    assertThat(plant.sensorNames())
        .containsExactly("pump\\current", "pump\\vibration", "motor\\current", "motor\\vibration");
  }

  @Test
  void descriptive_naming_rejects_plants_larger_than_its_word_lists() {
    SyntheticPlant.Builder builder =
        SyntheticPlant.builder().components(13).naming(SensorNaming.DESCRIPTIVE);

    assertThatThrownBy(builder::build)
        .isInstanceOf(VigilException.class)
        .hasMessageContaining("not 13")
        .hasMessageContaining("NUMBERED");
  }

  @Test
  void timestamps_step_by_the_sample_period_from_the_start() {
    Instant start = Instant.parse("2023-06-01T08:00:00Z");
    SyntheticPlant plant =
        SyntheticPlant.builder().start(start).samplePeriod(Duration.ofMinutes(1)).build();

    SensorTable table = plant.generate(3).table();

    assertThat(table.timestamps())
        .containsExactly(
            start.toEpochMilli(), start.toEpochMilli() + 60_000, start.toEpochMilli() + 120_000);
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 1234})
  void sensors_of_a_component_are_correlated(long seed) {
    SyntheticPlant plant = SyntheticPlant.builder().seed(seed).build();
    SensorTable table = plant.generate(20_000).table();

    int pairs = 0;
    int correlatedPairs = 0;
    for (int c = 0; c < SyntheticPlant.DEFAULT_COMPONENTS; c++) {
      int first = c * SyntheticPlant.DEFAULT_SENSORS_PER_COMPONENT;
      for (int i = first; i < first + SyntheticPlant.DEFAULT_SENSORS_PER_COMPONENT; i++) {
        for (int j = i + 1; j < first + SyntheticPlant.DEFAULT_SENSORS_PER_COMPONENT; j++) {
          pairs++;
          if (Math.abs(Stats.pearson(table.column(i), table.column(j))) > 0.7) {
            correlatedPairs++;
          }
        }
      }
    }
    // By construction two sensors of a component put 40-70% of their loading on the plant load
    // and the rest within 60 degrees of each other, so their population |r| is at least about
    // 0.74 and usually near 0.95. In 20,000 rows the slow factors make only a handful of
    // independent excursions, so sample factors are far from uncorrelated and sample |r| scatters
    // below that. A scan of 200 seeds found at least 213 of the 225 pairs above 0.7: requiring 90%
    // (203) leaves a margin for other seeds while still failing a plant with uncorrelated sensors.
    assertThat(correlatedPairs).isGreaterThanOrEqualTo((int) Math.ceil(0.9 * pairs));
  }

  @Test
  void sensor_magnitudes_differ_by_orders_of_magnitude() {
    double smallest = Double.POSITIVE_INFINITY;
    double largest = 0;
    for (int s = 0; s < PLANT.sensorCount(); s++) {
      smallest = Math.min(smallest, PLANT.nominalStd(s));
      largest = Math.max(largest, PLANT.nominalStd(s));
    }

    assertThat(largest / smallest).isGreaterThan(1_000);
  }

  @Test
  void sample_statistics_are_close_to_the_nominal_ones() {
    SensorTable table = PLANT.generate(200_000).table();

    for (int s = 0; s < table.sensorCount(); s++) {
      double std = PLANT.nominalStd(s);
      // Setpoints persist for hundreds of rows: 200,000 rows hold only a few hundred independent
      // levels, so allow a generous sampling error.
      assertThat(Stats.mean(table.column(s), 0, table.rowCount()))
          .isCloseTo(PLANT.nominalMean(s), org.assertj.core.data.Offset.offset(0.3 * std));
      assertThat(Stats.std(table.column(s), 0, table.rowCount()) / std).isBetween(0.7, 1.3);
    }
  }

  @Test
  void negative_rows_are_rejected_naming_the_count() {
    assertThatThrownBy(() -> PLANT.generate(-3))
        .isInstanceOf(VigilException.class)
        .hasMessageContaining("-3 rows");
  }

  @Test
  void zero_rows_give_an_empty_table() {
    assertThat(PLANT.generate(0).table().rowCount()).isZero();
  }

  @Test
  void fault_on_unknown_sensor_is_rejected_naming_it() {
    List<Fault> faults = List.of(Fault.of(FaultType.SPIKE, "pump\\current", 10, 12));

    assertThatThrownBy(() -> PLANT.generate(100, faults))
        .isInstanceOf(VigilException.class)
        .hasMessageContaining("unknown sensor 'pump\\current'")
        .hasMessageContaining("comp01\\s01");
  }

  @Test
  void fault_reaching_past_the_data_is_rejected_naming_its_end() {
    List<Fault> faults = List.of(Fault.of(FaultType.DRIFT, "comp01\\s01", 50, 150));

    assertThatThrownBy(() -> PLANT.generate(100, faults))
        .isInstanceOf(VigilException.class)
        .hasMessageContaining("ends at row 150")
        .hasMessageContaining("only 100 rows");
  }

  @Test
  void overlapping_faults_are_rejected_naming_both() {
    List<Fault> faults =
        List.of(
            Fault.of(FaultType.DRIFT, "comp01\\s01", 50, 80),
            Fault.of(FaultType.SPIKE, "comp02\\s01", 79, 81));

    assertThatThrownBy(() -> PLANT.generate(100, faults))
        .isInstanceOf(VigilException.class)
        .hasMessageContaining("rows [50, 80)")
        .hasMessageContaining("rows [79, 81)")
        .hasMessageContaining("overlap");
  }

  @Test
  void stuck_fault_without_setpoint_change_is_rejected_as_undetectable() {
    int firstChange = PLANT.setpointChangeRows(10_000)[0];
    List<Fault> faults = List.of(Fault.of(FaultType.STUCK, "comp01\\s01", 0, firstChange));

    assertThatThrownBy(() -> PLANT.generate(10_000, faults))
        .isInstanceOf(VigilException.class)
        .hasMessageContaining("rows [0, " + firstChange + ")")
        .hasMessageContaining("setpoint change");
  }

  @Test
  void invalid_builder_values_are_rejected_naming_them() {
    assertThatThrownBy(() -> SyntheticPlant.builder().components(0))
        .isInstanceOf(VigilException.class)
        .hasMessageContaining("component count is 0");
    assertThatThrownBy(() -> SyntheticPlant.builder().samplePeriod(Duration.ofSeconds(-1)))
        .isInstanceOf(VigilException.class)
        .hasMessageContaining("PT-1S");
    assertThatThrownBy(() -> SyntheticPlant.builder().noiseLevel(1.5))
        .isInstanceOf(VigilException.class)
        .hasMessageContaining("1.5");
    assertThatThrownBy(() -> SyntheticPlant.builder().setpointIntervalRows(1))
        .isInstanceOf(VigilException.class)
        .hasMessageContaining("setpoint interval is 1");
  }

  @Test
  void timestamps_beyond_the_representable_range_are_rejected() {
    SyntheticPlant plant =
        SyntheticPlant.builder().samplePeriod(Duration.ofMillis(Long.MAX_VALUE / 10)).build();

    assertThatThrownBy(() -> plant.generate(100))
        .isInstanceOf(VigilException.class)
        .hasMessageContaining("100 rows")
        .hasMessageContaining("overflow");
  }
}
