package dev.vigil.user;

import dev.vigil.api.security.Role;
import java.util.Objects;
import java.util.Optional;

/**
 * Who asks a change of the user feature: a user, or everyone when Vigil runs open (no user
 * configured, loopback only). The API layer maps its principal to an actor; the services check what
 * concerns the resource itself (a token of another user, one's own password), the API layer has
 * checked the role the route needs already. Immutable and thread-safe.
 *
 * @param userName the user, or null in open mode
 * @param role what they may do
 */
public record Actor(String userName, Role role) {
  /** Everyone, when Vigil runs open. */
  public static final Actor OPEN = new Actor(null, Role.ADMIN);

  public Actor {
    Objects.requireNonNull(role, "role");
  }

  /** The user, empty in open mode. */
  public Optional<String> user() {
    return Optional.ofNullable(userName);
  }

  /** Whether the actor is an admin, or everyone in open mode. */
  public boolean admin() {
    return role == Role.ADMIN;
  }
}
