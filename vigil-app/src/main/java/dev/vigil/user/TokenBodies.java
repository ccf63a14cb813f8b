package dev.vigil.user;

/**
 * The JSON bodies the token routes accept, bound by Jackson with Vigil's strict mapper. Not
 * thread-safe: each instance belongs to one request.
 */
public final class TokenBodies {
  private TokenBodies() {}

  /** {@code POST /api/v1/tokens}: a name to recognise the token by, and an optional expiry. */
  public static final class Create {
    public String name;
    public String expiresAt;
  }
}
