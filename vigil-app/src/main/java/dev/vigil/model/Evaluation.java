package dev.vigil.model;

import dev.vigil.engine.data.SensorTable;
import dev.vigil.engine.model.ScoredRow;
import dev.vigil.engine.model.Scorer;
import dev.vigil.engine.model.Sensitivity;
import dev.vigil.engine.model.TrainedModel;
import dev.vigil.engine.preprocess.PreprocessedTable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a trained model does on the evaluation range: the range is scored at the default sensitivity
 * and every run of rows predicted anomalous is an event; each label is detected when an event
 * overlaps it. The result is the JSON document the API shows, built once after training and stored.
 * Stateless and thread-safe.
 */
final class Evaluation {
  /** Diagnostics listed per event. */
  static final int EVENT_DIAGNOSTICS = 5;

  private Evaluation() {}

  /**
   * Scores {@code evaluation} with {@code model} and compares the events with the labels.
   *
   * @param training the raw training rows; when {@code contiguous}, their last window warms the
   *     scorer up so that the first evaluation row is judged with real history
   * @param contiguous whether the evaluation range starts where the training range ends
   */
  static Map<String, Object> of(
      TrainedModel model,
      SensorTable training,
      SensorTable evaluation,
      List<Label> labels,
      boolean contiguous) {
    Scorer scorer = model.newScorer(Sensitivity.DEFAULT);
    if (contiguous && training.rowCount() > 0) {
      warmUp(model, scorer, training);
    }
    List<ScoredRow> scored = new ArrayList<>();
    if (evaluation.rowCount() > 0) {
      PreprocessedTable prepared = model.preprocess(evaluation);
      scored =
          scorer.score(prepared.table(), 0, prepared.table().rowCount(), prepared.machineOff());
    }
    return summarise(model.sensorNames(), scored, labels);
  }

  /** Feeds the scorer the preprocessed last window of the training rows, machine-off rows aside. */
  private static void warmUp(TrainedModel model, Scorer scorer, SensorTable training) {
    int window = model.config().window();
    long last = training.timestamp(training.rowCount() - 1);
    long from;
    Duration period = model.preprocessing().targetSamplingPeriodIfSet().orElse(null);
    if (period != null) {
      long millis = period.toMillis();
      from = Math.floorDiv(last, millis) * millis - window * millis;
    } else {
      from = training.timestamp(Math.max(0, training.rowCount() - window));
    }
    SensorTable tail = training.rows(training.firstRowAtOrAfter(from), training.rowCount());
    PreprocessedTable prepared = model.preprocess(tail);
    SensorTable table = prepared.table();
    for (int row = Math.max(0, table.rowCount() - window); row < table.rowCount(); row++) {
      if (!prepared.machineOff()[row]) {
        scorer.warmUp(table, row, row + 1);
      }
    }
  }

  /** The evaluation document of scored rows. */
  static Map<String, Object> summarise(
      List<String> sensorNames, List<ScoredRow> scored, List<Label> labels) {
    List<Event> events = events(scored, sensorNames.size());
    long anomalousRows = scored.stream().filter(row -> row.prediction() == 1).count();

    List<Map<String, Object>> labelJson = new ArrayList<>();
    int detected = 0;
    boolean[] eventMatchesLabel = new boolean[events.size()];
    for (Label label : labels) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("start", Instant.ofEpochMilli(label.range().startMillis()).toString());
      json.put("end", Instant.ofEpochMilli(label.range().endMillis()).toString());
      Event first = null;
      for (int i = 0; i < events.size(); i++) {
        Event event = events.get(i);
        if (event.startMillis < label.range().endMillis()
            && event.endMillis >= label.range().startMillis()) {
          eventMatchesLabel[i] = true;
          if (first == null) {
            first = event;
          }
        }
      }
      json.put("detected", first != null);
      if (first != null) {
        detected++;
        json.put(
            "detectionDelaySeconds",
            Math.max(0, first.startMillis - label.range().startMillis()) / 1000.0);
      }
      labelJson.add(json);
    }
    int falsePositives = 0;
    for (boolean matches : eventMatchesLabel) {
      if (!matches) {
        falsePositives++;
      }
    }

    Map<String, Object> json = new LinkedHashMap<>();
    json.put("rows", scored.size());
    json.put("anomalousRows", anomalousRows);
    List<Map<String, Object>> eventJson = new ArrayList<>();
    for (Event event : events) {
      eventJson.add(event.toJson(sensorNames));
    }
    json.put("events", eventJson);
    json.put("labels", labelJson);
    json.put("labelsDetected", detected);
    json.put("falsePositiveEvents", falsePositives);
    return json;
  }

  /** Runs of rows predicted anomalous. */
  private static List<Event> events(List<ScoredRow> scored, int sensors) {
    List<Event> events = new ArrayList<>();
    Event current = null;
    for (ScoredRow row : scored) {
      if (row.prediction() == 1) {
        if (current == null) {
          current = new Event(row.timestampMillis(), sensors);
          events.add(current);
        }
        current.add(row);
      } else {
        current = null;
      }
    }
    return events;
  }

  /** An event being built: its time span, peak score and summed sensor contributions. */
  private static final class Event {
    final long startMillis;
    long endMillis;
    double peakScore;
    final double[] contributions;

    Event(long startMillis, int sensors) {
      this.startMillis = startMillis;
      this.endMillis = startMillis;
      this.contributions = new double[sensors];
    }

    void add(ScoredRow row) {
      endMillis = row.timestampMillis();
      peakScore = Math.max(peakScore, row.anomalyScore());
      double[] shares = row.diagnostics();
      for (int s = 0; s < contributions.length; s++) {
        contributions[s] += shares[s];
      }
    }

    Map<String, Object> toJson(List<String> sensorNames) {
      double total = 0;
      for (double contribution : contributions) {
        total += contribution;
      }
      double[] shares = new double[contributions.length];
      for (int s = 0; s < shares.length; s++) {
        shares[s] = total > 0 ? contributions[s] / total : 0;
      }
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("start", Instant.ofEpochMilli(startMillis).toString());
      json.put("end", Instant.ofEpochMilli(endMillis).toString());
      json.put("durationSeconds", (endMillis - startMillis) / 1000.0);
      json.put("peakScore", ResultLines.round(peakScore));
      json.put("diagnostics", ResultLines.diagnostics(shares, sensorNames, EVENT_DIAGNOSTICS));
      return json;
    }
  }
}
