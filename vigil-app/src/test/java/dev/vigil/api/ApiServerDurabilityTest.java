package dev.vigil.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A request that may have changed something is made durable before it is answered: the server runs
 * its {@code makeDurable} after such a request's handler, and a failure there is the answer.
 */
class ApiServerDurabilityTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newHttpClient();
  private final AtomicInteger flushes = new AtomicInteger();
  private ApiServer server;

  private void start(Runnable makeDurable) {
    ApiRoutes routes =
        config -> {
          config.get("/things", ctx -> ctx.json(List.of("a")));
          config.post("/things", ctx -> ctx.status(201).json("made"));
          config.put("/things/a", ctx -> ctx.json("replaced"));
          config.patch("/things/a", ctx -> ctx.json("changed"));
          config.delete("/things/a", ctx -> ctx.status(204));
        };
    server =
        new ApiServer(
                "127.0.0.1",
                0,
                List.of(routes),
                () -> true,
                ctx -> {},
                RequestObserver.NONE,
                makeDurable)
            .start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> send(String method, String path)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void requestsThatMayChangeSomethingAreMadeDurableAndReadsAreNot() throws Exception {
    start(flushes::incrementAndGet);

    assertThat(send("GET", "/things").statusCode()).isEqualTo(200);
    assertThat(send("HEAD", "/things").statusCode()).isEqualTo(200);
    assertThat(flushes).as("reads").hasValue(0);

    assertThat(send("POST", "/things").statusCode()).isEqualTo(201);
    assertThat(flushes).hasValue(1);
    assertThat(send("PUT", "/things/a").statusCode()).isEqualTo(200);
    assertThat(send("PATCH", "/things/a").statusCode()).isEqualTo(200);
    assertThat(send("DELETE", "/things/a").statusCode()).isEqualTo(204);
    assertThat(flushes).hasValue(4);
  }

  @Test
  void aRefusedChangeIsMadeDurableAllTheSame() throws Exception {
    // A refusal may follow writes that are kept (a failed attempt recorded, a lockout counted).
    start(flushes::incrementAndGet);

    assertThat(send("POST", "/nowhere").statusCode()).isEqualTo(404);

    assertThat(flushes).hasValue(1);
  }

  @Test
  void whenTheChangesCannotReachTheDiskTheAnswerIsAnErrorNotASuccess() throws Exception {
    start(
        () -> {
          throw new IllegalStateException("No space left on device");
        });

    HttpResponse<String> made = send("POST", "/things");

    assertThat(made.statusCode()).isEqualTo(500);
    assertThat(JSON.readTree(made.body()).at("/error/code").asText()).isEqualTo("internal_error");
    assertThat(made.body()).doesNotContain("made");
    assertThat(send("GET", "/things").statusCode()).as("reads still answer").isEqualTo(200);
  }
}
