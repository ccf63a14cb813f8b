package dev.vigil.engine.preprocess;

import static dev.vigil.engine.preprocess.Tables.NaN;
import static dev.vigil.engine.preprocess.Tables.seconds;
import static dev.vigil.engine.preprocess.Tables.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.data.InvalidDataException;
import dev.vigil.engine.data.SensorTable;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableAlignerTest {

  @Test
  void two_tables_with_interleaved_timestamps_merge_onto_their_union() {
    SensorTable pump = single("pump\\Current", seconds(0, 2, 4), 1, 2, 3);
    SensorTable motor = single("motor\\rpm", seconds(1, 2, 5), 10, 20, 30);

    SensorTable aligned = TableAligner.align(List.of(pump, motor));

    assertThat(aligned.timestamps()).containsExactly(seconds(0, 1, 2, 4, 5));
    assertThat(aligned.sensorNames()).containsExactly("pump\\Current", "motor\\rpm");
    assertThat(aligned.column(0)).containsExactly(1, NaN, 2, 3, NaN);
    assertThat(aligned.column(1)).containsExactly(NaN, 10, 20, NaN, 30);
  }

  @Test
  void sensors_keep_the_order_of_the_parts_and_an_empty_part_adds_only_missing_columns() {
    SensorTable first =
        SensorTable.of(seconds(3, 6), List.of("b", "a"), new double[][] {{1, 2}, {3, 4}});
    SensorTable empty = single("c", new long[0]);
    SensorTable last = single("d", seconds(0, 6, 9), 7, 8, 9);

    SensorTable aligned = TableAligner.align(List.of(first, empty, last));

    assertThat(aligned.timestamps()).containsExactly(seconds(0, 3, 6, 9));
    assertThat(aligned.sensorNames()).containsExactly("b", "a", "c", "d");
    assertThat(aligned.column(0)).containsExactly(NaN, 1, 2, NaN);
    assertThat(aligned.column(1)).containsExactly(NaN, 3, 4, NaN);
    assertThat(aligned.column(2)).containsOnly(NaN).hasSize(4);
    assertThat(aligned.column(3)).containsExactly(7, NaN, 8, 9);
  }

  @Test
  void a_single_table_comes_back_with_the_same_content_and_the_input_is_untouched() {
    SensorTable only = single("a", seconds(0, 1), 1, NaN);

    SensorTable aligned = TableAligner.align(List.of(only));

    assertThat(aligned.timestamps()).containsExactly(seconds(0, 1));
    assertThat(aligned.column(0)).containsExactly(1, NaN).isNotSameAs(only.column(0));
  }

  @Test
  void sensor_names_used_by_several_tables_are_all_named() {
    SensorTable one = SensorTable.of(seconds(0), List.of("a", "b"), new double[][] {{1}, {2}});
    SensorTable two = single("a", seconds(1), 3);
    SensorTable three = SensorTable.of(seconds(2), List.of("b", "a"), new double[][] {{4}, {5}});

    assertThatThrownBy(() -> TableAligner.align(List.of(one, two, three)))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(
            "sensor names must be unique across tables: 'a' is in tables [1, 2, 3],"
                + " 'b' is in tables [1, 3]");
  }

  @Test
  void aligning_no_table_is_rejected() {
    assertThatThrownBy(() -> TableAligner.align(List.of()))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("no tables to align: at least one is needed");
  }
}
