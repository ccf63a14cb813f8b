package dev.vigil.inference;

import dev.vigil.engine.model.ScoredRow;
import dev.vigil.results.ResultLineWriter;
import dev.vigil.storage.Database;
import dev.vigil.storage.SqlStates;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.result.ResultIterator;
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
          + " scored_rows, started_at, finished_at, replay_id";

  private static final String VALUES =
      ":schedulerId, :windowStart, :windowEnd, :scheduledStart, :dataStart, :dataEnd, :status,"
          + " :missed, :failedReason, :modelName, :modelVersion, :resultBucket, :resultKey,"
          + " :scoredRows, :startedAt, :finishedAt, :replayId";

  private final Jdbi jdbi;
  private final Database database;

  ExecutionRepository(Database database) {
    this.jdbi = database.jdbi();
    this.database = database;
  }

  /**
   * Runs {@code action} once every execution recorded so far is on disk, without waiting here
   * ({@link Database#afterDurable}).
   */
  void afterDurable(Runnable action) {
    database.afterDurable(action);
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
      if (SqlStates.isUniqueViolation(e)) {
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
                          + " started_at = :startedAt, finished_at = :finishedAt"
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
              .execute();
          removeResults(
              handle, execution.schedulerId(), execution.windowStart(), execution.windowEnd());
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
   * results line written again from the stored rows, as results.jsonl has it.
   */
  List<StoredResult> results(String schedulerId, Instant from, Instant to) {
    List<StoredWindow> windows =
        jdbi.withHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT window_end, first_timestamp, model_version, sensor_names,"
                            + " rows_data FROM inference_results WHERE scheduler_id = :id"
                            + " AND last_timestamp >= :from AND first_timestamp < :to"
                            + " ORDER BY first_timestamp")
                    .bind("id", schedulerId)
                    .bind("from", from.toEpochMilli())
                    .bind("to", to.toEpochMilli())
                    .map(ExecutionRepository::storedWindow)
                    .list());
    List<StoredResult> results = new ArrayList<>();
    for (StoredWindow window : windows) {
      ResultLineWriter lines = new ResultLineWriter(List.of(window.sensorNames().split("\n")));
      for (StoredRows.Row row :
          StoredRows.decode(window.rows(), from.toEpochMilli(), to.toEpochMilli())) {
        results.add(
            new StoredResult(
                row.timestampMillis(),
                window.windowEnd(),
                window.modelVersion(),
                row.prediction(),
                row.anomalyScore(),
                lines.line(
                    row.timestampMillis(),
                    row.prediction(),
                    row.reason(),
                    row.anomalyScore(),
                    row.diagnostics())));
      }
    }
    return results;
  }

  /**
   * Gives {@code each} the timestamp, score and reason of every stored result with a timestamp in
   * {@code [from, to)}, in time order, without building their results lines.
   */
  void forEachScore(String schedulerId, Instant from, Instant to, StoredRows.ScoreConsumer each) {
    jdbi.useHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT rows_data FROM inference_results WHERE scheduler_id = :id"
                        + " AND last_timestamp >= :from AND first_timestamp < :to"
                        + " ORDER BY first_timestamp")
                .bind("id", schedulerId)
                .bind("from", from.toEpochMilli())
                .bind("to", to.toEpochMilli())
                .setFetchSize(100)
                .map((rs, ctx) -> rs.getBytes(1))
                .forEach(
                    rows ->
                        StoredRows.forEachScore(
                            rows, from.toEpochMilli(), to.toEpochMilli(), each)));
  }

  /** The timestamps of the latest {@code count} stored results of the scheduler, latest first. */
  List<Long> latestResultTimestamps(String schedulerId, int count) {
    List<Long> timestamps = new ArrayList<>();
    for (byte[] rows : latestWindowRows(schedulerId, count)) {
      List<StoredRows.Row> decoded = StoredRows.decode(rows, Long.MIN_VALUE, Long.MAX_VALUE);
      for (int i = decoded.size() - 1; i >= 0 && timestamps.size() < count; i--) {
        timestamps.add(decoded.get(i).timestampMillis());
      }
    }
    return timestamps;
  }

  /** The prediction of the latest stored result of the scheduler. */
  Optional<Integer> latestPrediction(String schedulerId) {
    for (byte[] rows : latestWindowRows(schedulerId, 1)) {
      List<StoredRows.Row> decoded = StoredRows.decode(rows, Long.MIN_VALUE, Long.MAX_VALUE);
      if (!decoded.isEmpty()) {
        return Optional.of(decoded.get(decoded.size() - 1).prediction());
      }
    }
    return Optional.empty();
  }

  /** The encoded rows of the latest windows, latest first, enough to hold {@code rows} rows. */
  private List<byte[]> latestWindowRows(String schedulerId, int rows) {
    return jdbi.withHandle(
        handle -> {
          List<byte[]> windows = new ArrayList<>();
          int held = 0;
          try (ResultIterator<Map.Entry<Integer, byte[]>> iterator =
              handle
                  .createQuery(
                      "SELECT row_count, rows_data FROM inference_results"
                          + " WHERE scheduler_id = :id ORDER BY last_timestamp DESC")
                  .bind("id", schedulerId)
                  .map((rs, ctx) -> Map.entry(rs.getInt("row_count"), rs.getBytes("rows_data")))
                  .iterator()) {
            while (held < rows && iterator.hasNext()) {
              Map.Entry<Integer, byte[]> window = iterator.next();
              windows.add(window.getValue());
              held += window.getKey();
            }
          }
          return windows;
        });
  }

  private static void insertResults(Handle handle, ExecutionRecord execution, ScoredWindow scored) {
    List<ScoredRow> rows = scored.rows();
    if (rows.isEmpty()) {
      return;
    }
    handle
        .createUpdate(
            "INSERT INTO inference_results (scheduler_id, window_end, first_timestamp,"
                + " last_timestamp, model_version, row_count, sensor_names, rows_data)"
                + " VALUES (:schedulerId, :windowEnd, :first, :last, :modelVersion, :count,"
                + " :sensorNames, :rows)")
        .bind("schedulerId", execution.schedulerId())
        .bind("windowEnd", execution.windowEnd().toEpochMilli())
        .bind("first", rows.get(0).timestampMillis())
        .bind("last", rows.get(rows.size() - 1).timestampMillis())
        .bind("modelVersion", execution.modelVersion())
        .bind("count", rows.size())
        .bind("sensorNames", String.join("\n", scored.sensorNames()))
        .bind("rows", StoredRows.encode(scored))
        .execute();
  }

  /**
   * Removes the stored rows of the scheduler with timestamps in {@code [from, to)}: the windows
   * wholly inside go, the others (windows of another frequency, before an update) keep their other
   * rows.
   */
  private static void removeResults(Handle handle, String schedulerId, Instant from, Instant to) {
    List<StoredWindow> overlapping =
        handle
            .createQuery(
                "SELECT window_end, first_timestamp, model_version, sensor_names, rows_data"
                    + " FROM inference_results WHERE scheduler_id = :id"
                    + " AND last_timestamp >= :from AND first_timestamp < :to")
            .bind("id", schedulerId)
            .bind("from", from.toEpochMilli())
            .bind("to", to.toEpochMilli())
            .map(ExecutionRepository::storedWindow)
            .list();
    for (StoredWindow window : overlapping) {
      byte[] kept = StoredRows.without(window.rows(), from.toEpochMilli(), to.toEpochMilli());
      List<StoredRows.Row> rows = StoredRows.decode(kept, Long.MIN_VALUE, Long.MAX_VALUE);
      if (rows.isEmpty()) {
        handle
            .createUpdate(
                "DELETE FROM inference_results WHERE scheduler_id = :id"
                    + " AND first_timestamp = :first")
            .bind("id", schedulerId)
            .bind("first", window.firstTimestamp())
            .execute();
      } else {
        handle
            .createUpdate(
                "UPDATE inference_results SET first_timestamp = :first, last_timestamp = :last,"
                    + " row_count = :count, rows_data = :rows"
                    + " WHERE scheduler_id = :id AND first_timestamp = :was")
            .bind("first", rows.get(0).timestampMillis())
            .bind("last", rows.get(rows.size() - 1).timestampMillis())
            .bind("count", rows.size())
            .bind("rows", kept)
            .bind("id", schedulerId)
            .bind("was", window.firstTimestamp())
            .execute();
      }
    }
  }

  /** One window's stored rows, still encoded. */
  private record StoredWindow(
      long windowEnd, long firstTimestamp, int modelVersion, String sensorNames, byte[] rows) {}

  private static StoredWindow storedWindow(ResultSet rs, StatementContext context)
      throws SQLException {
    return new StoredWindow(
        rs.getLong("window_end"),
        rs.getLong("first_timestamp"),
        rs.getInt("model_version"),
        rs.getString("sensor_names"),
        rs.getBytes("rows_data"));
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
        .bind("replayId", execution.replayId());
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
}
