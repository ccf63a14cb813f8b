package dev.vigil.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComponentRowsTest {
  @Test
  void rows_are_sorted_by_time_keeping_the_first_row_of_each_timestamp() {
    ComponentRows rows = new ComponentRows("pump", List.of("current"), new ArrayList<>());
    long[] times = {30, 10, 20, 10, 30};
    double[] values = {1, 2, 3, 4, 5};
    for (int i = 0; i < times.length; i++) {
      int row = rows.addRow(times[i]);
      rows.columns[0][row] = values[i];
    }

    rows.sortAndDropDuplicates();

    assertThat(rows.size).isEqualTo(3);
    assertThat(java.util.Arrays.copyOf(rows.timestamps, 3)).containsExactly(10, 20, 30);
    assertThat(java.util.Arrays.copyOf(rows.columns[0], 3)).containsExactly(2, 3, 1);
    assertThat(rows.duplicateTimestamps).isEqualTo(2);
  }

  @Test
  void arrays_grow_past_their_initial_size() {
    ComponentRows rows = new ComponentRows("pump", List.of("a", "b"), new ArrayList<>());
    for (int i = 0; i < 10_000; i++) {
      // addRow may replace the arrays, so it must run before a column is looked up.
      int row = rows.addRow(i);
      rows.columns[1][row] = i;
    }

    assertThat(rows.size).isEqualTo(10_000);
    assertThat(rows.columns[1][9_999]).isEqualTo(9_999);
  }
}
