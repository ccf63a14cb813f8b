package dev.vigil.dataset;

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
 * SQL for datasets and their stored chunks. Every method works in the caller's {@link Handle}, so
 * that the service decides what one transaction holds. Stateless and thread-safe.
 */
final class DatasetRepository {
  private static final ObjectMapper JSON = Json.mapper();

  private static final String COLUMNS =
      "id, name, schema_json, created_at, updated_at, active_ingestion_job_id,"
          + " running_ingestion_job_id, data_start, data_end, active_quality_json";

  void insert(Handle handle, Dataset dataset) {
    handle
        .createUpdate(
            "INSERT INTO datasets (id, name, schema_json, created_at, updated_at)"
                + " VALUES (:id, :name, :schema, :created, :updated)")
        .bind("id", dataset.id())
        .bind("name", dataset.name())
        .bind("schema", toJson(dataset.schema()))
        .bind("created", dataset.createdAtMillis())
        .bind("updated", dataset.updatedAtMillis())
        .execute();
  }

  Optional<Dataset> findByName(Handle handle, String name) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM datasets WHERE name = :name")
        .bind("name", name)
        .map((rs, ctx) -> dataset(rs))
        .findOne();
  }

  /** The dataset, its row locked until the transaction ends. */
  Optional<Dataset> lockByName(Handle handle, String name) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM datasets WHERE name = :name FOR UPDATE")
        .bind("name", name)
        .map((rs, ctx) -> dataset(rs))
        .findOne();
  }

  /** The dataset, its row locked until the transaction ends. */
  Optional<Dataset> lockById(Handle handle, String id) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM datasets WHERE id = :id FOR UPDATE")
        .bind("id", id)
        .map((rs, ctx) -> dataset(rs))
        .findOne();
  }

  List<Dataset> list(Handle handle) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM datasets ORDER BY name")
        .map((rs, ctx) -> dataset(rs))
        .list();
  }

  /** Deletes the dataset; its jobs and chunks go with it (ON DELETE CASCADE). */
  void delete(Handle handle, String id) {
    handle
        .createUpdate("DELETE FROM dataset_chunks WHERE dataset_id = :id")
        .bind("id", id)
        .execute();
    handle.createUpdate("DELETE FROM datasets WHERE id = :id").bind("id", id).execute();
  }

  void setRunningJob(Handle handle, String id, String jobId, long now) {
    handle
        .createUpdate(
            "UPDATE datasets SET running_ingestion_job_id = :job, updated_at = :now WHERE id = :id")
        .bind("job", jobId)
        .bind("now", now)
        .bind("id", id)
        .execute();
  }

  /** Makes the job's chunks the dataset's data and drops every other job's chunks. */
  void activate(
      Handle handle,
      String id,
      String jobId,
      long dataStart,
      long dataEnd,
      String qualityJson,
      long now) {
    handle
        .createUpdate(
            "UPDATE datasets SET active_ingestion_job_id = :job, running_ingestion_job_id = NULL,"
                + " data_start = :start, data_end = :end, active_quality_json = :quality,"
                + " updated_at = :now WHERE id = :id")
        .bind("job", jobId)
        .bind("start", dataStart)
        .bind("end", dataEnd)
        .bind("quality", qualityJson)
        .bind("now", now)
        .bind("id", id)
        .execute();
    handle
        .createUpdate(
            "DELETE FROM dataset_chunks WHERE dataset_id = :id AND ingestion_job_id <> :job")
        .bind("id", id)
        .bind("job", jobId)
        .execute();
  }

  /** Forgets a job that did not succeed: its chunks go, the active data stays. */
  void abandon(Handle handle, String id, String jobId, long now) {
    handle
        .createUpdate(
            "UPDATE datasets SET running_ingestion_job_id = NULL, updated_at = :now"
                + " WHERE id = :id AND running_ingestion_job_id = :job")
        .bind("now", now)
        .bind("id", id)
        .bind("job", jobId)
        .execute();
    handle
        .createUpdate("DELETE FROM dataset_chunks WHERE ingestion_job_id = :job")
        .bind("job", jobId)
        .execute();
  }

  void insertChunk(
      Handle handle,
      String datasetId,
      String jobId,
      String component,
      int chunkIndex,
      long firstTimestamp,
      long lastTimestamp,
      int rowCount,
      byte[] payload) {
    handle
        .createUpdate(
            "INSERT INTO dataset_chunks (dataset_id, ingestion_job_id, component, chunk_index,"
                + " first_timestamp, last_timestamp, row_count, payload) VALUES (:dataset, :job,"
                + " :component, :index, :first, :last, :rows, :payload)")
        .bind("dataset", datasetId)
        .bind("job", jobId)
        .bind("component", component)
        .bind("index", chunkIndex)
        .bind("first", firstTimestamp)
        .bind("last", lastTimestamp)
        .bind("rows", rowCount)
        .bind("payload", payload)
        .execute();
  }

  /** Payloads of the job's chunks of a component that overlap {@code [from, to)}, in time order. */
  List<byte[]> chunks(Handle handle, String jobId, String component, long from, long to) {
    return handle
        .createQuery(
            "SELECT payload FROM dataset_chunks WHERE ingestion_job_id = :job"
                + " AND component = :component AND last_timestamp >= :from"
                + " AND first_timestamp < :to ORDER BY chunk_index")
        .bind("job", jobId)
        .bind("component", component)
        .bind("from", from)
        .bind("to", to)
        .map((rs, ctx) -> rs.getBytes("payload"))
        .list();
  }

  private static Dataset dataset(ResultSet rs) throws SQLException {
    return new Dataset(
        rs.getString("id"),
        rs.getString("name"),
        fromJson(rs.getString("schema_json")),
        rs.getLong("created_at"),
        rs.getLong("updated_at"),
        rs.getString("active_ingestion_job_id"),
        rs.getString("running_ingestion_job_id"),
        nullableLong(rs, "data_start"),
        nullableLong(rs, "data_end"),
        rs.getString("active_quality_json"));
  }

  private static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  private static String toJson(DatasetSchema schema) {
    try {
      return JSON.writeValueAsString(schema);
    } catch (JsonProcessingException e) {
      throw new VigilException("cannot write a dataset schema as JSON: " + e.getMessage(), e);
    }
  }

  private static DatasetSchema fromJson(String json) {
    try {
      return JSON.readValue(json, DatasetSchema.class);
    } catch (JsonProcessingException e) {
      throw new VigilException("stored dataset schema is not valid JSON: " + e.getMessage(), e);
    }
  }
}
