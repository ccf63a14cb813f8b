package dev.vigil.lookout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AWS tools of the machine, calling Lookout operations on Vigil: boto3 (or botocore) through
 * {@code lookout/botocore_bridge.py} in one long-lived Python process, or the AWS CLI ({@code aws
 * lookoutequipment <operation> --cli-input-json ... --endpoint-url ...}) one process a call. Both
 * take the request members as the API names them and answer the answer's JSON; a refusal is a
 * {@link Refusal} with the error's code and message. Neither reads the user's AWS configuration:
 * the credentials, region and endpoint are given. Not thread-safe.
 */
interface AwsTool extends AutoCloseable {
  ObjectMapper JSON = new ObjectMapper();

  /** What the tool is, such as {@code boto3 1.43.11} or {@code aws-cli/1.45.11 ...}. */
  String name();

  /**
   * The answer of an operation.
   *
   * @throws Refusal when Vigil refuses it
   */
  JsonNode call(String operation, ObjectNode params);

  @Override
  void close();

  /** An error answer, as the tool reports it. */
  final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final String code;

    Refusal(String code, String message) {
      super(message);
      this.code = code;
    }
  }

  /** The environment of a tool: Vigil's endpoint, a key, a region, and no user configuration. */
  static Map<String, String> environment(
      Map<String, String> inherited, Path scratch, String endpoint, String keyId, String secret) {
    Map<String, String> environment = new java.util.HashMap<>(inherited);
    environment.keySet().removeIf(name -> name.startsWith("AWS_"));
    environment.put("VIGIL_ENDPOINT", endpoint);
    environment.put("AWS_ACCESS_KEY_ID", keyId);
    environment.put("AWS_SECRET_ACCESS_KEY", secret);
    environment.put("AWS_DEFAULT_REGION", LookoutFixture.REGION);
    environment.put("AWS_CONFIG_FILE", scratch.resolve("no-config").toString());
    environment.put("AWS_SHARED_CREDENTIALS_FILE", scratch.resolve("no-credentials").toString());
    environment.put("AWS_EC2_METADATA_DISABLED", "true");
    environment.put("AWS_PAGER", "");
    return environment;
  }

  /** Runs a short command; its output, or empty when it cannot run or fails. */
  static Optional<String> probe(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return Optional.empty();
      }
      return process.exitValue() == 0 ? Optional.of(output.trim()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** boto3 (or botocore) in one Python process. */
  final class Botocore implements AwsTool {
    private final Process process;
    private final Writer in;
    private final BufferedReader out;
    private final String name;

    /** The bridge, when {@code python3} has botocore. */
    static Optional<Botocore> start(Path scratch, String endpoint, String keyId, String secret) {
      if (probe(List.of("python3", "-c", "import botocore")).isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new Botocore(scratch, endpoint, keyId, secret));
    }

    private Botocore(Path scratch, String endpoint, String keyId, String secret) {
      try {
        Path script = Path.of(AwsTool.class.getResource("/lookout/botocore_bridge.py").toURI());
        ProcessBuilder builder =
            new ProcessBuilder("python3", script.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().clear();
        builder
            .environment()
            .putAll(environment(System.getenv(), scratch, endpoint, keyId, secret));
        process = builder.start();
        in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        out =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        name = JSON.readTree(out.readLine()).get("ready").asText();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public JsonNode call(String operation, ObjectNode params) {
      try {
        ObjectNode request = JSON.createObjectNode();
        request.put("operation", operation);
        request.set("params", params);
        in.write(request + "\n");
        in.flush();
        String line = out.readLine();
        if (line == null) {
          throw new IllegalStateException("the botocore bridge ended");
        }
        JsonNode answer = JSON.readTree(line);
        if (answer.has("error")) {
          throw new Refusal(
              answer.at("/error/code").asText(), answer.at("/error/message").asText());
        }
        return answer.get("result");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      try {
        in.close();
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        process.destroy();
      }
    }
  }

  /** The AWS CLI, one process a call. */
  final class Cli implements AwsTool {
    private static final Pattern ERROR =
        Pattern.compile(
            "An error occurred \\((\\w+)\\) when calling the \\w+ operation: (.*)", Pattern.DOTALL);

    private final Map<String, String> environment;
    private final String endpoint;
    private final String name;

    /** The CLI, when {@code aws} runs. */
    static Optional<Cli> find(Path scratch, String endpoint, String keyId, String secret) {
      return probe(List.of("aws", "--version"))
          .map(
              version ->
                  new Cli(
                      environment(System.getenv(), scratch, endpoint, keyId, secret),
                      endpoint,
                      version));
    }

    private Cli(Map<String, String> environment, String endpoint, String name) {
      this.environment = environment;
      this.endpoint = endpoint;
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public JsonNode call(String operation, ObjectNode params) {
      List<String> command = new ArrayList<>();
      command.add("aws");
      command.add("lookoutequipment");
      command.add(
          operation.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT));
      command.add("--cli-input-json");
      command.add(params.toString());
      command.add("--endpoint-url");
      command.add(endpoint);
      command.add("--output");
      command.add("json");
      try {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process = builder.start();
        byte[] stdout = process.getInputStream().readAllBytes();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(60, TimeUnit.SECONDS);
        if (process.exitValue() != 0) {
          Matcher error = ERROR.matcher(stderr.trim());
          if (error.find()) {
            throw new Refusal(error.group(1), error.group(2).trim());
          }
          throw new IllegalStateException(
              "aws " + operation + " exited with " + process.exitValue() + ": " + stderr);
        }
        String text = new String(stdout, StandardCharsets.UTF_8).trim();
        return text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }

    @Override
    public void close() {}
  }
}
