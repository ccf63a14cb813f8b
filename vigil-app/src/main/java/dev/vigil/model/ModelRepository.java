package dev.vigil.model;

import dev.vigil.storage.Database;
import dev.vigil.storage.SqlStates;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Models and versions in the metadata database (tables of {@code V2__models.sql}). Every method is
 * one transaction; in particular a version's model bytes and its status {@code SUCCESS} are written
 * together, so no reader ever sees a successful version without its model.
 *
 * <p>Thread-safe: each call takes its own connection from the pool.
 */
final class ModelRepository {
  private static final String VERSION_COLUMNS =
      "model_id, version, status, progress, failed_reason, request, training_summary,"
          + " evaluation, created_at, updated_at";

  private static final String MODEL_COLUMNS =
      "id, name, dataset_id, dataset_name, request, active_version, latest_version, created_at,"
          + " updated_at";

  private final Jdbi jdbi;

  ModelRepository(Database database) {
    this.jdbi = database.jdbi();
  }

  /**
   * Inserts a model and its first version, IN_PROGRESS.
   *
   * @return false when a model of that name exists already
   */
  boolean insertModel(ModelRecord model, VersionRecord first) {
    try {
      jdbi.useTransaction(
          handle -> {
            handle
                .createUpdate(
                    "INSERT INTO models ("
                        + MODEL_COLUMNS
                        + ") VALUES (:id, :name, :datasetId, :datasetName, :request, NULL, 1,"
                        + " :createdAt, :updatedAt)")
                .bind("id", model.id())
                .bind("name", model.name())
                .bind("datasetId", model.datasetId())
                .bind("datasetName", model.datasetName())
                .bind("request", model.requestJson())
                .bind("createdAt", model.createdAtMillis())
                .bind("updatedAt", model.updatedAtMillis())
                .execute();
            insertVersion(handle, first);
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
   * Adds version {@code latest + 1}, IN_PROGRESS, unless a version of the model is IN_PROGRESS.
   *
   * @return the new version number, or empty when the model is gone or a version is training
   */
  Optional<Integer> insertNextVersion(String modelId, String requestJson, long nowMillis) {
    return jdbi.inTransaction(
        handle -> {
          int bumped =
              handle
                  .createUpdate(
                      "UPDATE models SET latest_version = latest_version + 1, updated_at = :now"
                          + " WHERE id = :id AND NOT EXISTS (SELECT 1 FROM model_versions"
                          + " WHERE model_id = :id AND status = 'IN_PROGRESS')")
                  .bind("id", modelId)
                  .bind("now", nowMillis)
                  .execute();
          if (bumped == 0) {
            return Optional.<Integer>empty();
          }
          int version =
              handle
                  .createQuery("SELECT latest_version FROM models WHERE id = :id")
                  .bind("id", modelId)
                  .mapTo(Integer.class)
                  .one();
          insertVersion(
              handle,
              new VersionRecord(
                  modelId,
                  version,
                  ModelStatus.IN_PROGRESS,
                  0,
                  null,
                  requestJson,
                  null,
                  null,
                  nowMillis,
                  nowMillis));
          return Optional.of(version);
        });
  }

  private static void insertVersion(Handle handle, VersionRecord version) {
    handle
        .createUpdate(
            "INSERT INTO model_versions ("
                + VERSION_COLUMNS
                + ") VALUES (:modelId, :version, :status, :progress, NULL, :request, NULL, NULL,"
                + " :createdAt, :updatedAt)")
        .bind("modelId", version.modelId())
        .bind("version", version.version())
        .bind("status", version.status().name())
        .bind("progress", version.progress())
        .bind("request", version.requestJson())
        .bind("createdAt", version.createdAtMillis())
        .bind("updatedAt", version.updatedAtMillis())
        .execute();
  }

  Optional<ModelRecord> findModel(String name) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT " + MODEL_COLUMNS + " FROM models WHERE name = :name")
                .bind("name", name)
                .map(ModelRepository::model)
                .findOne());
  }

  List<ModelRecord> listModels() {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT " + MODEL_COLUMNS + " FROM models ORDER BY name")
                .map(ModelRepository::model)
                .list());
  }

  /** Names of the models that learn from a dataset, in name order. */
  List<String> modelNamesOfDataset(String datasetId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT name FROM models WHERE dataset_id = :id ORDER BY name")
                .bind("id", datasetId)
                .mapTo(String.class)
                .list());
  }

  List<VersionRecord> listVersions(String modelId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT "
                        + VERSION_COLUMNS
                        + " FROM model_versions WHERE model_id = :id ORDER BY version")
                .bind("id", modelId)
                .map(ModelRepository::version)
                .list());
  }

  Optional<VersionRecord> findVersion(String modelId, int version) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT "
                        + VERSION_COLUMNS
                        + " FROM model_versions WHERE model_id = :id AND version = :version")
                .bind("id", modelId)
                .bind("version", version)
                .map(ModelRepository::version)
                .findOne());
  }

  /** The serialized model of a successful version, or empty. */
  Optional<byte[]> modelBytes(String modelId, int version) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT model_bytes FROM model_versions WHERE model_id = :id"
                        + " AND version = :version AND status = 'SUCCESS'")
                .bind("id", modelId)
                .bind("version", version)
                .mapTo(byte[].class)
                .findOne());
  }

  /** Records training progress of a version that is still IN_PROGRESS. */
  void updateProgress(String modelId, int version, double progress, long nowMillis) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "UPDATE model_versions SET progress = :progress, updated_at = :now"
                        + " WHERE model_id = :id AND version = :version"
                        + " AND status = 'IN_PROGRESS'")
                .bind("progress", progress)
                .bind("now", nowMillis)
                .bind("id", modelId)
                .bind("version", version)
                .execute());
  }

  /**
   * Stores the trained model, its summary and evaluation, marks the version SUCCESS and makes it
   * the model's active version, all in one transaction.
   *
   * @return false when the version was no longer IN_PROGRESS (nothing is written then)
   */
  boolean completeVersion(
      String modelId,
      int version,
      byte[] modelBytes,
      String trainingSummaryJson,
      String evaluationJson,
      long nowMillis) {
    return jdbi.inTransaction(
        handle -> {
          int updated =
              handle
                  .createUpdate(
                      "UPDATE model_versions SET status = 'SUCCESS', progress = 1,"
                          + " model_bytes = :bytes, training_summary = :summary,"
                          + " evaluation = :evaluation, updated_at = :now"
                          + " WHERE model_id = :id AND version = :version"
                          + " AND status = 'IN_PROGRESS'")
                  .bind("bytes", modelBytes)
                  .bind("summary", trainingSummaryJson)
                  .bind("evaluation", evaluationJson)
                  .bind("now", nowMillis)
                  .bind("id", modelId)
                  .bind("version", version)
                  .execute();
          if (updated == 0) {
            return false;
          }
          handle
              .createUpdate(
                  "UPDATE models SET active_version = :version, updated_at = :now WHERE id = :id")
              .bind("version", version)
              .bind("now", nowMillis)
              .bind("id", modelId)
              .execute();
          return true;
        });
  }

  /** Marks a version that is still IN_PROGRESS as FAILED with a reason. */
  void failVersion(String modelId, int version, String reason, long nowMillis) {
    jdbi.useTransaction(
        handle -> {
          int updated =
              handle
                  .createUpdate(
                      "UPDATE model_versions SET status = 'FAILED', failed_reason = :reason,"
                          + " updated_at = :now WHERE model_id = :id AND version = :version"
                          + " AND status = 'IN_PROGRESS'")
                  .bind("reason", reason)
                  .bind("now", nowMillis)
                  .bind("id", modelId)
                  .bind("version", version)
                  .execute();
          if (updated > 0) {
            touchModel(handle, modelId, nowMillis);
          }
        });
  }

  /**
   * Marks every version left IN_PROGRESS as FAILED with a reason: at start-up, none can still be
   * training.
   *
   * @return the number of versions marked
   */
  int failAllInProgress(String reason, long nowMillis) {
    return jdbi.inTransaction(
        handle -> {
          handle
              .createUpdate(
                  "UPDATE models SET updated_at = :now WHERE id IN (SELECT model_id FROM"
                      + " model_versions WHERE status = 'IN_PROGRESS')")
              .bind("now", nowMillis)
              .execute();
          return handle
              .createUpdate(
                  "UPDATE model_versions SET status = 'FAILED', failed_reason = :reason,"
                      + " updated_at = :now WHERE status = 'IN_PROGRESS'")
              .bind("reason", reason)
              .bind("now", nowMillis)
              .execute();
        });
  }

  /**
   * Makes a SUCCESS version the active one.
   *
   * @return false when the version is not SUCCESS (or does not exist)
   */
  boolean activate(String modelId, int version, long nowMillis) {
    return jdbi.inTransaction(
        handle ->
            handle
                    .createUpdate(
                        "UPDATE models SET active_version = :version, updated_at = :now"
                            + " WHERE id = :id AND EXISTS (SELECT 1 FROM model_versions"
                            + " WHERE model_id = :id AND version = :version"
                            + " AND status = 'SUCCESS')")
                    .bind("version", version)
                    .bind("now", nowMillis)
                    .bind("id", modelId)
                    .execute()
                > 0);
  }

  /**
   * Deletes a model and its versions unless one of them is IN_PROGRESS.
   *
   * @return false when a version is training (nothing is deleted then) or the model is gone
   */
  boolean deleteUnlessTraining(String modelId) {
    return jdbi.withHandle(
        handle ->
            handle
                    .createUpdate(
                        "DELETE FROM models WHERE id = :id AND NOT EXISTS (SELECT 1 FROM"
                            + " model_versions WHERE model_id = :id AND status = 'IN_PROGRESS')")
                    .bind("id", modelId)
                    .execute()
                > 0);
  }

  /**
   * Replaces a model's request, which its next versions start from.
   *
   * @return false when the model is gone
   */
  boolean updateRequest(String modelId, String requestJson, long nowMillis) {
    return jdbi.withHandle(
            handle ->
                handle
                    .createUpdate(
                        "UPDATE models SET request = :request, updated_at = :now WHERE id = :id")
                    .bind("request", requestJson)
                    .bind("now", nowMillis)
                    .bind("id", modelId)
                    .execute())
        > 0;
  }

  private static void touchModel(Handle handle, String modelId, long nowMillis) {
    handle
        .createUpdate("UPDATE models SET updated_at = :now WHERE id = :id")
        .bind("now", nowMillis)
        .bind("id", modelId)
        .execute();
  }

  private static ModelRecord model(ResultSet rs, StatementContext context) throws SQLException {
    int active = rs.getInt("active_version");
    Integer activeVersion = rs.wasNull() ? null : active;
    return new ModelRecord(
        rs.getString("id"),
        rs.getString("name"),
        rs.getString("dataset_id"),
        rs.getString("dataset_name"),
        rs.getString("request"),
        activeVersion,
        rs.getInt("latest_version"),
        rs.getLong("created_at"),
        rs.getLong("updated_at"));
  }

  private static VersionRecord version(ResultSet rs, StatementContext context) throws SQLException {
    return new VersionRecord(
        rs.getString("model_id"),
        rs.getInt("version"),
        ModelStatus.valueOf(rs.getString("status")),
        rs.getDouble("progress"),
        rs.getString("failed_reason"),
        rs.getString("request"),
        rs.getString("training_summary"),
        rs.getString("evaluation"),
        rs.getLong("created_at"),
        rs.getLong("updated_at"));
  }
}
