package dev.vigil.dataset;

import dev.vigil.engine.data.SensorTable;
import dev.vigil.engine.preprocess.TableAligner;
import dev.vigil.request.ConflictException;
import dev.vigil.request.NotFoundException;
import dev.vigil.storage.Database;
import dev.vigil.storage.SqlStates;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * Datasets: create, describe, list, delete, and the storage of their ingested data, which the
 * ingestion feature writes through {@link #writeChunk}, {@link #activate} and {@link #abandon}.
 *
 * <p>A dataset's data is the set of chunks written by its active ingestion job. A new job writes
 * its chunks beside the active ones, invisible to readers, and {@link #activate} switches to them
 * in one transaction; a job that fails has its chunks removed by {@link #abandon}. Readers thus see
 * either the old data or the new, never a mix, and a failed ingestion loses nothing.
 *
 * <p>Thread-safe: state lives in the database, and changes to one dataset lock its row.
 */
public final class DatasetService implements DatasetHistory {
  private final Database database;
  private final Clock clock;
  private final List<DatasetUsage> usages;
  private final DatasetRepository repository = new DatasetRepository();

  /**
   * @param usages consulted at every delete, not copied: features that refer to datasets may add
   *     themselves after this service is built
   */
  public DatasetService(Database database, Clock clock, List<DatasetUsage> usages) {
    this.database = Objects.requireNonNull(database, "database");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.usages = Objects.requireNonNull(usages, "usages");
  }

  /**
   * Creates a dataset without data.
   *
   * @throws dev.vigil.request.InvalidRequestException naming the first field that breaks a rule
   * @throws ConflictException when a dataset of that name exists
   */
  public Dataset create(CreateDatasetRequest request) {
    request.validate();
    long now = clock.millis();
    Dataset dataset =
        new Dataset(
            UUID.randomUUID().toString(),
            request.name(),
            request.schema(),
            now,
            now,
            null,
            null,
            null,
            null,
            null);
    try {
      database
          .jdbi()
          .useTransaction(
              handle -> {
                if (repository.findByName(handle, request.name()).isPresent()) {
                  throw alreadyExists(request.name());
                }
                repository.insert(handle, dataset);
              });
    } catch (JdbiException e) {
      // Two creations of the same name at once: the unique constraint decides.
      if (SqlStates.isUniqueViolation(e)) {
        throw alreadyExists(request.name());
      }
      throw e;
    }
    return dataset;
  }

  private static ConflictException alreadyExists(String name) {
    return new ConflictException("dataset '" + name + "' already exists");
  }

  /** Every dataset, in name order. */
  public List<Dataset> list() {
    return database.jdbi().withHandle(repository::list);
  }

  /**
   * The dataset of that name.
   *
   * @throws NotFoundException when there is none
   */
  public Dataset get(String name) {
    return database
        .jdbi()
        .withHandle(handle -> repository.findByName(handle, name))
        .orElseThrow(() -> noSuchDataset(name));
  }

  static NotFoundException noSuchDataset(String name) {
    return new NotFoundException("dataset '" + name + "' does not exist");
  }

  /**
   * Deletes a dataset, its ingestion jobs and its data.
   *
   * @throws NotFoundException when there is none
   * @throws ConflictException while a model or scheduler uses it or an ingestion runs
   */
  public void delete(String name) {
    database
        .jdbi()
        .useTransaction(
            handle -> {
              Dataset dataset =
                  repository.lockByName(handle, name).orElseThrow(() -> noSuchDataset(name));
              List<String> users = new ArrayList<>();
              for (DatasetUsage usage : usages) {
                users.addAll(usage.usersOf(dataset.id()));
              }
              if (!users.isEmpty()) {
                throw new ConflictException(
                    "dataset '"
                        + name
                        + "' is used by "
                        + String.join(", ", users)
                        + "; delete them first");
              }
              if (dataset.runningIngestionJobId() != null) {
                throw new ConflictException(
                    "dataset '"
                        + name
                        + "' is being ingested by job "
                        + dataset.runningIngestionJobId()
                        + "; delete it once the job has ended");
              }
              repository.delete(handle, dataset.id());
            });
  }

  /**
   * Marks the dataset as being ingested by {@code jobId}, in the caller's transaction, which also
   * records the job: the dataset row stays locked until it commits.
   *
   * @throws NotFoundException when there is no such dataset
   * @throws ConflictException while another ingestion runs
   */
  public Dataset beginIngestion(Handle handle, String datasetName, String jobId) {
    Dataset dataset =
        repository.lockByName(handle, datasetName).orElseThrow(() -> noSuchDataset(datasetName));
    if (dataset.runningIngestionJobId() != null) {
      throw new ConflictException(
          "dataset '"
              + datasetName
              + "' is already being ingested by job "
              + dataset.runningIngestionJobId()
              + "; start another ingestion once it has ended");
    }
    repository.setRunningJob(handle, dataset.id(), jobId, clock.millis());
    return dataset;
  }

  /**
   * Stores rows {@code [from, to)} of one component as chunk {@code chunkIndex} of a job. The chunk
   * stays invisible until the job is {@linkplain #activate activated}.
   */
  public void writeChunk(
      String datasetId,
      String jobId,
      String component,
      int chunkIndex,
      long[] timestamps,
      double[][] columns,
      int from,
      int to) {
    byte[] payload = ChunkCodec.encode(timestamps, columns, from, to);
    database
        .jdbi()
        .useHandle(
            handle ->
                repository.insertChunk(
                    handle,
                    datasetId,
                    jobId,
                    component,
                    chunkIndex,
                    timestamps[from],
                    timestamps[to - 1],
                    to - from,
                    payload));
  }

  /**
   * Makes the chunks of {@code jobId} the dataset's data, in the caller's transaction, and drops
   * the data it replaces.
   *
   * @return false when the dataset no longer exists
   */
  public boolean activate(
      Handle handle,
      String datasetId,
      String jobId,
      long dataStart,
      long dataEnd,
      String qualityJson) {
    if (repository.lockById(handle, datasetId).isEmpty()) {
      return false;
    }
    repository.activate(handle, datasetId, jobId, dataStart, dataEnd, qualityJson, clock.millis());
    return true;
  }

  /** Drops the chunks of a job that did not succeed, in the caller's transaction. */
  public void abandon(Handle handle, String datasetId, String jobId) {
    repository.abandon(handle, datasetId, jobId, clock.millis());
  }

  @Override
  public DatasetInfo info(String datasetName) {
    Dataset dataset = get(datasetName);
    boolean hasData = dataset.activeIngestionJobId() != null;
    return new DatasetInfo(
        dataset.id(),
        dataset.name(),
        dataset.schema().qualifiedSensorNames(),
        hasData,
        hasData ? dataset.dataStartMillis() : 0,
        hasData ? dataset.dataEndMillis() : 0);
  }

  @Override
  public SensorTable read(String datasetName, long fromMillis, long toMillis) {
    // One snapshot for the active job and all its chunks: a re-ingestion that switches the active
    // data (and deletes the old chunks) meanwhile cannot hand out a mix of the two.
    return database
        .jdbi()
        .inTransaction(
            TransactionIsolationLevel.REPEATABLE_READ,
            handle -> {
              Dataset dataset =
                  repository
                      .findByName(handle, datasetName)
                      .orElseThrow(() -> noSuchDataset(datasetName));
              List<SensorTable> parts = new ArrayList<>();
              for (DatasetSchema.Component component : dataset.schema().components()) {
                List<byte[]> chunks =
                    dataset.activeIngestionJobId() == null
                        ? List.of()
                        : repository.chunks(
                            handle,
                            dataset.activeIngestionJobId(),
                            component.name(),
                            fromMillis,
                            toMillis);
                parts.add(componentRows(component, chunks, fromMillis, toMillis));
              }
              return TableAligner.align(parts);
            });
  }

  /** The rows of the chunks with timestamps in {@code [from, to)}, as one table. */
  private static SensorTable componentRows(
      DatasetSchema.Component component, List<byte[]> chunks, long from, long to) {
    List<String> names =
        component.sensorNames().stream().map(sensor -> component.name() + "\\" + sensor).toList();
    List<ChunkCodec.Rows> decoded = chunks.stream().map(ChunkCodec::decode).toList();
    int total = 0;
    for (ChunkCodec.Rows rows : decoded) {
      for (long t : rows.timestamps()) {
        if (t >= from && t < to) {
          total++;
        }
      }
    }
    long[] timestamps = new long[total];
    double[][] columns = new double[names.size()][total];
    int out = 0;
    for (ChunkCodec.Rows rows : decoded) {
      long[] times = rows.timestamps();
      for (int row = 0; row < times.length; row++) {
        if (times[row] >= from && times[row] < to) {
          timestamps[out] = times[row];
          for (int sensor = 0; sensor < names.size(); sensor++) {
            columns[sensor][out] = rows.columns()[sensor][row];
          }
          out++;
        }
      }
    }
    return SensorTable.of(Arrays.copyOf(timestamps, out), names, columns);
  }
}
