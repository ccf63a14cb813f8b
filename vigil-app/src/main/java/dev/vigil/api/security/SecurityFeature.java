package dev.vigil.api.security;

import dev.vigil.api.ApiRoutes;
import dev.vigil.config.ConfigLoader;
import dev.vigil.config.VigilConfig;
import dev.vigil.engine.VigilException;
import dev.vigil.storage.Database;
import dev.vigil.user.Passwords;
import dev.vigil.user.SessionService;
import dev.vigil.user.SignInService;
import dev.vigil.user.TokenService;
import dev.vigil.user.UserService;
import io.javalin.http.Handler;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in as the rest of Vigil sees it: the user, session, token and sign-in services, the
 * authentication filter the HTTP server runs before every request, and the routes of sign-in, users
 * and tokens. Built once by the composition root before anything else starts, because it decides
 * whether Vigil may start at all:
 *
 * <ul>
 *   <li>a user exists (or the configuration names an admin): sign-in is required;
 *   <li>no user, and the server listens on loopback only: Vigil runs open, everyone is an admin,
 *       and the log says so;
 *   <li>no user, and the server listens on another address: Vigil refuses to start, since anyone
 *       who reaches it could do anything.
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class SecurityFeature {
  private static final Logger LOG = LoggerFactory.getLogger(SecurityFeature.class);

  private final UserService users;
  private final SecurityFilter filter;
  private final List<ApiRoutes> routes;

  private SecurityFeature(UserService users, SecurityFilter filter, List<ApiRoutes> routes) {
    this.users = users;
    this.filter = filter;
    this.routes = routes;
  }

  /**
   * Builds the feature, writes the configuration's admin, and applies the start-up rule.
   *
   * @throws VigilException when no user exists and the server listens on another address than
   *     loopback
   */
  public static SecurityFeature create(VigilConfig config, Database database, Clock clock) {
    VigilConfig.SecuritySettings settings = config.security();
    Passwords passwords = new Passwords(settings.passwordHashCost());
    UserService users = new UserService(database, passwords, clock);
    if (settings.configuredAdmin()) {
      users.ensureConfiguredAdmin(settings.adminUser(), settings.adminPasswordHash());
    }
    if (!users.anyUser()) {
      if (!ConfigLoader.isLoopback(config.bindAddress())) {
        throw new VigilException(
            "no user is configured and server.bind is "
                + config.bindAddress()
                + ": anyone who reaches Vigil could do anything. Create the first admin with"
                + " `vigil user create --admin --name NAME --direct` (same --config or"
                + " --data-dir as the server), or set security.admin-user and"
                + " security.admin-password-hash, or bind to 127.0.0.1");
      }
      LOG.warn(
          "no user is configured: Vigil runs OPEN on {} (loopback only): every request is"
              + " allowed, as an admin, without signing in. Create the first admin with `vigil"
              + " user create --admin --name NAME` to require sign-in.",
          config.bindAddress());
    } else {
      LOG.info("sign-in required: the portal at /sign-in, the API with bearer tokens");
    }
    SessionService sessions = new SessionService(database, clock, settings.sessionDuration());
    TokenService tokens = new TokenService(database, clock);
    SignInService signIn = new SignInService(database, passwords, clock);
    SecurityFilter.SecurityMode mode = new SecurityFilter.SecurityMode(users::anyUser);
    SecurityFilter filter =
        new SecurityFilter(
            AccessRules.standard(config.metrics().publicEndpoint()),
            mode,
            tokens,
            sessions,
            signIn);
    return new SecurityFeature(
        users,
        filter,
        List.of(new SignInRoutes(signIn, sessions, mode::secured), new UserRoutes(users, tokens)));
  }

  /** The filter the HTTP server runs before every request. */
  public Handler filter() {
    return filter;
  }

  /** The routes of sign-in, users, tokens and the session. */
  public List<ApiRoutes> routes() {
    return routes;
  }

  public UserService users() {
    return users;
  }
}
