package dev.vigil.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.config.VigilConfig;
import dev.vigil.server.VigilServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * A real Vigil server on a free port over a data directory, and an HTTP client for its API. Tests
 * close it; {@link #restart()} starts a new server on the same directory.
 */
public final class TestApi implements AutoCloseable {
  public static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  /** How long a job may take before a test gives up: far beyond any test job. */
  private static final java.time.Duration JOB_TIMEOUT = java.time.Duration.ofSeconds(60);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dataDirectory;
  private final HttpClient client = HttpClient.newHttpClient();
  private VigilServer server;

  private TestApi(Path dataDirectory) {
    this.dataDirectory = dataDirectory;
    this.server = VigilServer.start(config(dataDirectory), CLOCK);
  }

  public static TestApi start(Path dataDirectory) {
    return new TestApi(dataDirectory);
  }

  public static VigilConfig config(Path dataDirectory) {
    return new VigilConfig(
        "127.0.0.1",
        0,
        dataDirectory,
        new VigilConfig.DatabaseSettings("", "", ""),
        new VigilConfig.ObjectStoreSettings("folder", "", "", false, "", ""),
        2);
  }

  public void restart() {
    server.close();
    server = VigilServer.start(config(dataDirectory), CLOCK);
  }

  /** Where objects of {@code bucket} live in the folder object store. */
  public Path bucket(String bucket) {
    return dataDirectory.resolve("objects").resolve(bucket);
  }

  public Path dataDirectory() {
    return dataDirectory;
  }

  /** A response: status and JSON body (null for an empty body). */
  public record Response(int status, JsonNode body) {
    /** The error message of a refused request. */
    public String message() {
      return body.path("error").path("message").asText();
    }

    /** The field of a refused request, or an empty string. */
    public String field() {
      return body.path("error").path("field").asText();
    }
  }

  public Response get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  public Response delete(String path) {
    return send(HttpRequest.newBuilder(uri(path)).DELETE());
  }

  public Response post(String path, String json) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** Polls a job until it leaves IN_PROGRESS and returns its last state. */
  public JsonNode awaitJob(String jobId) {
    try {
      assertThat(server.awaitIdle(JOB_TIMEOUT)).as("workers idle within " + JOB_TIMEOUT).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for job " + jobId, e);
    }
    Response job = get("/api/v1/ingestion-jobs/" + jobId);
    assertThat(job.status()).isEqualTo(200);
    assertThat(job.body().get("status").asText()).isNotEqualTo("IN_PROGRESS");
    return job.body();
  }

  /** Starts an ingestion, checks the 202, and waits for its end. */
  public JsonNode ingest(String dataset, String bucket, String prefix, String keyPattern) {
    String pattern = keyPattern == null ? "" : ",\"keyPattern\":\"" + keyPattern + "\"";
    Response started =
        post(
            "/api/v1/ingestion-jobs",
            "{\"datasetName\":\""
                + dataset
                + "\",\"input\":{\"bucket\":\""
                + bucket
                + "\",\"prefix\":\""
                + prefix
                + "\""
                + pattern
                + "}}");
    assertThat(started.status()).as(started.body().toString()).isEqualTo(202);
    assertThat(started.body().get("status").asText()).isEqualTo("IN_PROGRESS");
    return awaitJob(started.body().get("id").asText());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String body = response.body();
      return new Response(response.statusCode(), body.isEmpty() ? null : JSON.readTree(body));
    } catch (IOException e) {
      throw new AssertionError("request failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
