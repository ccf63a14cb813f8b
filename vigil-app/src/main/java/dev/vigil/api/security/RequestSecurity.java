package dev.vigil.api.security;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * What HTTP handlers (the native API, the portal) know of the security of a request: who makes it,
 * and the CSRF token its forms must carry. The authentication filter (issue 8) sets the principal
 * as a request attribute; until it runs, or when Vigil runs open, the principal is {@link
 * Principal#OPEN}.
 *
 * <p>CSRF tokens follow the double-submit pattern: a random token in an HttpOnly, SameSite=Strict
 * cookie, which every state-changing form or htmx request repeats in its {@code _csrf} field or its
 * {@code X-CSRF-Token} header; the filter refuses a cookie-authenticated change whose two do not
 * match. Stateless and thread-safe.
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
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Cookie cookie = new Cookie(CSRF_COOKIE, token);
    cookie.setHttpOnly(true);
    cookie.setSameSite(SameSite.STRICT);
    cookie.setPath("/");
    cookie.setSecure("https".equalsIgnoreCase(ctx.scheme()));
    ctx.cookie(cookie);
    return token;
  }

  /** Whether the request repeats its cookie's CSRF token in the form field or the header. */
  public static boolean csrfTokenMatches(Context ctx) {
    String cookie = ctx.cookie(CSRF_COOKIE);
    if (cookie == null || cookie.isEmpty()) {
      return false;
    }
    String sent = ctx.header(CSRF_HEADER);
    if (sent == null && ctx.isFormUrlencoded()) {
      sent = ctx.formParam(CSRF_FIELD);
    }
    return sent != null
        && java.security.MessageDigest.isEqual(
            sent.getBytes(java.nio.charset.StandardCharsets.UTF_8),
            cookie.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
