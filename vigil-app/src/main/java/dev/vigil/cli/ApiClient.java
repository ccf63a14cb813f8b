package dev.vigil.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.vigil.engine.VigilException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * A small client of Vigil's native HTTP API ({@code /api/v1}), shared by the command-line commands.
 * Every call returns the server's JSON; a refused or failed request becomes an {@link ApiError}
 * carrying the server's message, and a server that cannot be reached becomes a {@link
 * VigilException} that says so. Both print as {@code vigil: <message>}.
 *
 * <p>Thread-safe: {@link HttpClient} is, and the client keeps no other state.
 */
public final class ApiClient {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /**
   * A server that accepted the request but does not answer within this time is reported, not waited
   * for forever; the longest synchronous call (scoring 100,000 rows) takes seconds.
   */
  static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

  private static final int MAX_BODY_IN_MESSAGE = 200;

  private final String base;
  private final ObjectMapper mapper;
  private final HttpClient http;

  /** The Authorization header sent with every request, or null for none. */
  private final String authorization;

  /**
   * A client that sends no credentials.
   *
   * @param server the server's root, e.g. {@code http://127.0.0.1:8080}; a trailing slash is fine
   */
  public ApiClient(String server, ObjectMapper mapper) {
    this(server, mapper, null);
  }

  /**
   * @param server the server's root, e.g. {@code http://127.0.0.1:8080}; a trailing slash is fine
   * @param authorization the Authorization header to send, such as {@code Bearer vigil_...}, or
   *     null for none
   */
  public ApiClient(String server, ObjectMapper mapper, String authorization) {
    Objects.requireNonNull(server, "server");
    String trimmed = server.trim();
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    URI uri;
    try {
      uri = URI.create(trimmed);
    } catch (IllegalArgumentException e) {
      throw new VigilException("--server '" + server + "' is not a URL: " + e.getMessage(), e);
    }
    if (uri.getScheme() == null
        || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
        || uri.getHost() == null) {
      throw new VigilException(
          "--server '" + server + "' is not an http:// or https:// URL with a host");
    }
    this.base = trimmed;
    this.mapper = Objects.requireNonNull(mapper, "mapper");
    this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    this.authorization = authorization;
  }

  /** The server's root, without a trailing slash. */
  public String server() {
    return base;
  }

  public JsonNode get(String path) {
    return send("GET", path, null);
  }

  public JsonNode post(String path, Object body) {
    return send("POST", path, body);
  }

  public JsonNode put(String path, Object body) {
    return send("PUT", path, body);
  }

  /** Sends DELETE; the answer is usually empty (204), then a {@link MissingNode}. */
  public JsonNode delete(String path) {
    return send("DELETE", path, null);
  }

  /**
   * Encodes one path segment or query value: everything but RFC 3986's unreserved characters is
   * percent-encoded as UTF-8, so names with spaces or slashes stay one segment.
   */
  public static String encode(String value) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        encoded.append((char) c);
      } else {
        encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        encoded.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return encoded.toString();
  }

  private JsonNode send(String method, String path, Object body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(REQUEST_TIMEOUT)
            .header("Accept", "application/json");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      byte[] json;
      try {
        json = mapper.writeValueAsBytes(body);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot write the request as JSON", e);
      }
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofByteArray(json));
    }
    HttpResponse<String> response;
    try {
      response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (java.net.http.HttpTimeoutException e) {
      throw new VigilException(
          "Vigil at "
              + base
              + " did not answer "
              + method
              + " "
              + path
              + " within "
              + REQUEST_TIMEOUT.toMinutes()
              + " minutes",
          e);
    } catch (IOException e) {
      throw new VigilException(
          "cannot reach Vigil at " + base + ": " + describe(e) + "; is `vigil server` running?", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VigilException("interrupted while waiting for Vigil at " + base, e);
    }
    int status = response.statusCode();
    String text = response.body() == null ? "" : response.body();
    if (status >= 200 && status < 300) {
      if (text.isBlank()) {
        return MissingNode.getInstance();
      }
      try {
        return mapper.readTree(text);
      } catch (JsonProcessingException e) {
        throw new VigilException(
            method
                + " "
                + path
                + ": the server answered "
                + status
                + " with invalid JSON: "
                + shorten(text),
            e);
      }
    }
    ApiError error = ApiError.from(status, text, mapper);
    if (status == 401 && authorization == null) {
      throw new ApiError(
          status,
          error.code(),
          error.getMessage()
              + " (the CLI sends the API token of --token, of the VIGIL_TOKEN environment variable,"
              + " or of the file "
              + TokenFile.describe()
              + "; `vigil token create --user NAME --save` makes one)",
          error.field(),
          error.errorId());
    }
    throw error;
  }

  private static String describe(IOException e) {
    Throwable cause = e;
    while (cause.getMessage() == null && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause.getMessage() == null) {
      return e instanceof java.net.ConnectException
          ? "connection refused"
          : e.getClass().getSimpleName();
    }
    return cause.getMessage();
  }

  static String shorten(String text) {
    String flat = text.strip().replaceAll("\\s+", " ");
    return flat.length() <= MAX_BODY_IN_MESSAGE
        ? flat
        : flat.substring(0, MAX_BODY_IN_MESSAGE) + "...";
  }

  /**
   * The server refused a request (4xx) or failed on it (5xx). The message is the server's, with the
   * field at fault or the error id appended when the body names them.
   */
  public static final class ApiError extends VigilException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    private final String field;
    private final String errorId;

    ApiError(int status, String code, String message, String field, String errorId) {
      super(message);
      this.status = status;
      this.code = code;
      this.field = field;
      this.errorId = errorId;
    }

    static ApiError from(int status, String body, ObjectMapper mapper) {
      JsonNode error = null;
      try {
        if (!body.isBlank()) {
          error = mapper.readTree(body).path("error");
        }
      } catch (JsonProcessingException e) {
        error = null;
      }
      if (error == null || !error.isObject() || !error.path("message").isTextual()) {
        String message = "the server answered HTTP " + status;
        if (!body.isBlank()) {
          message += ": " + shorten(body);
        }
        return new ApiError(status, null, message, null, null);
      }
      String code = text(error, "code");
      String field = text(error, "field");
      String errorId = text(error, "id");
      StringBuilder message = new StringBuilder(error.path("message").asText());
      if (field != null) {
        message.append(" (field: ").append(field).append(')');
      }
      if (errorId != null && message.indexOf(errorId) < 0) {
        message.append(" (error id: ").append(errorId).append(')');
      }
      return new ApiError(status, code, message.toString(), field, errorId);
    }

    private static String text(JsonNode node, String name) {
      JsonNode value = node.get(name);
      return value == null || value.isNull() ? null : value.asText();
    }

    /** The HTTP status. */
    public int status() {
      return status;
    }

    /** The server's error code, e.g. {@code invalid_request}, or null. */
    public String code() {
      return code;
    }

    /** The request field at fault, or null. */
    public String field() {
      return field;
    }

    /** The id under which the server logged a 5xx, or null. */
    public String errorId() {
      return errorId;
    }
  }
}
