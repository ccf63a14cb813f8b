package dev.vigil.user;

import dev.vigil.api.security.Role;
import dev.vigil.storage.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Users in the metadata database (table {@code users} of {@code V8__users_sessions_tokens.sql}).
 * The password hash is read only by {@link #passwordHash} and written only by {@link #insert} and
 * {@link #setPassword}: it is in no value this class answers.
 *
 * <p>Thread-safe: each call takes its own connection from the pool.
 */
final class UserRepository {
  static final String COLUMNS = "id, name, role, from_config, created_at, updated_at";

  /** SQL state of a unique-constraint violation, on H2 and PostgreSQL alike. */
  private static final String UNIQUE_VIOLATION = "23505";

  private final Jdbi jdbi;

  UserRepository(Database database) {
    this.jdbi = database.jdbi();
  }

  /**
   * Inserts a user.
   *
   * @return false when a user of that name exists already
   */
  boolean insert(User user, String passwordHash) {
    try {
      jdbi.useHandle(
          handle ->
              handle
                  .createUpdate(
                      "INSERT INTO users (id, name, role, password_hash, from_config, created_at,"
                          + " updated_at) VALUES (:id, :name, :role, :hash, :fromConfig,"
                          + " :createdAt, :updatedAt)")
                  .bind("id", user.id())
                  .bind("name", user.name())
                  .bind("role", user.role().name())
                  .bind("hash", passwordHash)
                  .bind("fromConfig", user.fromConfig())
                  .bind("createdAt", user.createdAt().toEpochMilli())
                  .bind("updatedAt", user.updatedAt().toEpochMilli())
                  .execute());
      return true;
    } catch (UnableToExecuteStatementException e) {
      if (e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return false;
      }
      throw e;
    }
  }

  Optional<User> find(String name) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT " + COLUMNS + " FROM users WHERE name = :name")
                .bind("name", name)
                .map((rs, ctx) -> user(rs))
                .findOne());
  }

  /** The user's password hash, empty when there is no such user. */
  Optional<String> passwordHash(String name) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT password_hash FROM users WHERE name = :name")
                .bind("name", name)
                .mapTo(String.class)
                .findOne());
  }

  /** Every user, in name order. */
  List<User> list() {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT " + COLUMNS + " FROM users ORDER BY name")
                .map((rs, ctx) -> user(rs))
                .list());
  }

  /** Whether any user exists. */
  boolean any() {
    return jdbi.withHandle(
            handle ->
                handle
                    .createQuery("SELECT 1 FROM users")
                    .setMaxRows(1)
                    .mapTo(Integer.class)
                    .findOne())
        .isPresent();
  }

  /** Admins other than {@code name}, counted in {@code handle}'s transaction. */
  static int otherAdmins(Handle handle, String name) {
    return handle
        .createQuery("SELECT COUNT(*) FROM users WHERE role = 'ADMIN' AND name <> :name")
        .bind("name", name)
        .mapTo(Integer.class)
        .one();
  }

  static int setRole(Handle handle, String name, Role role, Instant now) {
    return handle
        .createUpdate("UPDATE users SET role = :role, updated_at = :now WHERE name = :name")
        .bind("role", role.name())
        .bind("now", now.toEpochMilli())
        .bind("name", name)
        .execute();
  }

  /** Sets a password hash; the user's sessions end with it. */
  int setPassword(String name, String passwordHash, boolean fromConfig, Instant now) {
    return jdbi.inTransaction(
        handle -> {
          int changed =
              handle
                  .createUpdate(
                      "UPDATE users SET password_hash = :hash, from_config = :fromConfig,"
                          + " updated_at = :now WHERE name = :name")
                  .bind("hash", passwordHash)
                  .bind("fromConfig", fromConfig)
                  .bind("now", now.toEpochMilli())
                  .bind("name", name)
                  .execute();
          handle
              .createUpdate(
                  "DELETE FROM user_sessions WHERE user_id IN (SELECT id FROM users WHERE name ="
                      + " :name)")
              .bind("name", name)
              .execute();
          return changed;
        });
  }

  /** Deletes a user; their sessions and tokens go with them. */
  static int delete(Handle handle, String name) {
    return handle.createUpdate("DELETE FROM users WHERE name = :name").bind("name", name).execute();
  }

  <T> T inTransaction(org.jdbi.v3.core.HandleCallback<T, RuntimeException> work) {
    return jdbi.inTransaction(work);
  }

  static User user(ResultSet rs) throws SQLException {
    return new User(
        rs.getString("id"),
        rs.getString("name"),
        Role.valueOf(rs.getString("role")),
        rs.getBoolean("from_config"),
        Instant.ofEpochMilli(rs.getLong("created_at")),
        Instant.ofEpochMilli(rs.getLong("updated_at")));
  }
}
