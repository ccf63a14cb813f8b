package dev.vigil.api.security;

/**
 * The few HTML pages of sign-in, written by hand so that they need nothing but this class: the
 * sign-in form and the page of a refused request. Plain, self-contained (inline style, no script),
 * readable on a phone. The portal may restyle them. Stateless and thread-safe.
 */
final class Pages {
  private Pages() {}

  private static final String STYLE =
      "body{font-family:system-ui,sans-serif;background:#f4f5f7;color:#1d2330;margin:0}"
          + "main{max-width:24rem;margin:12vh auto;padding:2rem;background:#fff;"
          + "border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.15)}"
          + "h1{font-size:1.4rem;margin:0 0 1.2rem}label{display:block;margin:.8rem 0 .3rem}"
          + "input{width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem;"
          + "border:1px solid #9aa3b2;border-radius:4px}"
          + "button{margin-top:1.2rem;width:100%;padding:.6rem;font-size:1rem;border:0;"
          + "border-radius:4px;background:#1f5fbf;color:#fff;cursor:pointer}"
          + ".error{background:#fdecea;color:#8a1c12;padding:.6rem;border-radius:4px}"
          + ".note{color:#555;font-size:.9rem}";

  /** The sign-in form, with a message above it when there is one. */
  static String signIn(String csrfToken, String next, String userName, String error) {
    StringBuilder html = new StringBuilder();
    html.append("<h1>Sign in to Vigil</h1>");
    if (error != null) {
      html.append("<p class=\"error\" id=\"sign-in-error\" role=\"alert\">")
          .append(escape(error))
          .append("</p>");
    }
    html.append("<form method=\"post\" action=\"/sign-in\">")
        .append("<input type=\"hidden\" name=\"")
        .append(RequestSecurity.CSRF_FIELD)
        .append("\" value=\"")
        .append(escape(csrfToken))
        .append("\">");
    if (next != null) {
      html.append("<input type=\"hidden\" name=\"next\" value=\"")
          .append(escape(next))
          .append("\">");
    }
    html.append("<label for=\"username\">User name</label>")
        .append("<input id=\"username\" name=\"username\" autocomplete=\"username\" required")
        .append(" autofocus value=\"")
        .append(escape(userName == null ? "" : userName))
        .append("\">")
        .append("<label for=\"password\">Password</label>")
        .append("<input id=\"password\" name=\"password\" type=\"password\"")
        .append(" autocomplete=\"current-password\" required>")
        .append("<button type=\"submit\">Sign in</button></form>");
    return page("Sign in - Vigil", html.toString());
  }

  /** A page that says Vigil runs open: there is nobody to sign in as. */
  static String open() {
    return page(
        "Sign in - Vigil",
        "<h1>Vigil runs open</h1><p>No user is configured and Vigil listens on this machine only,"
            + " so nobody needs to sign in. Create the first admin with"
            + " <code>./vigil user create --admin</code> to require sign-in.</p>"
            + "<p><a href=\"/\">Continue to Vigil</a></p>");
  }

  /** The page of a refused request. */
  static String refused(String title, String message) {
    return page(
        title + " - Vigil",
        "<h1>"
            + escape(title)
            + "</h1><p class=\"error\" role=\"alert\">"
            + escape(message)
            + "</p><p class=\"note\"><a href=\"/\">Back to Vigil</a></p>");
  }

  private static String page(String title, String body) {
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>"
        + escape(title)
        + "</title><style>"
        + STYLE
        + "</style></head><body><main>"
        + body
        + "</main></body></html>";
  }

  /** Text as HTML: the five characters that could open markup or end an attribute. */
  static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&#39;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
