package dev.vigil.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InputSelectionTest {
  private static final Instant START = Instant.parse("2026-01-01T10:00:00Z");
  private static final Instant END = Instant.parse("2026-01-01T10:05:00Z");
  private static final Window WINDOW = new Window(START, END, END);
  private static final FileNaming NAMING = FileNaming.of(null, null, InputTimeZone.UTC);
  private static final Set<String> PUMP = Set.of("pump");

  private static InputSelection select(List<String> keys, Set<String> components) {
    return InputSelection.select("plant", "in/", keys, components, NAMING, WINDOW);
  }

  @Test
  void files_in_the_window_come_with_the_last_one_before_and_the_first_one_after_in_order() {
    List<String> keys =
        List.of(
            "in/pump_20260101100500.csv",
            "in/pump_20260101095000.csv",
            "in/pump_20260101100230.csv",
            "in/pump_20260101101000.csv",
            "in/pump_20260101100000.csv",
            "in/pump_20260101095500.csv");

    InputSelection selection = select(keys, PUMP);

    assertThat(selection.files())
        .isEqualTo(
            Map.of(
                "pump",
                List.of(
                    "in/pump_20260101095500.csv",
                    "in/pump_20260101100000.csv",
                    "in/pump_20260101100230.csv",
                    "in/pump_20260101100500.csv")));
    assertThat(selection.missing()).isEmpty();
    assertThat(selection.complete()).isTrue();
  }

  @Test
  void only_the_first_file_after_the_window_is_read() {
    InputSelection selection =
        select(
            List.of(
                "in/pump_20260101101500.csv",
                "in/pump_20260101100500.csv",
                "in/pump_20260101101000.csv"),
            PUMP);

    assertThat(selection.files())
        .containsExactly(Map.entry("pump", List.of("in/pump_20260101100500.csv")));
    assertThat(selection.complete()).isTrue();
  }

  @Test
  void a_component_with_only_an_older_file_is_not_missing() {
    InputSelection selection = select(List.of("in/pump_20260101090000.csv"), PUMP);

    assertThat(selection.files())
        .containsExactly(Map.entry("pump", List.of("in/pump_20260101090000.csv")));
  }

  @Test
  void a_file_that_arrives_late_within_the_delay_is_read_by_the_name_it_has() {
    WindowSchedule schedule =
        WindowSchedule.starting(
            START, START, UploadFrequency.parse("PT5M", true), WindowSchedule.lookoutDelay(10));
    Window window = schedule.first();
    // Written at 10:14, just before the wake at 10:15, for data up to 10:04:59.
    List<String> listedAtWake = List.of("in/pump_20260101100459.csv");

    InputSelection selection =
        InputSelection.select("plant", "in/", listedAtWake, PUMP, NAMING, window);

    assertThat(window.wake()).isEqualTo(END.plus(Duration.ofMinutes(10)));
    assertThat(selection.files()).containsExactly(Map.entry("pump", listedAtWake));
  }

  @Test
  void an_empty_listing_leaves_every_component_missing_with_the_file_expected() {
    InputSelection selection = select(List.of(), Set.of("pump", "motor"));

    assertThat(selection.files()).isEmpty();
    assertThat(selection.complete()).isFalse();
    assertThat(selection.missing())
        .containsExactly(
            new MissingInput(
                "motor",
                "motor_20260101100000.csv",
                "no file for component motor (expected motor_20260101100000.csv under"
                    + " s3://plant/in/)"),
            new MissingInput(
                "pump",
                "pump_20260101100000.csv",
                "no file for component pump (expected pump_20260101100000.csv under"
                    + " s3://plant/in/)"));
  }

  @Test
  void other_components_other_extensions_sub_folders_and_other_prefixes_are_ignored() {
    List<String> keys =
        List.of(
            "in/",
            "in/pump.txt",
            "in/pump_20260101100000.json",
            "in/archive/pump_20260101100000.csv",
            "in/fan_20260101100000.csv",
            "other/pump_20260101100000.csv",
            "input/pump_20260101100000.csv",
            "in/motor_20260101100100.csv");

    InputSelection selection = select(keys, Set.of("pump", "motor"));

    assertThat(selection.files())
        .containsExactly(Map.entry("motor", List.of("in/motor_20260101100100.csv")));
    assertThat(selection.missing()).extracting(MissingInput::component).containsExactly("pump");
  }

  @Test
  void a_component_whose_name_starts_another_gets_only_its_own_files() {
    List<String> keys =
        List.of(
            "in/pump2_20260101100000.csv",
            "in/pump_20260101100100.csv",
            "in/pump2_20260101100200.csv");

    InputSelection selection = select(keys, Set.of("pump", "pump2"));

    assertThat(selection.files())
        .containsExactly(
            Map.entry("pump", List.of("in/pump_20260101100100.csv")),
            Map.entry(
                "pump2", List.of("in/pump2_20260101100000.csv", "in/pump2_20260101100200.csv")));
  }

  @Test
  void names_are_read_in_the_input_time_zone() {
    FileNaming india = FileNaming.of(null, null, InputTimeZone.parse("+05:30"));
    List<String> keys =
        List.of(
            "in/pump_20260101100000.csv",
            "in/pump_20260101153000.csv",
            "in/pump_20260101154000.csv");

    InputSelection selection =
        InputSelection.select("plant", "in/", keys, Set.of("pump", "motor"), india, WINDOW);

    // 10:00 at +05:30 is 04:30Z, before the window; 15:30 is 10:00Z; 15:40 is 10:10Z, after it.
    assertThat(selection.files())
        .containsExactly(
            Map.entry(
                "pump",
                List.of(
                    "in/pump_20260101100000.csv",
                    "in/pump_20260101153000.csv",
                    "in/pump_20260101154000.csv")));
    assertThat(selection.missing())
        .extracting(MissingInput::expectedFileName)
        .containsExactly("motor_20260101153000.csv");
  }

  @Test
  void a_prefix_is_a_folder_with_or_without_its_slash_and_may_be_empty() {
    List<String> nested = List.of("in/pump_20260101100000.csv", "in/pump_20260101100000.csv");
    List<String> root = List.of("pump_20260101100000.csv", "in/pump_20260101100100.csv");

    InputSelection withoutSlash =
        InputSelection.select("plant", "in", nested, PUMP, NAMING, WINDOW);
    InputSelection bucketRoot = InputSelection.select("plant", "", root, PUMP, NAMING, WINDOW);
    InputSelection emptyRoot = InputSelection.select("plant", "", List.of(), PUMP, NAMING, WINDOW);

    assertThat(withoutSlash.files())
        .containsExactly(Map.entry("pump", List.of("in/pump_20260101100000.csv")));
    assertThat(bucketRoot.files())
        .containsExactly(Map.entry("pump", List.of("pump_20260101100000.csv")));
    assertThat(emptyRoot.missing())
        .extracting(MissingInput::message)
        .containsExactly(
            "no file for component pump (expected pump_20260101100000.csv under s3://plant/)");
  }
}
