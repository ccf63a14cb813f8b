package dev.vigil.api.security;

import dev.vigil.api.ApiServer;
import dev.vigil.request.ForbiddenException;
import dev.vigil.request.UnauthenticatedException;
import dev.vigil.user.SessionService;
import dev.vigil.user.SignInService;
import dev.vigil.user.TokenService;
import dev.vigil.user.User;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * The authentication filter: runs before every request, finds who makes it, and refuses what they
 * may not do, by the one table of {@link AccessRules}.
 *
 * <ul>
 *   <li>Open mode (no user exists; start-up allowed it only on loopback): everyone is {@link
 *       Principal#OPEN}. A change a browser sends from another site is refused, since nothing else
 *       protects an open Vigil from the pages its user visits.
 *   <li>Otherwise credentials are an API token ({@code Authorization: Bearer}), the user name and
 *       password ({@code Authorization: Basic}, only to create an API token, so that the CLI can
 *       get its first one), or the portal's session cookie. A change made with the session cookie
 *       must repeat the CSRF token ({@link RequestSecurity#csrfTokenMatches}).
 *   <li>Without credentials: 401 with a JSON body naming the reason, or, for a browser asking for a
 *       page (not under {@code /api/}), a redirect to {@code /sign-in}. A role too low for the
 *       route, or a missing CSRF token: 403, JSON or a page likewise.
 * </ul>
 *
 * <p>The principal is set as {@link RequestSecurity#PRINCIPAL_ATTRIBUTE}. Thread-safe.
 */
final class SecurityFilter implements Handler {
  /** The cookie holding the portal session's id. */
  static final String SESSION_COOKIE = "vigil_session";

  /** The request attribute saying how the principal was authenticated. */
  static final String AUTHENTICATED_BY = "vigil.authenticated-by";

  private final AccessRules rules;
  private final SecurityMode mode;
  private final TokenService tokens;
  private final SessionService sessions;
  private final SignInService signIn;

  SecurityFilter(
      AccessRules rules,
      SecurityMode mode,
      TokenService tokens,
      SessionService sessions,
      SignInService signIn) {
    this.rules = rules;
    this.mode = mode;
    this.tokens = tokens;
    this.sessions = sessions;
    this.signIn = signIn;
  }

  /**
   * Whether users exist: checked at each request until one does, then for good (the last admin
   * cannot be deleted), so that a user created through the API of an open Vigil, on any node, ends
   * open mode at once.
   */
  static final class SecurityMode {
    private final BooleanSupplier anyUser;
    private final AtomicBoolean secured = new AtomicBoolean();

    SecurityMode(BooleanSupplier anyUser) {
      this.anyUser = anyUser;
    }

    boolean secured() {
      if (secured.get()) {
        return true;
      }
      if (anyUser.getAsBoolean()) {
        secured.set(true);
        return true;
      }
      return false;
    }
  }

  /** Who made a request, and with what. */
  private record Caller(Principal principal, String by) {}

  @Override
  public void handle(Context ctx) {
    String method = ctx.method().name();
    if (!mode.secured()) {
      refuseCrossSiteChange(ctx, method);
      set(ctx, new Caller(Principal.OPEN, "open"));
      return;
    }
    String route = ctx.attribute(ApiServer.ROUTE_ATTRIBUTE);
    Access access = rules.required(method, route != null ? route : ctx.path());
    if (access == Access.PUBLIC) {
      // Credentials are looked at only when a session cookie is there (the sign-in page greets
      // a signed-in user); probes of /health cost no query.
      Caller caller = ctx.cookie(SESSION_COOKIE) == null ? null : fromSession(ctx);
      set(ctx, caller != null ? caller : new Caller(Principal.ANONYMOUS, "none"));
      return;
    }
    Caller caller = credentials(ctx, method, route);
    if (caller == null) {
      unauthenticated(ctx, missingCredentials(ctx));
      return;
    }
    if (caller.by().equals("session")
        && AccessRules.changes(method)
        && !RequestSecurity.csrfTokenMatches(ctx)) {
      forbidden(
          ctx,
          new ForbiddenException(
              "csrf_token_invalid",
              "the request has no valid CSRF token: a form repeats the "
                  + RequestSecurity.CSRF_COOKIE
                  + " cookie's token in its "
                  + RequestSecurity.CSRF_FIELD
                  + " field, a script in the "
                  + RequestSecurity.CSRF_HEADER
                  + " header; reload the page and try again"));
      return;
    }
    Role needed = access.role();
    if (!caller.principal().role().allows(needed)) {
      forbidden(
          ctx,
          new ForbiddenException(
              "user "
                  + caller.principal().name()
                  + " ("
                  + caller.principal().role()
                  + ") may not "
                  + method
                  + " "
                  + ctx.path()
                  + ": it needs the "
                  + needed
                  + " role"));
      return;
    }
    set(ctx, caller);
  }

  /** The caller by the request's credentials, null when it has none. */
  private Caller credentials(Context ctx, String method, String route) {
    String authorization = ctx.header("Authorization");
    if (authorization != null) {
      String scheme = authorization.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
      String value = authorization.strip().substring(scheme.length()).strip();
      if (scheme.equals("bearer")) {
        return new Caller(principal(tokens.authenticate(value)), "token");
      }
      if (scheme.equals("basic")) {
        if (!method.equals("POST") || !"/api/v1/tokens".equals(route)) {
          throw new UnauthenticatedException(
              "a user name and password (Authorization: Basic) are accepted only to create an API"
                  + " token (POST /api/v1/tokens); send the token as 'Authorization: Bearer"
                  + " <token>'");
        }
        return new Caller(principal(basic(ctx, value)), "password");
      }
      throw new UnauthenticatedException(
          "Authorization scheme '"
              + scheme
              + "' is not accepted: send an API token as 'Authorization: Bearer <token>'");
    }
    return ctx.cookie(SESSION_COOKIE) == null ? null : fromSession(ctx);
  }

  private Caller fromSession(Context ctx) {
    Optional<User> user = sessions.find(ctx.cookie(SESSION_COOKIE));
    if (user.isEmpty()) {
      clearSessionCookie(ctx);
      ctx.attribute(AUTHENTICATED_BY, "ended-session");
      return null;
    }
    return new Caller(principal(user.get()), "session");
  }

  private User basic(Context ctx, String encoded) {
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new UnauthenticatedException("the Authorization: Basic header is not valid Base64");
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      throw new UnauthenticatedException(
          "the Authorization: Basic header must hold user-name:password");
    }
    return signIn.signIn(decoded.substring(0, colon), decoded.substring(colon + 1), ctx.ip());
  }

  private static String missingCredentials(Context ctx) {
    if ("ended-session".equals(ctx.attribute(AUTHENTICATED_BY))) {
      return "your session has ended (signed out, expired, or its user was changed): sign in"
          + " again at /sign-in";
    }
    return "sign-in required: send an API token as 'Authorization: Bearer <token>', or sign in at"
        + " /sign-in";
  }

  static Principal principal(User user) {
    return new Principal(user.name(), user.role());
  }

  private static void set(Context ctx, Caller caller) {
    ctx.attribute(RequestSecurity.PRINCIPAL_ATTRIBUTE, caller.principal());
    ctx.attribute(AUTHENTICATED_BY, caller.by());
  }

  /** 401: a JSON error for the API, the sign-in page for a browser asking for a page. */
  private static void unauthenticated(Context ctx, String message) {
    if (!wantsPage(ctx)) {
      throw new UnauthenticatedException(message);
    }
    String target = "/sign-in";
    if (ctx.method().name().equals("GET")) {
      String next = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
      target += "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
    }
    if (ctx.header("HX-Request") != null) {
      // htmx swaps nothing on a 401 but follows HX-Redirect: the whole page goes to sign-in.
      ctx.header("HX-Redirect", target);
      ctx.status(HttpStatus.UNAUTHORIZED).result(message);
    } else {
      ctx.redirect(target, HttpStatus.SEE_OTHER);
    }
    ctx.skipRemainingHandlers();
  }

  /** 403: a JSON error for the API, a page for a browser asking for one. */
  private static void forbidden(Context ctx, ForbiddenException refusal) {
    if (!wantsPage(ctx)) {
      throw refusal;
    }
    ctx.status(HttpStatus.FORBIDDEN)
        .contentType("text/html; charset=utf-8")
        .result(Pages.refused("Not allowed", refusal.getMessage()));
    ctx.skipRemainingHandlers();
  }

  /**
   * In open mode, a change a browser sends from another site's page: its {@code Origin} names
   * another host than the request's, or {@code Sec-Fetch-Site} says cross-site.
   */
  private static void refuseCrossSiteChange(Context ctx, String method) {
    if (!AccessRules.changes(method)) {
      return;
    }
    String site = ctx.header("Sec-Fetch-Site");
    String origin = ctx.header("Origin");
    boolean crossSite = "cross-site".equalsIgnoreCase(site);
    if (!crossSite && origin != null && !origin.equals("null")) {
      crossSite = !sameHost(origin, ctx.header("Host"), ctx.header("X-Forwarded-Host"));
    } else if (!crossSite && "null".equals(origin)) {
      crossSite = true;
    }
    if (crossSite) {
      forbidden(
          ctx,
          new ForbiddenException(
              "cross_site_request",
              "a change sent from another site's page is refused: Vigil runs open (no user is"
                  + " configured) and takes changes only from its own pages and from clients"
                  + " that are not browsers"));
    }
  }

  private static boolean sameHost(String origin, String host, String forwardedHost) {
    String authority;
    try {
      authority = URI.create(origin).getRawAuthority();
    } catch (IllegalArgumentException e) {
      return false;
    }
    return authority != null
        && (authority.equalsIgnoreCase(host) || authority.equalsIgnoreCase(forwardedHost));
  }

  /**
   * Whether a browser asks for a page: not under {@code /api/}, and its {@code Accept} prefers
   * {@code text/html} to JSON.
   */
  static boolean wantsPage(Context ctx) {
    if (ctx.path().startsWith("/api/")) {
      return false;
    }
    String accept = ctx.header("Accept");
    if (accept == null) {
      return false;
    }
    double html = 0;
    double json = 0;
    for (String range : accept.split(",")) {
      String[] parts = range.strip().split(";");
      String type = parts[0].strip().toLowerCase(Locale.ROOT);
      double q = 1;
      for (int i = 1; i < parts.length; i++) {
        String parameter = parts[i].strip();
        if (parameter.startsWith("q=")) {
          try {
            q = Double.parseDouble(parameter.substring(2));
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      if (type.equals("text/html") || type.equals("application/xhtml+xml")) {
        html = Math.max(html, q);
      } else if (type.equals("application/json")) {
        json = Math.max(json, q);
      }
    }
    return html > 0 && html >= json;
  }

  /** Sets the session cookie: HttpOnly, SameSite=Lax, Secure over TLS, until the session ends. */
  static void setSessionCookie(Context ctx, SessionService.NewSession session, long maxAgeSeconds) {
    Cookie cookie = new Cookie(SESSION_COOKIE, session.id());
    cookie.setHttpOnly(true);
    cookie.setSameSite(SameSite.LAX);
    cookie.setPath("/");
    cookie.setSecure(RequestSecurity.overTls(ctx));
    cookie.setMaxAge((int) Math.min(Integer.MAX_VALUE, maxAgeSeconds));
    ctx.cookie(cookie);
  }

  static void clearSessionCookie(Context ctx) {
    Cookie cookie = new Cookie(SESSION_COOKIE, "");
    cookie.setHttpOnly(true);
    cookie.setSameSite(SameSite.LAX);
    cookie.setPath("/");
    cookie.setSecure(RequestSecurity.overTls(ctx));
    cookie.setMaxAge(0);
    ctx.cookie(cookie);
  }
}
