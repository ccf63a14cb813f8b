package dev.vigil.user;

import dev.vigil.api.security.Role;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A user of Vigil, without their password hash, which never leaves {@link UserRepository}.
 * Immutable and thread-safe.
 *
 * @param id a random id, stable across renames of nothing (names do not change)
 * @param name the lower-case name they sign in with
 * @param role what they may do
 * @param fromConfig whether the user is the configuration's admin ({@code security.admin-user}),
 *     whose password and role are the configuration's
 * @param createdAt when the user was created
 * @param updatedAt when their role or password last changed
 */
public record User(
    String id, String name, Role role, boolean fromConfig, Instant createdAt, Instant updatedAt) {
  public User {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** The user as the API answers it: never a password or its hash. */
  public Map<String, Object> json() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", name);
    json.put("role", role.name());
    json.put("fromConfig", fromConfig);
    json.put("createdAt", createdAt.toString());
    json.put("updatedAt", updatedAt.toString());
    return json;
  }
}
