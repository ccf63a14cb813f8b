package dev.vigil.engine.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.VigilException;
import dev.vigil.engine.data.SensorTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LookoutCsvWriterTest {
  private static final Instant MIDNIGHT = Instant.parse("2024-01-01T00:00:00Z");

  @TempDir Path directory;

  private static SyntheticData data(Instant start, int rows) {
    SyntheticPlant plant =
        SyntheticPlant.builder()
            .components(2)
            .sensorsPerComponent(3)
            .samplePeriod(Duration.ofMinutes(1))
            .start(start)
            .seed(7)
            .build();
    return plant.generate(rows);
  }

  @Test
  void writes_one_file_per_component_with_short_sensor_names_in_the_header() throws IOException {
    SyntheticData data = data(MIDNIGHT, 100);

    List<Path> files = LookoutCsvWriter.write(data.table(), directory);

    assertThat(files)
        .containsExactly(directory.resolve("comp01.csv"), directory.resolve("comp02.csv"));
    for (Path file : files) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      assertThat(lines).hasSize(101);
      assertThat(lines.get(0)).isEqualTo("Timestamp,s01,s02,s03");
      assertThat(lines.get(1)).startsWith("2024-01-01 00:00:00,");
      assertThat(lines.get(100)).startsWith("2024-01-01 01:39:00,");
    }
  }

  @Test
  void written_values_parse_back_to_the_same_values() throws IOException {
    SyntheticData data = data(MIDNIGHT, 100);
    SensorTable table = data.table();

    LookoutCsvWriter.write(table, directory);

    List<String> lines = Files.readAllLines(directory.resolve("comp02.csv"));
    for (int row = 0; row < table.rowCount(); row++) {
      String[] fields = lines.get(row + 1).split(",", -1);
      assertThat(fields).hasSize(4);
      for (int i = 0; i < 3; i++) {
        // Double.toString prints the shortest decimal that parses back to the same double.
        assertThat(Double.parseDouble(fields[i + 1]))
            .isEqualTo(table.value(table.indexOf("comp02\\s0" + (i + 1)), row));
      }
    }
  }

  @Test
  void chunked_files_are_named_after_the_chunk_start_and_split_the_rows() throws IOException {
    // Noon start: the first day-long chunk still starts, and is named, at midnight.
    SyntheticData data = data(Instant.parse("2024-01-01T12:00:00Z"), 3_000);

    List<Path> files = LookoutCsvWriter.write(data.table(), directory, Duration.ofDays(1));

    assertThat(files)
        .extracting(file -> file.getFileName().toString())
        .containsExactly(
            "comp01_20240101000000.csv",
            "comp01_20240102000000.csv",
            "comp01_20240103000000.csv",
            "comp02_20240101000000.csv",
            "comp02_20240102000000.csv",
            "comp02_20240103000000.csv");
    assertThat(Files.readAllLines(files.get(0))).hasSize(1 + 720);
    assertThat(Files.readAllLines(files.get(1))).hasSize(1 + 1_440);
    List<String> last = Files.readAllLines(files.get(2));
    assertThat(last).hasSize(1 + 3_000 - 720 - 1_440);
    assertThat(last.get(0)).isEqualTo("Timestamp,s01,s02,s03");
    assertThat(last.get(1)).startsWith("2024-01-03 00:00:00,");
  }

  @Test
  void missing_values_are_empty_fields() throws IOException {
    SensorTable table =
        SensorTable.of(
            new long[] {0, 1_000},
            List.of("pump\\current", "pump\\speed"),
            new double[][] {{1.5, Double.NaN}, {Double.NaN, 2.0}});

    LookoutCsvWriter.write(table, directory);

    assertThat(Files.readAllLines(directory.resolve("pump.csv")))
        .containsExactly(
            "Timestamp,current,speed", "1970-01-01 00:00:00,1.5,", "1970-01-01 00:00:01,,2.0");
  }

  @Test
  void sensor_without_component_prefix_is_rejected_naming_it() {
    SensorTable table = SensorTable.of(new long[] {0}, List.of("current"), new double[][] {{1}});

    assertThatThrownBy(() -> LookoutCsvWriter.write(table, directory))
        .isInstanceOf(VigilException.class)
        .hasMessageContaining("'current'");
  }

  @Test
  void fractional_second_timestamps_are_rejected_naming_the_row() {
    SensorTable table =
        SensorTable.of(new long[] {0, 1_500}, List.of("pump\\current"), new double[][] {{1, 2}});

    assertThatThrownBy(() -> LookoutCsvWriter.write(table, directory))
        .isInstanceOf(VigilException.class)
        .hasMessageContaining("row 1")
        .hasMessageContaining("fractional seconds");
  }

  @Test
  void chunk_length_must_be_whole_positive_seconds() {
    SensorTable table = data(MIDNIGHT, 10).table();

    assertThatThrownBy(() -> LookoutCsvWriter.write(table, directory, Duration.ofMillis(1_500)))
        .isInstanceOf(VigilException.class)
        .hasMessageContaining("PT1.5S");
    assertThatThrownBy(() -> LookoutCsvWriter.write(table, directory, Duration.ZERO))
        .isInstanceOf(VigilException.class)
        .hasMessageContaining("PT0S");
  }
}
