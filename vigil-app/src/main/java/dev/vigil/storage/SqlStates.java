package dev.vigil.storage;

import java.sql.SQLException;

/**
 * The SQL states that repositories turn into answers rather than failures, the same on H2 and
 * PostgreSQL (both follow the SQL standard's classes). Stateless.
 */
public final class SqlStates {
  /** A unique or primary key constraint refused the row: it exists already. */
  public static final String UNIQUE_VIOLATION = "23505";

  /** A foreign key refused the row: what it points to is gone (or still pointed to). */
  public static final String FOREIGN_KEY_VIOLATION = "23503";

  private SqlStates() {}

  /** Whether {@code e}, or an exception it was caused by, is a unique constraint violation. */
  public static boolean isUniqueViolation(Throwable e) {
    return has(e, UNIQUE_VIOLATION);
  }

  /** Whether {@code e}, or an exception it was caused by, is an SQL error of {@code state}. */
  public static boolean has(Throwable e, String state) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && state.equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
