package dev.vigil.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.data.SensorTable;
import dev.vigil.request.ConflictException;
import dev.vigil.storage.Database;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dataset service and its repository against a database; subclasses give the database (the
 * embedded H2 here, PostgreSQL in CI), so the same tests run on both.
 */
abstract class DatasetStorageContract {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  private final List<DatasetUsage> usages = new CopyOnWriteArrayList<>();
  private DatasetService service;

  private Database database;

  /** Opens a freshly migrated database, empty of datasets; the test closes it. */
  abstract Database openDatabase();

  Database database() {
    return database;
  }

  @AfterEach
  void closeDatabase() {
    database.close();
  }

  @BeforeEach
  void createDataset() {
    database = openDatabase();
    service = new DatasetService(database(), CLOCK, usages);
    DatasetSchema schema =
        new DatasetSchema(
            List.of(component("pump", "current", "vibration"), component("motor", "temperature")));
    service.create(new CreateDatasetRequest("pump-7", schema));
  }

  private static DatasetSchema.Component component(String name, String... sensors) {
    List<DatasetSchema.Column> columns = new java.util.ArrayList<>();
    columns.add(new DatasetSchema.Column("Timestamp", DatasetSchema.ColumnType.DATETIME));
    for (String sensor : sensors) {
      columns.add(new DatasetSchema.Column(sensor, DatasetSchema.ColumnType.DOUBLE));
    }
    return new DatasetSchema.Component(name, columns);
  }

  /** Ingests rows as a job would: begin, write chunks, activate. */
  private String ingest(String jobId, long[] pumpTimes, long[] motorTimes) {
    Dataset dataset =
        database().jdbi().inTransaction(handle -> service.beginIngestion(handle, "pump-7", jobId));
    double[][] pump = {values(pumpTimes, 1), values(pumpTimes, 2)};
    service.writeChunk(dataset.id(), jobId, "pump", 0, pumpTimes, pump, 0, pumpTimes.length);
    double[][] motor = {values(motorTimes, 3)};
    service.writeChunk(dataset.id(), jobId, "motor", 0, motorTimes, motor, 0, motorTimes.length);
    return dataset.id();
  }

  private static double[] values(long[] times, double scale) {
    double[] values = new double[times.length];
    for (int i = 0; i < times.length; i++) {
      values[i] = scale * times[i];
    }
    return values;
  }

  private void activate(String datasetId, String jobId, long start, long end) {
    database()
        .jdbi()
        .useTransaction(handle -> service.activate(handle, datasetId, jobId, start, end, "{}"));
  }

  @Test
  void activated_chunks_are_read_back_aligned_on_the_union_of_timestamps() {
    String datasetId = ingest("job-1", new long[] {10, 20, 30}, new long[] {20, 40});
    activate(datasetId, "job-1", 10, 40);

    SensorTable table = service.read("pump-7", 15, 40);

    assertThat(table.sensorNames())
        .containsExactly("pump\\current", "pump\\vibration", "motor\\temperature");
    assertThat(table.timestamps()).containsExactly(20, 30);
    assertThat(table.column(0)).containsExactly(20, 30);
    assertThat(table.column(1)).containsExactly(40, 60);
    assertThat(table.column(2)[0]).isEqualTo(60);
    assertThat(table.column(2)[1]).isNaN();
    DatasetInfo info = service.info("pump-7");
    assertThat(info.hasData()).isTrue();
    assertThat(info.dataStartMillis()).isEqualTo(10);
    assertThat(info.dataEndMillis()).isEqualTo(40);
  }

  @Test
  void an_abandoned_job_leaves_the_active_data_untouched() {
    String datasetId = ingest("job-1", new long[] {10, 20}, new long[] {10});
    activate(datasetId, "job-1", 10, 20);
    ingest("job-2", new long[] {100, 200}, new long[] {100});

    assertThat(service.get("pump-7").status()).isEqualTo("INGESTION_IN_PROGRESS");
    database().jdbi().useTransaction(handle -> service.abandon(handle, datasetId, "job-2"));

    assertThat(service.get("pump-7").status()).isEqualTo("ACTIVE");
    assertThat(service.read("pump-7", 0, 1_000).timestamps()).containsExactly(10, 20);
    int chunks =
        database()
            .jdbi()
            .withHandle(
                handle ->
                    handle
                        .createQuery("SELECT COUNT(*) FROM dataset_chunks")
                        .mapTo(Integer.class)
                        .one());
    assertThat(chunks).isEqualTo(2);
  }

  @Test
  void a_dataset_without_data_reads_as_an_empty_table() {
    assertThat(service.info("pump-7").hasData()).isFalse();
    assertThat(service.read("pump-7", 0, 1_000).rowCount()).isZero();
  }

  @Test
  void a_dataset_in_use_is_not_deleted_and_the_users_are_named() {
    usages.add(datasetId -> List.of("model pump-7-model"));
    usages.add(datasetId -> List.of("scheduler pump-7-live"));

    assertThatThrownBy(() -> service.delete("pump-7"))
        .isInstanceOf(ConflictException.class)
        .hasMessage(
            "dataset 'pump-7' is used by model pump-7-model, scheduler pump-7-live; delete them"
                + " first");
    usages.clear();
    service.delete("pump-7");
    assertThatThrownBy(() -> service.info("pump-7")).hasMessage("dataset 'pump-7' does not exist");
  }

  @Test
  void a_second_ingestion_is_refused_while_one_runs() {
    ingest("job-1", new long[] {10}, new long[] {10});

    assertThatThrownBy(
            () ->
                database()
                    .jdbi()
                    .useTransaction(handle -> service.beginIngestion(handle, "pump-7", "job-2")))
        .hasMessage(
            "dataset 'pump-7' is already being ingested by job job-1; start another ingestion"
                + " once it has ended");
    assertThatThrownBy(() -> service.delete("pump-7"))
        .hasMessage(
            "dataset 'pump-7' is being ingested by job job-1; delete it once the job has ended");
  }
}
