package dev.vigil.api.security;

import java.util.Objects;

/**
 * Who makes a request: a user signed in to the portal, the owner of an API token, or, when Vigil
 * runs open (no user configured, bound to loopback only), {@link #OPEN}. Immutable.
 *
 * @param name the user's name, as shown
 * @param role what they may do
 */
public record Principal(String name, Role role) {
  /** Everyone, when Vigil runs open on loopback with no user configured. */
  public static final Principal OPEN = new Principal("(open mode)", Role.ADMIN);

  /**
   * Nobody signed in, on a public route (the sign-in page, {@code /health}, static assets): the
   * authentication filter refuses such a request on every other route, so this principal never
   * reads or changes anything.
   */
  public static final Principal ANONYMOUS = new Principal("(not signed in)", Role.VIEWER);

  public Principal {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
  }
}
