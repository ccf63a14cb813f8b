package dev.vigil.ingestion;

import dev.vigil.dataset.ChunkCodec;
import dev.vigil.dataset.Dataset;
import dev.vigil.dataset.DatasetSchema;
import dev.vigil.dataset.DatasetService;
import dev.vigil.engine.VigilException;
import dev.vigil.jobs.WorkerPool;
import dev.vigil.objectstore.ObjectStore;
import dev.vigil.objectstore.ObjectStoreException;
import dev.vigil.request.BusyException;
import dev.vigil.request.ConflictException;
import dev.vigil.request.InvalidRequestException;
import dev.vigil.request.NotFoundException;
import dev.vigil.request.RequiredFields;
import dev.vigil.storage.Database;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingestion jobs: reads a dataset's CSV files from the object store on the worker pool, checks and
 * measures them, and stores them as the dataset's data.
 *
 * <p>A job reads one component at a time: every file that matches the key pattern, merged in time
 * order, then written as compressed chunks that stay invisible until the job succeeds, when the
 * dataset switches to them in the same transaction that marks the job SUCCESS. A job that fails, or
 * that was running when Vigil stopped ({@link #failInterruptedJobs()}), has its chunks removed; the
 * data ingested before stays the dataset's data.
 *
 * <p>Thread-safe: state lives in the database; each job runs on one worker thread.
 */
public final class IngestionService {
  private static final Logger LOG = LoggerFactory.getLogger(IngestionService.class);

  /** The failure reason of a job that was running when Vigil stopped. */
  static final String INTERRUPTED_REASON = "Vigil stopped while the job ran; start it again";

  private final Database database;
  private final ObjectStore objects;
  private final WorkerPool workers;
  private final Clock clock;
  private final DatasetService datasets;
  private final IngestionRepository repository = new IngestionRepository();

  public IngestionService(
      Database database,
      ObjectStore objects,
      WorkerPool workers,
      Clock clock,
      DatasetService datasets) {
    this.database = Objects.requireNonNull(database, "database");
    this.objects = Objects.requireNonNull(objects, "objects");
    this.workers = Objects.requireNonNull(workers, "workers");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.datasets = Objects.requireNonNull(datasets, "datasets");
  }

  /**
   * Marks every job left IN_PROGRESS by a previous run as FAILED and removes what it had written.
   * Call once at start-up, before jobs are accepted.
   *
   * @return how many jobs were marked
   */
  public int failInterruptedJobs() {
    List<IngestionJob> interrupted = database.jdbi().withHandle(repository::inProgress);
    for (IngestionJob job : interrupted) {
      LOG.warn(
          "ingestion job {} of dataset {} was running when Vigil stopped; marking it FAILED",
          job.id(),
          job.datasetName());
      database
          .jdbi()
          .useTransaction(
              handle -> {
                repository.fail(handle, job.id(), INTERRUPTED_REASON, clock.millis());
                datasets.abandon(handle, job.datasetId(), job.id());
              });
    }
    return interrupted.size();
  }

  /**
   * Validates the request, records the job as IN_PROGRESS and queues it; answers the job as the API
   * shows it.
   *
   * @throws InvalidRequestException naming the field at fault
   * @throws NotFoundException for an unknown dataset
   * @throws ConflictException while another ingestion of the dataset runs
   * @throws BusyException when the worker queue is full
   */
  public IngestionJobView start(StartIngestionRequest request) {
    RequiredFields.required(request.datasetName(), "datasetName");
    IngestionInput input = RequiredFields.required(request.input(), "input").validated("input");
    String jobId = UUID.randomUUID().toString();
    long now = clock.millis();
    IngestionJob job =
        database
            .jdbi()
            .inTransaction(
                handle -> {
                  Dataset dataset = datasets.beginIngestion(handle, request.datasetName(), jobId);
                  IngestionJob created =
                      new IngestionJob(
                          jobId,
                          dataset.id(),
                          dataset.name(),
                          JobStatus.IN_PROGRESS,
                          input,
                          null,
                          now,
                          now,
                          0,
                          null,
                          null,
                          new IngestionResult(List.of(), null, null));
                  repository.insert(handle, created);
                  return created;
                });
    try {
      workers.submit("ingestion " + jobId + " of dataset " + job.datasetName(), () -> run(job));
    } catch (RejectedExecutionException e) {
      fail(job, "Vigil is too busy to queue the job; start it again later");
      throw new BusyException("too many jobs are waiting; start the ingestion again later");
    }
    return IngestionJobView.of(job);
  }

  /**
   * The job of that id, as the API shows it.
   *
   * @throws NotFoundException when there is none
   */
  public IngestionJobView get(String id) {
    return IngestionJobView.of(
        database
            .jdbi()
            .withHandle(handle -> repository.find(handle, id))
            .orElseThrow(() -> new NotFoundException("ingestion job '" + id + "' does not exist")));
  }

  /**
   * Jobs of the named dataset, or of every dataset when the name is null; newest first, as the API
   * shows them.
   *
   * @throws NotFoundException when the named dataset does not exist
   */
  public List<IngestionJobView> list(String datasetName) {
    String datasetId = datasetName == null ? null : datasets.get(datasetName).id();
    return database.jdbi().withHandle(handle -> repository.list(handle, datasetId)).stream()
        .map(IngestionJobView::of)
        .toList();
  }

  /** Runs a job to its end; every failure becomes the job's reason. */
  private void run(IngestionJob job) {
    try {
      ingest(job);
    } catch (VigilException e) {
      LOG.info(
          "ingestion job {} of dataset {} failed: {}", job.id(), job.datasetName(), e.getMessage());
      fail(job, e.getMessage());
    } catch (IOException e) {
      fail(job, "cannot read the input: " + e.getMessage());
    } catch (RuntimeException e) {
      String errorId = UUID.randomUUID().toString().substring(0, 8);
      LOG.error("ingestion job {} failed unexpectedly, error id {}", job.id(), errorId, e);
      fail(job, "internal error; the server log has error id " + errorId);
    }
  }

  private void fail(IngestionJob job, String reason) {
    database
        .jdbi()
        .useTransaction(
            handle -> {
              repository.fail(handle, job.id(), reason, clock.millis());
              datasets.abandon(handle, job.datasetId(), job.id());
            });
  }

  private void ingest(IngestionJob job) throws IOException {
    Dataset dataset = datasets.get(job.datasetName());
    IngestionInput input = job.input();
    KeyPattern pattern = KeyPattern.parse(input.keyPattern(), "input.keyPattern");
    Map<DatasetSchema.Component, List<String>> files = filesByComponent(dataset, input, pattern);
    int totalFiles = files.values().stream().mapToInt(List::size).sum();

    List<IngestedFile> ingested = new ArrayList<>();
    List<String> issues = new ArrayList<>();
    QualityAnalysis quality = new QualityAnalysis();
    long dataStart = Long.MAX_VALUE;
    long dataEnd = Long.MIN_VALUE;
    for (Map.Entry<DatasetSchema.Component, List<String>> entry : files.entrySet()) {
      DatasetSchema.Component component = entry.getKey();
      ComponentRows rows = new ComponentRows(component.name(), component.sensorNames(), issues);
      for (String key : entry.getValue()) {
        String source = objects.describe(input.bucket(), key);
        long lines;
        try (InputStream in = objects.open(input.bucket(), key)) {
          lines = new ComponentCsvReader(rows, source).read(in);
        }
        ingested.add(new IngestedFile(key, lines));
        repository.updateProgressIn(
            database, job.id(), ingested.size() / (double) totalFiles, ingested, clock.millis());
      }
      rows.sortAndDropDuplicates();
      if (rows.size == 0) {
        throw new VigilException(
            "component '"
                + component.name()
                + "' has no row with a readable timestamp in its "
                + entry.getValue().size()
                + " file(s)"
                + (issues.isEmpty() ? "" : "; first problem: " + issues.get(0)));
      }
      writeChunks(job, rows);
      quality.add(rows);
      dataStart = Math.min(dataStart, rows.timestamps[0]);
      dataEnd = Math.max(dataEnd, rows.timestamps[rows.size - 1]);
    }

    IngestionResult result =
        new IngestionResult(ingested, quality.summary(issues), quality.statistics());
    String qualityJson =
        IngestionRepository.toJson(
            Map.of(
                "dataQuality",
                result.dataQuality(),
                "sensorStatistics",
                result.sensorStatistics()));
    long start = dataStart;
    long end = dataEnd;
    database
        .jdbi()
        .useTransaction(
            handle -> {
              if (!datasets.activate(handle, job.datasetId(), job.id(), start, end, qualityJson)) {
                throw new VigilException("dataset '" + job.datasetName() + "' was deleted");
              }
              repository.succeed(handle, job.id(), start, end, result, clock.millis());
            });
    LOG.info(
        "ingestion job {} of dataset {} succeeded: {} files, {} rows",
        job.id(),
        job.datasetName(),
        ingested.size(),
        result.dataQuality().totalRows());
  }

  /**
   * The files of each component, in key order. A key that matches several components (with
   * delimiter patterns, {@code pump_*} also matches {@code pump_2_a.csv}) goes to the component
   * with the longest name.
   *
   * @throws VigilException naming the component and where its files were expected when one has none
   */
  private Map<DatasetSchema.Component, List<String>> filesByComponent(
      Dataset dataset, IngestionInput input, KeyPattern pattern) {
    List<DatasetSchema.Component> components = dataset.schema().components();
    Map<DatasetSchema.Component, List<String>> files = new LinkedHashMap<>();
    for (DatasetSchema.Component component : components) {
      String keyStart = pattern.keyStart(input.prefix(), component.name());
      List<String> keys = new ArrayList<>();
      for (ObjectStore.ObjectInfo object : list(input.bucket(), keyStart)) {
        if (pattern.matches(object.key(), keyStart)
            && !claimedByLongerName(object.key(), component, components, input, pattern)) {
          keys.add(object.key());
        }
      }
      if (keys.isEmpty()) {
        throw new VigilException(
            "component '"
                + component.name()
                + "' has no file: expected "
                + objects.describe(input.bucket(), keyStart)
                + "* (key pattern "
                + pattern.text()
                + ")");
      }
      files.put(component, keys);
    }
    return files;
  }

  private List<ObjectStore.ObjectInfo> list(String bucket, String keyStart) {
    try {
      return objects.list(bucket, keyStart);
    } catch (ObjectStoreException e) {
      throw new VigilException("cannot list the input files: " + e.getMessage(), e);
    }
  }

  private static boolean claimedByLongerName(
      String key,
      DatasetSchema.Component owner,
      List<DatasetSchema.Component> components,
      IngestionInput input,
      KeyPattern pattern) {
    for (DatasetSchema.Component other : components) {
      if (other.name().length() > owner.name().length()
          && pattern.matches(key, pattern.keyStart(input.prefix(), other.name()))) {
        return true;
      }
    }
    return false;
  }

  private void writeChunks(IngestionJob job, ComponentRows rows) {
    int chunk = 0;
    for (int from = 0; from < rows.size; from += ChunkCodec.ROWS_PER_CHUNK) {
      int to = Math.min(rows.size, from + ChunkCodec.ROWS_PER_CHUNK);
      datasets.writeChunk(
          job.datasetId(),
          job.id(),
          rows.component,
          chunk++,
          rows.timestamps,
          rows.columns,
          from,
          to);
    }
  }
}
