package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.config.ConfigLoader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The served OpenAPI document describes routes that exist, and every route the API serves. */
class OpenApiDocumentTest {
  private static final Set<String> METHODS = Set.of("get", "post", "put", "delete", "patch");

  @TempDir Path dataDir;

  @Test
  void every_documented_operation_is_served() throws Exception {
    ObjectMapper json = new ObjectMapper();
    HttpClient client = HttpClient.newHttpClient();
    try (VigilServer server =
        VigilServer.start(
            ConfigLoader.load(
                null, Map.of(), Map.of("server.port", "0", "data.dir", dataDir.toString())),
            Clock.systemUTC())) {
      String base = "http://127.0.0.1:" + server.port();
      JsonNode document =
          json.readTree(
              client
                  .send(
                      HttpRequest.newBuilder(URI.create(base + "/api/v1/openapi.json")).build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body());
      assertThat(document.get("openapi").asText()).startsWith("3.0");
      List<String> operations = new ArrayList<>();
      for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
        for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
          String method = methods.next();
          if (!METHODS.contains(method)) {
            continue;
          }
          String concrete = path.getKey().replaceAll("\\{[^}]+}", "x");
          HttpResponse<String> response =
              client.send(
                  HttpRequest.newBuilder(URI.create(base + concrete))
                      .method(
                          method.toUpperCase(java.util.Locale.ROOT),
                          HttpRequest.BodyPublishers.ofString("{}"))
                      .header("Content-Type", "application/json")
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          // Any answer but "no route" shows the route exists (a 404 naming a missing resource
          // or a 400 for the empty body is the route speaking).
          assertThat(response.body())
              .as(method + " " + path.getKey())
              .doesNotContain("\"message\":\"no route");
          operations.add(method + " " + path.getKey());
        }
      }
      assertThat(operations).hasSizeGreaterThanOrEqualTo(18);
    }
  }

  @Test
  void every_route_of_the_native_api_is_documented() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode document;
    try (var in = OpenApiDocumentTest.class.getResourceAsStream("/openapi.json")) {
      document = json.readTree(in);
    }
    try (VigilServer server =
        VigilServer.start(
            ConfigLoader.load(
                null, Map.of(), Map.of("server.port", "0", "data.dir", dataDir.toString())),
            Clock.systemUTC())) {
      List<String> undocumented = new ArrayList<>();
      for (String route : server.routes()) {
        String method = route.substring(0, route.indexOf(' ')).toLowerCase(java.util.Locale.ROOT);
        String path = route.substring(route.indexOf(' ') + 1);
        // GET / is the portal's home page, not the API; POST / (the Lookout endpoint) is
        // documented.
        if (!path.startsWith("/api/")
            && !Set.of("/health", "/metrics").contains(path)
            && !route.equals("POST /")) {
          continue;
        }
        if (!document.path("paths").path(path).has(method)) {
          undocumented.add(route);
        }
      }
      assertThat(undocumented).isEmpty();
    }
  }
}
