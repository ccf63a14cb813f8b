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

  public Principal {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
  }
}
