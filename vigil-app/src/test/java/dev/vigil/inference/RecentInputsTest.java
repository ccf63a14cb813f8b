package dev.vigil.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.data.SensorTable;
import dev.vigil.objectstore.ObjectStore.ObjectInfo;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentInputsTest {
  /** 10 rows of 2 sensors: 10 x (2 + 1) x 8 = 240 bytes kept. */
  private static final SensorTable TABLE =
      SensorTable.of(
          new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
          List.of("pump\\a", "pump\\b"),
          new double[][] {new double[10], new double[10]});

  private static final ObjectInfo FILE = new ObjectInfo("in/pump_1.csv", 100, 1, "v1");

  @Test
  void a_kept_file_is_found_while_its_version_and_zone_are_the_same() {
    RecentInputs recent = new RecentInputs(1_000);
    recent.keep("s1", "pump", FILE, ZoneOffset.UTC, TABLE);

    assertThat(recent.find("s1", "pump", FILE, ZoneOffset.UTC)).containsSame(TABLE);
    assertThat(
            recent.find(
                "s1", "pump", new ObjectInfo("in/pump_1.csv", 100, 1, "v2"), ZoneOffset.UTC))
        .isEmpty();
    assertThat(recent.find("s1", "pump", FILE, ZoneOffset.ofHours(1))).isEmpty();
    assertThat(recent.find("s1", "motor", FILE, ZoneOffset.UTC)).isEmpty();
    assertThat(recent.find("s2", "pump", FILE, ZoneOffset.UTC)).isEmpty();
  }

  @Test
  void files_past_the_budget_are_not_kept_and_forgetting_frees_their_room() {
    RecentInputs recent = new RecentInputs(500);
    recent.keep("s1", "pump", FILE, ZoneOffset.UTC, TABLE);
    recent.keep("s2", "pump", FILE, ZoneOffset.UTC, TABLE);
    // A third would take 720 bytes past the 500 of the budget.
    recent.keep("s3", "pump", FILE, ZoneOffset.UTC, TABLE);

    assertThat(recent.keptBytes()).isEqualTo(480);
    assertThat(recent.find("s3", "pump", FILE, ZoneOffset.UTC)).isEmpty();

    // Replacing a scheduler's file takes the room of the one it replaces.
    ObjectInfo next = new ObjectInfo("in/pump_2.csv", 100, 2, "v1");
    recent.keep("s1", "pump", next, ZoneOffset.UTC, TABLE);
    assertThat(recent.keptBytes()).isEqualTo(480);
    assertThat(recent.find("s1", "pump", next, ZoneOffset.UTC)).containsSame(TABLE);

    recent.forget("s2");
    assertThat(recent.keptBytes()).isEqualTo(240);
    recent.keep("s3", "pump", FILE, ZoneOffset.UTC, TABLE);
    assertThat(recent.find("s3", "pump", FILE, ZoneOffset.UTC)).containsSame(TABLE);
    assertThat(recent.keptBytes()).isEqualTo(480);
  }
}
