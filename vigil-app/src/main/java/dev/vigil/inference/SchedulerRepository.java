package dev.vigil.inference;

import dev.vigil.request.NotFoundException;
import dev.vigil.storage.Database;
import dev.vigil.storage.SqlStates;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.core.statement.Update;

/**
 * Inference schedulers in the metadata database (table of {@code V3__inference_schedulers.sql}).
 * Every status change is one conditional update ({@code ... WHERE status IN (...)}), so that the
 * API and the execution engine, on one node or several, never overwrite each other's change: the
 * one that comes second finds the status changed and does nothing.
 *
 * <p>Thread-safe: each call takes its own connection from the pool.
 */
final class SchedulerRepository {
  private static final String COLUMNS =
      "id, name, model_name, model_version, dataset_name, status, stop_reason, stop_detail,"
          + " data_upload_frequency, data_delay_offset_seconds, start_time, first_window_start,"
          + " input_bucket, input_prefix, input_time_zone_offset, input_timestamp_format,"
          + " input_delimiter, output_bucket, output_prefix, created_at, updated_at";

  private final Jdbi jdbi;

  SchedulerRepository(Database database) {
    this.jdbi = database.jdbi();
  }

  /**
   * Inserts a scheduler.
   *
   * @return false when a scheduler of that name exists already
   */
  boolean insert(InferenceScheduler scheduler) {
    try {
      jdbi.useHandle(
          handle ->
              bindAll(
                      handle.createUpdate(
                          "INSERT INTO inference_schedulers ("
                              + COLUMNS
                              + ") VALUES (:id, :name, :modelName, :modelVersion, :datasetName,"
                              + " :status, :stopReason, :stopDetail, :frequency, :delay,"
                              + " :startTime, :firstStart, :inputBucket, :inputPrefix, :zone,"
                              + " :format, :delimiter, :outputBucket, :outputPrefix, :createdAt,"
                              + " :updatedAt)"),
                      scheduler)
                  .execute());
      return true;
    } catch (UnableToExecuteStatementException e) {
      if (SqlStates.isUniqueViolation(e)) {
        return false;
      }
      throw e;
    }
  }

  /**
   * Replaces every setting and the status of a scheduler, provided its status is still {@code
   * expected}.
   *
   * @return false when the scheduler is gone or its status changed meanwhile
   */
  boolean replace(InferenceScheduler scheduler, SchedulerStatus expected) {
    return jdbi.withHandle(
            handle ->
                bindAll(
                        handle.createUpdate(
                            "UPDATE inference_schedulers SET model_name = :modelName,"
                                + " model_version = :modelVersion, dataset_name = :datasetName,"
                                + " status = :status, stop_reason = :stopReason,"
                                + " stop_detail = :stopDetail, data_upload_frequency = :frequency,"
                                + " data_delay_offset_seconds = :delay, start_time = :startTime,"
                                + " first_window_start = :firstStart, input_bucket = :inputBucket,"
                                + " input_prefix = :inputPrefix, input_time_zone_offset = :zone,"
                                + " input_timestamp_format = :format, input_delimiter = :delimiter,"
                                + " output_bucket = :outputBucket, output_prefix = :outputPrefix,"
                                + " updated_at = :updatedAt WHERE id = :id AND status = :expected"),
                        scheduler)
                    .bind("expected", expected.name())
                    .execute())
        == 1;
  }

  /**
   * Moves a scheduler to {@code to} if its status is one of {@code from}.
   *
   * @param reason the stop reason, with {@code to} STOPPED only
   * @param detail the stop detail, or null
   * @return false when the scheduler is gone or its status is none of {@code from}
   */
  boolean transition(
      String id,
      Set<SchedulerStatus> from,
      SchedulerStatus to,
      StopReason reason,
      String detail,
      Instant now) {
    return transition(id, from, to, reason, detail, now, handle -> {});
  }

  /**
   * {@link #transition(String, Set, SchedulerStatus, StopReason, String, Instant)}, and when it
   * happens, whatever {@code alsoInTransaction} writes on the handle, in the same transaction.
   */
  boolean transition(
      String id,
      Set<SchedulerStatus> from,
      SchedulerStatus to,
      StopReason reason,
      String detail,
      Instant now,
      Consumer<Handle> alsoInTransaction) {
    return jdbi.inTransaction(
        handle -> {
          boolean changed = transition(handle, id, from, to, reason, detail, now);
          if (changed) {
            alsoInTransaction.accept(handle);
          }
          return changed;
        });
  }

  /** {@link #transition(String, Set, SchedulerStatus, StopReason, String, Instant)} on a handle. */
  boolean transition(
      Handle handle,
      String id,
      Set<SchedulerStatus> from,
      SchedulerStatus to,
      StopReason reason,
      String detail,
      Instant now) {
    return handle
            .createUpdate(
                "UPDATE inference_schedulers SET status = :to, stop_reason = :reason,"
                    + " stop_detail = :detail, updated_at = :now"
                    + " WHERE id = :id AND status IN (<from>)")
            .bind("to", to.name())
            .bind("reason", reason == null ? null : reason.name())
            .bind("detail", detail)
            .bind("now", now.toEpochMilli())
            .bind("id", id)
            .bindList("from", from.stream().map(Enum::name).sorted().toList())
            .execute()
        == 1;
  }

  /**
   * Deletes a scheduler if it is STOPPED, and then, in the same transaction, whatever {@code
   * alsoInTransaction} writes on the handle.
   *
   * @return false when it is gone or not STOPPED
   */
  boolean deleteIfStopped(String id, Consumer<Handle> alsoInTransaction) {
    return jdbi.inTransaction(
        handle -> {
          boolean deleted =
              handle
                      .createUpdate(
                          "DELETE FROM inference_schedulers WHERE id = :id AND status = 'STOPPED'")
                      .bind("id", id)
                      .execute()
                  == 1;
          if (deleted) {
            alsoInTransaction.accept(handle);
          }
          return deleted;
        });
  }

  /**
   * The scheduler of this name.
   *
   * @throws NotFoundException when there is none
   */
  InferenceScheduler existing(String name) {
    return findByName(name)
        .orElseThrow(
            () -> new NotFoundException("inference scheduler '" + name + "' does not exist"));
  }

  Optional<InferenceScheduler> findByName(String name) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT " + COLUMNS + " FROM inference_schedulers WHERE name = :name")
                .bind("name", name)
                .map(SchedulerRepository::scheduler)
                .findOne());
  }

  Optional<InferenceScheduler> findById(String id) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT " + COLUMNS + " FROM inference_schedulers WHERE id = :id")
                .bind("id", id)
                .map(SchedulerRepository::scheduler)
                .findOne());
  }

  /** Every scheduler, or those of one model when {@code modelName} is not null, in name order. */
  List<InferenceScheduler> list(String modelName) {
    return jdbi.withHandle(
        handle -> {
          Query query =
              handle.createQuery(
                  "SELECT "
                      + COLUMNS
                      + " FROM inference_schedulers"
                      + (modelName == null ? "" : " WHERE model_name = :modelName")
                      + " ORDER BY name");
          if (modelName != null) {
            query.bind("modelName", modelName);
          }
          return query.map(SchedulerRepository::scheduler).list();
        });
  }

  /** The schedulers whose status is one of {@code statuses}, in name order. */
  List<InferenceScheduler> withStatus(Set<SchedulerStatus> statuses) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM inference_schedulers WHERE status IN (<statuses>) ORDER BY name")
                .bindList("statuses", statuses.stream().map(Enum::name).sorted().toList())
                .map(SchedulerRepository::scheduler)
                .list());
  }

  private static Update bindAll(Update update, InferenceScheduler scheduler) {
    return update
        .bind("id", scheduler.id())
        .bind("name", scheduler.name())
        .bind("modelName", scheduler.modelName())
        .bind("modelVersion", scheduler.modelVersion())
        .bind("datasetName", scheduler.datasetName())
        .bind("status", scheduler.status().name())
        .bind("stopReason", scheduler.stopReason() == null ? null : scheduler.stopReason().name())
        .bind("stopDetail", scheduler.stopDetail())
        .bind("frequency", scheduler.schedule().frequency().text())
        .bind("delay", scheduler.delay().getSeconds())
        .bind("startTime", scheduler.startTime().toEpochMilli())
        .bind("firstStart", scheduler.schedule().firstStart().toEpochMilli())
        .bind("inputBucket", scheduler.inputBucket())
        .bind("inputPrefix", scheduler.inputPrefix())
        .bind("zone", scheduler.naming().zone().text())
        .bind("format", scheduler.naming().format().text())
        .bind("delimiter", scheduler.naming().delimiter())
        .bind("outputBucket", scheduler.outputBucket())
        .bind("outputPrefix", scheduler.outputPrefix())
        .bind("createdAt", scheduler.createdAt().toEpochMilli())
        .bind("updatedAt", scheduler.updatedAt().toEpochMilli());
  }

  private static InferenceScheduler scheduler(ResultSet row, StatementContext context)
      throws SQLException {
    String reason = row.getString("stop_reason");
    String delimiter = row.getString("input_delimiter");
    WindowSchedule schedule =
        new WindowSchedule(
            UploadFrequency.parse(row.getString("data_upload_frequency"), false),
            Duration.ofSeconds(row.getLong("data_delay_offset_seconds")),
            Instant.ofEpochMilli(row.getLong("first_window_start")));
    return new InferenceScheduler(
        row.getString("id"),
        row.getString("name"),
        row.getString("model_name"),
        row.getInt("model_version"),
        row.getString("dataset_name"),
        SchedulerStatus.valueOf(row.getString("status")),
        reason == null ? null : StopReason.valueOf(reason),
        row.getString("stop_detail"),
        schedule,
        Instant.ofEpochMilli(row.getLong("start_time")),
        row.getString("input_bucket"),
        row.getString("input_prefix"),
        FileNaming.of(
            row.getString("input_timestamp_format"),
            delimiter == null ? "" : delimiter,
            InputTimeZone.parse(row.getString("input_time_zone_offset"))),
        row.getString("output_bucket"),
        row.getString("output_prefix"),
        Instant.ofEpochMilli(row.getLong("created_at")),
        Instant.ofEpochMilli(row.getLong("updated_at")));
  }
}
