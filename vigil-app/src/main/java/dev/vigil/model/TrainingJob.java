package dev.vigil.model;

import dev.vigil.dataset.DatasetHistory;
import dev.vigil.engine.data.InvalidDataException;
import dev.vigil.engine.data.SensorTable;
import dev.vigil.engine.model.DetectorConfig;
import dev.vigil.engine.model.ModelFormat;
import dev.vigil.engine.model.TrainedModel;
import dev.vigil.engine.model.Trainer;
import dev.vigil.engine.preprocess.OffCondition;
import dev.vigil.engine.preprocess.Preprocessing;
import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one model version on a worker thread: loads the training rows, fits the model, evaluates
 * it on the evaluation range, then stores the model bytes together with status SUCCESS in one
 * transaction. Any failure marks the version FAILED with a reason a user can act on; nothing is
 * stored half-written. Progress is recorded at each stage.
 *
 * <p>Each instance runs once, on one thread.
 */
final class TrainingJob implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingJob.class);

  /** Progress once the training rows are loaded. */
  static final double LOADED = 0.2;

  /** Progress once the model is fitted. */
  static final double FITTED = 0.7;

  /** Progress once the evaluation is done, before the model is stored. */
  static final double EVALUATED = 0.9;

  private final ModelRepository repository;
  private final DatasetHistory history;
  private final Clock clock;
  private final Function<Object, String> toJson;
  private final String modelId;
  private final int version;
  private final ModelRequest request;

  TrainingJob(
      ModelRepository repository,
      DatasetHistory history,
      Clock clock,
      Function<Object, String> toJson,
      String modelId,
      int version,
      ModelRequest request) {
    this.repository = repository;
    this.history = history;
    this.clock = clock;
    this.toJson = toJson;
    this.modelId = modelId;
    this.version = version;
    this.request = request;
  }

  /** What the job is, for logs. */
  String description() {
    return "train model '" + request.name() + "' version " + version;
  }

  @Override
  public void run() {
    long started = clock.millis();
    try {
      TimeRange trainingRange = request.trainingRange();
      SensorTable training =
          history.read(
              request.datasetName(), trainingRange.startMillis(), trainingRange.endMillis());
      repository.updateProgress(modelId, version, LOADED, clock.millis());

      TrainedModel model = Trainer.train(training, preprocessing(request), DetectorConfig.DEFAULTS);
      repository.updateProgress(modelId, version, FITTED, clock.millis());

      String evaluationJson = null;
      TimeRange evaluationRange = request.evaluationRange();
      if (evaluationRange != null) {
        SensorTable evaluation =
            history.read(
                request.datasetName(), evaluationRange.startMillis(), evaluationRange.endMillis());
        boolean contiguous = evaluationRange.startMillis() == trainingRange.endMillis();
        Map<String, Object> result =
            Evaluation.of(model, training, evaluation, request.labels(), contiguous);
        evaluationJson = toJson.apply(result);
        repository.updateProgress(modelId, version, EVALUATED, clock.millis());
      }

      byte[] bytes = ModelFormat.toBytes(model);
      String summaryJson = toJson.apply(ModelJson.trainingSummary(model.summary()));
      if (repository.completeVersion(
          modelId, version, bytes, summaryJson, evaluationJson, clock.millis())) {
        LOG.info(
            "{}: SUCCESS in {} ms, {} rows, {} sensors used",
            description(),
            clock.millis() - started,
            model.summary().trainingRows(),
            model.summary().sensorsUsed());
      }
    } catch (InvalidDataException e) {
      LOG.info("{}: FAILED: {}", description(), e.getMessage());
      repository.failVersion(modelId, version, e.getMessage(), clock.millis());
    } catch (OutOfMemoryError e) {
      repository.failVersion(
          modelId,
          version,
          "not enough memory to train on this range; train on a shorter range, resample to a"
              + " longer samplingRate or give Vigil more memory",
          clock.millis());
    } catch (RuntimeException e) {
      LOG.error("{}: failed unexpectedly", description(), e);
      repository.failVersion(
          modelId, version, "training failed unexpectedly: " + e.getMessage(), clock.millis());
    }
  }

  /** The engine's preprocessing of a request. */
  static Preprocessing preprocessing(ModelRequest request) {
    return new Preprocessing(
        request.samplingRate(),
        null,
        request.offCondition() == null ? null : OffCondition.parse(request.offCondition()));
  }
}
