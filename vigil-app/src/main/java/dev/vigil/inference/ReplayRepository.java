package dev.vigil.inference;

import dev.vigil.storage.Database;
import dev.vigil.storage.SqlStates;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Replays in the metadata database, with the lock that lets one replay per scheduler run at a time
 * (the primary key of {@code inference_replay_locks}). Thread-safe.
 */
final class ReplayRepository {
  private static final String COLUMNS =
      "id, scheduler_id, requested_start, requested_end, range_start, range_end, model_name,"
          + " model_version, estimated_points, status, windows_total, windows_done,"
          + " windows_failed, scored_rows, outcome, created_at, started_at, finished_at";

  private final Jdbi jdbi;

  ReplayRepository(Database database) {
    this.jdbi = database.jdbi();
  }

  /**
   * Records a new replay and takes its scheduler's lock, in one transaction.
   *
   * @return false, recording nothing, when another replay of the scheduler holds the lock
   */
  boolean insert(Replay replay) {
    try {
      jdbi.useTransaction(
          handle -> {
            handle
                .createUpdate(
                    "INSERT INTO inference_replay_locks (scheduler_id, replay_id)"
                        + " VALUES (:schedulerId, :id)")
                .bind("schedulerId", replay.schedulerId())
                .bind("id", replay.id())
                .execute();
            handle
                .createUpdate(
                    "INSERT INTO inference_replays ("
                        + COLUMNS
                        + ") VALUES (:id, :schedulerId, :requestedStart, :requestedEnd,"
                        + " :rangeStart, :rangeEnd, :modelName, :modelVersion, :estimatedPoints,"
                        + " :status, :windowsTotal, :windowsDone, :windowsFailed, :scoredRows,"
                        + " :outcome, :createdAt, :startedAt, :finishedAt)")
                .bind("id", replay.id())
                .bind("schedulerId", replay.schedulerId())
                .bind("requestedStart", replay.requestedStart().toEpochMilli())
                .bind("requestedEnd", replay.requestedEnd().toEpochMilli())
                .bind("rangeStart", replay.rangeStart().toEpochMilli())
                .bind("rangeEnd", replay.rangeEnd().toEpochMilli())
                .bind("modelName", replay.modelName())
                .bind("modelVersion", replay.modelVersion())
                .bind("estimatedPoints", replay.estimatedPoints())
                .bind("status", replay.status().name())
                .bind("windowsTotal", replay.windowsTotal())
                .bind("windowsDone", replay.windowsDone())
                .bind("windowsFailed", replay.windowsFailed())
                .bind("scoredRows", replay.scoredRows())
                .bind("outcome", replay.outcome())
                .bind("createdAt", replay.createdAt().toEpochMilli())
                .bind("startedAt", millis(replay.startedAt()))
                .bind("finishedAt", millis(replay.finishedAt()))
                .execute();
          });
      return true;
    } catch (UnableToExecuteStatementException e) {
      if (SqlStates.isUniqueViolation(e)) {
        return false;
      }
      throw e;
    }
  }

  Optional<Replay> find(String id) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT " + COLUMNS + " FROM inference_replays WHERE id = :id")
                .bind("id", id)
                .map(ReplayRepository::replay)
                .findOne());
  }

  /** The replays of a scheduler, latest first. */
  List<Replay> list(String schedulerId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM inference_replays WHERE scheduler_id = :id"
                        + " ORDER BY created_at DESC, id")
                .bind("id", schedulerId)
                .map(ReplayRepository::replay)
                .list());
  }

  /** The replay of the scheduler that has not ended, if any. */
  Optional<Replay> running(String schedulerId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM inference_replays WHERE id IN (SELECT replay_id FROM"
                        + " inference_replay_locks WHERE scheduler_id = :id)")
                .bind("id", schedulerId)
                .map(ReplayRepository::replay)
                .findOne());
  }

  /** Every replay that has not ended, on any scheduler. */
  List<Replay> unfinished() {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM inference_replays WHERE status IN ('PENDING', 'IN_PROGRESS')")
                .map(ReplayRepository::replay)
                .list());
  }

  /** The replay's first window starts: IN_PROGRESS. */
  void markStarted(String id, Instant now) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "UPDATE inference_replays SET status = 'IN_PROGRESS', started_at = :now"
                        + " WHERE id = :id AND status = 'PENDING'")
                .bind("id", id)
                .bind("now", now.toEpochMilli())
                .execute());
  }

  /** One more window handled; a failed one with its reason. */
  void windowHandled(String id, Instant windowEnd, int scoredRows, String failure) {
    jdbi.useTransaction(
        handle -> {
          if (failure != null) {
            // A window redone after a crash replaces the reason it failed with before.
            handle
                .createUpdate(
                    "DELETE FROM inference_replay_failures WHERE replay_id = :id"
                        + " AND window_end = :end")
                .bind("id", id)
                .bind("end", windowEnd.toEpochMilli())
                .execute();
            handle
                .createUpdate(
                    "INSERT INTO inference_replay_failures (replay_id, window_end, reason)"
                        + " VALUES (:id, :end, :reason)")
                .bind("id", id)
                .bind("end", windowEnd.toEpochMilli())
                .bind("reason", failure)
                .execute();
          }
          handle
              .createUpdate(
                  "UPDATE inference_replays SET windows_done = windows_done + 1,"
                      + " windows_failed = windows_failed + :failed,"
                      + " scored_rows = scored_rows + :rows WHERE id = :id")
              .bind("id", id)
              .bind("failed", failure == null ? 0 : 1)
              .bind("rows", scoredRows)
              .execute();
        });
  }

  /** The windows of a replay that failed, oldest first, as window end and reason. */
  List<Failure> failures(String id) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT window_end, reason FROM inference_replay_failures"
                        + " WHERE replay_id = :id ORDER BY window_end")
                .bind("id", id)
                .map(
                    (rs, ctx) ->
                        new Failure(
                            Instant.ofEpochMilli(rs.getLong("window_end")), rs.getString(2)))
                .list());
  }

  /** A window a replay could not score. */
  record Failure(Instant windowEnd, String reason) {}

  /** Ends the replay and releases its scheduler's lock, in one transaction. */
  void finish(String id, ReplayStatus status, String outcome, Instant now) {
    jdbi.useTransaction(
        handle -> {
          handle
              .createUpdate(
                  "UPDATE inference_replays SET status = :status, outcome = :outcome,"
                      + " finished_at = :now WHERE id = :id")
              .bind("id", id)
              .bind("status", status.name())
              .bind("outcome", outcome)
              .bind("now", now.toEpochMilli())
              .execute();
          handle
              .createUpdate("DELETE FROM inference_replay_locks WHERE replay_id = :id")
              .bind("id", id)
              .execute();
        });
  }

  private static Long millis(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(value);
  }

  private static Replay replay(ResultSet rs, StatementContext context) throws SQLException {
    return new Replay(
        rs.getString("id"),
        rs.getString("scheduler_id"),
        instant(rs, "requested_start"),
        instant(rs, "requested_end"),
        instant(rs, "range_start"),
        instant(rs, "range_end"),
        rs.getString("model_name"),
        rs.getInt("model_version"),
        rs.getInt("estimated_points"),
        ReplayStatus.valueOf(rs.getString("status")),
        rs.getInt("windows_total"),
        rs.getInt("windows_done"),
        rs.getInt("windows_failed"),
        rs.getInt("scored_rows"),
        rs.getString("outcome"),
        instant(rs, "created_at"),
        instant(rs, "started_at"),
        instant(rs, "finished_at"));
  }
}
