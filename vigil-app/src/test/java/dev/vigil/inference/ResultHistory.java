package dev.vigil.inference;

import dev.vigil.engine.model.PredictionReason;
import dev.vigil.engine.model.ScoredRow;
import dev.vigil.storage.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * Writes a long history of results for a scheduler straight into the metadata database, as the
 * engine records them (an execution per window, then its rows), for tests that need far more
 * results than a test can score: a month of 1-minute results for the chart. Every result has the
 * same contributions: the first sensor 0.6, the second 0.3, the third 0.1.
 *
 * <p>Stateless; not for concurrent writes to one scheduler.
 */
public final class ResultHistory {
  /** The sensors the results are of. */
  public static final List<String> SENSORS = List.of("comp01\\s01", "comp01\\s02", "comp02\\s01");

  private ResultHistory() {}

  /**
   * Writes {@code count} results, one every {@code interval} from {@code from}, in windows of
   * {@code window}, scored by version {@code version} of model {@code model}; result {@code i} has
   * score {@code score.applyAsDouble(i)} (anomalous above 0.5).
   */
  public static void write(
      Database database,
      String schedulerId,
      String model,
      int version,
      Instant from,
      Duration interval,
      int count,
      Duration window,
      IntToDoubleFunction score) {
    ExecutionRepository executions = new ExecutionRepository(database);
    int perWindow = (int) (window.toMillis() / interval.toMillis());
    for (int first = 0; first < count; first += perWindow) {
      Instant start = from.plus(interval.multipliedBy(first));
      Instant end = start.plus(window);
      List<ScoredRow> rows = new ArrayList<>();
      for (int i = first; i < Math.min(count, first + perWindow); i++) {
        double value = score.applyAsDouble(i);
        boolean anomalous = value > 0.5;
        rows.add(
            new ScoredRow(
                from.plus(interval.multipliedBy(i)).toEpochMilli(),
                anomalous ? 1 : 0,
                anomalous
                    ? PredictionReason.ANOMALY_DETECTED
                    : PredictionReason.NO_ANOMALY_DETECTED,
                value,
                value,
                new double[] {0.6, 0.3, 0.1}));
      }
      ExecutionRecord running =
          new ExecutionRecord(
              schedulerId,
              start,
              end,
              end,
              null,
              null,
              ExecutionStatus.IN_PROGRESS,
              false,
              null,
              model,
              version,
              null,
              null,
              0,
              end,
              null,
              null);
      executions.insert(running, handle -> {});
      ExecutionRecord done =
          running.succeeded(
              Instant.ofEpochMilli(rows.get(0).timestampMillis()),
              Instant.ofEpochMilli(rows.get(rows.size() - 1).timestampMillis()),
              "results",
              "history/" + end + "/results.jsonl",
              rows.size(),
              end);
      executions.complete(done, ScoredWindow.of(SENSORS, rows), handle -> {});
    }
  }
}
