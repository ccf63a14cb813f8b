package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.request.InvalidRequestException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiServerTest {
  /** A request body with the kinds of fields the API takes. */
  record Thing(String name, int count, List<String> tags) {
    Thing {
      if (name != null && name.isBlank()) {
        throw new IllegalArgumentException("name must not be blank");
      }
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newHttpClient();
  private ApiServer server;
  private boolean ready = true;

  @BeforeEach
  void start() {
    ApiRoutes routes =
        config -> {
          config.post("/things", ctx -> ctx.status(201).json(ctx.bodyAsClass(Thing.class)));
          config.get(
              "/refused",
              ctx -> {
                throw new InvalidRequestException(
                    "trainingRange.start", "start must be before end");
              });
          config.get(
              "/broken",
              ctx -> {
                throw new IllegalStateException("secret internal detail");
              });
        };
    server = new ApiServer("127.0.0.1", 0, List.of(routes), () -> ready).start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> send(String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json")
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode error(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body()).get("error");
  }

  @Test
  void a_valid_body_is_read_and_answered() throws Exception {
    HttpResponse<String> response =
        send("POST", "/things", "{\"name\":\"a\",\"count\":2,\"tags\":[\"x\"]}");
    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(JSON.readTree(response.body()).get("count").asInt()).isEqualTo(2);
  }

  @Test
  void an_unknown_field_is_named_with_the_known_ones() throws Exception {
    HttpResponse<String> response =
        send("POST", "/things", "{\"name\":\"a\",\"count\":1,\"cuont\":2}");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(error(response).get("field").asText()).isEqualTo("cuont");
    assertThat(error(response).get("message").asText())
        .isEqualTo("unknown field 'cuont'; known fields: count, name, tags");
  }

  @Test
  void a_value_of_the_wrong_type_is_named() throws Exception {
    HttpResponse<String> response = send("POST", "/things", "{\"name\":\"a\",\"count\":\"two\"}");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(error(response).get("field").asText()).isEqualTo("count");
    assertThat(error(response).get("message").asText())
        .isEqualTo("field 'count' must be a whole number");

    HttpResponse<String> number = send("POST", "/things", "{\"name\":5}");
    assertThat(error(number).get("field").asText()).isEqualTo("name");
    assertThat(error(number).get("message").asText())
        .isEqualTo("field 'name' cannot be 5: it must be a string");
  }

  @Test
  void a_missing_required_number_is_named() throws Exception {
    HttpResponse<String> response = send("POST", "/things", "{\"name\":\"a\"}");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(error(response).get("field").asText()).isEqualTo("count");
    assertThat(error(response).get("message").asText())
        .isEqualTo("field 'count' is required: it must be a whole number");
  }

  @Test
  void malformed_json_says_where() throws Exception {
    HttpResponse<String> response = send("POST", "/things", "{\"name\": \"a\",\n \"count\": }");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(error(response).get("message").asText())
        .startsWith("malformed JSON at line 2, column");
  }

  @Test
  void a_rule_broken_in_a_record_constructor_is_a_400() throws Exception {
    HttpResponse<String> response = send("POST", "/things", "{\"name\":\" \",\"count\":1}");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(error(response).get("message").asText()).isEqualTo("name must not be blank");
  }

  @Test
  void a_refused_request_names_the_field_and_the_rule() throws Exception {
    HttpResponse<String> response = send("GET", "/refused", null);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .isEqualTo(
            "{\"error\":{\"status\":400,\"code\":\"invalid_request\","
                + "\"message\":\"start must be before end\",\"field\":\"trainingRange.start\"}}");
  }

  @Test
  void an_unexpected_failure_answers_only_an_id() throws Exception {
    HttpResponse<String> response = send("GET", "/broken", null);
    assertThat(response.statusCode()).isEqualTo(500);
    JsonNode error = error(response);
    assertThat(error.get("id").asText()).hasSize(8);
    assertThat(error.get("message").asText())
        .isEqualTo("internal error; the server log has error id " + error.get("id").asText());
    assertThat(response.body()).doesNotContain("secret internal detail").doesNotContain("at dev.");
  }

  @Test
  void an_unknown_route_is_a_json_404() throws Exception {
    HttpResponse<String> response = send("GET", "/api/v1/nothing", null);
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(error(response).get("message").asText()).isEqualTo("no route GET /api/v1/nothing");
  }

  @Test
  void health_answers_503_until_ready_and_the_openapi_document_is_served() throws Exception {
    ready = false;
    assertThat(send("GET", "/health", null).statusCode()).isEqualTo(503);
    ready = true;
    assertThat(send("GET", "/health", null).statusCode()).isEqualTo(200);
    HttpResponse<String> openApi = send("GET", "/api/v1/openapi.json", null);
    assertThat(openApi.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(openApi.body()).get("openapi").asText()).startsWith("3.");
  }
}
