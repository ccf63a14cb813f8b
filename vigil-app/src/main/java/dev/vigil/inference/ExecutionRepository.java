package dev.vigil.inference;

import dev.vigil.engine.model.PredictionReason;
import dev.vigil.engine.model.ScoredRow;
import dev.vigil.results.ResultLineWriter;
import dev.vigil.storage.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The executions and results of schedulers in the metadata database. The primary key of an
 * execution (scheduler, window end) and the conditional completion ({@link #complete}) are what
 * keep a window from being scored twice into the results. Thread-safe.
 */
final class ExecutionRepository {
  private static final String COLUMNS =
      "scheduler_id, window_start, window_end, scheduled_start, data_start, data_end, status,"
          + " missed, failed_reason, model_name, model_version, result_bucket, result_key,"
          + " scored_rows, started_at, finished_at, replay_id, sensor_names";

  private static final String VALUES =
      ":schedulerId, :windowStart, :windowEnd, :scheduledStart, :dataStart, :dataEnd, :status,"
          + " :missed, :failedReason, :modelName, :modelVersion, :resultBucket, :resultKey,"
          + " :scoredRows, :startedAt, :finishedAt, :replayId, :sensorNames";

  /** SQL state of a unique-constraint violation, on H2 and PostgreSQL alike. */
  private static final String UNIQUE_VIOLATION = "23505";

  private final Jdbi jdbi;

  ExecutionRepository(Database database) {
    this.jdbi = database.jdbi();
  }

  /** The end of the latest window of the scheduler that is SUCCESS or FAILED. */
  Optional<Instant> lastFinishedWindowEnd(String schedulerId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT MAX(window_end) FROM inference_executions"
                        + " WHERE scheduler_id = :id AND status <> 'IN_PROGRESS'")
                .bind("id", schedulerId)
                .mapTo(Long.class)
                .findOne()
                .map(Instant::ofEpochMilli));
  }

  Optional<ExecutionRecord> find(String schedulerId, Instant windowEnd) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM inference_executions WHERE scheduler_id = :id"
                        + " AND window_end = :end")
                .bind("id", schedulerId)
                .bind("end", windowEnd.toEpochMilli())
                .map(ExecutionRepository::execution)
                .findOne());
  }

  /**
   * Records a window as IN_PROGRESS.
   *
   * @return false when the window has an execution already (then nothing changes)
   */
  boolean insert(ExecutionRecord execution) {
    return insert(execution, handle -> {});
  }

  /**
   * Records a window as IN_PROGRESS, or as FAILED straight away (a missed window), in one
   * transaction with whatever {@code alsoInTransaction} writes on its handle.
   *
   * @return false when the window has an execution already (then nothing changes)
   */
  boolean insert(ExecutionRecord execution, Consumer<Handle> alsoInTransaction) {
    try {
      jdbi.useTransaction(
          handle -> {
            bind(
                    handle.createUpdate(
                        "INSERT INTO inference_executions ("
                            + COLUMNS
                            + ") VALUES ("
                            + VALUES
                            + ")"),
                    execution)
                .execute();
            alsoInTransaction.accept(handle);
          });
      return true;
    } catch (UnableToExecuteStatementException e) {
      if (e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Finishes an IN_PROGRESS execution and stores its result rows, in one transaction, which also
   * holds whatever {@code alsoInTransaction} writes on its handle.
   *
   * @return false, changing nothing, when the execution is not IN_PROGRESS any more (another node
   *     finished the window first)
   */
  boolean complete(
      ExecutionRecord execution, ScoredWindow scored, Consumer<Handle> alsoInTransaction) {
    return jdbi.inTransaction(
        handle -> {
          int updated =
              handle
                  .createUpdate(
                      "UPDATE inference_executions SET data_start = :dataStart,"
                          + " data_end = :dataEnd, status = :status, missed = :missed,"
                          + " failed_reason = :failedReason, model_name = :modelName,"
                          + " model_version = :modelVersion, result_bucket = :resultBucket,"
                          + " result_key = :resultKey, scored_rows = :scoredRows,"
                          + " sensor_names = :sensorNames, started_at = :startedAt,"
                          + " finished_at = :finishedAt"
                          + " WHERE scheduler_id = :schedulerId AND window_end = :windowEnd"
                          + " AND status = 'IN_PROGRESS'")
                  .bind("schedulerId", execution.schedulerId())
                  .bind("windowEnd", execution.windowEnd().toEpochMilli())
                  .bind("dataStart", millis(execution.dataStart()))
                  .bind("dataEnd", millis(execution.dataEnd()))
                  .bind("status", execution.status().name())
                  .bind("missed", execution.missed())
                  .bind("failedReason", execution.failedReason())
                  .bind("modelName", execution.modelName())
                  .bind("modelVersion", execution.modelVersion())
                  .bind("resultBucket", execution.resultBucket())
                  .bind("resultKey", execution.resultKey())
                  .bind("scoredRows", execution.scoredRows())
                  .bind("sensorNames", sensorNames(scored))
                  .bind("startedAt", execution.startedAt().toEpochMilli())
                  .bind("finishedAt", millis(execution.finishedAt()))
                  .execute();
          if (updated == 0) {
            return false;
          }
          insertResults(handle, execution, scored);
          alsoInTransaction.accept(handle);
          return true;
        });
  }

  /**
   * Records a window scored again by a replay: its execution replaces the one there (or is the
   * first one), and its results replace every stored result of the scheduler with a timestamp in
   * the window, in one transaction with whatever {@code alsoInTransaction} writes on its handle.
   */
  void replaceWindow(
      ExecutionRecord execution, ScoredWindow scored, Consumer<Handle> alsoInTransaction) {
    jdbi.useTransaction(
        handle -> {
          handle
              .createUpdate(
                  "DELETE FROM inference_executions WHERE scheduler_id = :id"
                      + " AND window_end = :end")
              .bind("id", execution.schedulerId())
              .bind("end", execution.windowEnd().toEpochMilli())
              .execute();
          bind(
                  handle.createUpdate(
                      "INSERT INTO inference_executions (" + COLUMNS + ") VALUES (" + VALUES + ")"),
                  execution)
              .bind("sensorNames", sensorNames(scored))
              .execute();
          handle
              .createUpdate(
                  "DELETE FROM inference_results WHERE scheduler_id = :id"
                      + " AND timestamp_millis >= :from AND timestamp_millis < :to")
              .bind("id", execution.schedulerId())
              .bind("from", execution.windowStart().toEpochMilli())
              .bind("to", execution.windowEnd().toEpochMilli())
              .execute();
          insertResults(handle, execution, scored);
          alsoInTransaction.accept(handle);
        });
  }

  /**
   * The statuses of the latest {@code count} executions that are not missed windows, latest first.
   */
  List<ExecutionStatus> latestStatuses(String schedulerId, Instant fromWindowEnd, int count) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT status FROM inference_executions WHERE scheduler_id = :id"
                        + " AND missed = FALSE AND status <> 'IN_PROGRESS'"
                        + " AND window_end >= :from"
                        + " ORDER BY window_end DESC LIMIT :count")
                .bind("id", schedulerId)
                .bind("from", fromWindowEnd.toEpochMilli())
                .bind("count", count)
                .mapTo(String.class)
                .map(ExecutionStatus::valueOf)
                .list());
  }

  /** The executions whose window overlaps {@code [from, to)}, oldest first. */
  List<ExecutionRecord> list(String schedulerId, Instant from, Instant to) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM inference_executions WHERE scheduler_id = :id"
                        + " AND window_end > :from AND window_start < :to ORDER BY window_end")
                .bind("id", schedulerId)
                .bind("from", from.toEpochMilli())
                .bind("to", to.toEpochMilli())
                .map(ExecutionRepository::execution)
                .list());
  }

  /**
   * The stored results with timestamps in {@code [from, to)}, in time order, each with its Lookout
   * results line written again from the stored diagnostics, as results.jsonl has it.
   */
  List<StoredResult> results(String schedulerId, Instant from, Instant to) {
    return jdbi.withHandle(
        handle -> {
          Map<Long, ResultLineWriter> writers = new HashMap<>();
          handle
              .createQuery(
                  "SELECT window_end, sensor_names FROM inference_executions"
                      + " WHERE scheduler_id = :id AND sensor_names IS NOT NULL"
                      + " AND window_end > :from AND window_start < :to")
              .bind("id", schedulerId)
              .bind("from", from.toEpochMilli())
              .bind("to", to.toEpochMilli())
              .map(
                  (rs, ctx) ->
                      Map.entry(
                          rs.getLong("window_end"),
                          new ResultLineWriter(List.of(rs.getString("sensor_names").split("\n")))))
              .forEach(entry -> writers.put(entry.getKey(), entry.getValue()));
          return handle
              .createQuery(
                  "SELECT timestamp_millis, window_end, model_version, prediction,"
                      + " prediction_reason, anomaly_score, diagnostics FROM inference_results"
                      + " WHERE scheduler_id = :id AND timestamp_millis >= :from"
                      + " AND timestamp_millis < :to ORDER BY timestamp_millis")
              .bind("id", schedulerId)
              .bind("from", from.toEpochMilli())
              .bind("to", to.toEpochMilli())
              .map((rs, ctx) -> result(rs, writers))
              .list();
        });
  }

  /** The timestamps of the latest {@code count} stored results of the scheduler, latest first. */
  List<Long> latestResultTimestamps(String schedulerId, int count) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT timestamp_millis FROM inference_results WHERE scheduler_id = :id"
                        + " ORDER BY timestamp_millis DESC LIMIT :count")
                .bind("id", schedulerId)
                .bind("count", count)
                .mapTo(Long.class)
                .list());
  }

  /** The prediction of the latest stored result of the scheduler. */
  Optional<Integer> latestPrediction(String schedulerId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT prediction FROM inference_results WHERE scheduler_id = :id"
                        + " ORDER BY timestamp_millis DESC LIMIT 1")
                .bind("id", schedulerId)
                .mapTo(Integer.class)
                .findOne());
  }

  private static void insertResults(Handle handle, ExecutionRecord execution, ScoredWindow scored) {
    if (scored.rows().isEmpty()) {
      return;
    }
    PreparedBatch batch =
        handle.prepareBatch(
            "INSERT INTO inference_results (scheduler_id, timestamp_millis, window_end,"
                + " model_version, prediction, prediction_reason, anomaly_score, diagnostics)"
                + " VALUES (:schedulerId, :timestamp, :windowEnd, :modelVersion, :prediction,"
                + " :reason, :score, :diagnostics)");
    for (ScoredRow row : scored.rows()) {
      batch
          .bind("schedulerId", execution.schedulerId())
          .bind("timestamp", row.timestampMillis())
          .bind("windowEnd", execution.windowEnd().toEpochMilli())
          .bind("modelVersion", execution.modelVersion())
          .bind("prediction", row.prediction())
          .bind("reason", row.reason().name())
          .bind("score", row.anomalyScore())
          .bind("diagnostics", ResultLineWriter.encodeDiagnostics(row))
          .add();
    }
    batch.execute();
  }

  /** The sensor names of a scored window, one per line; null when nothing was scored. */
  private static String sensorNames(ScoredWindow scored) {
    return scored.rows().isEmpty() ? null : String.join("\n", scored.sensorNames());
  }

  private static org.jdbi.v3.core.statement.Update bind(
      org.jdbi.v3.core.statement.Update update, ExecutionRecord execution) {
    return update
        .bind("schedulerId", execution.schedulerId())
        .bind("windowStart", execution.windowStart().toEpochMilli())
        .bind("windowEnd", execution.windowEnd().toEpochMilli())
        .bind("scheduledStart", execution.scheduledStart().toEpochMilli())
        .bind("dataStart", millis(execution.dataStart()))
        .bind("dataEnd", millis(execution.dataEnd()))
        .bind("status", execution.status().name())
        .bind("missed", execution.missed())
        .bind("failedReason", execution.failedReason())
        .bind("modelName", execution.modelName())
        .bind("modelVersion", execution.modelVersion())
        .bind("resultBucket", execution.resultBucket())
        .bind("resultKey", execution.resultKey())
        .bind("scoredRows", execution.scoredRows())
        .bind("startedAt", execution.startedAt().toEpochMilli())
        .bind("finishedAt", millis(execution.finishedAt()))
        .bind("replayId", execution.replayId())
        .bind("sensorNames", (String) null);
  }

  private static Long millis(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(value);
  }

  private static ExecutionRecord execution(ResultSet rs, StatementContext context)
      throws SQLException {
    return new ExecutionRecord(
        rs.getString("scheduler_id"),
        instant(rs, "window_start"),
        instant(rs, "window_end"),
        instant(rs, "scheduled_start"),
        instant(rs, "data_start"),
        instant(rs, "data_end"),
        ExecutionStatus.valueOf(rs.getString("status")),
        rs.getBoolean("missed"),
        rs.getString("failed_reason"),
        rs.getString("model_name"),
        rs.getInt("model_version"),
        rs.getString("result_bucket"),
        rs.getString("result_key"),
        rs.getInt("scored_rows"),
        instant(rs, "started_at"),
        instant(rs, "finished_at"),
        rs.getString("replay_id"));
  }

  private static StoredResult result(ResultSet rs, Map<Long, ResultLineWriter> writers)
      throws SQLException {
    long windowEnd = rs.getLong("window_end");
    ResultLineWriter writer = writers.get(windowEnd);
    if (writer == null) {
      throw new IllegalStateException(
          "stored results of the window ending "
              + Instant.ofEpochMilli(windowEnd)
              + " have no execution with sensor names");
    }
    long timestamp = rs.getLong("timestamp_millis");
    int prediction = rs.getInt("prediction");
    double score = rs.getDouble("anomaly_score");
    String line =
        writer.line(
            timestamp,
            prediction,
            PredictionReason.valueOf(rs.getString("prediction_reason")),
            score,
            rs.getBytes("diagnostics"));
    return new StoredResult(
        timestamp, windowEnd, rs.getInt("model_version"), prediction, score, line);
  }
}
