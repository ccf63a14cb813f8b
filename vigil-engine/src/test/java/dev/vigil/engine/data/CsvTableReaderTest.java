package dev.vigil.engine.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableReaderTest {
  private static final String SKAB_HEADER =
      "datetime;Accelerometer1RMS;Accelerometer2RMS;Current;Pressure;Temperature;Thermocouple;"
          + "Voltage;Volume Flow RateRMS;anomaly;changepoint";

  private static final List<String> SKAB_SENSORS =
      List.of(
          "Accelerometer1RMS",
          "Accelerometer2RMS",
          "Current",
          "Pressure",
          "Temperature",
          "Thermocouple",
          "Voltage",
          "Volume Flow RateRMS");

  @TempDir Path dir;

  private Path write(String content) throws IOException {
    Path file = dir.resolve("data.csv");
    Files.writeString(file, content, StandardCharsets.UTF_8);
    return file;
  }

  private static String lines(String... lines) {
    return String.join("\n", lines) + "\n";
  }

  private static long millis(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  private LabeledTable read(String content) throws IOException {
    return new CsvTableReader().read(write(content));
  }

  /** The message reading {@code content} fails with, without the file name in front. */
  private String failure(CsvTableReader reader, String content) throws IOException {
    Path file = write(content);
    InvalidDataException thrown = assertThrows(InvalidDataException.class, () -> reader.read(file));
    assertThat(thrown.getMessage()).startsWith(file.toString());
    return thrown.getMessage().substring(file.toString().length());
  }

  private String failure(String content) throws IOException {
    return failure(new CsvTableReader(), content);
  }

  @Test
  void skab_layout_is_read_with_labels_kept_apart() throws IOException {
    LabeledTable read =
        read(
            lines(
                SKAB_HEADER,
                "2020-03-09 10:14:33;0.0265878;0.0401113;1.3302;0.054711;79.3366;26.0199;233.062;"
                    + "32.0;0.0;0.0",
                "2020-03-09 10:14:34;0.0261697;0.0404525;1.35399;0.382638;79.5158;26.0258;236.04;"
                    + "32.0;0.0;0.0",
                "2020-03-09 10:14:35;0.0260622;0.0401802;1.30506;0.054711;79.6073;26.0191;235.137;"
                    + "32.0;1.0;1.0"));

    SensorTable table = read.table();
    assertThat(table.sensorNames()).isEqualTo(SKAB_SENSORS);
    assertThat(table.timestamps())
        .containsExactly(
            millis("2020-03-09T10:14:33Z"),
            millis("2020-03-09T10:14:34Z"),
            millis("2020-03-09T10:14:35Z"));
    assertThat(table.column(table.indexOf("Current"))).containsExactly(1.3302, 1.35399, 1.30506);
    assertThat(table.column(table.indexOf("Volume Flow RateRMS")))
        .containsExactly(32.0, 32.0, 32.0);
    assertThat(read.anomaly()).containsExactly(0, 0, 1);
    assertThat(read.changepoint()).containsExactly(0, 0, 1);
    assertThat(read.outOfOrderRows()).isZero();
  }

  @Test
  void plain_comma_layout_keeps_backslash_names_and_has_no_labels() throws IOException {
    LabeledTable read =
        read(
            lines(
                "Timestamp,motor\\current,pump\\Volume Flow RateRMS",
                "2020-03-09T10:14:33Z,1.5,32.0",
                "2020-03-09T10:14:43Z,1.25,32.5"));

    assertThat(read.table().sensorNames())
        .containsExactly("motor\\current", "pump\\Volume Flow RateRMS");
    assertThat(read.table().timestamps())
        .containsExactly(millis("2020-03-09T10:14:33Z"), millis("2020-03-09T10:14:43Z"));
    assertThat(read.table().column(0)).containsExactly(1.5, 1.25);
    assertThat(read.table().column(1)).containsExactly(32.0, 32.5);
    assertThat(read.anomaly()).isNull();
    assertThat(read.changepoint()).isNull();
    assertThat(read.hasAnomalyLabels()).isFalse();
  }

  @Test
  void the_first_column_is_the_timestamp_whatever_its_name() throws IOException {
    LabeledTable read = read(lines("when,a", "1583748873,1", "1583748874,2"));

    assertThat(read.table().sensorNames()).containsExactly("a");
    assertThat(read.table().timestamp(1)).isEqualTo(millis("2020-03-09T10:14:34Z"));
  }

  @Test
  void tab_separated_files_are_read() throws IOException {
    LabeledTable read = read(lines("timestamp\ta\tb", "2020-03-09 10:14:33\t1\t2"));

    assertThat(read.table().sensorNames()).containsExactly("a", "b");
    assertThat(read.table().column(1)).containsExactly(2.0);
  }

  @Test
  void a_component_prefix_names_the_sensors_that_have_no_backslash() throws IOException {
    CsvTableReader reader = new CsvTableReader().withComponent("motor");

    LabeledTable read =
        reader.read(write(lines("timestamp,current,pump\\pressure,anomaly", "1583748873,1,2,0")));

    assertThat(reader.component()).contains("motor");
    assertThat(read.table().sensorNames()).containsExactly("motor\\current", "pump\\pressure");
    assertThat(read.anomaly()).containsExactly(0);
  }

  @Test
  void a_component_prefix_must_be_a_plain_name() {
    CsvTableReader reader = new CsvTableReader();

    assertThatThrownBy(() -> reader.withComponent(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a component name must be non-blank and without a backslash: ' '");
    assertThatThrownBy(() -> reader.withComponent("a\\b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a component name must be non-blank and without a backslash: 'a\\b'");
    assertThat(reader.withComponent("a").withComponent(null).component()).isEmpty();
  }

  @Test
  void empty_nan_null_and_na_cells_are_missing_values() throws IOException {
    LabeledTable read =
        read(
            lines(
                "timestamp,a,b",
                "2020-03-09 10:00:00,,1",
                "2020-03-09 10:00:01,NaN,nan",
                "2020-03-09 10:00:02,null,NULL",
                "2020-03-09 10:00:03,NA,na",
                "2020-03-09 10:00:04, ,+1.5e3",
                "2020-03-09 10:00:05,-0.25,7"));

    assertThat(read.table().column(0))
        .containsExactly(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, -0.25);
    assertThat(read.table().column(1))
        .containsExactly(1.0, Double.NaN, Double.NaN, Double.NaN, 1500.0, 7.0);
  }

  @Test
  void label_columns_match_in_any_case_and_accept_integers_or_decimals() throws IOException {
    LabeledTable read =
        read(
            lines(
                "timestamp,Anomaly,a,CHANGEPOINT",
                "1583748873,0,1,0.0",
                "1583748874,1.0,2,1",
                "1583748875,1.00,3,0"));

    assertThat(read.table().sensorNames()).containsExactly("a");
    assertThat(read.anomaly()).containsExactly(0, 1, 1);
    assertThat(read.changepoint()).containsExactly(0, 1, 0);
  }

  @Test
  void quoted_names_may_contain_the_separator() throws IOException {
    LabeledTable read = read(lines("timestamp,\"flow, inlet\",temp", "1583748873,\"1.5\",2"));

    assertThat(read.table().sensorNames()).containsExactly("flow, inlet", "temp");
    assertThat(read.table().column(0)).containsExactly(1.5);
  }

  @Test
  void a_byte_order_mark_and_windows_line_ends_are_handled() throws IOException {
    LabeledTable read =
        read("\uFEFFdatetime;a;anomaly\r\n2020-03-09 10:14:33;1;0\r\n2020-03-09 10:14:34;2;1\r\n");

    assertThat(read.table().sensorNames()).containsExactly("a");
    assertThat(read.table().column(0)).containsExactly(1.0, 2.0);
    assertThat(read.anomaly()).containsExactly(0, 1);
  }

  @Test
  void timestamps_without_a_zone_are_read_in_the_given_offset() throws IOException {
    CsvTableReader reader = new CsvTableReader().withZone(ZoneOffset.ofHours(1));

    LabeledTable read = reader.read(write(lines("timestamp,a", "2020-03-09 10:14:33,1")));

    assertThat(reader.zone()).isEqualTo(ZoneOffset.ofHours(1));
    assertThat(read.table().timestamp(0)).isEqualTo(millis("2020-03-09T09:14:33Z"));
  }

  @Test
  void a_reader_is_read_under_the_given_source_name_and_left_open() throws IOException {
    StringReader in = new StringReader(lines("timestamp,a", "1583748873,1", "1583748874,x"));

    assertThatThrownBy(() -> new CsvTableReader().read(in, "upload 7"))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("upload 7 line 3, column 'a': 'x' is not a number");
    assertThat(in.ready()).isTrue();
  }

  @Test
  void many_rows_grow_the_columns_past_their_first_capacity() throws IOException {
    StringBuilder csv = new StringBuilder("timestamp;a;anomaly\n");
    int rows = 5_000;
    for (int row = 0; row < rows; row++) {
      csv.append(1_583_748_873L + row).append(';').append(row).append(';').append(row % 2);
      csv.append('\n');
    }

    LabeledTable read = new CsvTableReader().read(new StringReader(csv.toString()), "generated");

    assertThat(read.table().rowCount()).isEqualTo(rows);
    assertThat(read.table().column(0)).hasSize(rows);
    assertThat(read.table().value(0, rows - 1)).isEqualTo(rows - 1.0);
    assertThat(read.anomaly()).hasSize(rows);
    assertThat(read.anomaly()[rows - 1]).isEqualTo(1);
  }

  @Test
  void a_header_longer_than_a_read_buffer_still_gives_the_separator() throws IOException {
    // 2,000 sensors: a header of about 24,000 characters, past the 8,192 first looked at, with
    // commas inside a quoted name so that only the semicolons outside quotes can win.
    StringBuilder header = new StringBuilder("\uFEFFtimestamp");
    StringBuilder row = new StringBuilder("2026-01-01T00:00:00Z");
    for (int sensor = 0; sensor < 2_000; sensor++) {
      header.append(sensor == 0 ? ";\"a,b,c,d\"" : ";sensor" + sensor);
      row.append(';').append(sensor);
    }

    SensorTable table =
        new CsvTableReader().read(new StringReader(header + "\n" + row + "\n"), "wide").table();

    assertThat(table.sensorCount()).isEqualTo(2_000);
    assertThat(table.sensorNames().get(0)).isEqualTo("a,b,c,d");
    assertThat(table.value(1_999, 0)).isEqualTo(1_999.0);
  }

  @Test
  void rows_out_of_order_are_sorted_and_counted_when_asked() throws IOException {
    CsvTableReader reader = new CsvTableReader().withSortRows(true);

    LabeledTable read =
        reader.read(
            write(
                lines(
                    "timestamp,a,anomaly",
                    "2020-03-09 10:00:03,3,1",
                    "2020-03-09 10:00:01,1,0",
                    "2020-03-09 10:00:02,2,0",
                    "2020-03-09 10:00:00,0,1")));

    assertThat(reader.sortRows()).isTrue();
    assertThat(read.table().timestamps())
        .containsExactly(
            millis("2020-03-09T10:00:00Z"),
            millis("2020-03-09T10:00:01Z"),
            millis("2020-03-09T10:00:02Z"),
            millis("2020-03-09T10:00:03Z"));
    assertThat(read.table().column(0)).containsExactly(0.0, 1.0, 2.0, 3.0);
    assertThat(read.anomaly()).containsExactly(1, 0, 0, 1);
    assertThat(read.outOfOrderRows()).isEqualTo(2);
    assertThat(read)
        .hasToString(
            "LabeledTable[SensorTable[4 rows x 1 sensors], anomaly labels," + " 2 rows sorted]");
  }

  @Test
  void sorting_a_long_shuffled_file_restores_the_order() throws IOException {
    int rows = 3_000;
    StringBuilder csv = new StringBuilder("timestamp,a\n");
    for (int i = 0; i < rows; i++) {
      // A permutation of 0..rows-1, since 7 and 3000 are coprime.
      long row = (i * 7L) % rows;
      csv.append(1_583_748_873L + row).append(',').append(row).append('\n');
    }

    LabeledTable read =
        new CsvTableReader().withSortRows(true).read(new StringReader(csv.toString()), "shuffled");

    for (int row = 0; row < rows; row++) {
      assertThat(read.table().value(0, row)).isEqualTo(row);
      assertThat(read.table().timestamp(row)).isEqualTo((1_583_748_873L + row) * 1000);
    }
  }

  @Test
  void an_empty_file_is_rejected() throws IOException {
    assertThat(failure("")).isEqualTo(": the file is empty");
    assertThat(failure("\n\n")).isEqualTo(": the file is empty");
  }

  @Test
  void a_header_without_rows_is_rejected() throws IOException {
    assertThat(failure(lines(SKAB_HEADER))).isEqualTo(": no data rows, only the header on line 1");
  }

  @Test
  void a_file_without_a_sensor_column_is_rejected() throws IOException {
    assertThat(failure(lines("datetime;anomaly;changepoint", "2020-03-09 10:14:33;0;0")))
        .isEqualTo(
            " line 1: no sensor column; the header has only [datetime, anomaly, changepoint]");
    assertThat(failure(lines("timestamp", "2020-03-09 10:14:33")))
        .isEqualTo(" line 1: no sensor column; the header has only [timestamp]");
  }

  @Test
  void a_cell_that_is_not_a_number_is_rejected_with_its_line_and_column() throws IOException {
    StringBuilder csv = new StringBuilder(SKAB_HEADER).append('\n');
    for (int second = 0; second < 15; second++) {
      csv.append(String.format("2020-03-09 10:14:%02d;1;1;1;1;1;1;1;1;0;0", second)).append('\n');
    }
    csv.append("2020-03-09 10:14:59;1;1;abc;1;1;1;1;1;0;0\n");

    assertThat(failure(csv.toString()))
        .isEqualTo(" line 17, column 'Current': 'abc' is not a number");
  }

  @Test
  void line_numbers_count_the_blank_lines_that_are_skipped() throws IOException {
    assertThat(failure("timestamp,a\n1583748873,1\n\n1583748874,1d\n"))
        .isEqualTo(" line 4, column 'a': '1d' is not a number");
  }

  @Test
  void numbers_beyond_double_range_and_infinity_are_rejected() throws IOException {
    assertThat(failure(lines("timestamp,a", "1583748873,1e999")))
        .isEqualTo(" line 2, column 'a': '1e999' is out of range");
    assertThat(failure(lines("timestamp,a", "1583748873,Infinity")))
        .isEqualTo(" line 2, column 'a': 'Infinity' is not a number");
    assertThat(failure(lines("timestamp,a", "1583748873,1.2.3")))
        .isEqualTo(" line 2, column 'a': '1.2.3' is not a number");
  }

  @Test
  void a_row_with_the_wrong_number_of_cells_is_rejected() throws IOException {
    assertThat(failure(lines(SKAB_HEADER, "2020-03-09 10:14:33;0.0265878;0.0401113")))
        .isEqualTo(" line 2: 3 cells, but the header on line 1 has 11 columns");
    assertThat(failure(lines("timestamp,a", "1583748873,1,2")))
        .isEqualTo(" line 2: 3 cells, but the header on line 1 has 2 columns");
    assertThat(failure(lines("timestamp,a", "1583748873")))
        .isEqualTo(" line 2: 1 cell, but the header on line 1 has 2 columns");
  }

  @Test
  void a_bad_timestamp_is_rejected_with_its_line_and_column() throws IOException {
    assertThat(failure(lines("datetime;a", "2020-03-09 10:14:33;1", "yesterday;2")))
        .isEqualTo(
            " line 3, column 'datetime': 'yesterday' is not a timestamp in a supported format:"
                + " use yyyy-MM-dd HH:mm:ss with an optional fraction, ISO 8601"
                + " (2020-03-09T10:14:33.5+01:00), yyyy/MM/dd HH:mm:ss, yyyy-MM-dd HH:mm, epoch"
                + " seconds or 13-digit epoch milliseconds");
    assertThat(failure(lines("datetime;a", "2020-02-30 10:14:33;1")))
        .isEqualTo(
            " line 2, column 'datetime': '2020-02-30 10:14:33' is not a valid date and time");
  }

  @Test
  void duplicate_timestamps_are_rejected() throws IOException {
    assertThat(
            failure(
                lines(
                    "timestamp,a",
                    "2020-03-09 10:14:33,1",
                    "2020-03-09 10:14:34,1",
                    "2020-03-09 10:14:34,2")))
        .isEqualTo(" line 4 duplicates the timestamp of line 3 (2020-03-09T10:14:34Z)");
  }

  @Test
  void duplicate_timestamps_are_rejected_even_when_sorting() throws IOException {
    CsvTableReader sorting = new CsvTableReader().withSortRows(true);

    assertThat(
            failure(
                sorting,
                lines(
                    "timestamp,a",
                    "2020-03-09 10:14:33,1",
                    "2020-03-09 10:14:35,1",
                    "2020-03-09 10:14:33,2")))
        .isEqualTo(" line 4 duplicates the timestamp of line 2 (2020-03-09T10:14:33Z)");
  }

  @Test
  void rows_out_of_order_are_rejected_by_default() throws IOException {
    assertThat(
            failure(
                lines(
                    "timestamp,a",
                    "2020-03-09 10:14:33,1",
                    "2020-03-09 10:14:35,1",
                    "2020-03-09 10:14:34.5,2")))
        .isEqualTo(
            " line 4 (2020-03-09T10:14:34.500Z) is earlier than line 3 (2020-03-09T10:14:35Z);"
                + " sort the rows by time, or read with sortRows");
  }

  @Test
  void duplicate_column_names_are_rejected() throws IOException {
    assertThat(failure(lines("datetime;Current;Voltage;Current", "2020-03-09 10:14:33;1;2;3")))
        .isEqualTo(" line 1: columns 2 and 4 are both named 'Current'");
    assertThat(failure(lines("timestamp,a,anomaly,Anomaly", "1583748873,1,0,0")))
        .isEqualTo(" line 1: columns 3 and 4 are both named 'Anomaly'");
    assertThat(failure(lines("timestamp,a,timestamp", "1583748873,1,2")))
        .isEqualTo(" line 1: columns 1 and 3 are both named 'timestamp'");
    assertThat(
            failure(
                new CsvTableReader().withComponent("motor"),
                lines("timestamp,current,motor\\current", "1583748873,1,2")))
        .isEqualTo(" line 1: columns 2 and 3 are both named 'motor\\current'");
  }

  @Test
  void a_column_without_a_name_is_rejected() throws IOException {
    assertThat(failure(lines("timestamp,a,", "1583748873,1,2")))
        .isEqualTo(" line 1: column 3 has no name");
  }

  @Test
  void label_values_other_than_0_and_1_are_rejected() throws IOException {
    String header = "timestamp,a,anomaly";
    assertThat(failure(lines(header, "1583748873,1,2")))
        .isEqualTo(" line 2, column 'anomaly': '2' is not a label; use 0 or 1");
    assertThat(failure(lines(header, "1583748873,1,0.5")))
        .isEqualTo(" line 2, column 'anomaly': '0.5' is not a label; use 0 or 1");
    assertThat(failure(lines(header, "1583748873,1,")))
        .isEqualTo(" line 2, column 'anomaly': '' is not a label; use 0 or 1");
    assertThat(failure(lines(header, "1583748873,1,yes")))
        .isEqualTo(" line 2, column 'anomaly': 'yes' is not a label; use 0 or 1");
  }

  @Test
  void text_after_a_closing_quote_is_rejected_as_invalid_csv() throws IOException {
    assertThat(failure(lines("timestamp,a", "1583748873,\"1\"x")))
        .isEqualTo(
            ": not valid CSV: Exception when reading record that started in line 2:"
                + " Unexpected character after closing quote: 'x' (0x78)");
  }

  @Test
  void a_file_that_is_not_utf8_is_rejected() throws IOException {
    Path file = dir.resolve("latin1.csv");
    Files.write(
        file, "timestamp,temp \u00b0C\n1583748873,1\n".getBytes(StandardCharsets.ISO_8859_1));

    assertThatThrownBy(() -> new CsvTableReader().read(file))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(file + ": the file is not UTF-8 text");
  }

  @Test
  void labeled_tables_check_that_labels_fit_the_rows() {
    SensorTable table =
        SensorTable.of(new long[] {1, 2}, List.of("a"), new double[][] {{1.0, 2.0}});

    assertThatThrownBy(() -> new LabeledTable(table, new int[] {0}, null))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("anomaly labels have 1 values for 2 rows");
    assertThat(new LabeledTable(table, null, new int[] {0, 1}).hasChangepointLabels()).isTrue();
  }

  /** The SKAB data set, where the project keeps it: beside the repository. */
  private static Path skab() {
    for (Path base : List.of(Path.of(".."), Path.of("../.."))) {
      Path skab = base.resolve("shared/data/skab");
      if (Files.isDirectory(skab)) {
        return skab;
      }
    }
    return null;
  }

  @Test
  void a_real_skab_file_is_read_whole() throws IOException {
    Path skab = skab();
    assumeTrue(skab != null && Files.exists(skab.resolve("valve1/0.csv")), "SKAB data is absent");

    LabeledTable read = new CsvTableReader().read(skab.resolve("valve1/0.csv"));

    assertThat(read.table().rowCount()).isEqualTo(1147);
    assertThat(read.table().sensorNames()).isEqualTo(SKAB_SENSORS);
    assertThat(read.table().timestamp(0)).isEqualTo(millis("2020-03-09T10:14:33Z"));
    assertThat(read.table().value(read.table().indexOf("Current"), 0)).isEqualTo(1.3302);
    assertThat(read.anomaly()).hasSize(1147);
    assertThat(Arrays.stream(read.anomaly()).sum()).isEqualTo(401);
    assertThat(Arrays.stream(read.changepoint()).sum()).isEqualTo(4);
  }

  @Test
  void every_skab_file_is_read() throws IOException {
    Path skab = skab();
    assumeTrue(skab != null, "SKAB data is absent");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(skab)) {
      files = walk.filter(path -> path.toString().endsWith(".csv")).sorted().toList();
    }
    assumeTrue(!files.isEmpty(), "SKAB data is absent");

    for (Path file : files) {
      LabeledTable read = new CsvTableReader().read(file);

      assertThat(read.table().sensorNames()).as(file.toString()).isEqualTo(SKAB_SENSORS);
      assertThat(read.table().rowCount()).as(file.toString()).isPositive();
    }
  }

  @Test
  void numbers_are_read_exactly_as_double_parse_double_reads_them() {
    // The fast path for plain decimals must give the very same double: random decimals of every
    // length and scale, fixed seed, plus the edge cases.
    java.util.Random random = new java.util.Random(11);
    List<String> values =
        new ArrayList<>(
            List.of(
                "0",
                "-0",
                "-0.0",
                "1.",
                ".5",
                "007.250",
                "9007199254740991",
                "9007199254740993",
                "0.1",
                "0.0000000000000000000001",
                "0.00000000000000000000001",
                "123456789012.345678",
                "1e5",
                "-2.5E-3",
                "+3.25"));
    for (int i = 0; i < 200_000; i++) {
      StringBuilder text = new StringBuilder(random.nextBoolean() ? "-" : "");
      int whole = random.nextInt(12);
      int fraction = random.nextInt(14);
      for (int d = 0; d < Math.max(1, whole); d++) {
        text.append((char) ('0' + random.nextInt(10)));
      }
      if (fraction > 0) {
        text.append('.');
        for (int d = 0; d < fraction; d++) {
          text.append((char) ('0' + random.nextInt(10)));
        }
      }
      values.add(text.toString());
    }
    for (String value : values) {
      long expected = Double.doubleToRawLongBits(Double.parseDouble(value));
      assertThat(Double.doubleToRawLongBits(NumberCells.parseDouble(value)))
          .as(value)
          .isEqualTo(expected);
      // As the CSV parser hands cells over: inside a larger buffer, blanks around.
      char[] buffer = ("x; " + value + " \t;y").toCharArray();
      assertThat(Double.doubleToRawLongBits(NumberCells.parse(buffer, 2, value.length() + 3)))
          .as("cell '%s'", value)
          .isEqualTo(expected);
    }
  }

  @Test
  void cells_are_read_as_numbers_missing_values_or_refused() {
    assertThat(parseCell("  ")).isNaN();
    assertThat(parseCell(" NaN ")).isNaN();
    assertThat(parseCell("null")).isNaN();
    assertThat(parseCell("nA")).isNaN();
    assertThat(parseCell(" 1e3")).isEqualTo(1000.0);
    for (String refused : List.of("n/a", "1e999", "Infinity", "0x1p3", "1.5f", "1.2.3", "-", "e")) {
      assertThat(parseCell(refused)).as(refused).isEqualTo(NumberCells.NOT_A_NUMBER_MARK);
    }
  }

  private static double parseCell(String cell) {
    return NumberCells.parse(cell.toCharArray(), 0, cell.length());
  }

  @Test
  void rows_from_the_end_on_are_left_out_without_reading_their_cells() throws IOException {
    String content =
        lines(
            "timestamp,a,b",
            "2026-01-01T00:00:02Z,3,4",
            "2026-01-01T00:00:00Z,1,2",
            "2026-01-01T00:00:05Z,not a number,6",
            "2026-01-01T00:00:04Z,7,8");
    CsvTableReader reader =
        new CsvTableReader().withSortRows(true).withRowsBefore(millis("2026-01-01T00:00:04Z"));

    SensorTable table = reader.read(write(content)).table();

    assertThat(table.rowCount()).isEqualTo(2);
    assertThat(table.timestamp(0)).isEqualTo(millis("2026-01-01T00:00:00Z"));
    assertThat(table.value(1, 1)).isEqualTo(4.0);
    // A file holding only later rows gives an empty table; their timestamps must still be valid.
    assertThat(
            new CsvTableReader()
                .withRowsBefore(millis("2026-01-01T00:00:00Z"))
                .read(write(content))
                .table()
                .rowCount())
        .isZero();
    assertThat(failure(reader, lines("timestamp,a", "yesterday,1")))
        .startsWith(" line 2, column 'timestamp': ");
  }
}
