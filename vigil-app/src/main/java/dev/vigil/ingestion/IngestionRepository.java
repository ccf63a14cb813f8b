package dev.vigil.ingestion;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.engine.VigilException;
import dev.vigil.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * SQL for ingestion jobs. Every method works in the caller's {@link Handle}, so that the service
 * decides what one transaction holds. Stateless and thread-safe.
 */
final class IngestionRepository {
  /** Stored documents leave absent fields out, so nulls are allowed when reading them back. */
  static final ObjectMapper STORED_JSON = Json.mapper();

  private static final String COLUMNS =
      "id, dataset_id, dataset_name, status, input_json, failed_reason, created_at, updated_at,"
          + " progress, data_start, data_end, result_json";

  void insert(Handle handle, IngestionJob job) {
    handle
        .createUpdate(
            "INSERT INTO ingestion_jobs (id, dataset_id, dataset_name, status, input_json,"
                + " created_at, updated_at, progress, result_json) VALUES (:id, :dataset, :name,"
                + " :status, :input, :created, :updated, :progress, :result)")
        .bind("id", job.id())
        .bind("dataset", job.datasetId())
        .bind("name", job.datasetName())
        .bind("status", job.status().name())
        .bind("input", toJson(job.input()))
        .bind("created", job.createdAtMillis())
        .bind("updated", job.updatedAtMillis())
        .bind("progress", job.progress())
        .bind("result", toJson(job.result()))
        .execute();
  }

  Optional<IngestionJob> find(Handle handle, String id) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM ingestion_jobs WHERE id = :id")
        .bind("id", id)
        .map((rs, ctx) -> job(rs))
        .findOne();
  }

  /** Jobs of one dataset, or of all when {@code datasetId} is null, newest first. */
  List<IngestionJob> list(Handle handle, String datasetId) {
    if (datasetId == null) {
      return handle
          .createQuery("SELECT " + COLUMNS + " FROM ingestion_jobs ORDER BY seq DESC")
          .map((rs, ctx) -> job(rs))
          .list();
    }
    return handle
        .createQuery(
            "SELECT "
                + COLUMNS
                + " FROM ingestion_jobs WHERE dataset_id = :dataset ORDER BY seq DESC")
        .bind("dataset", datasetId)
        .map((rs, ctx) -> job(rs))
        .list();
  }

  List<IngestionJob> inProgress(Handle handle) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM ingestion_jobs WHERE status = 'IN_PROGRESS'")
        .map((rs, ctx) -> job(rs))
        .list();
  }

  void updateProgress(Handle handle, String id, double progress, IngestionResult result, long now) {
    handle
        .createUpdate(
            "UPDATE ingestion_jobs SET progress = :progress, result_json = :result,"
                + " updated_at = :now WHERE id = :id AND status = 'IN_PROGRESS'")
        .bind("progress", progress)
        .bind("result", toJson(result))
        .bind("now", now)
        .bind("id", id)
        .execute();
  }

  /** Records progress in a short transaction of its own. */
  void updateProgressIn(
      dev.vigil.storage.Database database,
      String id,
      double progress,
      List<IngestedFile> files,
      long now) {
    IngestionResult result = new IngestionResult(files, null, null);
    database.jdbi().useHandle(handle -> updateProgress(handle, id, progress, result, now));
  }

  void succeed(
      Handle handle, String id, long dataStart, long dataEnd, IngestionResult result, long now) {
    handle
        .createUpdate(
            "UPDATE ingestion_jobs SET status = 'SUCCESS', progress = 1, data_start = :start,"
                + " data_end = :end, result_json = :result, updated_at = :now WHERE id = :id")
        .bind("start", dataStart)
        .bind("end", dataEnd)
        .bind("result", toJson(result))
        .bind("now", now)
        .bind("id", id)
        .execute();
  }

  void fail(Handle handle, String id, String reason, long now) {
    handle
        .createUpdate(
            "UPDATE ingestion_jobs SET status = 'FAILED', failed_reason = :reason,"
                + " updated_at = :now WHERE id = :id")
        .bind("reason", reason)
        .bind("now", now)
        .bind("id", id)
        .execute();
  }

  private static IngestionJob job(ResultSet rs) throws SQLException {
    String result = rs.getString("result_json");
    return new IngestionJob(
        rs.getString("id"),
        rs.getString("dataset_id"),
        rs.getString("dataset_name"),
        JobStatus.valueOf(rs.getString("status")),
        fromJson(rs.getString("input_json"), IngestionInput.class),
        rs.getString("failed_reason"),
        rs.getLong("created_at"),
        rs.getLong("updated_at"),
        rs.getDouble("progress"),
        nullableLong(rs, "data_start"),
        nullableLong(rs, "data_end"),
        result == null ? null : fromJson(result, IngestionResult.class));
  }

  private static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  static String toJson(Object value) {
    try {
      return STORED_JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new VigilException("cannot write " + value + " as JSON: " + e.getMessage(), e);
    }
  }

  private static <T> T fromJson(String json, Class<T> type) {
    try {
      return STORED_JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new VigilException(
          "stored " + type.getSimpleName() + " is not valid JSON: " + e.getMessage(), e);
    }
  }
}
