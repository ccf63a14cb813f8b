package dev.vigil.lookout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.config.ConfigLoader;
import dev.vigil.server.VigilServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wire of the Lookout-compatible endpoint, as raw HTTP: AWS JSON 1.0 on {@code POST /}, the
 * error format and headers, timestamps as epoch seconds, every operation of the service model
 * implemented or refused by name, and the native API's error contract untouched beside it. The
 * server runs in development mode (loopback, no access key), which accepts any signature.
 */
class LookoutProtocolTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** The operations the issue asks for, which Vigil implements. */
  static final Set<String> SUPPORTED =
      Set.of(
          "CreateDataset",
          "DescribeDataset",
          "ListDatasets",
          "DeleteDataset",
          "ListSensorStatistics",
          "StartDataIngestionJob",
          "DescribeDataIngestionJob",
          "ListDataIngestionJobs",
          "CreateModel",
          "DescribeModel",
          "ListModels",
          "DeleteModel",
          "UpdateModel",
          "DescribeModelVersion",
          "ListModelVersions",
          "UpdateActiveModelVersion",
          "CreateInferenceScheduler",
          "DescribeInferenceScheduler",
          "UpdateInferenceScheduler",
          "StartInferenceScheduler",
          "StopInferenceScheduler",
          "DeleteInferenceScheduler",
          "ListInferenceSchedulers",
          "ListInferenceExecutions",
          "ListInferenceEvents",
          "CreateLabelGroup",
          "DescribeLabelGroup",
          "ListLabelGroups",
          "UpdateLabelGroup",
          "DeleteLabelGroup",
          "CreateLabel",
          "DescribeLabel",
          "ListLabels",
          "DeleteLabel",
          "TagResource",
          "UntagResource",
          "ListTagsForResource");

  @TempDir static Path dataDir;
  private static VigilServer server;

  @BeforeAll
  static void start() {
    server =
        VigilServer.start(
            ConfigLoader.load(
                null, Map.of(), Map.of("server.port", "0", "data.dir", dataDir.toString())),
            new TestClock(Instant.parse("2026-01-01T00:00:00Z")));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> post(String target, String contentType, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (target != null) {
      request.header("X-Amz-Target", target);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> call(String operation, String body)
      throws IOException, InterruptedException {
    return post(
        "AWSLookoutEquipmentFrontendService." + operation, LookoutEndpoint.CONTENT_TYPE, body);
  }

  /** Asserts a Lookout error and answers its message. */
  private static String error(HttpResponse<String> response, int status, String type)
      throws IOException {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("x-amzn-ErrorType")).hasValue(type);
    assertThat(response.headers().firstValue("x-amzn-RequestId")).isPresent();
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(value -> assertThat(value).startsWith(LookoutEndpoint.CONTENT_TYPE));
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.get("__type").asText()).isEqualTo(type);
    assertThat(body.properties()).hasSize(2);
    return body.get("message").asText();
  }

  @Test
  void every_operation_of_the_service_model_is_implemented_or_refused_naming_it() throws Exception {
    ServiceModel model = ServiceModel.load();
    assertThat(model.operations()).hasSize(49);
    Set<String> implemented = new TreeSet<>();
    for (String operation : model.operations().keySet()) {
      HttpResponse<String> response = call(operation, "{}");
      assertThat(response.statusCode()).as(operation).isNotEqualTo(404);
      String unsupported =
          operation
              + " is an operation of Amazon Lookout for Equipment that Vigil does not support;"
              + " docs/lookout.md lists the operations Vigil implements";
      if (response.statusCode() == 400
          && JSON.readTree(response.body()).path("message").asText().equals(unsupported)) {
        assertThat(error(response, 400, "ValidationException")).isEqualTo(unsupported);
      } else {
        implemented.add(operation);
      }
    }
    assertThat(implemented).isEqualTo(new TreeSet<>(SUPPORTED));
  }

  @Test
  void a_request_that_is_no_lookout_call_gets_a_lookout_error_never_a_404_page() throws Exception {
    assertThat(error(post(null, LookoutEndpoint.CONTENT_TYPE, "{}"), 400, "ValidationException"))
        .isEqualTo(
            "the request has no X-Amz-Target header: POST / is the Lookout for Equipment"
                + " compatible endpoint, which takes X-Amz-Target:"
                + " AWSLookoutEquipmentFrontendService.<Operation>; the native API is under"
                + " /api/v1");
    assertThat(
            error(
                post("AmazonS3.ListBuckets", LookoutEndpoint.CONTENT_TYPE, "{}"),
                400,
                "ValidationException"))
        .isEqualTo(
            "X-Amz-Target 'AmazonS3.ListBuckets' does not name an operation of"
                + " AWSLookoutEquipmentFrontendService (Amazon Lookout for Equipment)");
    assertThat(error(call("DescribeWidget", "{}"), 400, "ValidationException"))
        .isEqualTo("DescribeWidget is not an operation of Amazon Lookout for Equipment");
    assertThat(
            error(
                post("AWSLookoutEquipmentFrontendService.ListDatasets", "application/json", "{}"),
                400,
                "ValidationException"))
        .isEqualTo(
            "Content-Type must be application/x-amz-json-1.0 (AWS JSON 1.0), not"
                + " application/json");
    assertThat(error(call("ListDatasets", "{\"MaxResults\":"), 400, "ValidationException"))
        .startsWith("the request body is not JSON: ");
    assertThat(error(call("ListDatasets", "[]"), 400, "ValidationException"))
        .isEqualTo("the request body must be a JSON object");
    assertThat(error(call("ListDatasets", "{\"MaxResults\":\"10\"}"), 400, "ValidationException"))
        .isEqualTo(
            "1 validation error detected: Value '10' at 'maxResults' failed to satisfy"
                + " constraint: Member must be a whole number");
    // An operation without input members takes an empty body.
    HttpResponse<String> empty = call("ListDatasets", "");
    assertThat(empty.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(empty.body())).isEqualTo(JSON.readTree("{\"DatasetSummaries\":[]}"));
  }

  @Test
  void timestamps_are_epoch_seconds_as_json_numbers_both_ways() throws Exception {
    call("CreateLabelGroup", "{\"LabelGroupName\":\"times\",\"ClientToken\":\"t1\"}");
    HttpResponse<String> created =
        call(
            "CreateLabel",
            "{\"LabelGroupName\":\"times\",\"StartTime\":1767225600.25,\"EndTime\":1767229200,"
                + "\"Rating\":\"NEUTRAL\",\"ClientToken\":\"t2\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
    String id = JSON.readTree(created.body()).get("LabelId").asText();
    JsonNode label =
        JSON.readTree(
            call("DescribeLabel", "{\"LabelGroupName\":\"times\",\"LabelId\":\"" + id + "\"}")
                .body());
    assertThat(label.get("StartTime").isNumber()).isTrue();
    assertThat(label.get("StartTime").decimalValue()).isEqualByComparingTo("1767225600.25");
    assertThat(label.get("EndTime").toString()).isEqualTo("1767229200");
    assertThat(label.get("CreatedAt").toString()).isEqualTo("1767225600");
    assertThat(
            error(
                call(
                    "CreateLabel",
                    "{\"LabelGroupName\":\"times\",\"StartTime\":\"2026-01-01T00:00:00Z\","
                        + "\"EndTime\":1767229200,\"Rating\":\"NEUTRAL\",\"ClientToken\":\"t3\"}"),
                400,
                "ValidationException"))
        .isEqualTo(
            "1 validation error detected: Value '2026-01-01T00:00:00Z' at 'startTime' failed to"
                + " satisfy constraint: Member must be a timestamp: a number of seconds since the"
                + " epoch");
  }

  @Test
  void the_native_api_keeps_its_own_error_contract_beside_the_lookout_endpoint() throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/api/v1/datasets/nothing"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(response.body()))
        .isEqualTo(
            JSON.readTree(
                "{\"error\":{\"status\":404,\"code\":\"not_found\","
                    + "\"message\":\"dataset 'nothing' does not exist\"}}"));
    assertThat(response.headers().firstValue("x-amzn-ErrorType")).isEmpty();
    List<String> unknownRoute =
        List.of(
            HTTP.send(
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port() + "/nowhere"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .body());
    assertThat(unknownRoute.get(0)).contains("\"message\":\"no route POST /nowhere\"");
  }
}
