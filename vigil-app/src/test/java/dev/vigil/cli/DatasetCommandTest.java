package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCommandTest {
  static final String DATASET =
      """
      {"name":"pump","id":"ds-1","status":"ACTIVE",
       "schema":{"components":[{"name":"pump","columns":[
         {"name":"Timestamp","type":"DATETIME"},{"name":"Current","type":"DOUBLE"},
         {"name":"Voltage","type":"DOUBLE"}]}]},
       "createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-02T00:00:00Z",
       "dataStart":"2025-12-01T00:00:00Z","dataEnd":"2025-12-31T23:59:00Z",
       "dataQuality":{"totalRows":44640,"missingValues":12,"invalidValues":3,
         "duplicateTimestamps":0,"unsupportedTimestamps":0,"largeGaps":1,
         "monotonicSensors":0,"constantSensors":1},
       "sensorStatistics":[
         {"component":"pump","sensor":"Current","count":44640,"missingValues":12,
          "invalidValues":3,"min":0.5,"max":12.25,"mean":8.123456789,"constant":false,
          "monotonic":false,"largeGaps":1,"dataStart":"2025-12-01T00:00:00Z",
          "dataEnd":"2025-12-31T23:59:00Z"},
         {"component":"pump","sensor":"Voltage","count":44640,"missingValues":0,
          "invalidValues":0,"min":230,"max":230,"mean":230,"constant":true,
          "monotonic":false,"largeGaps":0,"dataStart":"2025-12-01T00:00:00Z",
          "dataEnd":"2025-12-31T23:59:00Z"}]}
      """;

  private final FakeVigil vigil;

  @TempDir Path dir;

  DatasetCommandTest() throws IOException {
    vigil = new FakeVigil();
  }

  @AfterEach
  void stop() {
    vigil.close();
  }

  @Test
  void create_with_components_posts_a_schema_with_a_timestamp_and_double_sensors() {
    vigil.respond(
        "POST",
        "/api/v1/datasets",
        201,
        "{\"name\":\"pump\",\"id\":\"ds-1\",\"status\":\"CREATED\",\"schema\":{\"components\":[]},"
            + "\"createdAt\":\"2026-01-01T00:00:00Z\",\"updatedAt\":\"2026-01-01T00:00:00Z\"}");

    CliRun run =
        CliRun.of(
            "dataset",
            "create",
            "--server",
            vigil.url(),
            "--name",
            "pump",
            "--component",
            "pump:Current, Voltage",
            "--component",
            "motor:Speed");

    assertThat(run.exit()).isZero();
    FakeVigil.Request request = vigil.request();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.uri()).isEqualTo("/api/v1/datasets");
    assertThat(request.contentType()).isEqualTo("application/json");
    assertThat(request.json())
        .isEqualTo(
            CliRun.json(
                """
                {"name":"pump","schema":{"components":[
                  {"name":"pump","columns":[{"name":"Timestamp","type":"DATETIME"},
                    {"name":"Current","type":"DOUBLE"},{"name":"Voltage","type":"DOUBLE"}]},
                  {"name":"motor","columns":[{"name":"Timestamp","type":"DATETIME"},
                    {"name":"Speed","type":"DOUBLE"}]}]}}
                """));
    assertThat(run.out()).isEqualTo("created dataset pump (status CREATED)\n");
  }

  @Test
  void create_with_a_schema_file_sends_the_file_as_the_schema() throws IOException {
    String schema =
        "{\"components\":[{\"name\":\"pump\",\"columns\":[{\"name\":\"Timestamp\","
            + "\"type\":\"DATETIME\"},{\"name\":\"Flow\",\"type\":\"DOUBLE\"}]}]}";
    Path file = Files.writeString(dir.resolve("schema.json"), schema);
    vigil.respond("POST", "/api/v1/datasets", 201, "{\"name\":\"pump\",\"status\":\"CREATED\"}");

    CliRun run =
        CliRun.of(
            "dataset",
            "create",
            "--server",
            vigil.url(),
            "--name",
            "pump",
            "--schema",
            file.toString());

    assertThat(run.exit()).isZero();
    assertThat(vigil.request().json().get("schema")).isEqualTo(CliRun.json(schema));
  }

  @Test
  void a_malformed_component_is_a_usage_error_and_nothing_is_sent() {
    CliRun run =
        CliRun.of(
            "dataset", "create", "--server", vigil.url(), "--name", "pump", "--component", "pump");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--component 'pump' must be COMPONENT:SENSOR");
    assertThat(vigil.requests()).isEmpty();
  }

  @Test
  void create_needs_a_schema_file_or_components_but_not_both() throws IOException {
    Path file = Files.writeString(dir.resolve("schema.json"), "{}");

    assertThat(CliRun.of("dataset", "create", "--server", vigil.url(), "--name", "p").exit())
        .isEqualTo(2);
    assertThat(
            CliRun.of(
                    "dataset",
                    "create",
                    "--server",
                    vigil.url(),
                    "--name",
                    "p",
                    "--schema",
                    file.toString(),
                    "--component",
                    "a:b")
                .exit())
        .isEqualTo(2);
    assertThat(vigil.requests()).isEmpty();
  }

  @Test
  void list_prints_one_aligned_row_per_dataset() {
    vigil.respond(
        "GET",
        "/api/v1/datasets",
        200,
        "{\"datasets\":["
            + DATASET
            + ",{\"name\":\"compressor-7\",\"id\":\"ds-2\","
            + "\"status\":\"CREATED\",\"schema\":{\"components\":[]},"
            + "\"createdAt\":\"2026-01-03T00:00:00Z\",\"updatedAt\":\"2026-01-03T00:00:00Z\"}]}");

    CliRun run = CliRun.of("dataset", "list", "--server", vigil.url());

    assertThat(run.exit()).isZero();
    assertThat(vigil.request().method()).isEqualTo("GET");
    assertThat(run.out())
        .isEqualTo(
            """
            NAME          STATUS   DATA START            DATA END              UPDATED
            pump          ACTIVE   2025-12-01T00:00:00Z  2025-12-31T23:59:00Z  2026-01-02T00:00:00Z
            compressor-7  CREATED  -                     -                     2026-01-03T00:00:00Z
            """);
  }

  @Test
  void list_says_so_when_there_are_no_datasets() {
    vigil.respond("GET", "/api/v1/datasets", 200, "{\"datasets\":[]}");

    assertThat(CliRun.of("dataset", "list", "--server", vigil.url()).out())
        .isEqualTo("no datasets\n");
  }

  @Test
  void describe_shows_status_range_quality_and_the_sensor_statistics_table() {
    vigil.respond("GET", "/api/v1/datasets/pump", 200, DATASET);

    CliRun run = CliRun.of("dataset", "describe", "pump", "--server", vigil.url());

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .isEqualTo(
            """
            Name:       pump
            Id:         ds-1
            Status:     ACTIVE
            Created:    2026-01-01T00:00:00Z
            Updated:    2026-01-02T00:00:00Z
            Data:       2025-12-01T00:00:00Z to 2025-12-31T23:59:00Z
            Components: pump (Current, Voltage)

            Data quality
              Rows:                   44640
              Missing values:         12
              Invalid values:         3
              Duplicate timestamps:   0
              Unsupported timestamps: 0
              Large gaps:             1
              Monotonic sensors:      0
              Constant sensors:       1

            Sensor statistics
            COMPONENT  SENSOR   COUNT  MISSING  INVALID  MIN    MAX     MEAN  CONSTANT  MONOTONIC\
              LARGE GAPS  DATA START            DATA END
            pump       Current  44640       12        3  0.5  12.25  8.12346  no        no       \
                       1  2025-12-01T00:00:00Z  2025-12-31T23:59:00Z
            pump       Voltage  44640        0        0  230    230      230  yes       no       \
                       0  2025-12-01T00:00:00Z  2025-12-31T23:59:00Z
            """);
  }

  @Test
  void describe_with_json_prints_the_servers_json_pretty() {
    vigil.respond("GET", "/api/v1/datasets/pump", 200, DATASET);

    CliRun run = CliRun.of("dataset", "describe", "pump", "--json", "--server", vigil.url());

    assertThat(run.exit()).isZero();
    assertThat(run.outJson()).isEqualTo(CliRun.json(DATASET));
    assertThat(run.out()).startsWith("{\n  \"name\" : \"pump\",\n");
  }

  @Test
  void delete_sends_delete_with_the_name_percent_encoded() {
    vigil.respond("DELETE", "/api/v1/datasets/pump%201%2Fb", 204, "");

    CliRun run = CliRun.of("dataset", "delete", "pump 1/b", "--server", vigil.url());

    assertThat(run.exit()).isZero();
    assertThat(vigil.request().method()).isEqualTo("DELETE");
    assertThat(vigil.request().uri()).isEqualTo("/api/v1/datasets/pump%201%2Fb");
    assertThat(run.out()).isEqualTo("deleted dataset pump 1/b\n");
  }
}
