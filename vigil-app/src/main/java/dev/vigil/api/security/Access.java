package dev.vigil.api.security;

/** What a route needs: nothing (public), or a signed-in user with at least a role. Immutable. */
enum Access {
  /** Anyone: {@code /health}, the sign-in page, static assets, the Lookout endpoint (SigV4). */
  PUBLIC(null),
  VIEWER(Role.VIEWER),
  OPERATOR(Role.OPERATOR),
  ADMIN(Role.ADMIN);

  private final Role role;

  Access(Role role) {
    this.role = role;
  }

  /** The least role that may, null when public. */
  Role role() {
    return role;
  }
}
