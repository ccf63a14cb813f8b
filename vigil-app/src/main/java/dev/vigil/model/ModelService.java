package dev.vigil.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.dataset.DatasetHistory;
import dev.vigil.dataset.DatasetInfo;
import dev.vigil.dataset.DatasetUsage;
import dev.vigil.engine.data.SensorTable;
import dev.vigil.engine.model.DetectorConfig;
import dev.vigil.engine.model.ModelFormat;
import dev.vigil.engine.model.ScoredRow;
import dev.vigil.engine.model.Sensitivity;
import dev.vigil.engine.model.TrainedModel;
import dev.vigil.engine.preprocess.OffCondition;
import dev.vigil.engine.preprocess.PreprocessedTable;
import dev.vigil.jobs.WorkerPool;
import dev.vigil.json.Json;
import dev.vigil.label.KnownAnomaly;
import dev.vigil.label.LabelSource;
import dev.vigil.request.BusyException;
import dev.vigil.request.ConflictException;
import dev.vigil.request.InvalidRequestException;
import dev.vigil.request.NotFoundException;
import dev.vigil.storage.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models feature: creates models from datasets, trains their versions in the background on the
 * worker pool, describes them with their evaluation, switches the active version, deletes them, and
 * scores rows synchronously with the active version.
 *
 * <p>Thread-safe: state lives in the database; the cache of deserialized models is synchronized.
 */
public final class ModelService {
  private static final Logger LOG = LoggerFactory.getLogger(ModelService.class);

  /** The reason given to versions that were training when Vigil stopped. */
  static final String INTERRUPTED_REASON = "Vigil stopped while training; create a new version";

  /** The most rows one scoring request may hold. */
  static final int MAX_SCORE_ROWS = 100_000;

  /** Deserialized models kept for scoring. */
  private static final int CACHED_MODELS = 8;

  private final ModelRepository repository;
  private final DatasetHistory history;
  private final LabelSource labelSource;
  private final WorkerPool workers;
  private final Clock clock;
  private final ObjectMapper mapper = Json.mapper();
  private final Map<String, TrainedModel> cache =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TrainedModel> eldest) {
          return size() > CACHED_MODELS;
        }
      };

  ModelService(
      ModelRepository repository,
      DatasetHistory history,
      LabelSource labelSource,
      WorkerPool workers,
      Clock clock) {
    this.repository = repository;
    this.history = history;
    this.labelSource = labelSource;
    this.workers = workers;
    this.clock = clock;
  }

  /**
   * The service over the metadata database, reading training data from {@code history}; models
   * cannot take their labels from label groups or files.
   */
  public static ModelService create(
      Database database, DatasetHistory history, WorkerPool workers, Clock clock) {
    return create(database, history, LabelSource.NONE, workers, clock);
  }

  /**
   * The service over the metadata database, reading training data from {@code history} and the
   * labels of label groups and label files from {@code labels}.
   */
  public static ModelService create(
      Database database,
      DatasetHistory history,
      LabelSource labels,
      WorkerPool workers,
      Clock clock) {
    return new ModelService(new ModelRepository(database), history, labels, workers, clock);
  }

  /**
   * Marks every version left IN_PROGRESS by a previous process as FAILED; call once at start-up,
   * before any training is submitted.
   *
   * @return the number of versions marked
   */
  public int failInterruptedTraining() {
    int failed = repository.failAllInProgress(INTERRUPTED_REASON, clock.millis());
    if (failed > 0) {
      LOG.warn("{} model versions were training when Vigil stopped; marked FAILED", failed);
    }
    return failed;
  }

  /** Which models use a dataset, for the dataset feature. */
  public DatasetUsage datasetUsage() {
    return new ModelDatasetUsage(repository);
  }

  /** Creates a model and starts training its version 1; answers the model. */
  public Map<String, Object> create(RequestBodies.CreateModel body) {
    ModelRequest parsed = ModelRequests.create(body);
    if (repository.findModel(parsed.name()).isPresent()) {
      throw new ConflictException("model '" + parsed.name() + "' already exists");
    }
    DatasetInfo dataset = dataset(parsed.datasetName());
    ModelRequest request = withSourceLabels(parsed);
    checkAgainstDataset(request, dataset);
    long now = clock.millis();
    String modelId = UUID.randomUUID().toString();
    String requestJson = toJson(request.toJson());
    ModelRecord model =
        new ModelRecord(
            modelId, request.name(), dataset.id(), dataset.name(), requestJson, null, 1, now, now);
    VersionRecord first =
        new VersionRecord(
            modelId, 1, ModelStatus.IN_PROGRESS, 0, null, requestJson, null, null, now, now);
    if (!repository.insertModel(model, first)) {
      throw new ConflictException("model '" + request.name() + "' already exists");
    }
    submit(modelId, 1, request);
    return describe(request.name());
  }

  /** Starts training version n + 1 of a model; answers the new version. */
  public Map<String, Object> newVersion(String name, RequestBodies.NewVersion body) {
    ModelRecord model = model(name);
    ModelRequest request =
        withSourceLabels(ModelRequests.newVersion(storedRequest(model.requestJson()), body));
    DatasetInfo dataset = dataset(request.datasetName());
    checkAgainstDataset(request, dataset);
    int version =
        repository
            .insertNextVersion(model.id(), toJson(request.toJson()), clock.millis())
            .orElseThrow(
                () ->
                    new ConflictException(
                        "model '" + name + "' is training a version; wait until it finishes"));
    submit(model.id(), version, request);
    return version(name, version);
  }

  /**
   * Sets the labels the next versions of a model are evaluated on: inline labels, a label group or
   * label files, which are read now to check them. Versions trained already keep their evaluation.
   * Answers the model.
   */
  public Map<String, Object> updateLabels(String name, RequestBodies.Labels body) {
    if (body == null) {
      throw new InvalidRequestException(null, "the request needs a JSON body");
    }
    ModelRecord model = model(name);
    ModelRequest request =
        withSourceLabels(ModelRequests.relabelled(storedRequest(model.requestJson()), body));
    if (!repository.updateRequest(model.id(), toJson(request.toJson()), clock.millis())) {
      throw new NotFoundException("model '" + name + "' does not exist");
    }
    return describe(name);
  }

  /**
   * The request with the labels of its source read now: the ANOMALY labels of its label group or
   * the periods of its label files, in time order. A request without a source is returned as is.
   */
  private ModelRequest withSourceLabels(ModelRequest request) {
    LabelsSource source = request.labelsSource();
    if (source == null) {
      return request;
    }
    List<KnownAnomaly> anomalies =
        source.groupName() != null
            ? labelSource.anomalies(source.groupName())
            : labelSource.anomaliesInFiles(source.bucket(), source.prefix(), "labelsLocation");
    List<Label> labels = new ArrayList<>(anomalies.size());
    for (KnownAnomaly anomaly : anomalies) {
      labels.add(
          new Label(
              new TimeRange(anomaly.startMillis(), anomaly.endMillis()),
              anomaly.faultCode(),
              anomaly.notes()));
    }
    return request.withLabels(labels);
  }

  private void submit(String modelId, int version, ModelRequest request) {
    TrainingJob job =
        new TrainingJob(repository, history, clock, this::toJson, modelId, version, request);
    try {
      workers.submit(job.description(), job);
    } catch (RejectedExecutionException e) {
      String reason = "Vigil is too busy to train now; create a new version later";
      repository.failVersion(modelId, version, reason, clock.millis());
      throw new BusyException(reason);
    }
  }

  /** Every model, in name order. */
  public Map<String, Object> list() {
    List<Map<String, Object>> models = new ArrayList<>();
    for (ModelRecord model : repository.listModels()) {
      models.add(modelJson(model, repository.listVersions(model.id()), false));
    }
    return Map.of("models", models);
  }

  /** A model with its versions and the evaluation of its active version. */
  public Map<String, Object> describe(String name) {
    ModelRecord model = model(name);
    return modelJson(model, repository.listVersions(model.id()), true);
  }

  private Map<String, Object> modelJson(
      ModelRecord model, List<VersionRecord> versions, boolean detailed) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", model.name());
    json.put("id", model.id());
    json.put("datasetName", model.datasetName());
    VersionRecord latest = versions.isEmpty() ? null : versions.get(versions.size() - 1);
    json.put("status", latest == null ? ModelStatus.FAILED.name() : latest.status().name());
    if (model.activeVersion() != null) {
      json.put("activeVersion", model.activeVersion());
    }
    json.put("latestVersion", model.latestVersion());
    json.put("request", readTree(model.requestJson()));
    json.put("createdAt", ModelJson.instant(model.createdAtMillis()));
    json.put("updatedAt", ModelJson.instant(model.updatedAtMillis()));
    if (detailed) {
      List<Map<String, Object>> summaries = new ArrayList<>();
      for (VersionRecord version : versions) {
        summaries.add(ModelJson.versionSummary(version, model.activeVersion()));
      }
      json.put("versions", summaries);
      for (VersionRecord version : versions) {
        if (model.activeVersion() != null && version.version() == model.activeVersion()) {
          if (version.evaluationJson() != null) {
            json.put("evaluation", readTree(version.evaluationJson()));
          }
          if (version.trainingSummaryJson() != null) {
            json.put("trainingSummary", readTree(version.trainingSummaryJson()));
          }
        }
      }
    }
    return json;
  }

  /** The versions of a model, oldest first. */
  public Map<String, Object> versions(String name) {
    ModelRecord model = model(name);
    List<Map<String, Object>> versions = new ArrayList<>();
    for (VersionRecord version : repository.listVersions(model.id())) {
      versions.add(ModelJson.versionSummary(version, model.activeVersion()));
    }
    return Map.of("versions", versions);
  }

  /** One version with its request, training summary and evaluation. */
  public Map<String, Object> version(String name, int versionNumber) {
    ModelRecord model = model(name);
    VersionRecord version =
        repository
            .findVersion(model.id(), versionNumber)
            .orElseThrow(
                () ->
                    new NotFoundException("model '" + name + "' has no version " + versionNumber));
    Map<String, Object> json = ModelJson.versionSummary(version, model.activeVersion());
    json.put("request", readTree(version.requestJson()));
    if (version.trainingSummaryJson() != null) {
      json.put("trainingSummary", readTree(version.trainingSummaryJson()));
    }
    if (version.evaluationJson() != null) {
      json.put("evaluation", readTree(version.evaluationJson()));
    }
    return json;
  }

  /** Makes a successful version the active one; answers the model. */
  public Map<String, Object> activate(String name, RequestBodies.ActiveVersion body) {
    if (body.version == null) {
      throw new InvalidRequestException("version", "version is required");
    }
    int number = body.version;
    ModelRecord model = model(name);
    VersionRecord version =
        repository
            .findVersion(model.id(), number)
            .orElseThrow(
                () ->
                    new InvalidRequestException(
                        "version", "model '" + name + "' has no version " + number));
    if (version.status() != ModelStatus.SUCCESS
        || !repository.activate(model.id(), number, clock.millis())) {
      throw new ConflictException(
          "version "
              + number
              + " of model '"
              + name
              + "' is "
              + version.status()
              + "; only a SUCCESS version can be active");
    }
    return describe(name);
  }

  /** Deletes a model unless a version is training. */
  public void delete(String name) {
    ModelRecord model = model(name);
    if (!repository.deleteUnlessTraining(model.id())) {
      if (repository.findModel(name).isEmpty()) {
        throw new NotFoundException("model '" + name + "' does not exist");
      }
      throw new ConflictException(
          "model '" + name + "' is training a version; delete it once training has finished");
    }
    synchronized (cache) {
      cache.keySet().removeIf(key -> key.startsWith(model.id() + "/"));
    }
  }

  /** Scores rows with the active version; answers results in Lookout's line format. */
  public Map<String, Object> score(String name, RequestBodies.Score body) {
    ModelRecord model = model(name);
    Integer active = model.activeVersion();
    if (active == null) {
      throw new ConflictException(
          "model '" + name + "' has no active version; wait for a version to train successfully");
    }
    Sensitivity sensitivity = Sensitivity.DEFAULT;
    if (body.sensitivity != null) {
      if (body.sensitivity < Sensitivity.MIN || body.sensitivity > Sensitivity.MAX) {
        throw new InvalidRequestException(
            "sensitivity",
            "sensitivity must be between "
                + Sensitivity.MIN
                + " and "
                + Sensitivity.MAX
                + ", got "
                + body.sensitivity);
      }
      sensitivity = new Sensitivity(body.sensitivity);
    }
    TrainedModel trained = loadModel(model, active);
    SensorTable table = SensorRows.table(trained.sensorNames(), body.rows, MAX_SCORE_ROWS);
    PreprocessedTable prepared = trained.preprocess(table);
    List<ScoredRow> scored =
        trained
            .newScorer(sensitivity)
            .score(prepared.table(), 0, prepared.table().rowCount(), prepared.machineOff());
    List<Map<String, Object>> results = new ArrayList<>(scored.size());
    for (ScoredRow row : scored) {
      results.add(ResultLines.line(row, trained.sensorNames()));
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("model", name);
    json.put("version", active);
    json.put("results", results);
    return json;
  }

  /**
   * The trained model of a version, for scheduled inference; cached, since versions never change.
   *
   * @throws NotFoundException when there is no such model
   * @throws ConflictException when the version has no trained model
   */
  public TrainedModel load(String modelName, int version) {
    return loadModel(model(modelName), version);
  }

  private TrainedModel loadModel(ModelRecord model, int version) {
    String key = model.id() + "/" + version;
    synchronized (cache) {
      TrainedModel cached = cache.get(key);
      if (cached != null) {
        return cached;
      }
    }
    byte[] bytes =
        repository
            .modelBytes(model.id(), version)
            .orElseThrow(
                () ->
                    new ConflictException(
                        "version " + version + " of model '" + model.name() + "' cannot score"));
    TrainedModel trained = ModelFormat.fromBytes(bytes);
    synchronized (cache) {
      cache.put(key, trained);
    }
    return trained;
  }

  /** The rules that need the dataset: it has data, the off-condition's sensor, enough rows. */
  private void checkAgainstDataset(ModelRequest request, DatasetInfo dataset) {
    if (!dataset.hasData()) {
      throw new InvalidRequestException(
          "datasetName",
          "dataset '" + dataset.name() + "' has no data yet; ingest data before training a model");
    }
    if (request.offCondition() != null) {
      String sensor = OffCondition.parse(request.offCondition()).sensor();
      if (!dataset.sensorNames().contains(sensor)) {
        throw new InvalidRequestException(
            "offCondition",
            "offCondition names sensor '"
                + sensor
                + "' that dataset '"
                + dataset.name()
                + "' does not have; its sensors are "
                + dataset.sensorNames());
      }
    }
    int needed = DetectorConfig.DEFAULTS.minimumTrainingRows();
    long rows = countRows(request, needed);
    if (rows < needed) {
      throw new InvalidRequestException(
          "trainingRange",
          "trainingRange holds "
              + rows
              + " rows of dataset '"
              + dataset.name()
              + "'"
              + (request.samplingRate() == null
                  ? ""
                  : " after resampling to " + request.samplingRate())
              + "; the model needs at least "
              + needed
              + " for its window of "
              + DetectorConfig.DEFAULTS.window()
              + " rows and its calibration");
    }
  }

  /**
   * The rows of the training range (after resampling, when asked), or some number at least {@code
   * needed}: reads a leading slice of the range and doubles it until it holds enough rows, so that
   * a long range costs a short read.
   */
  private long countRows(ModelRequest request, int needed) {
    TimeRange range = request.trainingRange();
    long span = range.endMillis() - range.startMillis();
    long length = Math.max(1, span / 1024);
    while (true) {
      long to = length >= span ? range.endMillis() : range.startMillis() + length;
      SensorTable slice = history.read(request.datasetName(), range.startMillis(), to);
      long rows = rowsAfterResampling(slice, request.samplingRate());
      if (rows >= needed || to == range.endMillis()) {
        return rows;
      }
      length = Math.min(span, length * 2);
    }
  }

  private static long rowsAfterResampling(SensorTable table, Duration period) {
    if (period == null || table.rowCount() == 0) {
      return table.rowCount();
    }
    long millis = period.toMillis();
    return Math.floorDiv(table.timestamp(table.rowCount() - 1), millis)
        - Math.floorDiv(table.timestamp(0), millis)
        + 1;
  }

  private DatasetInfo dataset(String datasetName) {
    try {
      return history.info(datasetName);
    } catch (NotFoundException e) {
      throw new NotFoundException("dataset '" + datasetName + "' does not exist");
    }
  }

  private ModelRecord model(String name) {
    return repository
        .findModel(name)
        .orElseThrow(() -> new NotFoundException("model '" + name + "' does not exist"));
  }

  private ModelRequest storedRequest(String json) {
    try {
      RequestBodies.CreateModel body = mapper.readValue(json, RequestBodies.CreateModel.class);
      if (body.labelGroupName != null || body.labelsLocation != null) {
        // The labels stored beside a source are those it held then; they are read anew.
        body.labels = null;
      }
      return ModelRequests.create(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored model request is not readable: " + json, e);
    }
  }

  String toJson(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private JsonNode readTree(String json) {
    try {
      return mapper.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is not readable", e);
    }
  }
}
