package dev.vigil.api.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Who may call which route, decided in this one table rather than in each handler, so that no route
 * is forgotten: a route no rule names gets the default, reading ({@code GET}, {@code HEAD}, {@code
 * OPTIONS}) for viewers and any change for operators. The first rule that matches the method and
 * the path decides.
 *
 * <p>Paths are matched against the route template Javalin matched ({@code /api/v1/users/{name}}),
 * or against the request path when no route matches (a 404 still needs credentials, so that the
 * routes a server has are not told to strangers). In a pattern, {@code {x}} matches one segment and
 * a final {@code **} any number, none included.
 *
 * <p>Immutable and thread-safe.
 */
final class AccessRules {
  private static final Set<String> CHANGES = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

  /** One line of the table. */
  record Rule(Set<String> methods, String pattern, Access access, String why) {
    Rule {
      Objects.requireNonNull(methods, "methods");
      Objects.requireNonNull(pattern, "pattern");
      Objects.requireNonNull(access, "access");
      Objects.requireNonNull(why, "why");
    }

    boolean matches(String method, String path) {
      return methods.contains(method) && AccessRules.matches(pattern, path);
    }
  }

  private final List<Rule> rules;

  private AccessRules(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /**
   * Vigil's rules.
   *
   * @param metricsPublic whether {@code GET /metrics} needs no credentials
   */
  static AccessRules standard(boolean metricsPublic) {
    List<Rule> rules = new ArrayList<>();
    Set<String> get = Set.of("GET", "HEAD");
    Set<String> post = Set.of("POST");
    rules.add(new Rule(get, "/health", Access.PUBLIC, "load balancers and probes"));
    rules.add(
        new Rule(
            get,
            "/metrics",
            metricsPublic ? Access.PUBLIC : Access.VIEWER,
            "Prometheus; metrics.public"));
    rules.add(new Rule(Set.of("GET", "HEAD", "POST"), "/sign-in", Access.PUBLIC, "signing in"));
    rules.add(
        new Rule(post, "/", Access.PUBLIC, "the Lookout endpoint checks its own SigV4 signatures"));
    for (String assets : List.of("/assets/**", "/webjars/**", "/static/**", "/favicon.ico")) {
      rules.add(new Rule(get, assets, Access.PUBLIC, "the portal's static assets"));
    }
    // Changes any signed-in user may make; the handler checks they concern the user's own.
    rules.add(new Rule(post, "/sign-out", Access.VIEWER, "anyone signs themselves out"));
    rules.add(new Rule(post, "/api/v1/tokens", Access.VIEWER, "a user's own API tokens"));
    rules.add(new Rule(CHANGES, "/api/v1/tokens/**", Access.VIEWER, "a user's own API tokens"));
    rules.add(
        new Rule(
            Set.of("PUT"), "/api/v1/users/{name}/password", Access.VIEWER, "one's own password"));
    // Administration: users, and hooks (where alerts go, with their secrets).
    rules.add(new Rule(CHANGES, "/api/v1/users", Access.ADMIN, "managing users"));
    rules.add(new Rule(CHANGES, "/api/v1/users/**", Access.ADMIN, "managing users"));
    rules.add(
        new Rule(
            post, "/api/v1/hooks/{name}/test", Access.OPERATOR, "a test message changes nothing"));
    rules.add(new Rule(CHANGES, "/api/v1/hooks", Access.ADMIN, "managing hooks"));
    rules.add(new Rule(CHANGES, "/api/v1/hooks/**", Access.ADMIN, "managing hooks"));
    // The portal's pages for the same resources.
    rules.add(new Rule(CHANGES, "/users/**", Access.ADMIN, "managing users in the portal"));
    rules.add(
        new Rule(post, "/hooks/{name}/test", Access.OPERATOR, "a test message changes nothing"));
    rules.add(new Rule(CHANGES, "/hooks", Access.ADMIN, "managing hooks in the portal"));
    rules.add(new Rule(CHANGES, "/hooks/**", Access.ADMIN, "managing hooks in the portal"));
    rules.add(
        new Rule(
            post,
            "/models/{name}/create-inference/hook",
            Access.ADMIN,
            "a hook created inline while creating an inference"));
    return new AccessRules(rules);
  }

  /** What {@code method} on {@code path} (a route template or a request path) needs. */
  Access required(String method, String path) {
    String upper = method.toUpperCase(Locale.ROOT);
    String normalised = normalise(path);
    for (Rule rule : rules) {
      if (rule.matches(upper, normalised)) {
        return rule.access();
      }
    }
    return READS.contains(upper) ? Access.VIEWER : Access.OPERATOR;
  }

  /** Whether a request with {@code method} changes something, and so needs a CSRF token. */
  static boolean changes(String method) {
    return !READS.contains(method.toUpperCase(Locale.ROOT));
  }

  /** The rules, in order (for the documentation test). */
  List<Rule> rules() {
    return rules;
  }

  /** Without repeated or trailing slashes, as Javalin matches paths. */
  static String normalise(String path) {
    String collapsed = path.replaceAll("/{2,}", "/");
    if (collapsed.length() > 1 && collapsed.endsWith("/")) {
      collapsed = collapsed.substring(0, collapsed.length() - 1);
    }
    return collapsed.isEmpty() ? "/" : collapsed;
  }

  static boolean matches(String pattern, String path) {
    String[] expected = split(pattern);
    String[] actual = split(path);
    for (int i = 0; i < expected.length; i++) {
      if (expected[i].equals("**") && i == expected.length - 1) {
        return actual.length >= i;
      }
      if (i >= actual.length) {
        return false;
      }
      boolean parameter = expected[i].startsWith("{") && expected[i].endsWith("}");
      if (!parameter && !expected[i].equals(actual[i])) {
        return false;
      }
    }
    return expected.length == actual.length;
  }

  private static String[] split(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
  }
}
