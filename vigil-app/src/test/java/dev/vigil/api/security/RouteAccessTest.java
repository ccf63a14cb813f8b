package dev.vigil.api.security;

import static dev.vigil.api.security.SecuredVigil.error;
import static dev.vigil.api.security.SecuredVigil.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.testing.TestDatabases;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every route the server registers, walked through from its own route list (so that a route added
 * later is checked without anyone remembering to): without credentials, 401 with a JSON body naming
 * the reason; a viewer on any change, 403; an operator on the administration of users and hooks,
 * 403. The few exceptions are listed here with their reason, independently of the table the server
 * decides by.
 */
class RouteAccessTest {
  /**
   * Routes anyone may call: probes, signing in, the Lookout endpoint (signed with SigV4), the
   * portal's static assets (the sign-in page's styles).
   */
  private static final Set<String> PUBLIC =
      Set.of("GET /health", "GET /sign-in", "POST /sign-in", "POST /", "GET /assets/{file}");

  /** Changes a viewer may make: they concern the viewer's own session, tokens and password. */
  private static final Set<String> VIEWER_CHANGES =
      Set.of(
          "POST /sign-out",
          "POST /api/v1/tokens",
          "DELETE /api/v1/tokens/{id}",
          "PUT /api/v1/users/{name}/password");

  private static final Set<String> CHANGES = Set.of("POST", "PUT", "PATCH", "DELETE");

  @TempDir static Path dataDir;

  private static SecuredVigil vigil;
  private static List<String> routes;

  @BeforeAll
  static void start() {
    vigil = new SecuredVigil(dataDir, TestDatabases.Engine.H2, Map.of("metrics.public", "false"));
    routes = vigil.server.routes();
  }

  @AfterAll
  static void stop() {
    vigil.close();
  }

  private static String method(String route) {
    return route.substring(0, route.indexOf(' '));
  }

  /** The route's path with every parameter filled with {@code x}: a resource that is not there. */
  private static String path(String route) {
    return route.substring(route.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "x");
  }

  private static HttpResponse<String> call(String user, String route) {
    String body = CHANGES.contains(method(route)) ? "{}" : null;
    if (user == null) {
      return vigil.send(vigil.request(method(route), path(route), body));
    }
    return vigil.as(user, method(route), path(route), body);
  }

  private static boolean adminOnly(String route) {
    String path = route.substring(route.indexOf(' ') + 1);
    return CHANGES.contains(method(route))
        && !VIEWER_CHANGES.contains(route)
        && (path.startsWith("/api/v1/users")
            || path.startsWith("/api/v1/hooks")
            || path.startsWith("/users")
            || path.startsWith("/hooks")
            || path.equals("/models/{name}/create-inference/hook"))
        && !route.equals("POST /api/v1/hooks/{name}/test")
        && !route.equals("POST /hooks/{name}/test");
  }

  @Test
  void the_route_list_is_the_servers_whole_api() {
    assertThat(routes)
        .hasSizeGreaterThan(60)
        .contains(
            "GET /health",
            "GET /metrics",
            "GET /api/v1/scheduler-health",
            "POST /api/v1/datasets",
            "DELETE /api/v1/inference-schedulers/{name}",
            "POST /api/v1/users",
            "GET /api/v1/session",
            "POST /");
  }

  @Test
  void every_route_but_the_public_ones_answers_401_without_credentials() {
    List<String> checked = new ArrayList<>();
    for (String route : routes) {
      HttpResponse<String> response = call(null, route);
      if (PUBLIC.contains(route)) {
        // The route's own handler answers (POST /sign-in refuses a form without its CSRF token).
        assertThat(response.statusCode()).as(route).isNotEqualTo(401);
        assertThat(response.body()).as(route).doesNotContain("\"code\":\"forbidden\"");
        continue;
      }
      assertThat(response.statusCode()).as(route + ": " + response.body()).isEqualTo(401);
      assertThat(json(response).at("/error/code").asText()).as(route).isEqualTo("unauthenticated");
      assertThat(error(response))
          .as(route)
          .isEqualTo(
              "sign-in required: send an API token as 'Authorization: Bearer <token>', or sign in"
                  + " at /sign-in");
      assertThat(response.headers().firstValue("WWW-Authenticate"))
          .contains("Bearer realm=\"vigil\"");
      checked.add(route);
    }
    assertThat(checked).hasSize(routes.size() - PUBLIC.size());
  }

  @Test
  void a_viewer_reads_every_route_and_gets_403_on_every_change() {
    int refused = 0;
    for (String route : routes) {
      HttpResponse<String> response = call("victor", route);
      if (PUBLIC.contains(route)) {
        assertThat(response.body()).as(route).doesNotContain("\"code\":\"forbidden\"");
      } else if (!CHANGES.contains(method(route)) || VIEWER_CHANGES.contains(route)) {
        assertThat(response.statusCode()).as(route + ": " + response.body()).isNotIn(401, 403);
      } else {
        assertThat(response.statusCode()).as(route + ": " + response.body()).isEqualTo(403);
        assertThat(json(response).at("/error/code").asText()).as(route).isEqualTo("forbidden");
        assertThat(error(response))
            .as(route)
            .startsWith("user victor (VIEWER) may not " + method(route) + " " + path(route))
            .endsWith(adminOnly(route) ? "it needs the ADMIN role" : "it needs the OPERATOR role");
        refused++;
      }
    }
    assertThat(refused).as("changes refused to a viewer").isGreaterThan(30);
  }

  @Test
  void an_operator_changes_everything_but_users_and_hooks() {
    int refused = 0;
    for (String route : routes) {
      if (!CHANGES.contains(method(route)) || PUBLIC.contains(route)) {
        continue;
      }
      HttpResponse<String> response = call("olga", route);
      if (adminOnly(route)) {
        assertThat(response.statusCode()).as(route + ": " + response.body()).isEqualTo(403);
        assertThat(error(response))
            .isEqualTo(
                "user olga (OPERATOR) may not "
                    + method(route)
                    + " "
                    + path(route)
                    + ": it needs the ADMIN role");
        refused++;
      } else {
        assertThat(response.statusCode()).as(route + ": " + response.body()).isNotIn(401, 403);
      }
    }
    // Users: create, change, delete; hooks: create, change, delete; and in the portal: create a
    // hook, on its own page or inline while creating an inference.
    assertThat(refused).as("user and hook administration").isEqualTo(8);
    // An admin may.
    assertThat(vigil.as("alice", "DELETE", "/api/v1/hooks/x", null).statusCode()).isEqualTo(404);
  }

  @Test
  void a_path_no_route_serves_needs_credentials_too() {
    assertThat(vigil.send(vigil.request("GET", "/api/v1/nothing-here", null)).statusCode())
        .isEqualTo(401);
    assertThat(vigil.as("victor", "GET", "/api/v1/nothing-here", null).statusCode()).isEqualTo(404);
  }

  @Test
  void paths_written_with_extra_slashes_get_the_rules_of_the_route_they_reach() {
    HttpResponse<String> response = vigil.as("olga", "POST", "//api/v1//users/", "{}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
  }

  @Test
  void metrics_need_a_token_when_they_are_not_public() {
    assertThat(vigil.send(vigil.request("GET", "/metrics", null)).statusCode()).isEqualTo(401);
    HttpResponse<String> metrics = vigil.as("victor", "GET", "/metrics", null);
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("http_server_requests_seconds_count{");
  }
}
