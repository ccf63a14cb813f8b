package dev.vigil.user;

import dev.vigil.request.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.regex.Pattern;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * Password hashes: bcrypt (Spring Security's implementation), salted, at a cost that makes each
 * guess take a noticeable time ({@value #DEFAULT_COST}: about a quarter of a second on a current
 * core). The cost is written into each hash, so a hash made at another cost still verifies.
 *
 * <p>Passwords have {@value #MIN_LENGTH} characters at least, and {@value #MAX_BYTES} bytes at most
 * in UTF-8: bcrypt reads no further, so a longer one would be silently cut.
 *
 * <p>Thread-safe.
 */
public final class Passwords {
  /** bcrypt's cost (log2 of its rounds) for new hashes, unless configured otherwise. */
  public static final int DEFAULT_COST = 12;

  /** The lowest cost accepted: OWASP's minimum for bcrypt. */
  public static final int MIN_COST = 10;

  /** The highest cost accepted: about 15 seconds a hash. */
  public static final int MAX_COST = 16;

  /** The fewest characters a password may have. */
  public static final int MIN_LENGTH = 12;

  /** The most UTF-8 bytes a password may have: bcrypt ignores what follows. */
  public static final int MAX_BYTES = 72;

  private static final Pattern HASH = Pattern.compile("^\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}$");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final int cost;

  /**
   * Verified when the user is unknown, so that an unknown name takes as long as a known one; made
   * on first use, so that a start-up pays nothing for it.
   */
  private volatile String dummyHash;

  /**
   * @param cost bcrypt's cost for new hashes, {@value #MIN_COST} to {@value #MAX_COST}
   */
  public Passwords(int cost) {
    if (cost < MIN_COST || cost > MAX_COST) {
      throw new IllegalArgumentException(
          "bcrypt cost must be from " + MIN_COST + " to " + MAX_COST + ", got " + cost);
    }
    this.cost = cost;
  }

  /**
   * The hash of a new password.
   *
   * @param field the request field that holds it, for the message
   * @throws InvalidRequestException when it is too short or too long
   */
  public String hash(String password, String field) {
    check(password, field);
    return BCrypt.hashpw(password, BCrypt.gensalt(cost, RANDOM));
  }

  /** Whether {@code password} is the one {@code hash} was made from. */
  public boolean matches(String password, String hash) {
    if (password == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      return false;
    }
    return BCrypt.checkpw(password, hash);
  }

  /** Takes as long as {@link #matches} with a real hash, and answers false. */
  boolean matchesNobody(String password) {
    String hash = dummyHash;
    if (hash == null) {
      hash = BCrypt.hashpw("no user has this password", BCrypt.gensalt(cost, RANDOM));
      dummyHash = hash;
    }
    matches(password == null ? "" : password, hash);
    return false;
  }

  /**
   * Checks a new password's length.
   *
   * @throws InvalidRequestException naming {@code field} when it is too short or too long
   */
  public static void check(String password, String field) {
    if (password == null) {
      throw new InvalidRequestException(field, "field '" + field + "' is required");
    }
    if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
      throw new InvalidRequestException(
          field, field + " must have at least " + MIN_LENGTH + " characters");
    }
    if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new InvalidRequestException(
          field,
          field
              + " must have at most "
              + MAX_BYTES
              + " bytes in UTF-8 (bcrypt ignores what follows)");
    }
  }

  /** Whether {@code text} looks like a bcrypt hash ({@code $2a$12$...}, 60 characters). */
  public static boolean isHash(String text) {
    return text != null && HASH.matcher(text).matches();
  }
}
