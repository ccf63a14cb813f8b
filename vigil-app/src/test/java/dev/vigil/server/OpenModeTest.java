package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.config.ConfigLoader;
import dev.vigil.config.VigilConfig;
import dev.vigil.engine.VigilException;
import dev.vigil.testing.LogCapture;
import dev.vigil.user.Passwords;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rule of sign-in at start-up: with no user, Vigil runs open on loopback and says so, and
 * refuses to start on any other address; a user from the configuration lets it start anywhere.
 */
class OpenModeTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PASSWORD = "correct-horse-battery";

  @TempDir Path dataDir;

  private final HttpClient http = HttpClient.newHttpClient();

  private VigilConfig config(Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(settings);
    all.putIfAbsent("server.port", "0");
    all.put("data.dir", dataDir.toString());
    all.put("security.password-hash-cost", "10");
    return ConfigLoader.load(null, Map.of(), all);
  }

  private HttpResponse<String> send(String url, String method, String body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void with_no_user_on_loopback_vigil_runs_open_and_says_so() throws Exception {
    try (LogCapture logs = new LogCapture();
        VigilServer server = VigilServer.start(config(Map.of()), Clock.systemUTC())) {
      String base = "http://127.0.0.1:" + server.port();
      assertThat(logs.lines())
          .contains(
              "WARN dev.vigil.api.security.SecurityFeature - no user is configured: Vigil runs"
                  + " OPEN on 127.0.0.1 (loopback only): every request is allowed, as an admin,"
                  + " without signing in. Create the first admin with `vigil user create --admin"
                  + " --name NAME` to require sign-in.");
      JsonNode session = JSON.readTree(send(base + "/api/v1/session", "GET", null).body());
      assertThat(session.get("open").asBoolean()).isTrue();
      assertThat(session.get("role").asText()).isEqualTo("ADMIN");
      HttpResponse<String> created =
          send(base + "/api/v1/label-groups", "POST", "{\"name\":\"faults\"}");
      assertThat(created.statusCode()).isEqualTo(201);
      assertThat(send(base + "/sign-in", "GET", null).body()).contains("<h1>Vigil runs open</h1>");
    }
  }

  @Test
  void an_open_vigil_refuses_changes_sent_from_another_sites_page() throws Exception {
    try (VigilServer server = VigilServer.start(config(Map.of()), Clock.systemUTC())) {
      String base = "http://127.0.0.1:" + server.port();
      String body = "{\"name\":\"faults\"}";
      HttpResponse<String> foreign =
          send(base + "/api/v1/label-groups", "POST", body, "Origin", "http://evil.example");
      assertThat(foreign.statusCode()).isEqualTo(403);
      JsonNode error = JSON.readTree(foreign.body()).get("error");
      assertThat(error.get("code").asText()).isEqualTo("cross_site_request");
      assertThat(error.get("message").asText())
          .isEqualTo(
              "a change sent from another site's page is refused: Vigil runs open (no user is"
                  + " configured) and takes changes only from its own pages and from clients that"
                  + " are not browsers");
      assertThat(
              send(base + "/api/v1/label-groups", "POST", body, "Sec-Fetch-Site", "cross-site")
                  .statusCode())
          .isEqualTo(403);
      assertThat(
              send(
                      base + "/api/v1/label-groups",
                      "POST",
                      body,
                      "Origin",
                      "http://127.0.0.1:" + server.port(),
                      "Sec-Fetch-Site",
                      "same-origin")
                  .statusCode())
          .as("the portal's own pages")
          .isEqualTo(201);
      assertThat(
              send(base + "/api/v1/label-groups", "GET", null, "Origin", "http://evil.example")
                  .statusCode())
          .as("reading changes nothing")
          .isEqualTo(200);
    }
  }

  @Test
  void a_user_created_through_an_open_vigil_ends_open_mode_at_once() throws Exception {
    try (VigilServer server = VigilServer.start(config(Map.of()), Clock.systemUTC())) {
      String base = "http://127.0.0.1:" + server.port();
      HttpResponse<String> created =
          send(
              base + "/api/v1/users",
              "POST",
              "{\"name\":\"alice\",\"role\":\"ADMIN\",\"password\":\"" + PASSWORD + "\"}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      assertThat(send(base + "/api/v1/datasets", "GET", null).statusCode()).isEqualTo(401);
    }
  }

  @Test
  void with_no_user_on_another_address_vigil_refuses_to_start() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    VigilConfig config =
        config(
            Map.of(
                "server.bind", "0.0.0.0",
                "server.port", Integer.toString(port),
                "lookout.enabled", "false"));
    assertThatThrownBy(() -> VigilServer.start(config, Clock.systemUTC()))
        .isInstanceOf(VigilException.class)
        .hasMessage(
            "no user is configured and server.bind is 0.0.0.0: anyone who reaches Vigil could do"
                + " anything. Create the first admin with `vigil user create --admin --name NAME"
                + " --direct` (same --config or --data-dir as the server), or set"
                + " security.admin-user and security.admin-password-hash, or bind to 127.0.0.1");
    assertThatThrownBy(() -> send("http://127.0.0.1:" + port + "/health", "GET", null))
        .as("nothing listens")
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void the_configurations_admin_lets_vigil_start_on_any_address_with_sign_in_required()
      throws Exception {
    String hash = new Passwords(10).hash(PASSWORD, "password");
    VigilConfig config =
        config(
            Map.of(
                "server.bind", "0.0.0.0",
                "lookout.enabled", "false",
                "security.admin-user", "root",
                "security.admin-password-hash", hash));
    assertThat(config.toString()).doesNotContain(hash).contains("adminPasswordHash=****");
    try (LogCapture logs = new LogCapture();
        VigilServer server = VigilServer.start(config, Clock.systemUTC())) {
      String base = "http://127.0.0.1:" + server.port();
      assertThat(logs.text()).doesNotContain(hash);
      assertThat(send(base + "/api/v1/datasets", "GET", null).statusCode()).isEqualTo(401);
      assertThat(send(base + "/metrics", "GET", null).statusCode())
          .as("metrics are not public off loopback by default")
          .isEqualTo(401);
      String basic =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(("root:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
      HttpResponse<String> token =
          send(base + "/api/v1/tokens", "POST", "{\"name\":\"ops\"}", "Authorization", basic);
      assertThat(token.statusCode()).as(token.body()).isEqualTo(201);
      String bearer = "Bearer " + JSON.readTree(token.body()).get("token").asText();
      assertThat(send(base + "/api/v1/datasets", "GET", null, "Authorization", bearer).statusCode())
          .isEqualTo(200);
      assertThat(send(base + "/metrics", "GET", null, "Authorization", bearer).statusCode())
          .isEqualTo(200);
    }
  }
}
