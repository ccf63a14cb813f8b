package dev.vigil.api.security;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * What HTTP handlers (the native API, the portal) know of the security of a request: who makes it,
 * and the CSRF token its forms must carry. The authentication filter ({@link SecurityFilter}) sets
 * the principal as a request attribute; when Vigil runs open, it is {@link Principal#OPEN}, and on
 * a public route without credentials {@link Principal#ANONYMOUS}. A request the filter did not see
 * (a server built without it, as in tests of single features) is {@link Principal#OPEN}.
 *
 * <p>CSRF tokens follow the double-submit pattern: a random token in an HttpOnly, SameSite=Lax
 * cookie (Secure over TLS), which every state-changing form or htmx request repeats in its {@code
 * _csrf} field or its {@code X-CSRF-Token} header; the filter ({@link SecurityFilter}) refuses a
 * cookie-authenticated change whose two do not match. Lax rather than Strict: the token is useless
 * to another site either way (it can neither read the cookie nor set it), and a Strict cookie is
 * not sent when a link in an alert e-mail opens the portal, which would replace the token under the
 * feet of the portal's other tabs. Stateless and thread-safe.
 */
public final class RequestSecurity {
  /** The request attribute holding the {@link Principal}. */
  public static final String PRINCIPAL_ATTRIBUTE = "vigil.principal";

  /** The cookie holding the CSRF token. */
  public static final String CSRF_COOKIE = "vigil_csrf";

  /** The form field that repeats the CSRF token. */
  public static final String CSRF_FIELD = "_csrf";

  /** The header that repeats the CSRF token (htmx sends it on every request). */
  public static final String CSRF_HEADER = "X-CSRF-Token";

  private static final SecureRandom RANDOM = new SecureRandom();

  private RequestSecurity() {}

  /** Who makes the request. */
  public static Principal principal(Context ctx) {
    Principal principal = ctx.attribute(PRINCIPAL_ATTRIBUTE);
    return principal == null ? Principal.OPEN : principal;
  }

  /**
   * The CSRF token of the browser making the request: the one in its cookie, or a new one, set as
   * its cookie with this response.
   */
  public static String csrfToken(Context ctx) {
    String existing = ctx.cookie(CSRF_COOKIE);
    if (existing != null && existing.length() >= 32) {
      return existing;
    }
    String issued = ctx.attribute(CSRF_COOKIE);
    if (issued != null) {
      return issued;
    }
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Cookie cookie = new Cookie(CSRF_COOKIE, token);
    cookie.setHttpOnly(true);
    cookie.setSameSite(SameSite.LAX);
    cookie.setPath("/");
    cookie.setSecure(overTls(ctx));
    ctx.cookie(cookie);
    // The token is the request's from now on, so that a second call in the same request (a page
    // with two forms) answers the same one.
    ctx.attribute(CSRF_COOKIE, token);
    return token;
  }

  /**
   * Whether the browser reached Vigil over TLS: directly, or through a proxy that says so with
   * {@code X-Forwarded-Proto: https}. Cookies are then marked Secure. Trusting the header is safe
   * here: a client that lies about it only gets cookies it cannot send back over plain HTTP.
   */
  static boolean overTls(Context ctx) {
    return "https".equalsIgnoreCase(ctx.scheme())
        || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
  }

  /** Whether the request repeats its cookie's CSRF token in the form field or the header. */
  public static boolean csrfTokenMatches(Context ctx) {
    String cookie = ctx.cookie(CSRF_COOKIE);
    if (cookie == null || cookie.isEmpty()) {
      return false;
    }
    String sent = ctx.header(CSRF_HEADER);
    if (sent == null && (ctx.isFormUrlencoded() || ctx.isMultipartFormData())) {
      sent = ctx.formParam(CSRF_FIELD);
    }
    return sent != null
        && MessageDigest.isEqual(
            sent.getBytes(StandardCharsets.UTF_8), cookie.getBytes(StandardCharsets.UTF_8));
  }
}
