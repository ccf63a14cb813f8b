package dev.vigil.portal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.dataset.DatasetService;
import dev.vigil.engine.data.SensorTable;
import dev.vigil.engine.model.PredictionReason;
import dev.vigil.engine.model.ScoredRow;
import dev.vigil.engine.model.Scorer;
import dev.vigil.engine.model.Sensitivity;
import dev.vigil.engine.model.TrainedModel;
import dev.vigil.engine.preprocess.PreprocessedTable;
import dev.vigil.inference.ScoreChart;
import dev.vigil.inference.ScoreSeries;
import dev.vigil.model.ModelService;
import dev.vigil.request.ConflictException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The anomaly score of a model version over its evaluation range, for the evaluation chart of the
 * model page. The evaluation stored with a version keeps its events and labels, not the score of
 * every row, so the range is scored again here the way training scored it: the same rows of the
 * dataset, the default sensitivity, and, when the evaluation range starts where the training range
 * ends, the scorer warmed up on the last window of training rows. The series is reduced to a few
 * thousand entries that keep every peak ({@link ScoreSeries}) and kept for the versions seen last,
 * until the dataset's data changes.
 *
 * <p>Thread-safe: the cache is synchronized; scoring runs outside the lock.
 */
final class EvaluationScores {
  /** Versions whose scores are kept. */
  private static final int CACHED = 8;

  private final ModelService models;
  private final DatasetService datasets;
  private final Map<String, Map<String, Object>> cache =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<String, Object>> eldest) {
          return size() > CACHED;
        }
      };

  EvaluationScores(ModelService models, DatasetService datasets) {
    this.models = models;
    this.datasets = datasets;
  }

  /**
   * The scores of version {@code version} of a model (its active version when null) over its
   * evaluation range, with the threshold, the anomalous ranges, the labels and the count of
   * anomalous rows; {@code dataPoints} 0 when the version has no evaluation range.
   *
   * @throws dev.vigil.request.NotFoundException when there is no such model or version
   * @throws ConflictException when the version has not trained successfully
   */
  Map<String, Object> scores(String modelName, Integer version) {
    JsonNode model = Services.tree(models.describe(modelName));
    int number;
    if (version != null) {
      number = version;
    } else if (model.has("activeVersion")) {
      number = model.path("activeVersion").asInt();
    } else {
      throw new ConflictException(
          "model '" + modelName + "' has no version that trained successfully");
    }
    JsonNode described = Services.tree(models.version(modelName, number));
    if (!described.path("status").asText().equals("SUCCESS")) {
      throw new ConflictException(
          "version "
              + number
              + " of model '"
              + modelName
              + "' is "
              + described.path("status").asText()
              + ": only a version that trained successfully has scores");
    }
    JsonNode request = described.path("request");
    String datasetName = request.path("datasetName").asText();
    String key =
        model.path("id").asText()
            + "/"
            + number
            + "/"
            + datasets.get(datasetName).updatedAtMillis();
    synchronized (cache) {
      Map<String, Object> cached = cache.get(key);
      if (cached != null) {
        return cached;
      }
    }
    Map<String, Object> json = compute(modelName, number, request, described.path("evaluation"));
    synchronized (cache) {
      cache.put(key, json);
    }
    return json;
  }

  private Map<String, Object> compute(
      String modelName, int version, JsonNode request, JsonNode evaluation) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("modelName", modelName);
    json.put("version", version);
    json.put("threshold", Sensitivity.DEFAULT.scoreThreshold());
    JsonNode range = request.path("evaluationRange");
    if (range.isMissingNode()) {
      json.put("dataPoints", 0);
      return json;
    }
    String datasetName = request.path("datasetName").asText();
    long evaluationStart = millis(range.path("start"));
    long evaluationEnd = millis(range.path("end"));
    long trainingStart = millis(request.path("trainingRange").path("start"));
    long trainingEnd = millis(request.path("trainingRange").path("end"));

    TrainedModel trained = models.load(modelName, version);
    SensorTable rows = datasets.read(datasetName, evaluationStart, evaluationEnd);
    Scorer scorer = trained.newScorer(Sensitivity.DEFAULT);
    if (evaluationStart == trainingEnd) {
      warmUp(trained, scorer, datasetName, trainingStart, trainingEnd, rows);
    }
    List<ScoredRow> scored = List.of();
    if (rows.rowCount() > 0) {
      PreprocessedTable prepared = trained.preprocess(rows);
      scored =
          scorer.score(prepared.table(), 0, prepared.table().rowCount(), prepared.machineOff());
    }
    long first = scored.isEmpty() ? 0 : scored.get(0).timestampMillis();
    long last = scored.isEmpty() ? 0 : scored.get(scored.size() - 1).timestampMillis();
    ScoreSeries series =
        new ScoreSeries(
            first,
            last,
            scored.size(),
            ScoreChart.DEFAULT_POINTS,
            Sensitivity.DEFAULT.scoreThreshold(),
            ScoreChart.DEFAULT_POINTS);
    long anomalous = 0;
    for (ScoredRow row : scored) {
      series.add(
          row.timestampMillis(), row.anomalyScore(), row.reason() == PredictionReason.MACHINE_OFF);
      anomalous += row.prediction();
    }
    json.put("dataPoints", series.count());
    json.put("anomalousRows", anomalous);
    json.put("downsampled", series.downsampled());
    json.put("series", series.columns());
    json.put("anomalies", series.ranges());
    json.put("labels", evaluation.path("labels"));
    return json;
  }

  /**
   * Feeds the scorer the last window of training rows, as training did before scoring a contiguous
   * evaluation range: the rows of the last {@code window} sampling periods (or the last {@code
   * window} rows without resampling), preprocessed, machine-off rows aside.
   */
  private void warmUp(
      TrainedModel model,
      Scorer scorer,
      String datasetName,
      long trainingStart,
      long trainingEnd,
      SensorTable evaluation) {
    int window = model.config().window();
    Duration period = model.preprocessing().targetSamplingPeriodIfSet().orElse(null);
    long step = period != null ? period.toMillis() : typicalInterval(evaluation);
    long lookback = Math.max(1, (window + 2L) * step);
    SensorTable tail;
    while (true) {
      long from = Math.max(trainingStart, trainingEnd - lookback);
      tail = datasets.read(datasetName, from, trainingEnd);
      if (from == trainingStart || (period == null && tail.rowCount() > window)) {
        break;
      }
      if (period != null) {
        break;
      }
      lookback *= 2;
    }
    if (tail.rowCount() == 0) {
      return;
    }
    long last = tail.timestamp(tail.rowCount() - 1);
    long from;
    if (period != null) {
      long millis = period.toMillis();
      from = Math.floorDiv(last, millis) * millis - window * millis;
    } else {
      from = tail.timestamp(Math.max(0, tail.rowCount() - window));
    }
    SensorTable rows = tail.rows(tail.firstRowAtOrAfter(from), tail.rowCount());
    PreprocessedTable prepared = model.preprocess(rows);
    SensorTable table = prepared.table();
    for (int row = Math.max(0, table.rowCount() - window); row < table.rowCount(); row++) {
      if (!prepared.machineOff()[row]) {
        scorer.warmUp(table, row, row + 1);
      }
    }
  }

  /** The median interval between rows of a table, one second when it has fewer than two. */
  private static long typicalInterval(SensorTable table) {
    if (table.rowCount() < 2) {
      return 1000;
    }
    int samples = Math.min(table.rowCount() - 1, 1000);
    long[] intervals = new long[samples];
    for (int i = 0; i < samples; i++) {
      intervals[i] = table.timestamp(i + 1) - table.timestamp(i);
    }
    java.util.Arrays.sort(intervals);
    return Math.max(1, intervals[samples / 2]);
  }

  private static long millis(JsonNode instant) {
    return Instant.parse(instant.asText()).toEpochMilli();
  }
}
