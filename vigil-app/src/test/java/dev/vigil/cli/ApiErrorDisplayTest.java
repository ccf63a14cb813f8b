package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApiErrorDisplayTest {
  private final FakeVigil vigil;

  ApiErrorDisplayTest() throws IOException {
    vigil = new FakeVigil();
  }

  @AfterEach
  void stop() {
    vigil.close();
  }

  @Test
  void a_refused_request_prints_the_servers_message_and_field_and_exits_1() {
    vigil.respond(
        "POST",
        "/api/v1/datasets",
        400,
        "{\"error\":{\"status\":400,\"code\":\"invalid_request\","
            + "\"message\":\"a dataset name is 1 to 200 letters, digits, '-' or '_'\","
            + "\"field\":\"name\"}}");

    CliRun run =
        CliRun.of(
            "dataset",
            "create",
            "--server",
            vigil.url(),
            "--name",
            "bad name",
            "--component",
            "pump:Current");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .isEqualTo("vigil: a dataset name is 1 to 200 letters, digits, '-' or '_' (field: name)\n");
  }

  @Test
  void a_refusal_without_a_field_prints_the_message_alone() {
    vigil.respond(
        "GET",
        "/api/v1/datasets/nope",
        404,
        "{\"error\":{\"status\":404,\"code\":\"not_found\",\"message\":\"no dataset 'nope'\"}}");

    CliRun run = CliRun.of("dataset", "describe", "nope", "--server", vigil.url());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("vigil: no dataset 'nope'\n");
  }

  @Test
  void a_server_failure_prints_the_message_that_carries_the_error_id() {
    vigil.respond(
        "GET",
        "/api/v1/models",
        500,
        "{\"error\":{\"status\":500,\"code\":\"internal_error\","
            + "\"message\":\"internal error; the server log has error id 3f9a1c2e\","
            + "\"id\":\"3f9a1c2e\"}}");

    CliRun run = CliRun.of("model", "list", "--server", vigil.url());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo("vigil: internal error; the server log has error id 3f9a1c2e\n");
  }

  @Test
  void an_error_id_missing_from_the_message_is_appended() {
    vigil.respond(
        "GET",
        "/api/v1/models",
        503,
        "{\"error\":{\"status\":503,\"code\":\"unavailable\",\"message\":\"starting\","
            + "\"id\":\"77aa\"}}");

    CliRun run = CliRun.of("model", "list", "--server", vigil.url());

    assertThat(run.err()).isEqualTo("vigil: starting (error id: 77aa)\n");
  }

  @Test
  void an_error_body_that_is_not_the_apis_prints_the_status_and_the_body() {
    vigil.respond("GET", "/api/v1/datasets", 502, "<html>Bad   gateway</html>");

    CliRun run = CliRun.of("dataset", "list", "--server", vigil.url());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo("vigil: the server answered HTTP 502: <html>Bad gateway</html>\n");
  }

  @Test
  void with_json_an_error_is_still_printed_as_a_message() {
    vigil.respond(
        "GET",
        "/api/v1/datasets/nope",
        404,
        "{\"error\":{\"status\":404,\"code\":\"not_found\",\"message\":\"no dataset 'nope'\"}}");

    CliRun run = CliRun.of("dataset", "describe", "nope", "--json", "--server", vigil.url());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("vigil: no dataset 'nope'\n");
  }

  @Test
  void a_server_that_is_not_running_is_named_with_a_hint() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + port;

    CliRun run = CliRun.of("dataset", "list", "--server", url);

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .startsWith("vigil: cannot reach Vigil at " + url + ": ")
        .endsWith("; is `vigil server` running?\n");
  }

  @Test
  void a_server_url_with_a_trailing_slash_works() {
    vigil.respond("GET", "/api/v1/datasets", 200, "{\"datasets\":[]}");

    CliRun run = CliRun.of("dataset", "list", "--server", vigil.url() + "/");

    assertThat(run.exit()).isZero();
    assertThat(vigil.request().uri()).isEqualTo("/api/v1/datasets");
  }

  @Test
  void a_server_that_is_not_an_http_url_is_refused() {
    CliRun run = CliRun.of("dataset", "list", "--server", "localhost:8080");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("--server 'localhost:8080' is not an http:// or https:// URL");
  }

  @Test
  void the_server_defaults_to_the_local_one() {
    CliRun run = CliRun.of("dataset", "list", "--help");

    String expected =
        System.getenv("VIGIL_SERVER") == null
            ? ApiOptions.DEFAULT_SERVER
            : System.getenv("VIGIL_SERVER");
    assertThat(run.out()).contains("VIGIL_SERVER").contains(ApiOptions.DEFAULT_SERVER);
    assertThat(new ApiClient(expected, ApiOptions.mapper()).server()).isEqualTo(expected);
  }
}
