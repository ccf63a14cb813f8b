package dev.vigil.label;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * SQL for label groups and labels (tables of {@code V6__label_groups.sql}). Every method works in
 * the caller's {@link Handle}, so that the service decides what one transaction holds. Stateless
 * and thread-safe.
 */
final class LabelRepository {
  private static final ObjectMapper JSON = Json.mapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private static final String GROUP_COLUMNS = "id, name, fault_codes, created_at, updated_at";
  private static final String LABEL_COLUMNS =
      "l.id, g.name AS group_name, l.start_time, l.end_time, l.rating, l.fault_code, l.notes,"
          + " l.equipment, l.created_at";

  void insertGroup(Handle handle, LabelGroup group) {
    handle
        .createUpdate(
            "INSERT INTO label_groups ("
                + GROUP_COLUMNS
                + ")"
                + " VALUES (:id, :name, :faultCodes, :created, :updated)")
        .bind("id", group.id())
        .bind("name", group.name())
        .bind("faultCodes", toJson(group.faultCodes()))
        .bind("created", group.createdAt().toEpochMilli())
        .bind("updated", group.updatedAt().toEpochMilli())
        .execute();
  }

  Optional<LabelGroup> findGroup(Handle handle, String name) {
    return handle
        .createQuery("SELECT " + GROUP_COLUMNS + " FROM label_groups WHERE name = :name")
        .bind("name", name)
        .map((rs, ctx) -> group(rs))
        .findOne();
  }

  /** The group, its row locked until the transaction ends. */
  Optional<LabelGroup> lockGroup(Handle handle, String name) {
    return handle
        .createQuery("SELECT " + GROUP_COLUMNS + " FROM label_groups WHERE name = :name FOR UPDATE")
        .bind("name", name)
        .map((rs, ctx) -> group(rs))
        .findOne();
  }

  List<LabelGroup> groups(Handle handle) {
    return handle
        .createQuery("SELECT " + GROUP_COLUMNS + " FROM label_groups ORDER BY name")
        .map((rs, ctx) -> group(rs))
        .list();
  }

  void updateGroup(Handle handle, String id, List<String> faultCodes, Instant now) {
    handle
        .createUpdate(
            "UPDATE label_groups SET fault_codes = :faultCodes, updated_at = :now WHERE id = :id")
        .bind("faultCodes", toJson(faultCodes))
        .bind("now", now.toEpochMilli())
        .bind("id", id)
        .execute();
  }

  /** Deletes a group and, by cascade, its labels. */
  void deleteGroup(Handle handle, String id) {
    handle.createUpdate("DELETE FROM label_groups WHERE id = :id").bind("id", id).execute();
  }

  void insertLabel(Handle handle, String groupId, Label label) {
    handle
        .createUpdate(
            "INSERT INTO labels (id, group_id, start_time, end_time, rating, fault_code, notes,"
                + " equipment, created_at) VALUES (:id, :groupId, :start, :end, :rating,"
                + " :faultCode, :notes, :equipment, :created)")
        .bind("id", label.id())
        .bind("groupId", groupId)
        .bind("start", label.start().toEpochMilli())
        .bind("end", label.end().toEpochMilli())
        .bind("rating", label.rating().name())
        .bind("faultCode", label.faultCode())
        .bind("notes", label.notes())
        .bind("equipment", label.equipment())
        .bind("created", label.createdAt().toEpochMilli())
        .execute();
  }

  Optional<Label> findLabel(Handle handle, String groupId, String labelId) {
    return handle
        .createQuery(
            "SELECT "
                + LABEL_COLUMNS
                + " FROM labels l JOIN label_groups g ON g.id = l.group_id"
                + " WHERE l.group_id = :groupId AND l.id = :id")
        .bind("groupId", groupId)
        .bind("id", labelId)
        .map((rs, ctx) -> label(rs))
        .findOne();
  }

  /** The labels of a group, by start time, then id. */
  List<Label> labels(Handle handle, String groupId) {
    return handle
        .createQuery(
            "SELECT "
                + LABEL_COLUMNS
                + " FROM labels l JOIN label_groups g ON g.id = l.group_id"
                + " WHERE l.group_id = :groupId ORDER BY l.start_time, l.id")
        .bind("groupId", groupId)
        .map((rs, ctx) -> label(rs))
        .list();
  }

  /**
   * @return whether a label was deleted
   */
  boolean deleteLabel(Handle handle, String groupId, String labelId) {
    return handle
            .createUpdate("DELETE FROM labels WHERE group_id = :groupId AND id = :id")
            .bind("groupId", groupId)
            .bind("id", labelId)
            .execute()
        > 0;
  }

  private static LabelGroup group(ResultSet rs) throws SQLException {
    return new LabelGroup(
        rs.getString("id"),
        rs.getString("name"),
        fromJson(rs.getString("fault_codes")),
        Instant.ofEpochMilli(rs.getLong("created_at")),
        Instant.ofEpochMilli(rs.getLong("updated_at")));
  }

  private static Label label(ResultSet rs) throws SQLException {
    return new Label(
        rs.getString("id"),
        rs.getString("group_name"),
        Instant.ofEpochMilli(rs.getLong("start_time")),
        Instant.ofEpochMilli(rs.getLong("end_time")),
        LabelRating.valueOf(rs.getString("rating")),
        rs.getString("fault_code"),
        rs.getString("notes"),
        rs.getString("equipment"),
        Instant.ofEpochMilli(rs.getLong("created_at")));
  }

  private static String toJson(List<String> values) {
    try {
      return JSON.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write fault codes as JSON", e);
    }
  }

  private static List<String> fromJson(String json) {
    try {
      return JSON.readValue(json, STRINGS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored fault codes are not a JSON array: " + json, e);
    }
  }
}
