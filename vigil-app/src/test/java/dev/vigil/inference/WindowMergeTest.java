package dev.vigil.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.data.SensorTable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a window merges the files of one component: rows before the window's end, in time order;
 * files that follow one another are joined as they are, and where files overlap, the later file in
 * the selection wins a shared timestamp.
 */
class WindowMergeTest {
  private static final List<String> SENSORS = List.of("s1", "s2");

  @Test
  void filesThatFollowOneAnotherAreJoinedAndRowsFromTheEndOnAreDropped() {
    SensorTable before = table(new long[] {10, 20, 30}, 1);
    SensorTable window = table(new long[] {40, 50, 60}, 2);

    SensorTable merged = WindowScoring.merge(List.of(before, window), SENSORS, 60);

    assertThat(rows(merged))
        .containsExactly("10:1.0/-1.0", "20:1.0/-1.0", "30:1.0/-1.0", "40:2.0/-2.0", "50:2.0/-2.0");
  }

  @Test
  void filesThatFollowOneAnotherInTheOtherOrderAreJoinedInTimeOrder() {
    SensorTable later = table(new long[] {40, 50}, 2);
    SensorTable earlier = table(new long[] {10, 20}, 1);

    SensorTable merged = WindowScoring.merge(List.of(later, earlier), SENSORS, 100);

    assertThat(rows(merged))
        .containsExactly("10:1.0/-1.0", "20:1.0/-1.0", "40:2.0/-2.0", "50:2.0/-2.0");
  }

  @Test
  void overlappingFilesAreMergedByTimeAndTheLaterFileWinsASharedTimestamp() {
    SensorTable first = table(new long[] {10, 30, 50}, 1);
    SensorTable second = table(new long[] {20, 30, 40}, 2);

    SensorTable merged = WindowScoring.merge(List.of(first, second), SENSORS, 100);

    assertThat(rows(merged))
        .containsExactly("10:1.0/-1.0", "20:2.0/-2.0", "30:2.0/-2.0", "40:2.0/-2.0", "50:1.0/-1.0");
  }

  @Test
  void aFileWithNoRowBeforeTheEndAddsNothing() {
    SensorTable window = table(new long[] {40, 50}, 2);
    SensorTable after = table(new long[] {60, 70}, 3);

    SensorTable merged = WindowScoring.merge(List.of(window, after), SENSORS, 60);

    assertThat(rows(merged)).containsExactly("40:2.0/-2.0", "50:2.0/-2.0");
  }

  /** A table whose sensors read {@code value} and {@code -value} at every timestamp. */
  private static SensorTable table(long[] timestamps, double value) {
    double[][] columns = new double[2][timestamps.length];
    for (int row = 0; row < timestamps.length; row++) {
      columns[0][row] = value;
      columns[1][row] = -value;
    }
    return SensorTable.of(timestamps, SENSORS, columns);
  }

  private static List<String> rows(SensorTable table) {
    List<String> rows = new ArrayList<>();
    for (int row = 0; row < table.rowCount(); row++) {
      rows.add(table.timestamp(row) + ":" + table.value(0, row) + "/" + table.value(1, row));
    }
    return rows;
  }
}
