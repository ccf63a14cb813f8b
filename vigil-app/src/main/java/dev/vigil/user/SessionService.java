package dev.vigil.user;

import dev.vigil.storage.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Portal sessions, kept in the metadata database (table {@code user_sessions}), so that every node
 * knows them and a restart signs nobody out. The browser holds a random id of 256 bits; the
 * database holds its SHA-256, so a copy of the database opens no session. A session lasts a fixed
 * time from sign-in, then its user signs in again; signing out, changing one's password or being
 * deleted ends it at once.
 *
 * <p>Thread-safe: state lives in the database.
 */
public final class SessionService {
  /** How long a session lasts unless configured otherwise: a working day and then some. */
  public static final Duration DEFAULT_DURATION = Duration.ofHours(12);

  private final Jdbi jdbi;
  private final Clock clock;
  private final Duration duration;

  public SessionService(Database database, Clock clock, Duration duration) {
    this.jdbi = database.jdbi();
    this.clock = Objects.requireNonNull(clock, "clock");
    this.duration = Objects.requireNonNull(duration, "duration");
  }

  /**
   * A new session.
   *
   * @param id the secret the browser's cookie holds; shown nowhere else
   * @param expiresAt when it ends
   */
  public record NewSession(String id, Instant expiresAt) {
    public NewSession {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
      return "NewSession[id=****, expiresAt=" + expiresAt + "]";
    }
  }

  /** Opens a session for {@code user}, and clears the sessions that have expired. */
  public NewSession open(User user) {
    String id = Secrets.random();
    Instant now = clock.instant();
    Instant expiresAt = now.plus(duration);
    jdbi.useTransaction(
        handle -> {
          handle
              .createUpdate("DELETE FROM user_sessions WHERE expires_at <= :now")
              .bind("now", now.toEpochMilli())
              .execute();
          handle
              .createUpdate(
                  "INSERT INTO user_sessions (id_hash, user_id, created_at, expires_at) VALUES"
                      + " (:hash, :user, :now, :expiresAt)")
              .bind("hash", Secrets.sha256(id))
              .bind("user", user.id())
              .bind("now", now.toEpochMilli())
              .bind("expiresAt", expiresAt.toEpochMilli())
              .execute();
        });
    return new NewSession(id, expiresAt);
  }

  /** The user of the session whose cookie holds {@code id}, while it lasts. */
  public Optional<User> find(String id) {
    if (id == null || id.isEmpty()) {
      return Optional.empty();
    }
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT u.id, u.name, u.role, u.from_config, u.created_at, u.updated_at FROM"
                        + " user_sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash ="
                        + " :hash AND s.expires_at > :now")
                .bind("hash", Secrets.sha256(id))
                .bind("now", clock.millis())
                .map((rs, ctx) -> UserRepository.user(rs))
                .findOne());
  }

  /** Ends the session whose cookie holds {@code id}; nothing happens when there is none. */
  public void close(String id) {
    if (id == null || id.isEmpty()) {
      return;
    }
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate("DELETE FROM user_sessions WHERE id_hash = :hash")
                .bind("hash", Secrets.sha256(id))
                .execute());
  }

  /** How long a session lasts. */
  public Duration duration() {
    return duration;
  }
}
