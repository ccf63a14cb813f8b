package dev.vigil.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.config.ConfigLoader;
import dev.vigil.server.VigilServer;
import dev.vigil.testing.ManualClock;
import dev.vigil.testing.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * A real Vigil on loopback with sign-in required: an admin ({@code alice}), an operator ({@code
 * olga}) and a viewer ({@code victor}), each with an API token, all made through the API as a first
 * user would (the first admin while Vigil runs open). bcrypt runs at its least cost, so that tests
 * stay quick. Time is a clock the tests move.
 *
 * <p>Not thread-safe: one test drives it.
 */
final class SecuredVigil implements AutoCloseable {
  static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
  static final String PASSWORD = "correct-horse-battery";
  static final ObjectMapper JSON = new ObjectMapper();

  final ManualClock clock = new ManualClock(START);
  final VigilServer server;
  final String base;
  final Map<String, String> tokens = new HashMap<>();
  private final HttpClient http = HttpClient.newHttpClient();

  /**
   * @param settings more configuration, e.g. {@code metrics.public}
   */
  SecuredVigil(Path dataDir, TestDatabases.Engine engine, Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(settings);
    all.put("server.port", "0");
    all.put("data.dir", dataDir.toString());
    all.put("security.password-hash-cost", "10");
    if (engine == TestDatabases.Engine.POSTGRESQL) {
      TestDatabases.Coordinates database = engine.newDatabase();
      all.put("database.url", database.url());
      all.put("database.user", database.user());
      all.put("database.password", database.password());
    }
    server = VigilServer.start(ConfigLoader.load(null, Map.of(), all), clock);
    base = "http://127.0.0.1:" + server.port();
    createUser("alice", "ADMIN", null);
    tokens.put("alice", createToken("alice"));
    createUser("olga", "OPERATOR", tokens.get("alice"));
    createUser("victor", "VIEWER", tokens.get("alice"));
    tokens.put("olga", createToken("olga"));
    tokens.put("victor", createToken("victor"));
  }

  SecuredVigil(Path dataDir) {
    this(dataDir, TestDatabases.Engine.H2, Map.of());
  }

  private void createUser(String name, String role, String token) {
    String body =
        "{\"name\":\"" + name + "\",\"role\":\"" + role + "\",\"password\":\"" + PASSWORD + "\"}";
    HttpResponse<String> created =
        send(request("POST", "/api/v1/users", body).header("Authorization", bearer(token)));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
  }

  /** A new API token of {@code user}, made with their password. */
  String createToken(String user) {
    HttpResponse<String> created =
        send(
            request("POST", "/api/v1/tokens", "{\"name\":\"test\"}")
                .header("Authorization", basic(user, PASSWORD)));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return json(created).get("token").asText();
  }

  static String bearer(String token) {
    return token == null ? "Bearer none" : "Bearer " + token;
  }

  static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** A request with a JSON body (none when null). */
  HttpRequest.Builder request(String method, String path, String body) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .method(
            method,
            body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
  }

  /** A request made with the token of {@code user}. */
  HttpResponse<String> as(String user, String method, String path, String body) {
    return send(request(method, path, body).header("Authorization", bearer(tokens.get(user))));
  }

  HttpResponse<String> send(HttpRequest.Builder request) {
    return send(http, request);
  }

  static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(response.body(), e);
    }
  }

  /** The error message of a refused request's JSON body. */
  static String error(HttpResponse<String> response) {
    return json(response).at("/error/message").asText();
  }

  @Override
  public void close() {
    server.close();
  }
}
