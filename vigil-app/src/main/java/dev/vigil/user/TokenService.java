package dev.vigil.user;

import static dev.vigil.request.RequiredFields.required;

import dev.vigil.request.ConflictException;
import dev.vigil.request.ForbiddenException;
import dev.vigil.request.InvalidRequestException;
import dev.vigil.request.NotFoundException;
import dev.vigil.request.UnauthenticatedException;
import dev.vigil.storage.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API tokens: what the native API and the CLI send as {@code Authorization: Bearer <token>}. A user
 * creates their tokens and sees each one once, when it is created; the database keeps its SHA-256
 * only (table {@code api_tokens}). A token acts with its user's role as it is at each request,
 * until it is revoked, it expires, or its user is deleted. Users list and revoke their own tokens;
 * admins those of everyone.
 *
 * <p>Thread-safe: state lives in the database.
 */
public final class TokenService {
  /** Every token starts with this, so that secret scanners and people recognise one. */
  public static final String PREFIX = "vigil_";

  /** The last use of a token is written at most this often, not at each request. */
  static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

  private static final Logger LOG = LoggerFactory.getLogger(TokenService.class);
  private static final Pattern NAME = Pattern.compile("^[0-9A-Za-z._@-]{1,100}$");
  private static final String COLUMNS =
      "t.id, t.name, t.created_at, t.expires_at, t.last_used_at, t.revoked_at, u.name AS owner";

  private final Jdbi jdbi;
  private final UserRepository users;
  private final Clock clock;

  public TokenService(Database database, Clock clock) {
    this.jdbi = database.jdbi();
    this.users = new UserRepository(database);
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A token as lists show it: never the token itself. */
  record Token(
      String id,
      String name,
      String owner,
      Instant createdAt,
      Instant expiresAt,
      Instant lastUsedAt,
      Instant revokedAt) {
    Map<String, Object> json(Instant now) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("id", id);
      json.put("name", name);
      json.put("user", owner);
      json.put(
          "status",
          revokedAt != null
              ? "REVOKED"
              : expiresAt != null && !expiresAt.isAfter(now) ? "EXPIRED" : "ACTIVE");
      json.put("createdAt", createdAt.toString());
      json.put("expiresAt", expiresAt == null ? null : expiresAt.toString());
      json.put("lastUsedAt", lastUsedAt == null ? null : lastUsedAt.toString());
      json.put("revokedAt", revokedAt == null ? null : revokedAt.toString());
      return json;
    }
  }

  /**
   * Creates a token for the actor's own user; answers it with the token, which is shown this once.
   *
   * @throws ConflictException in open mode: a token belongs to a user, and there is none
   */
  public Map<String, Object> create(Actor actor, TokenBodies.Create body) {
    String owner =
        actor
            .user()
            .orElseThrow(
                () ->
                    new ConflictException(
                        "API tokens belong to a user, and Vigil runs open with no user: create"
                            + " the first admin with `vigil user create --admin`, then a token"
                            + " as that user"));
    String name = required(body.name, "name").strip();
    if (!NAME.matcher(name).matches()) {
      throw new InvalidRequestException(
          "name", "token name '" + name + "' must be 1 to 100 letters, digits and ._@-");
    }
    Instant now = clock.instant();
    Instant expiresAt = null;
    if (body.expiresAt != null) {
      try {
        expiresAt = Instant.parse(body.expiresAt.strip());
      } catch (DateTimeParseException e) {
        throw new InvalidRequestException(
            "expiresAt",
            "expiresAt must be an ISO-8601 instant such as 2027-01-01T00:00:00Z, got '"
                + body.expiresAt
                + "'");
      }
      if (!expiresAt.isAfter(now)) {
        throw new InvalidRequestException(
            "expiresAt",
            "expiresAt " + expiresAt + " is not in the future (it is now " + now + ")");
      }
    }
    User user = users.find(owner).orElseThrow(() -> new NotFoundException(noUser(owner)));
    String token = PREFIX + Secrets.random();
    String id = UUID.randomUUID().toString();
    Instant expiry = expiresAt;
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "INSERT INTO api_tokens (id, user_id, name, token_hash, created_at,"
                        + " expires_at) VALUES (:id, :user, :name, :hash, :now, :expiresAt)")
                .bind("id", id)
                .bind("user", user.id())
                .bind("name", name)
                .bind("hash", Secrets.sha256(token))
                .bind("now", now.toEpochMilli())
                .bind("expiresAt", expiry == null ? null : expiry.toEpochMilli())
                .execute());
    LOG.info("API token {} ('{}') created for user {}", id, name, owner);
    Map<String, Object> json = new Token(id, name, owner, now, expiry, null, null).json(now);
    json.put("token", token);
    return json;
  }

  /**
   * Tokens, newest first: the actor's own, those of user {@code userName}, or everyone's when
   * {@code all}. Only admins see other users' tokens.
   */
  public Map<String, Object> list(Actor actor, String userName, boolean all) {
    String owner;
    if (all) {
      owner = null;
      if (!actor.admin()) {
        throw new ForbiddenException(
            "user "
                + actor.userName()
                + " may list only their own API tokens: listing every"
                + " user's needs the ADMIN role");
      }
    } else if (userName != null) {
      owner = UserService.normalised(userName);
      if (!actor.admin() && !owner.equals(actor.userName())) {
        throw new ForbiddenException(
            "user "
                + actor.userName()
                + " may list only their own API tokens: listing "
                + owner
                + "'s needs the ADMIN role");
      }
      if (users.find(owner).isEmpty()) {
        throw new NotFoundException(noUser(owner));
      }
    } else {
      owner = actor.userName();
      if (owner == null) {
        return Map.of("tokens", List.of());
      }
    }
    Instant now = clock.instant();
    List<Map<String, Object>> tokens = new ArrayList<>();
    for (Token token : tokens(owner)) {
      tokens.add(token.json(now));
    }
    return Map.of("tokens", tokens);
  }

  /**
   * Revokes a token: requests that carry it are refused from now on. Revoking a revoked token
   * changes nothing.
   *
   * @throws NotFoundException when there is no such token, or it is another user's and the actor is
   *     no admin (so that ids of others' tokens cannot be probed)
   */
  public void revoke(Actor actor, String id) {
    Token token =
        find(id)
            .filter(found -> actor.admin() || found.owner().equals(actor.userName()))
            .orElseThrow(() -> new NotFoundException("API token '" + id + "' does not exist"));
    if (token.revokedAt() != null) {
      return;
    }
    jdbi.useHandle(
        handle ->
            handle
                .createUpdate(
                    "UPDATE api_tokens SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                .bind("now", clock.millis())
                .bind("id", id)
                .execute());
    LOG.info(
        "API token {} ('{}') of user {} revoked by {}",
        id,
        token.name(),
        token.owner(),
        actor.user().orElse("(open mode)"));
  }

  /**
   * The user a token acts for.
   *
   * @throws UnauthenticatedException naming the reason when the token is unknown, revoked or
   *     expired
   */
  public User authenticate(String bearer) {
    String hash = Secrets.sha256(bearer);
    record Found(
        User user, String id, String name, Long expiresAt, Long lastUsedAt, Long revoked) {}
    Optional<Found> found =
        jdbi.withHandle(
            handle ->
                handle
                    .createQuery(
                        "SELECT u.id, u.name, u.role, u.from_config, u.created_at, u.updated_at,"
                            + " t.id AS token_id, t.name AS token_name, t.expires_at,"
                            + " t.last_used_at, t.revoked_at FROM api_tokens t JOIN users u ON"
                            + " u.id = t.user_id WHERE t.token_hash = :hash")
                    .bind("hash", hash)
                    .map(
                        (rs, ctx) ->
                            new Found(
                                UserRepository.user(rs),
                                rs.getString("token_id"),
                                rs.getString("token_name"),
                                nullableLong(rs, "expires_at"),
                                nullableLong(rs, "last_used_at"),
                                nullableLong(rs, "revoked_at")))
                    .findOne());
    if (found.isEmpty()) {
      throw new UnauthenticatedException(
          "the API token is not known to this server: it was never issued here, or its user was"
              + " deleted");
    }
    Found token = found.get();
    String what = "the API token '" + token.name() + "' of user " + token.user().name();
    if (token.revoked() != null) {
      throw new UnauthenticatedException(
          what + " was revoked at " + Instant.ofEpochMilli(token.revoked()));
    }
    long now = clock.millis();
    if (token.expiresAt() != null && token.expiresAt() <= now) {
      throw new UnauthenticatedException(
          what + " expired at " + Instant.ofEpochMilli(token.expiresAt()));
    }
    if (token.lastUsedAt() == null || now - token.lastUsedAt() >= LAST_USED_PRECISION.toMillis()) {
      jdbi.useHandle(
          handle ->
              handle
                  .createUpdate("UPDATE api_tokens SET last_used_at = :now WHERE id = :id")
                  .bind("now", now)
                  .bind("id", token.id())
                  .execute());
    }
    return token.user();
  }

  private Optional<Token> find(String id) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.id = :id")
                .bind("id", id)
                .map((rs, ctx) -> token(rs))
                .findOne());
  }

  /** The tokens of {@code owner}, or everyone's when null; newest first. */
  private List<Token> tokens(String owner) {
    return jdbi.withHandle(
        handle -> {
          var query =
              handle.createQuery(
                  "SELECT "
                      + COLUMNS
                      + " FROM api_tokens t JOIN users u ON u.id = t.user_id"
                      + (owner == null ? "" : " WHERE u.name = :owner")
                      + " ORDER BY t.created_at DESC, t.id");
          if (owner != null) {
            query.bind("owner", owner);
          }
          return query.map((rs, ctx) -> token(rs)).list();
        });
  }

  private static Token token(ResultSet rs) throws SQLException {
    return new Token(
        rs.getString("id"),
        rs.getString("name"),
        rs.getString("owner"),
        Instant.ofEpochMilli(rs.getLong("created_at")),
        instant(rs, "expires_at"),
        instant(rs, "last_used_at"),
        instant(rs, "revoked_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Long millis = nullableLong(rs, column);
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }

  private static Long nullableLong(ResultSet rs, String column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  static String noUser(String name) {
    return "user '" + name + "' does not exist";
  }
}
