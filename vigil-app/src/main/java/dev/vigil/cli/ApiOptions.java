package dev.vigil.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.engine.VigilException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * The options every API command shares, as a picocli mixin: where the server is, whether to print
 * its JSON instead of tables, and how often {@code --wait} asks for news.
 */
public final class ApiOptions {
  /** The server used when neither {@code --server} nor {@code VIGIL_SERVER} says otherwise. */
  public static final String DEFAULT_SERVER = "http://127.0.0.1:8080";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Option(
      names = "--server",
      paramLabel = "URL",
      defaultValue = "${env:VIGIL_SERVER:-" + DEFAULT_SERVER + "}",
      description =
          "The Vigil server. Default: the VIGIL_SERVER environment variable, else "
              + DEFAULT_SERVER
              + ".")
  String server;

  @Option(
      names = "--token",
      paramLabel = "TOKEN",
      description =
          "The API token to send (Authorization: Bearer). Default: the VIGIL_TOKEN environment"
              + " variable, else the first line of $XDG_CONFIG_HOME/vigil/token (by default"
              + " ~/.config/vigil/token). A server that runs open needs none.")
  String token;

  @Option(
      names = "--json",
      description = "Print the server's JSON answer (pretty) instead of tables.")
  boolean json;

  /** How long {@code --wait} sleeps between polls; hidden, so tests can poll without waiting. */
  @Option(names = "--poll-interval-ms", hidden = true, defaultValue = "1000", paramLabel = "MS")
  long pollIntervalMillis;

  private ApiClient client;

  /** The client of {@code --server}, with the API token found, made on first use. */
  ApiClient client() {
    if (client == null) {
      String found = TokenFile.find(token, System.getenv());
      client = new ApiClient(server, MAPPER, found == null ? null : "Bearer " + found);
    }
    return client;
  }

  /** A client of {@code --server} that sends {@code authorization} instead of a token. */
  ApiClient client(String authorization) {
    return new ApiClient(server, MAPPER, authorization);
  }

  boolean json() {
    return json;
  }

  /** Prints {@code node} as indented JSON. */
  void printJson(PrintWriter out, JsonNode node) {
    try {
      out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
    out.flush();
  }

  /** Writes {@code value} as one line of JSON. */
  static String compact(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Polls a job (an ingestion job or a model version: objects with {@code status}, {@code progress}
   * and {@code failedReason}) until it ends, printing a progress line on {@code err} whenever it
   * changes.
   *
   * @param what names the job in messages, e.g. {@code ingestion job 42}
   * @param first the job as already known, or null to poll at once
   * @return the job once its status is {@code SUCCESS}
   * @throws VigilException with the reason when the job ends in {@code FAILED}, {@code
   *     PARTIAL_SUCCESS} or another final status
   */
  JsonNode await(String what, JsonNode first, Supplier<JsonNode> poll, PrintWriter err) {
    JsonNode job = first == null ? poll.get() : first;
    String last = null;
    while (true) {
      String status = job.path("status").asText("UNKNOWN");
      String line = what + ": " + status + progressSuffix(job);
      if (!line.equals(last)) {
        err.println(line);
        err.flush();
        last = line;
      }
      if (status.equals("SUCCESS")) {
        return job;
      }
      if (status.equals("FAILED")
          || status.equals("PARTIAL_SUCCESS")
          || status.equals("CANCELED")
          || status.equals("CANCELLED")) {
        // Jobs say why in failedReason; replays tell their outcome.
        String reason = job.path("failedReason").asText(job.path("outcome").asText(""));
        throw new VigilException(
            what
                + (status.equals("FAILED") ? " failed" : " ended " + status)
                + (reason.isEmpty() ? "" : ": " + reason));
      }
      sleep();
      job = poll.get();
    }
  }

  private static String progressSuffix(JsonNode job) {
    JsonNode progress = job.get("progress");
    if (progress == null || !progress.isNumber()) {
      return "";
    }
    return " " + percent(progress.asDouble());
  }

  static String percent(double fraction) {
    return String.format(Locale.ROOT, "%.0f%%", 100 * fraction);
  }

  private void sleep() {
    if (pollIntervalMillis <= 0) {
      return;
    }
    try {
      Thread.sleep(pollIntervalMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VigilException("interrupted while waiting", e);
    }
  }
}
