package dev.vigil.api.security;

/**
 * What a signed-in user may do. Each role may do what the ones before it may.
 *
 * <ul>
 *   <li>{@link #VIEWER}: read everything.
 *   <li>{@link #OPERATOR}: also create, pause, restart, replay, push input.
 *   <li>{@link #ADMIN}: also manage users, hooks and API keys.
 * </ul>
 */
public enum Role {
  VIEWER,
  OPERATOR,
  ADMIN;

  /** Whether this role may do what {@code needed} may. */
  public boolean allows(Role needed) {
    return ordinal() >= needed.ordinal();
  }
}
