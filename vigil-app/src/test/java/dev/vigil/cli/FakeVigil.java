package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A stand-in for a Vigil server on loopback: answers each {@code METHOD /path?query} with canned
 * responses, in the order they were given (the last one repeats), and records every request. An
 * unknown route gets the API's 404 error body.
 */
final class FakeVigil implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as the server received it; {@code uri} is the raw path and query. */
  record Request(String method, String uri, String contentType, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private record Response(int status, String body) {}

  private final HttpServer server;
  private final Map<String, Deque<Response>> responses = new HashMap<>();
  private final List<Request> requests = new ArrayList<>();

  FakeVigil() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Answers {@code method uri} with {@code status} and {@code body} (empty for none). */
  synchronized FakeVigil respond(String method, String uri, int status, String body) {
    responses
        .computeIfAbsent(method + " " + uri, k -> new ArrayDeque<>())
        .add(new Response(status, body));
    return this;
  }

  synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The only request received. */
  Request request() {
    List<Request> all = requests();
    if (all.size() != 1) {
      throw new AssertionError("expected one request, got " + all);
    }
    return all.get(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String uri = exchange.getRequestURI().getRawPath();
    if (exchange.getRequestURI().getRawQuery() != null) {
      uri += "?" + exchange.getRequestURI().getRawQuery();
    }
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String method = exchange.getRequestMethod();
    Response response;
    synchronized (this) {
      requests.add(
          new Request(method, uri, exchange.getRequestHeaders().getFirst("Content-Type"), body));
      Deque<Response> queue = responses.get(method + " " + uri);
      if (queue == null || queue.isEmpty()) {
        response =
            new Response(
                404,
                "{\"error\":{\"status\":404,\"code\":\"not_found\",\"message\":\"no route "
                    + method
                    + " "
                    + uri
                    + "\"}}");
      } else {
        response = queue.size() > 1 ? queue.removeFirst() : queue.getFirst();
      }
    }
    byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
    if (bytes.length > 0) {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
    }
    exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
