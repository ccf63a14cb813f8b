package dev.vigil.api.security;

import dev.vigil.api.ApiRoutes;
import dev.vigil.request.TooManyAttemptsException;
import dev.vigil.request.UnauthenticatedException;
import dev.vigil.user.SessionService;
import dev.vigil.user.SignInService;
import dev.vigil.user.User;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.function.BooleanSupplier;

/**
 * The portal's sign-in and sign-out: {@code GET /sign-in} shows a plain form, {@code POST /sign-in}
 * checks it (with its CSRF token, so that another site cannot sign a browser in as someone else)
 * and opens a session, {@code POST /sign-out} ends it. A successful sign-in goes to the page the
 * user first asked for ({@code next}, a path of this server only), else to {@code /}.
 *
 * <p>Thread-safe: it holds only services.
 */
final class SignInRoutes implements ApiRoutes {
  private final SignInService signIn;
  private final SessionService sessions;
  private final BooleanSupplier secured;

  SignInRoutes(SignInService signIn, SessionService sessions, BooleanSupplier secured) {
    this.signIn = signIn;
    this.sessions = sessions;
    this.secured = secured;
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.get("/sign-in", this::form);
    routes.post("/sign-in", this::submit);
    routes.post("/sign-out", this::signOut);
  }

  private void form(Context ctx) {
    html(ctx);
    if (!secured.getAsBoolean()) {
      ctx.result(Pages.open());
      return;
    }
    ctx.result(
        Pages.signIn(RequestSecurity.csrfToken(ctx), next(ctx.queryParam("next")), null, null));
  }

  private void submit(Context ctx) {
    html(ctx);
    String next = next(ctx.formParam("next"));
    String userName = ctx.formParam("username");
    if (!secured.getAsBoolean()) {
      ctx.result(Pages.open());
      return;
    }
    if (!RequestSecurity.csrfTokenMatches(ctx)) {
      ctx.status(HttpStatus.FORBIDDEN)
          .result(
              Pages.signIn(
                  RequestSecurity.csrfToken(ctx),
                  next,
                  userName,
                  "the sign-in form expired (it lacks its CSRF token): sign in again"));
      return;
    }
    String password = ctx.formParam("password");
    if (userName == null || userName.isBlank() || password == null || password.isEmpty()) {
      ctx.status(HttpStatus.BAD_REQUEST)
          .result(
              Pages.signIn(
                  RequestSecurity.csrfToken(ctx),
                  next,
                  userName,
                  "enter your user name and your password"));
      return;
    }
    User user;
    try {
      user = signIn.signIn(userName, password, ctx.ip());
    } catch (TooManyAttemptsException e) {
      ctx.status(HttpStatus.TOO_MANY_REQUESTS)
          .header("Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds())))
          .result(Pages.signIn(RequestSecurity.csrfToken(ctx), next, userName, e.getMessage()));
      return;
    } catch (UnauthenticatedException e) {
      ctx.status(HttpStatus.UNAUTHORIZED)
          .result(Pages.signIn(RequestSecurity.csrfToken(ctx), next, userName, e.getMessage()));
      return;
    }
    // A session id chosen before sign-in is never kept: a new one is made here.
    sessions.close(ctx.cookie(SecurityFilter.SESSION_COOKIE));
    SessionService.NewSession session = sessions.open(user);
    SecurityFilter.setSessionCookie(ctx, session, sessions.duration().toSeconds());
    ctx.redirect(next == null ? "/" : next, HttpStatus.SEE_OTHER);
  }

  private void signOut(Context ctx) {
    sessions.close(ctx.cookie(SecurityFilter.SESSION_COOKIE));
    SecurityFilter.clearSessionCookie(ctx);
    if (SecurityFilter.wantsPage(ctx) || ctx.isFormUrlencoded()) {
      ctx.redirect("/sign-in", HttpStatus.SEE_OTHER);
    } else {
      ctx.status(HttpStatus.NO_CONTENT);
    }
  }

  private static void html(Context ctx) {
    ctx.contentType("text/html; charset=utf-8").header("Cache-Control", "no-store");
  }

  /**
   * Where to go after signing in: a path of this server ({@code /models?x=1}), never another site
   * ({@code //evil.example}, {@code https://...}, {@code /\evil}); null for anything else.
   */
  static String next(String next) {
    if (next == null
        || !next.startsWith("/")
        || next.startsWith("//")
        || next.startsWith("/\\")
        || next.length() > 2000
        || next.chars().anyMatch(c -> c < 0x20 || c == '\\')
        || next.startsWith("/sign-in")) {
      return null;
    }
    return next;
  }
}
