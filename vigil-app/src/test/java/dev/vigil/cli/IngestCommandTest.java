package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IngestCommandTest {
  private static final String INPUT = "\"input\":{\"bucket\":\"plant\",\"prefix\":\"pump/2025/\"}";
  private static final String STARTED =
      "{\"id\":\"job-7\",\"datasetName\":\"pump\",\"status\":\"IN_PROGRESS\","
          + INPUT
          + ",\"createdAt\":\"2026-01-01T00:00:00Z\",\"updatedAt\":\"2026-01-01T00:00:00Z\","
          + "\"progress\":0,\"ingestedFiles\":[]}";
  private static final String HALF =
      "{\"id\":\"job-7\",\"datasetName\":\"pump\",\"status\":\"IN_PROGRESS\","
          + INPUT
          + ",\"createdAt\":\"2026-01-01T00:00:00Z\",\"updatedAt\":\"2026-01-01T00:00:05Z\","
          + "\"progress\":0.5,\"ingestedFiles\":[{\"key\":\"pump/2025/a.csv\",\"rows\":200}]}";
  private static final String DONE =
      """
      {"id":"job-7","datasetName":"pump","status":"SUCCESS",
       "input":{"bucket":"plant","prefix":"pump/2025/","keyPattern":"{prefix}*.csv"},
       "createdAt":"2026-01-01T00:00:00Z","updatedAt":"2026-01-01T00:00:09Z","progress":1,
       "ingestedFiles":[{"key":"pump/2025/a.csv","rows":200},{"key":"pump/2025/b.csv","rows":100}],
       "dataStart":"2025-12-01T00:00:00Z","dataEnd":"2025-12-01T04:59:00Z",
       "dataQuality":{"totalRows":300,"missingValues":0,"invalidValues":0,
         "duplicateTimestamps":2,"unsupportedTimestamps":0,"largeGaps":0,
         "monotonicSensors":0,"constantSensors":0},
       "sensorStatistics":[{"component":"pump","sensor":"Current","count":300,
         "missingValues":0,"invalidValues":0,"min":1,"max":2,"mean":1.5,"constant":false,
         "monotonic":false,"largeGaps":0,"dataStart":"2025-12-01T00:00:00Z",
         "dataEnd":"2025-12-01T04:59:00Z"}]}
      """;
  private static final String FAILED =
      "{\"id\":\"job-7\",\"datasetName\":\"pump\",\"status\":\"FAILED\","
          + INPUT
          + ",\"failedReason\":\"pump/2025/b.csv line 3: 'abc' is not a number\","
          + "\"createdAt\":\"2026-01-01T00:00:00Z\",\"updatedAt\":\"2026-01-01T00:00:05Z\","
          + "\"progress\":0.5,\"ingestedFiles\":[]}";

  private final FakeVigil vigil;

  IngestCommandTest() throws IOException {
    vigil = new FakeVigil();
  }

  @AfterEach
  void stop() {
    vigil.close();
  }

  @Test
  void ingest_posts_the_job_and_prints_only_its_id() {
    vigil.respond("POST", "/api/v1/ingestion-jobs", 202, STARTED);

    CliRun run =
        CliRun.of(
            "ingest",
            "--server",
            vigil.url(),
            "--dataset",
            "pump",
            "--bucket",
            "plant",
            "--prefix",
            "pump/2025/",
            "--key-pattern",
            "{prefix}*.csv");

    assertThat(run.exit()).isZero();
    assertThat(vigil.request().method()).isEqualTo("POST");
    assertThat(vigil.request().uri()).isEqualTo("/api/v1/ingestion-jobs");
    assertThat(vigil.request().json())
        .isEqualTo(
            CliRun.json(
                "{\"datasetName\":\"pump\",\"input\":{\"bucket\":\"plant\","
                    + "\"prefix\":\"pump/2025/\",\"keyPattern\":\"{prefix}*.csv\"}}"));
    assertThat(run.out()).isEqualTo("job-7\n");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void ingest_leaves_the_key_pattern_out_when_not_given() {
    vigil.respond("POST", "/api/v1/ingestion-jobs", 202, STARTED);

    CliRun.of(
        "ingest",
        "--server",
        vigil.url(),
        "--dataset",
        "pump",
        "--bucket",
        "plant",
        "--prefix",
        "pump/2025/");

    assertThat(vigil.request().json().get("input").has("keyPattern")).isFalse();
  }

  @Test
  void ingest_without_a_dataset_is_a_usage_error_and_nothing_is_sent() {
    CliRun run =
        CliRun.of("ingest", "--server", vigil.url(), "--bucket", "plant", "--prefix", "p/");

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required option: '--dataset'");
    assertThat(vigil.requests()).isEmpty();
  }

  @Test
  void wait_shows_progress_on_stderr_until_the_job_succeeds() {
    vigil
        .respond("POST", "/api/v1/ingestion-jobs", 202, STARTED)
        .respond("GET", "/api/v1/ingestion-jobs/job-7", 200, STARTED)
        .respond("GET", "/api/v1/ingestion-jobs/job-7", 200, HALF)
        .respond("GET", "/api/v1/ingestion-jobs/job-7", 200, HALF)
        .respond("GET", "/api/v1/ingestion-jobs/job-7", 200, DONE);

    CliRun run =
        CliRun.of(
            "ingest",
            "--server",
            vigil.url(),
            "--poll-interval-ms",
            "0",
            "--dataset",
            "pump",
            "--bucket",
            "plant",
            "--prefix",
            "pump/2025/",
            "--wait");

    assertThat(run.exit()).isZero();
    assertThat(run.out()).isEqualTo("job-7\n");
    assertThat(run.err())
        .isEqualTo(
            """
            ingestion job job-7: IN_PROGRESS 0%
            ingestion job job-7: IN_PROGRESS 50%
            ingestion job job-7: SUCCESS 100%
            ingested 2 files, 300 rows into pump
            """);
    assertThat(vigil.requests())
        .extracting(r -> r.method() + " " + r.uri())
        .containsExactly(
            "POST /api/v1/ingestion-jobs",
            "GET /api/v1/ingestion-jobs/job-7",
            "GET /api/v1/ingestion-jobs/job-7",
            "GET /api/v1/ingestion-jobs/job-7",
            "GET /api/v1/ingestion-jobs/job-7");
  }

  @Test
  void wait_exits_1_with_the_reason_when_the_job_fails() {
    vigil
        .respond("POST", "/api/v1/ingestion-jobs", 202, STARTED)
        .respond("GET", "/api/v1/ingestion-jobs/job-7", 200, HALF)
        .respond("GET", "/api/v1/ingestion-jobs/job-7", 200, FAILED);

    CliRun run =
        CliRun.of(
            "ingest",
            "--server",
            vigil.url(),
            "--poll-interval-ms",
            "0",
            "--dataset",
            "pump",
            "--bucket",
            "plant",
            "--prefix",
            "pump/2025/",
            "--wait");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).isEqualTo("job-7\n");
    assertThat(run.err())
        .isEqualTo(
            """
            ingestion job job-7: IN_PROGRESS 0%
            ingestion job job-7: IN_PROGRESS 50%
            ingestion job job-7: FAILED 50%
            vigil: ingestion job job-7 failed: pump/2025/b.csv line 3: 'abc' is not a number
            """);
  }

  @Test
  void wait_with_json_prints_the_finished_job() {
    vigil
        .respond("POST", "/api/v1/ingestion-jobs", 202, STARTED)
        .respond("GET", "/api/v1/ingestion-jobs/job-7", 200, DONE);

    CliRun run =
        CliRun.of(
            "ingest",
            "--server",
            vigil.url(),
            "--poll-interval-ms",
            "0",
            "--json",
            "--dataset",
            "pump",
            "--bucket",
            "plant",
            "--prefix",
            "pump/2025/",
            "--wait");

    assertThat(run.exit()).isZero();
    assertThat(run.outJson()).isEqualTo(CliRun.json(DONE));
  }

  @Test
  void status_shows_the_job_its_files_and_the_data_quality() {
    vigil.respond("GET", "/api/v1/ingestion-jobs/job-7", 200, DONE);

    CliRun run = CliRun.of("ingest", "status", "job-7", "--server", vigil.url());

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .startsWith(
            """
            Id:       job-7
            Dataset:  pump
            Status:   SUCCESS
            Progress: 100%
            Input:    s3://plant/pump/2025/ (keys matching {prefix}*.csv)
            Created:  2026-01-01T00:00:00Z
            Updated:  2026-01-01T00:00:09Z
            Data:     2025-12-01T00:00:00Z to 2025-12-01T04:59:00Z

            FILE             ROWS
            pump/2025/a.csv   200
            pump/2025/b.csv   100

            Data quality
              Rows:                   300
            """)
        .contains("  Duplicate timestamps:   2\n")
        .contains("\nSensor statistics\nCOMPONENT  SENSOR   COUNT")
        .contains("\npump       Current    300");
  }

  @Test
  void status_of_a_failed_job_shows_the_reason() {
    vigil.respond("GET", "/api/v1/ingestion-jobs/job-7", 200, FAILED);

    CliRun run = CliRun.of("ingest", "status", "job-7", "--server", vigil.url());

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .contains("Status:        FAILED\n")
        .contains("Failed reason: pump/2025/b.csv line 3: 'abc' is not a number\n");
  }

  @Test
  void list_filters_by_dataset_with_a_query_parameter_and_prints_a_table() {
    vigil.respond(
        "GET",
        "/api/v1/ingestion-jobs?datasetName=pump",
        200,
        "{\"jobs\":[" + HALF + "," + DONE + "]}");

    CliRun run = CliRun.of("ingest", "list", "--dataset", "pump", "--server", vigil.url());

    assertThat(run.exit()).isZero();
    assertThat(vigil.request().uri()).isEqualTo("/api/v1/ingestion-jobs?datasetName=pump");
    assertThat(run.out())
        .isEqualTo(
            """
            ID     DATASET  STATUS       PROGRESS  CREATED               UPDATED
            job-7  pump     IN_PROGRESS       50%  2026-01-01T00:00:00Z  2026-01-01T00:00:05Z
            job-7  pump     SUCCESS          100%  2026-01-01T00:00:00Z  2026-01-01T00:00:09Z
            """);
  }

  @Test
  void list_without_a_dataset_asks_for_all_jobs() {
    vigil.respond("GET", "/api/v1/ingestion-jobs", 200, "{\"jobs\":[]}");

    CliRun run = CliRun.of("ingest", "list", "--server", vigil.url());

    assertThat(run.out()).isEqualTo("no ingestion jobs\n");
    assertThat(vigil.request().uri()).isEqualTo("/api/v1/ingestion-jobs");
  }
}
