package dev.vigil.portal;

import dev.vigil.api.security.Principal;
import dev.vigil.api.security.RequestSecurity;
import dev.vigil.api.security.Role;
import io.javalin.http.Context;

/**
 * Who looks at a page and what the page may offer them: the principal of the request, and the CSRF
 * token that every form and htmx request of the page repeats. The portal only hides what a role may
 * not do; the authentication filter enforces it. Immutable and thread-safe.
 *
 * @param principal who makes the request
 * @param csrfToken the token of the browser's CSRF cookie
 */
record Viewer(Principal principal, String csrfToken) {
  /** The viewer of a request; sets the CSRF cookie when the browser has none. */
  static Viewer of(Context ctx) {
    return new Viewer(RequestSecurity.principal(ctx), RequestSecurity.csrfToken(ctx));
  }

  /** Whether the viewer may create, pause, restart, replay and delete. */
  boolean canOperate() {
    return principal.role().allows(Role.OPERATOR);
  }

  /** Whether the viewer may manage hooks. */
  boolean canAdminister() {
    return principal.role().allows(Role.ADMIN);
  }

  /** Whether Vigil runs open: no user configured, loopback only. */
  boolean open() {
    return principal.equals(Principal.OPEN);
  }

  /** The hidden form field that repeats the CSRF token. */
  Html csrfField() {
    return Html.of(
        "<input type=\"hidden\" name=\"{}\" value=\"{}\">", RequestSecurity.CSRF_FIELD, csrfToken);
  }
}
