package dev.vigil.lookout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.storage.Database;
import dev.vigil.storage.SqlStates;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/**
 * The endpoint's own tables ({@code V6_1__lookout_state.sql}): per resource its Lookout-only
 * settings as a JSON document and its tags, and the ClientTokens of creating requests. Each method
 * is one transaction.
 *
 * <p>Thread-safe: each call takes its own connection; changing the tags of a resource locks its
 * settings row, so that concurrent changes count the tags right.
 */
final class LookoutStore {

  private final Jdbi jdbi;
  private final ObjectMapper mapper;

  LookoutStore(Database database, ObjectMapper mapper) {
    this.jdbi = database.jdbi();
    this.mapper = mapper;
  }

  /** A resource: its kind and the id Vigil gave it. */
  record Key(ResourceKind kind, String id) {}

  /** The settings of a resource; an empty object when it has none. */
  ObjectNode settings(Key key) {
    return jdbi.withHandle(handle -> settings(handle, key).orElseGet(mapper::createObjectNode));
  }

  /** Sets some settings of a resource, keeping the others. */
  void updateSettings(Key key, ObjectNode changes) {
    jdbi.useTransaction(
        handle -> {
          ObjectNode settings = lockSettings(handle, key);
          settings.setAll(changes);
          writeSettings(handle, key, settings);
        });
  }

  /** The tags of a resource, by key. */
  Map<String, String> tags(Key key) {
    return jdbi.withHandle(
        handle -> {
          Map<String, String> tags = new LinkedHashMap<>();
          handle
              .createQuery(
                  "SELECT tag_key, tag_value FROM lookout_tags WHERE resource_type = :type"
                      + " AND resource_id = :id ORDER BY tag_key")
              .bind("type", key.kind().name())
              .bind("id", key.id())
              .map((rs, ctx) -> Map.entry(rs.getString("tag_key"), rs.getString("tag_value")))
              .forEach(entry -> tags.put(entry.getKey(), entry.getValue()));
          return tags;
        });
  }

  /**
   * Adds tags to a resource, replacing the values of keys it has.
   *
   * @throws LookoutException a ServiceQuotaExceededException when the resource would have more than
   *     {@code max} tags; nothing changes then
   */
  void tag(Key key, Map<String, String> tags, int max) {
    jdbi.useTransaction(
        handle -> {
          lockSettings(handle, key);
          for (Map.Entry<String, String> tag : tags.entrySet()) {
            handle
                .createUpdate(
                    "DELETE FROM lookout_tags WHERE resource_type = :type AND resource_id = :id"
                        + " AND tag_key = :key")
                .bind("type", key.kind().name())
                .bind("id", key.id())
                .bind("key", tag.getKey())
                .execute();
            handle
                .createUpdate(
                    "INSERT INTO lookout_tags (resource_type, resource_id, tag_key, tag_value)"
                        + " VALUES (:type, :id, :key, :value)")
                .bind("type", key.kind().name())
                .bind("id", key.id())
                .bind("key", tag.getKey())
                .bind("value", tag.getValue())
                .execute();
          }
          int count =
              handle
                  .createQuery(
                      "SELECT COUNT(*) FROM lookout_tags WHERE resource_type = :type"
                          + " AND resource_id = :id")
                  .bind("type", key.kind().name())
                  .bind("id", key.id())
                  .mapTo(Integer.class)
                  .one();
          if (count > max) {
            throw new LookoutException(
                LookoutError.SERVICE_QUOTA_EXCEEDED,
                "the "
                    + key.kind().noun()
                    + " would have "
                    + count
                    + " tags; a resource has at most "
                    + max);
          }
        });
  }

  /** Removes tags of a resource; keys it does not have are ignored. */
  void untag(Key key, List<String> tagKeys) {
    jdbi.useTransaction(
        handle -> {
          for (String tagKey : tagKeys) {
            handle
                .createUpdate(
                    "DELETE FROM lookout_tags WHERE resource_type = :type AND resource_id = :id"
                        + " AND tag_key = :key")
                .bind("type", key.kind().name())
                .bind("id", key.id())
                .bind("key", tagKey)
                .execute();
          }
        });
  }

  /** Forgets everything about a deleted resource. */
  void forget(Key key) {
    jdbi.useTransaction(
        handle -> {
          for (String table : List.of("lookout_tags", "lookout_resources")) {
            handle
                .createUpdate(
                    "DELETE FROM " + table + " WHERE resource_type = :type AND resource_id = :id")
                .bind("type", key.kind().name())
                .bind("id", key.id())
                .execute();
          }
        });
  }

  /** A ClientToken as recorded: the hash of its request and, once it succeeded, the answer. */
  record TokenUse(String requestHash, String response, long createdAtMillis) {}

  /**
   * Records the first use of a ClientToken by an operation.
   *
   * @return empty when this call recorded it; otherwise the use recorded before
   */
  Optional<TokenUse> claimToken(String operation, String token, String hash, long nowMillis) {
    try {
      jdbi.useHandle(
          handle ->
              handle
                  .createUpdate(
                      "INSERT INTO lookout_client_tokens (operation, client_token, request_hash,"
                          + " response, created_at) VALUES (:operation, :token, :hash, NULL, :now)")
                  .bind("operation", operation)
                  .bind("token", token)
                  .bind("hash", hash)
                  .bind("now", nowMillis)
                  .execute());
      return Optional.empty();
    } catch (JdbiException e) {
      if (!SqlStates.isUniqueViolation(e)) {
        throw e;
      }
    }
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT request_hash, response, created_at FROM lookout_client_tokens"
                        + " WHERE operation = :operation AND client_token = :token")
                .bind("operation", operation)
                .bind("token", token)
                .map(
                    (rs, ctx) ->
                        new TokenUse(
                            rs.getString("request_hash"),
                            rs.getString("response"),
                            rs.getLong("created_at")))
                .findOne());
  }

  /**
   * Takes over a use of a token whose request never finished (Vigil stopped meanwhile).
   *
   * @return whether this call took it over
   */
  boolean retakeToken(String operation, String token, long claimedAt, long nowMillis) {
    return jdbi.withHandle(
            handle ->
                handle
                    .createUpdate(
                        "UPDATE lookout_client_tokens SET created_at = :now WHERE operation ="
                            + " :operation AND client_token = :token AND response IS NULL AND"
                            + " created_at = :claimedAt")
                    .bind("now", nowMillis)
                    .bind("operation", operation)
                    .bind("token", token)
                    .bind("claimedAt", claimedAt)
                    .execute())
        > 0;
  }

  /** Records the answer of a token's request. */
  void completeToken(String operation, String token, String response) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "UPDATE lookout_client_tokens SET response = :response WHERE operation ="
                        + " :operation AND client_token = :token")
                .bind("response", response)
                .bind("operation", operation)
                .bind("token", token)
                .execute());
  }

  /** Forgets a token whose request failed, so that it can be used again. */
  void releaseToken(String operation, String token) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "DELETE FROM lookout_client_tokens WHERE operation = :operation AND"
                        + " client_token = :token AND response IS NULL")
                .bind("operation", operation)
                .bind("token", token)
                .execute());
  }

  /** Forgets tokens recorded before {@code beforeMillis}. */
  void expireTokens(long beforeMillis) {
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate("DELETE FROM lookout_client_tokens WHERE created_at < :before")
                .bind("before", beforeMillis)
                .execute());
  }

  private Optional<ObjectNode> settings(Handle handle, Key key) {
    return handle
        .createQuery(
            "SELECT settings FROM lookout_resources WHERE resource_type = :type AND resource_id"
                + " = :id")
        .bind("type", key.kind().name())
        .bind("id", key.id())
        .mapTo(String.class)
        .findOne()
        .map(this::parse);
  }

  /**
   * The settings row of a resource, created empty when missing, locked until the transaction ends.
   */
  private ObjectNode lockSettings(Handle handle, Key key) {
    Optional<String> existing = lockedRow(handle, key);
    if (existing.isEmpty()) {
      handle
          .createUpdate(
              "INSERT INTO lookout_resources (resource_type, resource_id, settings)"
                  + " VALUES (:type, :id, '{}')")
          .bind("type", key.kind().name())
          .bind("id", key.id())
          .execute();
      existing = lockedRow(handle, key);
    }
    return parse(existing.orElse("{}"));
  }

  private static Optional<String> lockedRow(Handle handle, Key key) {
    return handle
        .createQuery(
            "SELECT settings FROM lookout_resources WHERE resource_type = :type AND resource_id"
                + " = :id FOR UPDATE")
        .bind("type", key.kind().name())
        .bind("id", key.id())
        .mapTo(String.class)
        .findOne();
  }

  private void writeSettings(Handle handle, Key key, ObjectNode settings) {
    handle
        .createUpdate(
            "UPDATE lookout_resources SET settings = :settings WHERE resource_type = :type AND"
                + " resource_id = :id")
        .bind("settings", settings.toString())
        .bind("type", key.kind().name())
        .bind("id", key.id())
        .execute();
  }

  private ObjectNode parse(String json) {
    try {
      return (ObjectNode) mapper.readTree(json);
    } catch (JsonProcessingException | ClassCastException e) {
      throw new IllegalStateException("stored Lookout settings are not a JSON object: " + json, e);
    }
  }
}
