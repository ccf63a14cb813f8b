package dev.vigil.hook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.json.Json;
import dev.vigil.storage.Database;
import dev.vigil.storage.SqlStates;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.core.statement.Update;

/**
 * Hooks in the metadata database (table {@code alert_hooks} of {@code V7__alerts_and_hooks.sql}):
 * the non-secret settings as JSON, the secret (webhook signing key or SMTP password) and the
 * webhook's header values in their own columns, which only deliveries read.
 *
 * <p>Thread-safe: each call takes its own connection from the pool.
 */
final class HookRepository {
  private static final String COLUMNS =
      "id, name, type, settings, secret, header_values, timeout_millis, created_at, updated_at";

  private static final ObjectMapper JSON = Json.mapper();
  private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {};
  private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

  private final Jdbi jdbi;

  HookRepository(Database database) {
    this.jdbi = database.jdbi();
  }

  /**
   * Inserts a hook.
   *
   * @return false when a hook of that name exists already
   */
  boolean insert(Hook hook) {
    try {
      jdbi.useHandle(
          handle ->
              bind(
                      handle.createUpdate(
                          "INSERT INTO alert_hooks ("
                              + COLUMNS
                              + ") VALUES (:id, :name, :type, :settings, :secret, :headerValues,"
                              + " :timeoutMillis, :createdAt, :updatedAt)"),
                      hook)
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
   * Replaces a hook's settings.
   *
   * @return false when it is gone
   */
  boolean update(Hook hook) {
    return jdbi.withHandle(
            handle ->
                bind(
                        handle.createUpdate(
                            "UPDATE alert_hooks SET settings = :settings, secret = :secret,"
                                + " header_values = :headerValues, timeout_millis = :timeoutMillis,"
                                + " updated_at = :updatedAt WHERE id = :id"),
                        hook)
                    .execute())
        == 1;
  }

  /**
   * Deletes a hook.
   *
   * @return false when an alert configuration still refers to it
   */
  boolean delete(String id) {
    try {
      jdbi.useHandle(
          handle ->
              handle
                  .createUpdate("DELETE FROM alert_hooks WHERE id = :id")
                  .bind("id", id)
                  .execute());
      return true;
    } catch (UnableToExecuteStatementException e) {
      if (SqlStates.has(e, SqlStates.FOREIGN_KEY_VIOLATION)) {
        return false;
      }
      throw e;
    }
  }

  Optional<Hook> findByName(String name) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT " + COLUMNS + " FROM alert_hooks WHERE name = :name")
                .bind("name", name)
                .map(HookRepository::hook)
                .findOne());
  }

  Optional<Hook> findById(String id) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT " + COLUMNS + " FROM alert_hooks WHERE id = :id")
                .bind("id", id)
                .map(HookRepository::hook)
                .findOne());
  }

  /** Every hook, in name order. */
  List<Hook> list() {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT " + COLUMNS + " FROM alert_hooks ORDER BY name")
                .map(HookRepository::hook)
                .list());
  }

  private static Update bind(Update update, Hook hook) {
    Map<String, Object> settings = new LinkedHashMap<>();
    String secret;
    String headerValues = null;
    if (hook.target() instanceof WebhookTarget webhook) {
      settings.put("url", webhook.url().toString());
      secret = webhook.secret();
      if (!webhook.headers().isEmpty()) {
        headerValues = write(webhook.headers());
      }
    } else {
      EmailTarget email = (EmailTarget) hook.target();
      settings.put("host", email.host());
      settings.put("port", email.port());
      settings.put("security", email.security().name());
      settings.put("username", email.username());
      settings.put("from", email.from());
      settings.put("to", email.to());
      secret = email.password();
    }
    return update
        .bind("id", hook.id())
        .bind("name", hook.name())
        .bind("type", hook.type().name())
        .bind("settings", write(settings))
        .bind("secret", secret)
        .bind("headerValues", headerValues)
        .bind("timeoutMillis", hook.timeout().toMillis())
        .bind("createdAt", hook.createdAt().toEpochMilli())
        .bind("updatedAt", hook.updatedAt().toEpochMilli());
  }

  private static Hook hook(ResultSet row, StatementContext context) throws SQLException {
    Map<String, Object> settings = read(row.getString("settings"), OBJECT);
    String secret = row.getString("secret");
    HookTarget target;
    if (HookType.valueOf(row.getString("type")) == HookType.WEBHOOK) {
      String headerValues = row.getString("header_values");
      target =
          new WebhookTarget(
              URI.create((String) settings.get("url")),
              headerValues == null ? Map.of() : read(headerValues, HEADERS),
              secret);
    } else {
      @SuppressWarnings("unchecked")
      List<String> to = (List<String>) settings.get("to");
      target =
          new EmailTarget(
              (String) settings.get("host"),
              ((Number) settings.get("port")).intValue(),
              SmtpSecurity.valueOf((String) settings.get("security")),
              (String) settings.get("username"),
              secret,
              (String) settings.get("from"),
              to);
    }
    return new Hook(
        row.getString("id"),
        row.getString("name"),
        target,
        Duration.ofMillis(row.getLong("timeout_millis")),
        Instant.ofEpochMilli(row.getLong("created_at")),
        Instant.ofEpochMilli(row.getLong("updated_at")));
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write hook settings as JSON", e);
    }
  }

  private static <T> T read(String text, TypeReference<T> type) {
    try {
      return JSON.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "stored hook settings are not valid JSON: " + e.getMessage(), e);
    }
  }
}
