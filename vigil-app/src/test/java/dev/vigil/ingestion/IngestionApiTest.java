package dev.vigil.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.engine.data.SensorTable;
import dev.vigil.engine.synthetic.LookoutCsvWriter;
import dev.vigil.engine.synthetic.SensorNaming;
import dev.vigil.engine.synthetic.SyntheticPlant;
import dev.vigil.storage.Database;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingestion over the HTTP API of a real server, reading files from the folder object store. */
class IngestionApiTest {
  private static final String SCHEMA =
      "{\"components\":[{\"name\":\"pump\",\"columns\":[{\"name\":\"Timestamp\",\"type\":\"DATETIME\"},"
          + "{\"name\":\"current\",\"type\":\"DOUBLE\"},{\"name\":\"vibration\",\"type\":\"DOUBLE\"}]},"
          + "{\"name\":\"motor\",\"columns\":[{\"name\":\"Timestamp\",\"type\":\"DATETIME\"},"
          + "{\"name\":\"current\",\"type\":\"DOUBLE\"},{\"name\":\"vibration\",\"type\":\"DOUBLE\"}]}]}";

  @TempDir Path dataDirectory;
  private TestApi api;

  @BeforeEach
  void startServer() {
    api = TestApi.start(dataDirectory);
    TestApi.Response created =
        api.post("/api/v1/datasets", "{\"name\":\"pump-7\",\"schema\":" + SCHEMA + "}");
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
  }

  @AfterEach
  void stopServer() {
    api.close();
  }

  /** Writes a 2-component plant of {@code rows} rows under {@code plant/<prefix><component>/}. */
  private SensorTable writePlant(String prefix, int rows, Instant start) {
    SyntheticPlant plant =
        SyntheticPlant.builder()
            .components(2)
            .sensorsPerComponent(2)
            .naming(SensorNaming.DESCRIPTIVE)
            .samplePeriod(Duration.ofMinutes(1))
            .start(start)
            .build();
    SensorTable table = plant.generate(rows).table();
    Path folder = api.bucket("plant").resolve(prefix);
    List<Path> files = LookoutCsvWriter.write(table, folder);
    for (Path file : files) {
      String component = file.getFileName().toString().replace(".csv", "");
      move(file, folder.resolve(component).resolve("data.csv"));
    }
    return table;
  }

  private static void move(Path from, Path to) {
    try {
      Files.createDirectories(to.getParent());
      Files.move(from, to);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private void writeFile(String key, String... lines) throws IOException {
    Path file = api.bucket("plant").resolve(key);
    Files.createDirectories(file.getParent());
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
  }

  private JsonNode ingestBaseline() {
    writePlant("base/", 1_000, Instant.parse("2024-01-01T00:00:00Z"));
    JsonNode job = api.ingest("pump-7", "plant", "base/", null);
    assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("SUCCESS");
    return job;
  }

  /** The dataset still shows the baseline job as its data after a failed ingestion. */
  private void assertBaselineStillActive(JsonNode baseline) {
    JsonNode dataset = api.get("/api/v1/datasets/pump-7").body();
    assertThat(dataset.get("status").asText()).isEqualTo("ACTIVE");
    assertThat(dataset.get("activeIngestionJobId").asText()).isEqualTo(baseline.get("id").asText());
    assertThat(dataset.get("dataStart").asText()).isEqualTo("2024-01-01T00:00:00Z");
    assertThat(dataset.get("dataEnd").asText()).isEqualTo("2024-01-01T16:39:00Z");
    assertThat(dataset.get("dataQuality").get("totalRows").asLong()).isEqualTo(2_000);
  }

  @Test
  void ingested_files_become_the_active_data_with_quality_and_statistics() {
    JsonNode job = ingestBaseline();

    assertThat(job.get("progress").asDouble()).isEqualTo(1.0);
    assertThat(job.get("input").get("keyPattern").asText()).isEqualTo("{prefix}/{component}/*");
    assertThat(job.get("ingestedFiles").toString())
        .isEqualTo(
            "[{\"key\":\"base/pump/data.csv\",\"rows\":1000},"
                + "{\"key\":\"base/motor/data.csv\",\"rows\":1000}]");
    assertThat(job.get("dataStart").asText()).isEqualTo("2024-01-01T00:00:00Z");
    assertThat(job.get("dataEnd").asText()).isEqualTo("2024-01-01T16:39:00Z");
    JsonNode quality = job.get("dataQuality");
    assertThat(quality.get("totalRows").asLong()).isEqualTo(2_000);
    assertThat(quality.get("missingValues").asLong()).isZero();
    assertThat(quality.get("invalidValues").asLong()).isZero();
    assertThat(quality.get("duplicateTimestamps").asLong()).isZero();
    assertThat(quality.get("unsupportedTimestamps").asLong()).isZero();
    assertThat(quality.get("largeGaps").asLong()).isZero();
    assertThat(quality.get("constantSensors").asInt()).isZero();
    JsonNode statistics = job.get("sensorStatistics");
    assertThat(statistics).hasSize(4);
    assertThat(statistics.get(0).get("component").asText()).isEqualTo("pump");
    assertThat(statistics.get(0).get("sensor").asText()).isEqualTo("current");
    assertThat(statistics.get(0).get("count").asLong()).isEqualTo(1_000);
    assertThat(statistics.get(0).get("dataStart").asText()).isEqualTo("2024-01-01T00:00:00Z");

    JsonNode dataset = api.get("/api/v1/datasets/pump-7").body();
    assertThat(dataset.get("status").asText()).isEqualTo("ACTIVE");
    assertThat(dataset.get("activeIngestionJobId").asText()).isEqualTo(job.get("id").asText());
    assertThat(dataset.get("dataQuality")).isEqualTo(quality);
    assertThat(dataset.get("sensorStatistics")).isEqualTo(statistics);

    JsonNode jobs = api.get("/api/v1/ingestion-jobs?datasetName=pump-7").body().get("jobs");
    assertThat(jobs).hasSize(1);
    assertThat(jobs.get(0).get("id")).isEqualTo(job.get("id"));
  }

  @Test
  void a_second_ingestion_replaces_the_data_and_jobs_are_listed_newest_first() {
    JsonNode first = ingestBaseline();
    writePlant("later/", 500, Instant.parse("2024-02-01T00:00:00Z"));

    JsonNode second = api.ingest("pump-7", "plant", "later/", "{prefix}/{component}/*");

    assertThat(second.get("status").asText()).isEqualTo("SUCCESS");
    JsonNode dataset = api.get("/api/v1/datasets/pump-7").body();
    assertThat(dataset.get("activeIngestionJobId")).isEqualTo(second.get("id"));
    assertThat(dataset.get("dataStart").asText()).isEqualTo("2024-02-01T00:00:00Z");
    JsonNode jobs = api.get("/api/v1/ingestion-jobs?datasetName=pump-7").body().get("jobs");
    assertThat(jobs)
        .extracting(j -> j.get("id"))
        .containsExactly(second.get("id"), first.get("id"));
  }

  @Test
  void files_beside_the_component_name_are_read_with_a_delimiter_pattern() throws IOException {
    writeFile("flat/pump_20240101.csv", "Timestamp,current,vibration", "2024-01-01T00:00:00Z,1,2");
    writeFile("flat/pump_20240102.csv", "Timestamp,current,vibration", "1704153600,3,4");
    writeFile(
        "flat/motor_20240101.csv",
        "Timestamp,vibration,current,extra",
        "2024-01-01 00:00:00.500,5,6,7");

    JsonNode job = api.ingest("pump-7", "plant", "flat", "{prefix}/{component_name}_*");

    assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("SUCCESS");
    assertThat(job.get("ingestedFiles"))
        .extracting(f -> f.get("key").asText())
        .containsExactly(
            "flat/pump_20240101.csv", "flat/pump_20240102.csv", "flat/motor_20240101.csv");
    JsonNode motorCurrent = job.get("sensorStatistics").get(2);
    assertThat(motorCurrent.get("sensor").asText()).isEqualTo("current");
    assertThat(motorCurrent.get("min").asDouble()).isEqualTo(6.0);
    assertThat(job.get("dataEnd").asText()).isEqualTo("2024-01-02T00:00:00Z");
  }

  @Test
  void bad_cells_and_timestamps_are_counted_and_described_in_the_quality_summary()
      throws IOException {
    writeFile(
        "messy/pump/a.csv",
        "Timestamp,current,vibration",
        "2024-01-01 00:00:00,1,",
        "not-a-time,2,2",
        "2024-01-01 00:01:00,abc,3",
        "2024-01-01 00:01:00,9,9",
        "2024-01-01 00:02:00,4,4",
        "2024-01-01 01:00:00,5,5");
    writeFile("messy/motor/a.csv", "Timestamp,current,vibration", "2024-01-01 00:00:00,7,1");

    JsonNode job = api.ingest("pump-7", "plant", "messy/", null);

    assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("SUCCESS");
    JsonNode quality = job.get("dataQuality");
    assertThat(quality.get("totalRows").asLong()).isEqualTo(5);
    assertThat(quality.get("missingValues").asLong()).isEqualTo(1);
    assertThat(quality.get("invalidValues").asLong()).isEqualTo(1);
    assertThat(quality.get("unsupportedTimestamps").asLong()).isEqualTo(1);
    assertThat(quality.get("duplicateTimestamps").asLong()).isEqualTo(1);
    assertThat(quality.get("largeGaps").asLong()).isEqualTo(2);
    assertThat(quality.get("monotonicSensors").asInt()).isEqualTo(2);
    assertThat(quality.get("constantSensors").asInt()).isEqualTo(2);
    assertThat(quality.get("issues"))
        .extracting(JsonNode::asText)
        .containsExactly(
            "s3://plant/messy/pump/a.csv line 3: 'not-a-time' is not a timestamp in a supported"
                + " format: use yyyy-MM-dd HH:mm:ss with an optional fraction, ISO 8601"
                + " (2020-03-09T10:14:33.5+01:00), yyyy/MM/dd HH:mm:ss, yyyy-MM-dd HH:mm, epoch"
                + " seconds or 13-digit epoch milliseconds",
            "s3://plant/messy/pump/a.csv line 4 column 'current': 'abc' is not a finite number");
    JsonNode pumpCurrent = job.get("sensorStatistics").get(0);
    assertThat(pumpCurrent.get("count").asLong()).isEqualTo(3);
    assertThat(pumpCurrent.get("invalidValues").asLong()).isEqualTo(1);
    assertThat(pumpCurrent.get("monotonic").asBoolean()).isTrue();
    assertThat(pumpCurrent.get("mean").asDouble()).isEqualTo(10.0 / 3);
  }

  @Test
  void a_component_without_files_fails_the_job_and_keeps_the_data_ingested_before()
      throws IOException {
    JsonNode baseline = ingestBaseline();
    writeFile("partial/pump/a.csv", "Timestamp,current,vibration", "2024-03-01 00:00:00,1,2");

    JsonNode job = api.ingest("pump-7", "plant", "partial/", null);

    assertThat(job.get("status").asText()).isEqualTo("FAILED");
    assertThat(job.get("failedReason").asText())
        .isEqualTo(
            "component 'motor' has no file: expected s3://plant/partial/motor/* (key pattern"
                + " {prefix}/{component}/*)");
    assertBaselineStillActive(baseline);
  }

  @Test
  void a_missing_sensor_column_fails_the_job_naming_file_and_column() throws IOException {
    JsonNode baseline = ingestBaseline();
    writeFile("nocol/pump/a.csv", "Timestamp,current,vibration", "2024-03-01 00:00:00,1,2");
    writeFile("nocol/motor/a.csv", "Timestamp,current", "2024-03-01 00:00:00,1");

    JsonNode job = api.ingest("pump-7", "plant", "nocol/", null);

    assertThat(job.get("failedReason").asText())
        .isEqualTo(
            "s3://plant/nocol/motor/a.csv: column 'vibration' of component 'motor' is missing;"
                + " the header has Timestamp, current");
    assertBaselineStillActive(baseline);
  }

  @Test
  void a_component_whose_timestamps_are_all_unreadable_fails_the_job() throws IOException {
    JsonNode baseline = ingestBaseline();
    writeFile("badtime/pump/a.csv", "Timestamp,current,vibration", "2024-03-01 00:00:00,1,2");
    writeFile("badtime/motor/a.csv", "Timestamp,current,vibration", "2024-02-30 00:00:00,1,2");

    JsonNode job = api.ingest("pump-7", "plant", "badtime/", null);

    assertThat(job.get("failedReason").asText())
        .isEqualTo(
            "component 'motor' has no row with a readable timestamp in its 1 file(s); first"
                + " problem: s3://plant/badtime/motor/a.csv line 2: '2024-02-30 00:00:00' is not"
                + " a valid date and time");
    assertBaselineStillActive(baseline);
  }

  @Test
  void empty_files_and_text_that_is_not_utf8_fail_the_job() throws IOException {
    JsonNode baseline = ingestBaseline();
    writeFile("broken/pump/a.csv", "Timestamp,current,vibration", "2024-03-01 00:00:00,1,2");
    Path empty = api.bucket("plant").resolve("broken/motor/a.csv");
    Files.createDirectories(empty.getParent());
    Files.write(empty, new byte[0]);
    assertThat(api.ingest("pump-7", "plant", "broken/", null).get("failedReason").asText())
        .isEqualTo("s3://plant/broken/motor/a.csv: the file is empty; it needs a header line");

    byte[] header = "Timestamp,current,vibration\n".getBytes(StandardCharsets.UTF_8);
    byte[] notUtf8 = java.util.Arrays.copyOf(header, header.length + 2);
    notUtf8[header.length] = (byte) 0xC3;
    notUtf8[header.length + 1] = (byte) 0x28;
    Files.write(empty, notUtf8);
    assertThat(api.ingest("pump-7", "plant", "broken/", null).get("failedReason").asText())
        .isEqualTo("s3://plant/broken/motor/a.csv: the file is not UTF-8 text");
    assertBaselineStillActive(baseline);
  }

  @Test
  void a_missing_bucket_fails_the_job() {
    JsonNode job = api.ingest("pump-7", "nobucket", "", null);

    assertThat(job.get("failedReason").asText())
        .isEqualTo("cannot list the input files: bucket 'nobucket' does not exist");
    assertThat(api.get("/api/v1/datasets/pump-7").body().get("status").asText())
        .isEqualTo("CREATED");
  }

  @Test
  void bad_requests_get_a_400_naming_the_field_and_the_rule() {
    String path = "/api/v1/ingestion-jobs";
    TestApi.Response traversal =
        api.post(
            path,
            "{\"datasetName\":\"pump-7\",\"input\":{\"bucket\":\"plant\",\"prefix\":\"a/../../etc/\"}}");
    assertThat(traversal.status()).isEqualTo(400);
    assertThat(traversal.field()).isEqualTo("input.prefix");
    assertThat(traversal.message())
        .isEqualTo("key 'a/../../etc/' must not contain '.' or '..' segments");

    TestApi.Response bucket =
        api.post(path, "{\"datasetName\":\"pump-7\",\"input\":{\"bucket\":\"Plant_1\"}}");
    assertThat(bucket.field()).isEqualTo("input.bucket");
    assertThat(bucket.message())
        .isEqualTo(
            "bucket 'Plant_1' is not a valid bucket name (3 to 63 lower-case letters, digits,"
                + " dots and dashes)");

    TestApi.Response pattern =
        api.post(
            path,
            "{\"datasetName\":\"pump-7\",\"input\":{\"bucket\":\"plant\",\"keyPattern\":\"{prefix}/*\"}}");
    assertThat(pattern.field()).isEqualTo("input.keyPattern");
    assertThat(pattern.message())
        .isEqualTo(
            "key pattern '{prefix}/*' is not supported: use {prefix}/{component}/*,"
                + " {prefix}/{component}_*, {prefix}/{component}-*, {prefix}/{component}.* or"
                + " {prefix}/{component} *");

    TestApi.Response missing = api.post(path, "{\"datasetName\":\"pump-7\"}");
    assertThat(missing.field()).isEqualTo("input");
    assertThat(missing.message()).isEqualTo("field 'input' is required");

    TestApi.Response unknown =
        api.post(path, "{\"datasetName\":\"pump-7\",\"input\":{\"bucket\":\"plant\",\"x\":1}}");
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.field()).isEqualTo("input.x");

    TestApi.Response wrongType =
        api.post(path, "{\"datasetName\":7,\"input\":{\"bucket\":\"plant\"}}");
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.field()).isEqualTo("datasetName");

    TestApi.Response malformed = api.post(path, "{\"datasetName\":");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.message()).startsWith("malformed JSON");

    TestApi.Response noDataset =
        api.post(path, "{\"datasetName\":\"nope\",\"input\":{\"bucket\":\"plant\"}}");
    assertThat(noDataset.status()).isEqualTo(404);
    assertThat(noDataset.message()).isEqualTo("dataset 'nope' does not exist");

    assertThat(api.get("/api/v1/ingestion-jobs/nope").message())
        .isEqualTo("ingestion job 'nope' does not exist");
    assertThat(api.get("/api/v1/ingestion-jobs?datasetName=pump-7").body().get("jobs")).isEmpty();
  }

  @Test
  void a_job_running_when_vigil_stopped_is_failed_at_the_next_start() {
    api.close();
    try (Database database = Database.open(Database.embeddedUrl(dataDirectory), "sa", "")) {
      database
          .jdbi()
          .useHandle(
              handle -> {
                String datasetId =
                    handle
                        .createQuery("SELECT id FROM datasets WHERE name = 'pump-7'")
                        .mapTo(String.class)
                        .one();
                handle.execute(
                    "INSERT INTO ingestion_jobs (id, dataset_id, dataset_name, status, input_json,"
                        + " created_at, updated_at, progress) VALUES ('job-1', ?, 'pump-7',"
                        + " 'IN_PROGRESS', '{\"bucket\":\"plant\",\"prefix\":\"\",\"keyPattern\":"
                        + "\"{prefix}/{component}/*\"}', 0, 0, 0.5)",
                    datasetId);
                handle.execute(
                    "UPDATE datasets SET running_ingestion_job_id = 'job-1' WHERE id = ?",
                    datasetId);
              });
    }

    api = TestApi.start(dataDirectory);

    JsonNode job = api.get("/api/v1/ingestion-jobs/job-1").body();
    assertThat(job.get("status").asText()).isEqualTo("FAILED");
    assertThat(job.get("failedReason").asText())
        .isEqualTo("Vigil stopped while the job ran; start it again");
    assertThat(api.get("/api/v1/datasets/pump-7").body().get("status").asText())
        .isEqualTo("CREATED");
  }

  @Test
  void a_file_of_a_million_rows_is_streamed_into_the_dataset() throws IOException {
    Path pump = api.bucket("plant").resolve("huge/pump/data.csv");
    Files.createDirectories(pump.getParent());
    long start = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond();
    try (BufferedWriter out = Files.newBufferedWriter(pump, StandardCharsets.UTF_8)) {
      out.write("Timestamp,current,vibration,pressure\n");
      for (int row = 0; row < 1_000_000; row++) {
        out.write(Long.toString(start + row));
        out.write(',');
        out.write(Integer.toString(row % 97));
        out.write(',');
        out.write(Integer.toString(row % 13));
        out.write(",1.5\n");
      }
    }
    writeFile("huge/motor/data.csv", "Timestamp,current,vibration", "1704067200,1,2");

    JsonNode job = api.ingest("pump-7", "plant", "huge/", null);

    assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("SUCCESS");
    assertThat(job.get("ingestedFiles").get(0).get("rows").asLong()).isEqualTo(1_000_000);
    assertThat(job.get("dataQuality").get("totalRows").asLong()).isEqualTo(1_000_001);
    assertThat(job.get("dataEnd").asText()).isEqualTo("2024-01-12T13:46:39Z");
  }
}
