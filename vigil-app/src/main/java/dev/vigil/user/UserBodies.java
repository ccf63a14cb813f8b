package dev.vigil.user;

/**
 * The JSON bodies the user routes accept, bound by Jackson with Vigil's strict mapper. Passwords
 * are write-only: accepted here, never answered nor logged. Not thread-safe: each instance belongs
 * to one request.
 */
public final class UserBodies {
  private UserBodies() {}

  /** {@code POST /api/v1/users}: a name, a role (VIEWER when absent) and a password. */
  public static final class Create {
    public String name;
    public String role;
    public String password;

    @Override
    public String toString() {
      return "Create[name=" + name + ", role=" + role + ", password=****]";
    }
  }

  /** {@code PUT /api/v1/users/{name}}: a new role. */
  public static final class Update {
    public String role;
  }

  /**
   * {@code PUT /api/v1/users/{name}/password}: the new password, and the current one when users
   * change their own.
   */
  public static final class SetPassword {
    public String currentPassword;
    public String password;

    @Override
    public String toString() {
      return "SetPassword[currentPassword=****, password=****]";
    }
  }
}
