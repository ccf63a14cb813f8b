package dev.vigil.user;

import dev.vigil.request.TooManyAttemptsException;
import dev.vigil.request.UnauthenticatedException;
import dev.vigil.storage.Database;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a user name and password, with a lockout delay after repeated failures. Failures are
 * counted per user name (known or not, so that the answer tells nothing of which names exist) and
 * per client address, in the metadata database (table {@code sign_in_failures}), so that every node
 * counts them together. After {@value #USER_THRESHOLD} failures in a row for a name, or {@value
 * #ADDRESS_THRESHOLD} from an address, sign-ins are refused for {@link #FIRST_DELAY}; each further
 * failure after the delay doubles it, up to {@link #MAX_DELAY}. A successful sign-in clears its
 * name's count; counts are forgotten {@link #FORGET_AFTER} after their last failure. While a lock
 * lasts the password is not even checked, so guessing goes no faster.
 *
 * <p>Time is read from the injected clock only. Thread-safe: state lives in the database.
 */
public final class SignInService {
  /** Failures in a row that lock a user name. */
  public static final int USER_THRESHOLD = 5;

  /** Failures in a row that lock a client address: several people may share one. */
  public static final int ADDRESS_THRESHOLD = 20;

  /** The first lockout delay. */
  public static final Duration FIRST_DELAY = Duration.ofMinutes(1);

  /** The longest lockout delay. */
  public static final Duration MAX_DELAY = Duration.ofMinutes(15);

  /** A count of failures is forgotten this long after its last failure. */
  public static final Duration FORGET_AFTER = Duration.ofHours(24);

  /** What a wrong name or password is told, whichever of the two it was. */
  public static final String WRONG = "wrong user name or password";

  private static final Logger LOG = LoggerFactory.getLogger(SignInService.class);

  /** SQL state of a unique-constraint violation, on H2 and PostgreSQL alike. */
  private static final String UNIQUE_VIOLATION = "23505";

  private final Jdbi jdbi;
  private final UserRepository users;
  private final Passwords passwords;
  private final Clock clock;

  public SignInService(Database database, Passwords passwords, Clock clock) {
    this.jdbi = database.jdbi();
    this.users = new UserRepository(database);
    this.passwords = Objects.requireNonNull(passwords, "passwords");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A subject whose failures are counted: a user name or a client address. */
  private record Subject(String key, String described, int threshold) {}

  /** A subject's failures as stored. */
  private record Failures(int count, Instant last, Instant lockedUntil) {}

  /**
   * The user whose name and password these are.
   *
   * @param address the client's address
   * @throws UnauthenticatedException with {@link #WRONG} when the name or the password is wrong
   * @throws TooManyAttemptsException when the name or the address is locked out, or this failure
   *     locks it; the message says when to try again
   */
  public User signIn(String name, String password, String address) {
    String userName = UserService.normalised(name == null ? "" : name);
    List<Subject> subjects =
        List.of(
            new Subject("user:" + userName, "for user '" + userName + "'", USER_THRESHOLD),
            new Subject("address:" + address, "from " + address, ADDRESS_THRESHOLD));
    Instant now = clock.instant();
    for (Subject subject : subjects) {
      Optional<Failures> failures = failures(subject);
      if (failures.isPresent()
          && failures.get().lockedUntil() != null
          && failures.get().lockedUntil().isAfter(now)) {
        throw locked(subject, failures.get().lockedUntil(), now, "");
      }
    }
    Optional<String> hash = users.passwordHash(userName);
    boolean matches =
        hash.isPresent()
            ? passwords.matches(password, hash.get())
            : passwords.matchesNobody(password);
    if (matches) {
      jdbi.useHandle(
          handle ->
              handle
                  .createUpdate("DELETE FROM sign_in_failures WHERE subject = :subject")
                  .bind("subject", subjects.get(0).key())
                  .execute());
      return users.find(userName).orElseThrow(() -> new UnauthenticatedException(WRONG));
    }
    List<TooManyAttemptsException> locks = new ArrayList<>();
    for (Subject subject : subjects) {
      Instant lockedUntil = recordFailure(subject, now);
      if (lockedUntil != null) {
        locks.add(locked(subject, lockedUntil, now, WRONG + "; "));
      }
    }
    LOG.info("failed sign-in for user '{}' from {}", userName, address);
    if (!locks.isEmpty()) {
      throw locks.get(0);
    }
    throw new UnauthenticatedException(WRONG);
  }

  private Optional<Failures> failures(Subject subject) {
    return jdbi.withHandle(handle -> failures(handle, subject));
  }

  private static Optional<Failures> failures(Handle handle, Subject subject) {
    return handle
        .createQuery(
            "SELECT failures, last_failure, locked_until FROM sign_in_failures WHERE subject ="
                + " :subject")
        .bind("subject", subject.key())
        .map(
            (rs, ctx) -> {
              long locked = rs.getLong("locked_until");
              Instant lockedUntil = rs.wasNull() ? null : Instant.ofEpochMilli(locked);
              return new Failures(
                  rs.getInt("failures"),
                  Instant.ofEpochMilli(rs.getLong("last_failure")),
                  lockedUntil);
            })
        .findOne();
  }

  /**
   * Counts a failure of {@code subject}.
   *
   * @return until when it is locked now, or null when it is not
   */
  private Instant recordFailure(Subject subject, Instant now) {
    try {
      return jdbi.inTransaction(
          handle -> {
            Optional<Failures> before = failures(handle, subject);
            int count =
                before
                        .filter(failures -> failures.last().plus(FORGET_AFTER).isAfter(now))
                        .map(Failures::count)
                        .orElse(0)
                    + 1;
            Instant lockedUntil =
                count >= subject.threshold() ? now.plus(delay(count - subject.threshold())) : null;
            Long locked = lockedUntil == null ? null : lockedUntil.toEpochMilli();
            if (before.isPresent()) {
              handle
                  .createUpdate(
                      "UPDATE sign_in_failures SET failures = :count, last_failure = :now,"
                          + " locked_until = :locked WHERE subject = :subject")
                  .bind("count", count)
                  .bind("now", now.toEpochMilli())
                  .bind("locked", locked)
                  .bind("subject", subject.key())
                  .execute();
            } else {
              handle
                  .createUpdate(
                      "INSERT INTO sign_in_failures (subject, failures, last_failure,"
                          + " locked_until) VALUES (:subject, :count, :now, :locked)")
                  .bind("count", count)
                  .bind("now", now.toEpochMilli())
                  .bind("locked", locked)
                  .bind("subject", subject.key())
                  .execute();
            }
            return lockedUntil;
          });
    } catch (UnableToExecuteStatementException e) {
      // Another sign-in counted the subject's first failure at the same moment: this one is lost,
      // which only delays a lockout by one attempt.
      if (e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        return null;
      }
      throw e;
    }
  }

  /** The lockout after {@code beyond} failures past the threshold: doubling, up to the maximum. */
  static Duration delay(int beyond) {
    Duration delay = FIRST_DELAY;
    for (int i = 0; i < beyond && delay.compareTo(MAX_DELAY) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
  }

  private static TooManyAttemptsException locked(
      Subject subject, Instant lockedUntil, Instant now, String before) {
    Duration wait = Duration.between(now, lockedUntil);
    return new TooManyAttemptsException(
        before
            + "too many failed sign-ins "
            + subject.described()
            + ": try again in "
            + describe(wait)
            + " (after "
            + ceilingSecond(lockedUntil)
            + ")",
        wait);
  }

  private static Instant ceilingSecond(Instant instant) {
    Instant truncated = instant.truncatedTo(ChronoUnit.SECONDS);
    return truncated.equals(instant) ? instant : truncated.plusSeconds(1);
  }

  /** {@code 45 seconds}, {@code 1 minute}, {@code 15 minutes}: rounded up. */
  static String describe(Duration wait) {
    long seconds = (wait.toMillis() + 999) / 1000;
    if (seconds < 60) {
      return seconds + (seconds == 1 ? " second" : " seconds");
    }
    long minutes = (seconds + 59) / 60;
    return minutes + (minutes == 1 ? " minute" : " minutes");
  }
}
