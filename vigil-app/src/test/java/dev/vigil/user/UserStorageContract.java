package dev.vigil.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.api.security.Role;
import dev.vigil.request.ConflictException;
import dev.vigil.request.ForbiddenException;
import dev.vigil.request.InvalidRequestException;
import dev.vigil.request.NotFoundException;
import dev.vigil.request.TooManyAttemptsException;
import dev.vigil.request.UnauthenticatedException;
import dev.vigil.storage.Database;
import dev.vigil.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Users, sessions, API tokens and the sign-in lockout on any database: subclasses give an empty,
 * migrated {@link Database} (embedded H2, and a real PostgreSQL). Time is a clock the tests move.
 */
abstract class UserStorageContract {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final String PASSWORD = "correct-horse-battery";

  /** bcrypt's least cost, so that the tests stay quick; the cost is in each hash anyway. */
  private static final Passwords PASSWORDS = new Passwords(Passwords.MIN_COST);

  private final ManualClock clock = new ManualClock(NOW);
  private UserService users;
  private TokenService tokens;
  private SessionService sessions;
  private SignInService signIn;

  /** A migrated database with no users, one per test. */
  abstract Database database();

  @BeforeEach
  void createServices() {
    users = new UserService(database(), PASSWORDS, clock);
    tokens = new TokenService(database(), clock);
    sessions = new SessionService(database(), clock, Duration.ofHours(12));
    signIn = new SignInService(database(), PASSWORDS, clock);
  }

  private Map<String, Object> create(String name, String role) {
    UserBodies.Create body = new UserBodies.Create();
    body.name = name;
    body.role = role;
    body.password = PASSWORD;
    return users.create(body);
  }

  private static Actor actor(String name, Role role) {
    return new Actor(name, role);
  }

  private String newToken(String user, Role role, String name) {
    TokenBodies.Create body = new TokenBodies.Create();
    body.name = name;
    return (String) tokens.create(actor(user, role), body).get("token");
  }

  private List<String> column(String sql) {
    return database().jdbi().withHandle(h -> h.createQuery(sql).mapTo(String.class).list());
  }

  @Test
  void the_first_user_must_be_an_admin() {
    assertThatThrownBy(() -> create("ops", "OPERATOR"))
        .isInstanceOf(ConflictException.class)
        .hasMessage(
            "the first user must be an ADMIN (give role ADMIN, or --admin): nobody could manage"
                + " users otherwise");
    assertThat(users.anyUser()).isFalse();
    create("alice", "admin");
    assertThat(users.anyUser()).isTrue();
    assertThat(create("bob", null)).containsEntry("role", "VIEWER");
  }

  @Test
  void a_user_is_answered_without_its_password_and_stored_with_a_salted_bcrypt_hash() {
    Map<String, Object> alice = create(" Alice ", "ADMIN");
    create("bob", "VIEWER");
    assertThat(alice)
        .containsOnlyKeys("name", "role", "fromConfig", "createdAt", "updatedAt")
        .containsEntry("name", "alice")
        .containsEntry("createdAt", NOW.toString());
    assertThat(users.list().toString()).doesNotContain(PASSWORD).doesNotContain("$2a$");
    List<String> hashes = column("SELECT password_hash FROM users ORDER BY name");
    assertThat(hashes).allMatch(hash -> hash.startsWith("$2a$10$") && hash.length() == 60);
    assertThat(hashes.get(0))
        .as("salted: the same password, two hashes")
        .isNotEqualTo(hashes.get(1));
    assertThat(PASSWORDS.matches(PASSWORD, hashes.get(0))).isTrue();
  }

  @Test
  void names_passwords_and_roles_are_checked_with_messages_naming_the_field() {
    create("alice", "ADMIN");
    assertThatThrownBy(() -> create("alice", "VIEWER"))
        .isInstanceOf(ConflictException.class)
        .hasMessage("user 'alice' exists already");
    assertThatThrownBy(() -> create("bad name!", "VIEWER"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage(
            "user name 'bad name!' must be 1 to 100 letters, digits and ._@- starting with a"
                + " letter or digit");
    assertThatThrownBy(() -> create("carol", "superuser"))
        .hasMessage("role 'superuser' is not one of VIEWER, OPERATOR, ADMIN");
    UserBodies.Create shortPassword = new UserBodies.Create();
    shortPassword.name = "carol";
    shortPassword.password = "too-short";
    assertThatThrownBy(() -> users.create(shortPassword))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("password must have at least 12 characters")
        .extracting("field")
        .isEqualTo("password");
    shortPassword.password = "x".repeat(73);
    assertThatThrownBy(() -> users.create(shortPassword))
        .hasMessage("password must have at most 72 bytes in UTF-8 (bcrypt ignores what follows)");
  }

  @Test
  void the_last_admin_can_be_neither_demoted_nor_deleted() {
    create("alice", "ADMIN");
    create("bob", "OPERATOR");
    UserBodies.Update demote = new UserBodies.Update();
    demote.role = "VIEWER";
    assertThatThrownBy(() -> users.update("alice", demote))
        .isInstanceOf(ConflictException.class)
        .hasMessage(
            "user alice is the last ADMIN and cannot be given role VIEWER: make another user an"
                + " ADMIN first");
    assertThatThrownBy(() -> users.delete("alice"))
        .hasMessage(
            "user alice is the last ADMIN and cannot be deleted: make another user an ADMIN"
                + " first");
    UserBodies.Update promote = new UserBodies.Update();
    promote.role = "admin";
    clock.advance(Duration.ofMinutes(1));
    assertThat(users.update("bob", promote))
        .containsEntry("role", "ADMIN")
        .containsEntry("updatedAt", NOW.plus(Duration.ofMinutes(1)).toString());
    users.delete("alice");
    assertThatThrownBy(() -> users.describe("alice"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("user 'alice' does not exist");
  }

  @Test
  void the_configurations_admin_is_written_at_each_start_and_changed_only_there() {
    String hash = PASSWORDS.hash(PASSWORD, "password");
    users.ensureConfiguredAdmin("Root", hash);
    assertThat(users.describe("root"))
        .containsEntry("role", "ADMIN")
        .containsEntry("fromConfig", true);
    assertThat(signIn.signIn("root", PASSWORD, "10.0.0.1").name()).isEqualTo("root");
    UserBodies.Update demote = new UserBodies.Update();
    demote.role = "VIEWER";
    assertThatThrownBy(() -> users.update("root", demote))
        .hasMessage(
            "user root comes from the configuration (security.admin-user,"
                + " security.admin-password-hash): change its role there");
    assertThatThrownBy(() -> users.delete("root"))
        .hasMessage(
            "user root comes from the configuration (security.admin-user,"
                + " security.admin-password-hash): change the user there");
    // A new hash in the configuration replaces the old one at the next start.
    String other = PASSWORDS.hash("another-password-1", "password");
    users.ensureConfiguredAdmin("root", other);
    assertThatThrownBy(() -> signIn.signIn("root", PASSWORD, "10.0.0.1"))
        .isInstanceOf(UnauthenticatedException.class);
    assertThat(signIn.signIn("root", "another-password-1", "10.0.0.1").name()).isEqualTo("root");
  }

  @Test
  void users_change_their_own_password_with_the_current_one_and_admins_anyones() {
    create("alice", "ADMIN");
    create("bob", "VIEWER");
    create("carol", "OPERATOR");
    SessionService.NewSession bobs = sessions.open(users.find("bob").orElseThrow());
    UserBodies.SetPassword change = new UserBodies.SetPassword();
    change.password = "bobs-new-password";
    assertThatThrownBy(() -> users.setPassword(actor("carol", Role.OPERATOR), "bob", change))
        .isInstanceOf(ForbiddenException.class)
        .hasMessage(
            "user carol may change only their own password: changing bob's needs the ADMIN role");
    assertThatThrownBy(() -> users.setPassword(actor("bob", Role.VIEWER), "bob", change))
        .hasMessage("field 'currentPassword' is required");
    change.currentPassword = "not-the-password";
    assertThatThrownBy(() -> users.setPassword(actor("bob", Role.VIEWER), "bob", change))
        .isInstanceOf(ForbiddenException.class)
        .hasMessage("the current password is wrong");
    change.currentPassword = PASSWORD;
    users.setPassword(actor("bob", Role.VIEWER), "bob", change);
    assertThat(sessions.find(bobs.id())).as("a new password ends the sessions").isEmpty();
    assertThat(signIn.signIn("bob", "bobs-new-password", "10.0.0.1").name()).isEqualTo("bob");
    UserBodies.SetPassword reset = new UserBodies.SetPassword();
    reset.password = "reset-by-the-admin";
    users.setPassword(actor("alice", Role.ADMIN), "bob", reset);
    assertThat(signIn.signIn("bob", "reset-by-the-admin", "10.0.0.1").name()).isEqualTo("bob");
  }

  @Test
  void a_session_lasts_its_duration_and_ends_at_sign_out_or_with_its_user() {
    create("alice", "ADMIN");
    create("bob", "VIEWER");
    User bob = users.find("bob").orElseThrow();
    SessionService.NewSession first = sessions.open(bob);
    assertThat(first.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(12)));
    assertThat(first.toString()).doesNotContain(first.id());
    assertThat(column("SELECT id_hash FROM user_sessions"))
        .containsExactly(Secrets.sha256(first.id()))
        .doesNotContain(first.id());
    assertThat(sessions.find(first.id()).map(User::name)).contains("bob");
    assertThat(sessions.find("made-up")).isEmpty();

    clock.advance(Duration.ofHours(12));
    assertThat(sessions.find(first.id())).as("expired").isEmpty();

    SessionService.NewSession second = sessions.open(bob);
    assertThat(column("SELECT id_hash FROM user_sessions"))
        .as("expired sessions are cleared")
        .containsExactly(Secrets.sha256(second.id()));
    sessions.close(second.id());
    assertThat(sessions.find(second.id())).isEmpty();

    SessionService.NewSession third = sessions.open(bob);
    users.delete("bob");
    assertThat(sessions.find(third.id())).isEmpty();
  }

  @Test
  void a_token_is_shown_once_stored_hashed_and_refused_once_revoked() {
    create("alice", "ADMIN");
    create("bob", "VIEWER");
    String token = newToken("bob", Role.VIEWER, "laptop");
    assertThat(token).startsWith("vigil_").hasSize(6 + 43);
    assertThat(column("SELECT token_hash FROM api_tokens")).containsExactly(Secrets.sha256(token));
    assertThat(tokens.authenticate(token).name()).isEqualTo("bob");

    Map<String, Object> listed = tokens.list(actor("bob", Role.VIEWER), null, false);
    assertThat(listed.toString()).doesNotContain(token);
    @SuppressWarnings("unchecked")
    Map<String, Object> first = ((List<Map<String, Object>>) listed.get("tokens")).get(0);
    assertThat(first)
        .containsEntry("name", "laptop")
        .containsEntry("user", "bob")
        .containsEntry("status", "ACTIVE")
        .containsEntry("lastUsedAt", NOW.toString());
    String id = (String) first.get("id");

    clock.advance(Duration.ofMinutes(5));
    tokens.revoke(actor("bob", Role.VIEWER), id);
    assertThatThrownBy(() -> tokens.authenticate(token))
        .isInstanceOf(UnauthenticatedException.class)
        .hasMessage("the API token 'laptop' of user bob was revoked at 2026-03-01T10:05:00Z");
    assertThatThrownBy(() -> tokens.authenticate("vigil_never-issued"))
        .isInstanceOf(UnauthenticatedException.class)
        .hasMessage(
            "the API token is not known to this server: it was never issued here, or its user was"
                + " deleted");
    tokens.revoke(actor("bob", Role.VIEWER), id);
    assertThat(tokens.list(actor("bob", Role.VIEWER), null, false).toString())
        .contains("status=REVOKED", "revokedAt=2026-03-01T10:05:00Z");
  }

  @Test
  void a_token_expires_at_its_time_and_goes_with_its_user() {
    create("alice", "ADMIN");
    create("bob", "VIEWER");
    TokenBodies.Create body = new TokenBodies.Create();
    body.name = "ci";
    body.expiresAt = "2026-03-02T00:00:00Z";
    String token = (String) tokens.create(actor("bob", Role.VIEWER), body).get("token");
    clock.set(Instant.parse("2026-03-02T00:00:00Z"));
    assertThatThrownBy(() -> tokens.authenticate(token))
        .hasMessage("the API token 'ci' of user bob expired at 2026-03-02T00:00:00Z");
    body.expiresAt = "2026-03-01T00:00:00Z";
    assertThatThrownBy(() -> tokens.create(actor("bob", Role.VIEWER), body))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage(
            "expiresAt 2026-03-01T00:00:00Z is not in the future (it is now 2026-03-02T00:00:00Z)");
    body.expiresAt = "tomorrow";
    assertThatThrownBy(() -> tokens.create(actor("bob", Role.VIEWER), body))
        .hasMessage(
            "expiresAt must be an ISO-8601 instant such as 2027-01-01T00:00:00Z, got 'tomorrow'");
    String kept = newToken("bob", Role.VIEWER, "kept");
    users.delete("bob");
    assertThatThrownBy(() -> tokens.authenticate(kept))
        .hasMessageStartingWith("the API token is not known to this server");
  }

  @Test
  void users_see_and_revoke_their_own_tokens_and_admins_everyones() {
    create("alice", "ADMIN");
    create("bob", "VIEWER");
    create("carol", "OPERATOR");
    newToken("alice", Role.ADMIN, "admin-laptop");
    newToken("bob", Role.VIEWER, "bob-laptop");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> bobs =
        (List<Map<String, Object>>)
            tokens.list(actor("bob", Role.VIEWER), null, false).get("tokens");
    assertThat(bobs).extracting(t -> t.get("name")).containsExactly("bob-laptop");
    assertThatThrownBy(() -> tokens.list(actor("carol", Role.OPERATOR), "bob", false))
        .isInstanceOf(ForbiddenException.class)
        .hasMessage(
            "user carol may list only their own API tokens: listing bob's needs the ADMIN role");
    assertThatThrownBy(() -> tokens.list(actor("carol", Role.OPERATOR), null, true))
        .hasMessage(
            "user carol may list only their own API tokens: listing every user's needs the ADMIN"
                + " role");
    String bobsId = (String) bobs.get(0).get("id");
    assertThatThrownBy(() -> tokens.revoke(actor("carol", Role.OPERATOR), bobsId))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("API token '" + bobsId + "' does not exist");
    assertThat(tokens.list(actor("alice", Role.ADMIN), null, true).toString())
        .contains("admin-laptop", "bob-laptop");
    tokens.revoke(actor("alice", Role.ADMIN), bobsId);
    assertThat(tokens.list(actor("alice", Role.ADMIN), "bob", false).toString())
        .contains("status=REVOKED");
  }

  @Test
  void an_open_vigil_has_no_user_to_give_a_token_to() {
    TokenBodies.Create body = new TokenBodies.Create();
    body.name = "laptop";
    assertThatThrownBy(() -> tokens.create(Actor.OPEN, body))
        .isInstanceOf(ConflictException.class)
        .hasMessage(
            "API tokens belong to a user, and Vigil runs open with no user: create the first"
                + " admin with `vigil user create --admin`, then a token as that user");
  }

  @Test
  void five_wrong_passwords_lock_the_user_out_for_a_minute_then_for_twice_as_long() {
    create("alice", "ADMIN");
    for (int i = 1; i <= 4; i++) {
      assertThatThrownBy(() -> signIn.signIn("alice", "wrong-password", "10.0.0.1"))
          .isInstanceOf(UnauthenticatedException.class)
          .hasMessage("wrong user name or password");
    }
    assertThatThrownBy(() -> signIn.signIn("alice", "wrong-password", "10.0.0.1"))
        .isInstanceOf(TooManyAttemptsException.class)
        .hasMessage(
            "wrong user name or password; too many failed sign-ins for user 'alice': try again in"
                + " 1 minute (after 2026-03-01T10:01:00Z)");
    // While the lock lasts, even the right password is refused, unchecked.
    clock.advance(Duration.ofSeconds(15));
    assertThatThrownBy(() -> signIn.signIn("alice", PASSWORD, "10.0.0.2"))
        .isInstanceOf(TooManyAttemptsException.class)
        .hasMessage(
            "too many failed sign-ins for user 'alice': try again in 45 seconds (after"
                + " 2026-03-01T10:01:00Z)")
        .extracting("retryAfter")
        .isEqualTo(Duration.ofSeconds(45));
    // After the lock, one more failure locks again, for twice as long.
    clock.set(NOW.plus(Duration.ofMinutes(1)));
    assertThatThrownBy(() -> signIn.signIn("alice", "wrong-password", "10.0.0.1"))
        .hasMessage(
            "wrong user name or password; too many failed sign-ins for user 'alice': try again in"
                + " 2 minutes (after 2026-03-01T10:03:00Z)");
    clock.set(NOW.plus(Duration.ofMinutes(3)));
    assertThat(signIn.signIn("Alice", PASSWORD, "10.0.0.1").name()).isEqualTo("alice");
    // Success clears the count: four failures are allowed again.
    for (int i = 1; i <= 4; i++) {
      assertThatThrownBy(() -> signIn.signIn("alice", "wrong-password", "10.0.0.3"))
          .hasMessage("wrong user name or password");
    }
  }

  @Test
  void unknown_names_are_locked_out_alike_so_that_the_answer_tells_nothing() {
    create("alice", "ADMIN");
    for (int i = 1; i <= 4; i++) {
      assertThatThrownBy(() -> signIn.signIn("mallory", "guess", "10.0.0.9"))
          .hasMessage("wrong user name or password");
    }
    assertThatThrownBy(() -> signIn.signIn("mallory", "guess", "10.0.0.9"))
        .hasMessage(
            "wrong user name or password; too many failed sign-ins for user 'mallory': try again"
                + " in 1 minute (after 2026-03-01T10:01:00Z)");
  }

  @Test
  void twenty_failures_from_one_address_lock_the_address_whatever_the_names() {
    create("alice", "ADMIN");
    for (int i = 1; i <= 19; i++) {
      String name = "user" + i;
      assertThatThrownBy(() -> signIn.signIn(name, "guess", "192.0.2.7"))
          .hasMessage("wrong user name or password");
    }
    assertThatThrownBy(() -> signIn.signIn("user20", "guess", "192.0.2.7"))
        .hasMessage(
            "wrong user name or password; too many failed sign-ins from 192.0.2.7: try again in"
                + " 1 minute (after 2026-03-01T10:01:00Z)");
    assertThatThrownBy(() -> signIn.signIn("alice", PASSWORD, "192.0.2.7"))
        .hasMessage(
            "too many failed sign-ins from 192.0.2.7: try again in 1 minute (after"
                + " 2026-03-01T10:01:00Z)");
    assertThat(signIn.signIn("alice", PASSWORD, "192.0.2.8").name()).isEqualTo("alice");
  }

  @Test
  void failures_are_forgotten_a_day_after_the_last_one() {
    create("alice", "ADMIN");
    for (int i = 1; i <= 4; i++) {
      assertThatThrownBy(() -> signIn.signIn("alice", "wrong-password", "10.0.0.1"))
          .hasMessage("wrong user name or password");
    }
    clock.advance(Duration.ofHours(24));
    assertThatThrownBy(() -> signIn.signIn("alice", "wrong-password", "10.0.0.1"))
        .as("the fifth failure, a day later, counts as the first")
        .hasMessage("wrong user name or password");
  }

  @Test
  void the_lockout_delay_doubles_up_to_fifteen_minutes() {
    assertThat(SignInService.delay(0)).isEqualTo(Duration.ofMinutes(1));
    assertThat(SignInService.delay(1)).isEqualTo(Duration.ofMinutes(2));
    assertThat(SignInService.delay(3)).isEqualTo(Duration.ofMinutes(8));
    assertThat(SignInService.delay(4)).isEqualTo(Duration.ofMinutes(15));
    assertThat(SignInService.delay(40)).isEqualTo(Duration.ofMinutes(15));
    assertThat(SignInService.describe(Duration.ofMillis(1))).isEqualTo("1 second");
    assertThat(SignInService.describe(Duration.ofSeconds(61))).isEqualTo("2 minutes");
  }
}
