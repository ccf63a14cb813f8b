package dev.vigil.user;

import static dev.vigil.request.RequiredFields.required;

import dev.vigil.api.security.Role;
import dev.vigil.request.ConflictException;
import dev.vigil.request.ForbiddenException;
import dev.vigil.request.InvalidRequestException;
import dev.vigil.request.NotFoundException;
import dev.vigil.storage.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users and their roles: create, list, describe, change a role or a password, delete. Names are
 * lower-case (what is typed is lower-cased), passwords are stored as bcrypt hashes ({@link
 * Passwords}) and never answered nor logged. Two rules keep Vigil manageable: the first user is an
 * admin, and the last admin can be neither demoted nor deleted. The configuration's admin ({@code
 * security.admin-user}) is written at each start-up and changed only there.
 *
 * <p>Thread-safe: state lives in the database.
 */
public final class UserService {
  private static final Logger LOG = LoggerFactory.getLogger(UserService.class);
  private static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9._@-]{0,99}$");

  private final UserRepository repository;
  private final Passwords passwords;
  private final Clock clock;

  public UserService(Database database, Passwords passwords, Clock clock) {
    this.repository = new UserRepository(database);
    this.passwords = Objects.requireNonNull(passwords, "passwords");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A user name as stored: stripped and lower-case. */
  public static String normalised(String name) {
    return name.strip().toLowerCase(Locale.ROOT);
  }

  /**
   * Checks a user name.
   *
   * @throws InvalidRequestException naming {@code field} when it is not a valid name
   */
  public static String checkedName(String name, String field) {
    String normalised = normalised(required(name, field));
    if (!NAME.matcher(normalised).matches()) {
      throw new InvalidRequestException(
          field,
          "user name '"
              + name
              + "' must be 1 to 100 letters, digits and ._@- starting with a letter or digit");
    }
    return normalised;
  }

  /** Whether any user exists: without one, Vigil runs open (on loopback) or does not start. */
  public boolean anyUser() {
    return repository.any();
  }

  /**
   * Creates a user; answers it.
   *
   * @throws ConflictException when the name is taken, or the first user would not be an admin
   */
  public Map<String, Object> create(UserBodies.Create body) {
    String name = checkedName(body.name, "name");
    Role role = body.role == null ? Role.VIEWER : role(body.role);
    String hash = passwords.hash(body.password, "password");
    if (role != Role.ADMIN && !repository.any()) {
      throw new ConflictException(
          "the first user must be an ADMIN (give role ADMIN, or --admin): nobody could manage"
              + " users otherwise");
    }
    Instant now = clock.instant();
    User user = new User(UUID.randomUUID().toString(), name, role, false, now, now);
    if (!repository.insert(user, hash)) {
      throw new ConflictException("user '" + name + "' exists already");
    }
    LOG.info("user {} created with role {}", name, role);
    return user.json();
  }

  /** Every user, in name order. */
  public Map<String, Object> list() {
    List<Map<String, Object>> users = new ArrayList<>();
    for (User user : repository.list()) {
      users.add(user.json());
    }
    return Map.of("users", users);
  }

  /** One user. */
  public Map<String, Object> describe(String name) {
    return byName(name).json();
  }

  /** The user of that name, when there is one. */
  public java.util.Optional<User> find(String name) {
    return repository.find(normalised(name));
  }

  /**
   * Changes a user's role; answers the user.
   *
   * @throws ConflictException when it would leave no admin, or the user is the configuration's
   */
  public Map<String, Object> update(String name, UserBodies.Update body) {
    Role role = role(required(body.role, "role"));
    User user = byName(name);
    if (user.fromConfig()) {
      throw fromConfiguration(user, "its role");
    }
    Instant now = clock.instant();
    repository.inTransaction(
        handle -> {
          if (user.role() == Role.ADMIN
              && role != Role.ADMIN
              && UserRepository.otherAdmins(handle, user.name()) == 0) {
            throw lastAdmin(user, "given role " + role);
          }
          return UserRepository.setRole(handle, user.name(), role, now);
        });
    LOG.info("user {}: role {} -> {}", user.name(), user.role(), role);
    return byName(user.name()).json();
  }

  /**
   * Sets a user's password and ends their sessions. Users change their own with their current
   * password; admins change anyone's without it.
   *
   * @throws ForbiddenException when a user who is no admin changes another's password, or gives a
   *     wrong current password
   */
  public void setPassword(Actor actor, String name, UserBodies.SetPassword body) {
    User user = byName(name);
    boolean own = user.name().equals(actor.userName());
    if (!own && !actor.admin()) {
      throw new ForbiddenException(
          "user "
              + actor.userName()
              + " may change only their own password: changing "
              + user.name()
              + "'s needs the ADMIN role");
    }
    if (user.fromConfig()) {
      throw fromConfiguration(user, "its password");
    }
    if (own) {
      String current = required(body.currentPassword, "currentPassword");
      if (!passwords.matches(current, repository.passwordHash(user.name()).orElseThrow())) {
        throw new ForbiddenException("the current password is wrong");
      }
    }
    String hash = passwords.hash(body.password, "password");
    repository.setPassword(user.name(), hash, false, clock.instant());
    LOG.info("user {}: password changed by {}", user.name(), actor.user().orElse("(open mode)"));
  }

  /**
   * Deletes a user with their sessions and API tokens.
   *
   * @throws ConflictException when it is the last admin, or the configuration's
   */
  public void delete(String name) {
    User user = byName(name);
    if (user.fromConfig()) {
      throw fromConfiguration(user, "the user");
    }
    repository.inTransaction(
        handle -> {
          if (user.role() == Role.ADMIN && UserRepository.otherAdmins(handle, user.name()) == 0) {
            throw lastAdmin(user, "deleted");
          }
          return UserRepository.delete(handle, user.name());
        });
    LOG.info("user {} deleted", user.name());
  }

  /**
   * Makes the configuration's admin exist with the configured password hash: created, or updated
   * when it exists with another hash or role.
   */
  public void ensureConfiguredAdmin(String name, String passwordHash) {
    String userName = checkedName(name, "security.admin-user");
    Instant now = clock.instant();
    java.util.Optional<User> existing = repository.find(userName);
    if (existing.isEmpty()) {
      repository.insert(
          new User(UUID.randomUUID().toString(), userName, Role.ADMIN, true, now, now),
          passwordHash);
      LOG.info("admin user {} created from the configuration (security.admin-user)", userName);
      return;
    }
    boolean sameHash = repository.passwordHash(userName).orElse("").equals(passwordHash);
    if (!sameHash || !existing.get().fromConfig()) {
      repository.setPassword(userName, passwordHash, true, now);
    }
    if (existing.get().role() != Role.ADMIN) {
      repository.inTransaction(handle -> UserRepository.setRole(handle, userName, Role.ADMIN, now));
    }
    LOG.info("admin user {} from the configuration (security.admin-user)", userName);
  }

  private User byName(String name) {
    String normalised = normalised(name);
    return repository
        .find(normalised)
        .orElseThrow(() -> new NotFoundException(TokenService.noUser(normalised)));
  }

  /** A role by name, in any case. */
  static Role role(String text) {
    for (Role role : Role.values()) {
      if (role.name().equalsIgnoreCase(text.strip())) {
        return role;
      }
    }
    throw new InvalidRequestException(
        "role", "role '" + text + "' is not one of VIEWER, OPERATOR, ADMIN");
  }

  private static ConflictException lastAdmin(User user, String change) {
    return new ConflictException(
        "user "
            + user.name()
            + " is the last ADMIN and cannot be "
            + change
            + ": make another user an ADMIN first");
  }

  private static ConflictException fromConfiguration(User user, String what) {
    return new ConflictException(
        "user "
            + user.name()
            + " comes from the configuration (security.admin-user,"
            + " security.admin-password-hash): change "
            + what
            + " there");
  }
}
