package dev.vigil.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.AlertRoutes;
import dev.vigil.api.ApiServer;
import dev.vigil.api.HookRoutes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * The alert feature of an {@link AlertTestBed} served over real HTTP on loopback (the hook and
 * alert routes with the API's error contract), and a client of it.
 *
 * <p>Not thread-safe: one test drives it.
 */
final class AlertApi implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One answer: the status, the raw body and the body as JSON (missing when empty). */
  record Response(int status, String text, JsonNode json) {}

  private final ApiServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  AlertApi(AlertTestBed bed) {
    this.server =
        new ApiServer(
                "127.0.0.1",
                0,
                List.of(
                    new HookRoutes(bed.feature.hooks()),
                    new AlertRoutes(bed.feature.configurations(), bed.feature.history())),
                () -> true)
            .start();
  }

  String url() {
    return "http://127.0.0.1:" + server.port();
  }

  Response get(String path) {
    return send("GET", path, null);
  }

  Response post(String path, String body) {
    return send("POST", path, body);
  }

  Response put(String path, String body) {
    return send("PUT", path, body);
  }

  Response delete(String path) {
    return send("DELETE", path, null);
  }

  private Response send(String method, String path, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path));
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    request.header("Content-Type", "application/json");
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String text = response.body();
      return new Response(
          response.statusCode(),
          text,
          text.isBlank()
              ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
              : JSON.readTree(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
