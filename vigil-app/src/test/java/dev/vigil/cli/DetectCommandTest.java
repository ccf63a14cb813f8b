package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.Vigil;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DetectCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = Vigil.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  /**
   * A plain CSV of three correlated sensors driven by one slow process, one row a second, with an
   * offset of {@code offset} on {@code motor\current} from row {@code faultFrom} on.
   */
  private Path plantCsv(String name, int rows, int faultFrom, double offset, boolean labels)
      throws IOException {
    Random random = new Random(11);
    StringBuilder csv = new StringBuilder("timestamp,pump\\flow,pump\\pressure,motor\\current");
    csv.append(labels ? ",anomaly\n" : "\n");
    double process = 0;
    for (int row = 0; row < rows; row++) {
      process = 0.98 * process + 0.2 * random.nextGaussian();
      double current = 10 - 1.5 * process + 0.1 * random.nextGaussian();
      boolean faulty = row >= faultFrom;
      csv.append(
          String.format(
              Locale.ROOT,
              "2026-01-01 %02d:%02d:%02d,%.5f,%.5f,%.5f",
              row / 3600,
              row / 60 % 60,
              row % 60,
              30 + 4 * process + 0.3 * random.nextGaussian(),
              2 + 0.5 * process + 0.04 * random.nextGaussian(),
              current + (faulty ? offset : 0)));
      csv.append(labels ? (faulty ? ",1\n" : ",0\n") : "\n");
    }
    Path file = dir.resolve(name);
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    return file;
  }

  private static List<JsonNode> lines(String text) throws IOException {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        nodes.add(JSON.readTree(line));
      }
    }
    return nodes;
  }

  @Test
  void every_row_after_the_training_rows_gets_one_lookout_result_line() throws IOException {
    Path file = plantCsv("plant.csv", 1500, 1200, 3.0, true);
    Path results = dir.resolve("results.jsonl");

    int exit =
        run(
            "detect",
            "--test",
            file.toString(),
            "--train-rows",
            "1000",
            "--out",
            results.toString());

    assertThat(exit).isZero();
    List<JsonNode> nodes = lines(Files.readString(results));
    assertThat(nodes).hasSize(500);
    assertThat(nodes.get(0).get("timestamp").asText()).isEqualTo("2026-01-01T00:16:40.000000");
    for (JsonNode node : nodes) {
      assertThat(node.fieldNames())
          .toIterable()
          .containsExactly(
              "timestamp", "prediction", "prediction_reason", "anomaly_score", "diagnostics");
      int prediction = node.get("prediction").asInt();
      assertThat(node.get("prediction_reason").asText())
          .isEqualTo(prediction == 1 ? "ANOMALY_DETECTED" : "NO_ANOMALY_DETECTED");
      assertThat(node.get("anomaly_score").asDouble() > 0.5).isEqualTo(prediction == 1);
      double sum = 0;
      double previous = Double.MAX_VALUE;
      List<String> names = new ArrayList<>();
      for (JsonNode diagnostic : node.get("diagnostics")) {
        double value = diagnostic.get("value").asDouble();
        assertThat(value).isLessThanOrEqualTo(previous);
        previous = value;
        sum += value;
        names.add(diagnostic.get("name").asText());
      }
      // Three values each rounded to 5 decimals: the sum is 1 within 3 half-units of 1e-5.
      assertThat(sum).isCloseTo(1.0, within(1.5e-5));
      assertThat(names).containsExactlyInAnyOrder("pump\\flow", "pump\\pressure", "motor\\current");
    }
    // The offset of 3 on the current (30 times its noise) is flagged, and the current leads.
    List<JsonNode> inFault = nodes.subList(220, 500);
    assertThat(inFault).allMatch(n -> n.get("prediction").asInt() == 1);
    assertThat(inFault)
        .allMatch(n -> n.get("diagnostics").get(0).get("name").asText().equals("motor\\current"));
    assertThat(err.toString())
        .contains("trained on 1000 rows (0 machine-off), 3 sensors")
        .contains("judged 500 rows of " + file);
  }

  @Test
  void a_separate_training_file_judges_every_row_of_the_test_file() throws IOException {
    Path train = plantCsv("train.csv", 1000, 1000, 0, false);
    Path test = plantCsv("test.csv", 300, 300, 0, false);

    int exit = run("detect", "--train", train.toString(), "--test", test.toString());

    assertThat(exit).isZero();
    assertThat(lines(out.toString())).hasSize(300);
  }

  @Test
  void the_component_option_names_sensors_component_backslash_sensor() throws IOException {
    Path file = dir.resolve("skab-like.csv");
    StringBuilder csv = new StringBuilder("datetime;Current;Pressure;anomaly;changepoint\n");
    Random random = new Random(3);
    for (int row = 0; row < 200; row++) {
      double process = random.nextGaussian();
      csv.append(
          String.format(
              Locale.ROOT,
              "2020-03-09 10:%02d:%02d;%.4f;%.4f;0;0%n",
              row / 60,
              row % 60,
              process + 0.1 * random.nextGaussian(),
              2 * process + 0.1 * random.nextGaussian()));
    }
    Files.writeString(file, csv);

    int exit =
        run("detect", "--test", file.toString(), "--train-rows", "150", "--component", "pump");

    assertThat(exit).isZero();
    JsonNode first = lines(out.toString()).get(0);
    List<String> names = new ArrayList<>();
    first.get("diagnostics").forEach(d -> names.add(d.get("name").asText()));
    assertThat(names).containsExactlyInAnyOrder("pump\\Current", "pump\\Pressure");
  }

  @Test
  void without_training_data_the_command_says_what_to_give() throws IOException {
    Path file = plantCsv("plant.csv", 100, 100, 0, false);

    int exit = run("detect", "--test", file.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("give --train TRAIN.csv, or --train-rows N to train on TEST's head");
  }

  @Test
  void a_missing_file_is_named() {
    Path missing = dir.resolve("nope.csv");

    int exit = run("detect", "--test", missing.toString(), "--train-rows", "10");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).isEqualTo("vigil: " + missing + ": no such file\n");
  }

  @Test
  void a_sensitivity_out_of_range_is_refused() throws IOException {
    Path file = plantCsv("plant.csv", 100, 100, 0, false);

    int exit = run("detect", "--test", file.toString(), "--train-rows", "50", "--sensitivity", "0");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("--sensitivity: sensitivity must be between 1 and 100, got 0");
  }

  @Test
  void more_training_rows_than_the_file_holds_is_refused() throws IOException {
    Path file = plantCsv("plant.csv", 100, 100, 0, false);

    int exit = run("detect", "--test", file.toString(), "--train-rows", "101");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo("vigil: --train-rows 101 is more than the 100 rows of " + file + "\n");
  }

  @Test
  void too_little_training_data_names_the_minimum() throws IOException {
    Path file = plantCsv("plant.csv", 100, 100, 0, false);

    int exit = run("detect", "--test", file.toString(), "--train-rows", "40");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo(
            "vigil: training data has 40 rows; the model needs at least 69 for its window of 10"
                + " rows and its calibration\n");
  }

  @Test
  void a_cell_that_is_not_a_number_is_named_by_file_line_and_column() throws IOException {
    Path file = plantCsv("plant.csv", 100, 100, 0, false);
    List<String> content = new ArrayList<>(Files.readAllLines(file));
    content.set(17, content.get(17).replaceFirst(",[^,]+$", ",abc"));
    Files.write(file, content);

    int exit = run("detect", "--test", file.toString(), "--train-rows", "80");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo("vigil: " + file + " line 18, column 'motor\\current': 'abc' is not a number\n");
  }

  @Test
  void rows_under_the_off_condition_are_reported_as_machine_off() throws IOException {
    Path file = plantCsv("plant.csv", 1500, 1500, 0, false);

    int exit =
        run(
            "detect",
            "--test",
            file.toString(),
            "--train-rows",
            "1000",
            "--off-condition",
            "pump\\flow < 26");

    assertThat(exit).isZero();
    List<JsonNode> nodes = lines(out.toString());
    assertThat(nodes).hasSize(500);
    List<String> csv = Files.readAllLines(file);
    for (int i = 0; i < nodes.size(); i++) {
      double flow = Double.parseDouble(csv.get(1001 + i).split(",")[1]);
      JsonNode node = nodes.get(i);
      assertThat(node.get("prediction_reason").asText().equals("MACHINE_OFF"))
          .as("row %d, flow %s", i, flow)
          .isEqualTo(flow < 26);
      if (flow < 26) {
        assertThat(node.get("diagnostics")).isEmpty();
        assertThat(node.get("prediction").asInt()).isZero();
      }
    }
    assertThat(nodes).anyMatch(n -> n.get("prediction_reason").asText().equals("MACHINE_OFF"));
  }

  @Test
  void resampling_judges_one_row_per_bin() throws IOException {
    Path file = plantCsv("plant.csv", 3000, 3000, 0, false);

    int exit =
        run("detect", "--test", file.toString(), "--train-rows", "2000", "--sampling-rate", "PT5S");

    assertThat(exit).isZero();
    List<JsonNode> nodes = lines(out.toString());
    // Rows 2000..2999 are seconds 2000..2999: 200 bins of five seconds.
    assertThat(nodes).hasSize(200);
    assertThat(nodes.get(0).get("timestamp").asText()).isEqualTo("2026-01-01T00:33:20.000000");
    assertThat(nodes.get(1).get("timestamp").asText()).isEqualTo("2026-01-01T00:33:25.000000");
  }

  @Test
  void an_unknown_fill_method_is_refused() throws IOException {
    Path file = plantCsv("plant.csv", 100, 100, 0, false);

    int exit = run("detect", "--test", file.toString(), "--train-rows", "80", "--fill", "cubic");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(
            "--fill: 'cubic' is not one of previous, linear, zero, fixed:VALUE\n"
                + "Try 'vigil detect --help'.\n");
  }

  @Test
  void an_unsupported_sampling_rate_lists_the_supported_ones() throws IOException {
    Path file = plantCsv("plant.csv", 100, 100, 0, false);

    int exit =
        run("detect", "--test", file.toString(), "--train-rows", "80", "--sampling-rate", "PT2S");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .startsWith(
            "target sampling period PT2S is not supported; use one of PT1S, PT5S, PT10S, PT15S,"
                + " PT30S, PT1M, PT5M, PT10M, PT15M, PT30M, PT1H\n");
  }

  @Test
  void an_off_condition_on_an_unknown_sensor_lists_the_sensors() throws IOException {
    Path file = plantCsv("plant.csv", 100, 100, 0, false);

    int exit =
        run(
            "detect",
            "--test",
            file.toString(),
            "--train-rows",
            "80",
            "--off-condition",
            "pump\\flw < 1");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo(
            "vigil: off-condition 'pump\\flw < 1' names sensor 'pump\\flw', which is not in the"
                + " data; available sensors: [pump\\flow, pump\\pressure, motor\\current]\n");
  }
}
