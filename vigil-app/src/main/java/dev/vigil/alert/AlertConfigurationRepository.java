package dev.vigil.alert;

import dev.vigil.engine.model.Sensitivity;
import dev.vigil.storage.Database;
import dev.vigil.storage.SqlStates;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jdbi.v3.core.statement.Update;

/**
 * Alert configurations in the metadata database (tables {@code alert_configurations} and {@code
 * alert_configuration_hooks} of {@code V7__alerts_and_hooks.sql}), and the two pieces of state the
 * listener keeps on a configuration: the end of its snooze and whether a streak of failures is
 * under way. State changes are conditional updates on the configuration's row, so that a replay and
 * the schedule judging windows of one scheduler at once never both fire through one snooze.
 *
 * <p>Thread-safe: each call takes its own connection from the pool, or works on the handle given.
 */
final class AlertConfigurationRepository {
  private static final String COLUMNS =
      "id, name, scheduler_id, scheduler_name, sensitivity, correlation_mode, correlation_points,"
          + " snooze_millis, notify_on_failure, notify_on_system_pause, created_at, updated_at";

  /** SQL states of a row that refers to a missing one: PostgreSQL's, then H2's. */
  private static final java.util.Set<String> MISSING_PARENT =
      java.util.Set.of(SqlStates.FOREIGN_KEY_VIOLATION, "23506");

  private final Jdbi jdbi;

  AlertConfigurationRepository(Database database) {
    this.jdbi = database.jdbi();
  }

  /** How saving a configuration ended. */
  enum Saved {
    SAVED,
    /** Another configuration has the name. */
    DUPLICATE_NAME,
    /** One of its hooks was deleted meanwhile. */
    HOOK_GONE,
    /** The configuration was deleted meanwhile (updates only). */
    GONE
  }

  /** Inserts a configuration and its hooks, in one transaction. */
  Saved insert(AlertConfiguration configuration) {
    try {
      jdbi.useTransaction(
          handle -> {
            bind(
                    handle.createUpdate(
                        "INSERT INTO alert_configurations ("
                            + COLUMNS
                            + ", snoozed_until, failure_streak) VALUES (:id, :name, :schedulerId,"
                            + " :schedulerName, :sensitivity, :mode, :points, :snooze,"
                            + " :notifyOnFailure, :notifyOnSystemPause, :createdAt, :updatedAt,"
                            + " NULL, FALSE)"),
                    configuration)
                .execute();
            insertHooks(handle, configuration);
          });
      return Saved.SAVED;
    } catch (UnableToExecuteStatementException e) {
      return refusal(e);
    }
  }

  /** Replaces a configuration's settings and hooks, in one transaction; its state stays. */
  Saved update(AlertConfiguration configuration) {
    try {
      return jdbi.inTransaction(
          handle -> {
            int updated =
                bind(
                        handle.createUpdate(
                            "UPDATE alert_configurations SET sensitivity = :sensitivity,"
                                + " correlation_mode = :mode, correlation_points = :points,"
                                + " snooze_millis = :snooze, notify_on_failure = :notifyOnFailure,"
                                + " notify_on_system_pause = :notifyOnSystemPause,"
                                + " updated_at = :updatedAt WHERE id = :id"),
                        configuration)
                    .execute();
            if (updated == 0) {
              return Saved.GONE;
            }
            handle
                .createUpdate("DELETE FROM alert_configuration_hooks WHERE configuration_id = :id")
                .bind("id", configuration.id())
                .execute();
            insertHooks(handle, configuration);
            return Saved.SAVED;
          });
    } catch (UnableToExecuteStatementException e) {
      return refusal(e);
    }
  }

  private static Saved refusal(UnableToExecuteStatementException e) {
    if (e.getCause() instanceof SQLException sql) {
      if (SqlStates.UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return Saved.DUPLICATE_NAME;
      }
      if (MISSING_PARENT.contains(sql.getSQLState())) {
        return Saved.HOOK_GONE;
      }
    }
    throw e;
  }

  private static void insertHooks(Handle handle, AlertConfiguration configuration) {
    for (AlertConfiguration.HookRef hook : configuration.hooks()) {
      handle
          .createUpdate(
              "INSERT INTO alert_configuration_hooks (configuration_id, hook_id)"
                  + " VALUES (:configuration, :hook)")
          .bind("configuration", configuration.id())
          .bind("hook", hook.id())
          .execute();
    }
  }

  /** Deletes a configuration with its hooks and its correlation state; its alerts stay. */
  boolean delete(String id) {
    return jdbi.inTransaction(handle -> delete(handle, id));
  }

  /** {@link #delete(String)} on the transaction given. */
  static boolean delete(Handle handle, String id) {
    handle
        .createUpdate("DELETE FROM alert_incidents WHERE configuration_id = :id")
        .bind("id", id)
        .execute();
    handle
        .createUpdate("DELETE FROM alert_windows WHERE configuration_id = :id")
        .bind("id", id)
        .execute();
    return handle
            .createUpdate("DELETE FROM alert_configurations WHERE id = :id")
            .bind("id", id)
            .execute()
        == 1;
  }

  Optional<AlertConfiguration> findByName(String name) {
    return jdbi.withHandle(
        handle ->
            withHooks(
                    handle,
                    handle
                        .createQuery(
                            "SELECT " + COLUMNS + " FROM alert_configurations WHERE name = :name")
                        .bind("name", name)
                        .map(AlertConfigurationRepository::configuration)
                        .list())
                .stream()
                .findFirst());
  }

  /** Every configuration, or those of one scheduler when {@code schedulerId} is not null. */
  List<AlertConfiguration> list(String schedulerId) {
    return jdbi.withHandle(
        handle -> {
          var query =
              handle.createQuery(
                  "SELECT "
                      + COLUMNS
                      + " FROM alert_configurations"
                      + (schedulerId == null ? "" : " WHERE scheduler_id = :scheduler")
                      + " ORDER BY name");
          if (schedulerId != null) {
            query.bind("scheduler", schedulerId);
          }
          return withHooks(handle, query.map(AlertConfigurationRepository::configuration).list());
        });
  }

  /**
   * The configurations of a scheduler, in id order (the order in which the listener locks their
   * rows, so that two transactions never wait on each other in a cycle).
   */
  List<AlertConfiguration> forScheduler(Handle handle, String schedulerId) {
    return withHooks(
        handle,
        handle
            .createQuery(
                "SELECT "
                    + COLUMNS
                    + " FROM alert_configurations WHERE scheduler_id = :scheduler ORDER BY id")
            .bind("scheduler", schedulerId)
            .map(AlertConfigurationRepository::configuration)
            .list());
  }

  /** Names of the configurations that notify a hook, as {@code alert configuration NAME}. */
  List<String> usersOfHook(String hookId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT c.name FROM alert_configurations c JOIN alert_configuration_hooks h"
                        + " ON h.configuration_id = c.id WHERE h.hook_id = :hook ORDER BY c.name")
                .bind("hook", hookId)
                .mapTo(String.class)
                .list()
                .stream()
                .map(name -> "alert configuration " + name)
                .toList());
  }

  /**
   * Starts the configuration's snooze if none runs: no anomaly alert before {@code until}.
   *
   * @return true when no snooze ran at {@code now}, so that an alert may fire now; false when one
   *     runs (nothing changes then)
   */
  boolean claimSnooze(Handle handle, String id, Instant now, Instant until) {
    return handle
            .createUpdate(
                "UPDATE alert_configurations SET snoozed_until = :until WHERE id = :id"
                    + " AND (snoozed_until IS NULL OR snoozed_until <= :now)")
            .bind("until", until.toEpochMilli())
            .bind("now", now.toEpochMilli())
            .bind("id", id)
            .execute()
        == 1;
  }

  /** When the configuration's snooze ends, empty when none ran yet. */
  Optional<Instant> snoozedUntil(String id) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT snoozed_until FROM alert_configurations WHERE id = :id")
                .bind("id", id)
                .mapTo(Long.class)
                .findOne()
                .map(Instant::ofEpochMilli));
  }

  /**
   * Records whether the scheduler's latest window failed.
   *
   * @return true when a streak of failures starts here: {@code failed} is true and the previous
   *     window had not failed
   */
  boolean recordFailure(Handle handle, String id, boolean failed) {
    return handle
                .createUpdate(
                    "UPDATE alert_configurations SET failure_streak = :failed WHERE id = :id"
                        + " AND failure_streak <> :failed")
                .bind("failed", failed)
                .bind("id", id)
                .execute()
            == 1
        && failed;
  }

  private static Update bind(Update update, AlertConfiguration configuration) {
    return update
        .bind("id", configuration.id())
        .bind("name", configuration.name())
        .bind("schedulerId", configuration.schedulerId())
        .bind("schedulerName", configuration.schedulerName())
        .bind("sensitivity", configuration.sensitivity().value())
        .bind("mode", configuration.mode().name())
        .bind("points", configuration.withinPoints())
        .bind("snooze", configuration.snooze().toMillis())
        .bind("notifyOnFailure", configuration.notifyOnFailure())
        .bind("notifyOnSystemPause", configuration.notifyOnSystemPause())
        .bind("createdAt", configuration.createdAt().toEpochMilli())
        .bind("updatedAt", configuration.updatedAt().toEpochMilli());
  }

  private static List<AlertConfiguration> withHooks(
      Handle handle, List<AlertConfiguration> configurations) {
    if (configurations.isEmpty()) {
      return configurations;
    }
    Map<String, List<AlertConfiguration.HookRef>> hooks = new HashMap<>();
    handle
        .createQuery(
            "SELECT h.configuration_id, k.id, k.name FROM alert_configuration_hooks h"
                + " JOIN alert_hooks k ON k.id = h.hook_id"
                + " WHERE h.configuration_id IN (<ids>) ORDER BY k.name")
        .bindList("ids", configurations.stream().map(AlertConfiguration::id).toList())
        .map(
            (row, context) ->
                Map.entry(
                    row.getString("configuration_id"),
                    new AlertConfiguration.HookRef(row.getString("id"), row.getString("name"))))
        .forEach(
            entry ->
                hooks
                    .computeIfAbsent(entry.getKey(), k -> new ArrayList<>())
                    .add(entry.getValue()));
    List<AlertConfiguration> complete = new ArrayList<>(configurations.size());
    for (AlertConfiguration c : configurations) {
      complete.add(
          new AlertConfiguration(
              c.id(),
              c.name(),
              c.schedulerId(),
              c.schedulerName(),
              c.sensitivity(),
              c.mode(),
              c.withinPoints(),
              c.snooze(),
              c.notifyOnFailure(),
              c.notifyOnSystemPause(),
              hooks.getOrDefault(c.id(), List.of()),
              c.createdAt(),
              c.updatedAt()));
    }
    return complete;
  }

  private static AlertConfiguration configuration(ResultSet row, StatementContext context)
      throws SQLException {
    return new AlertConfiguration(
        row.getString("id"),
        row.getString("name"),
        row.getString("scheduler_id"),
        row.getString("scheduler_name"),
        new Sensitivity(row.getInt("sensitivity")),
        CorrelationMode.valueOf(row.getString("correlation_mode")),
        row.getInt("correlation_points"),
        Duration.ofMillis(row.getLong("snooze_millis")),
        row.getBoolean("notify_on_failure"),
        row.getBoolean("notify_on_system_pause"),
        List.of(),
        Instant.ofEpochMilli(row.getLong("created_at")),
        Instant.ofEpochMilli(row.getLong("updated_at")));
  }
}
