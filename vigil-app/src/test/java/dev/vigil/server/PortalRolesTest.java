package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.api.ApiRoutes;
import dev.vigil.api.ApiServer;
import dev.vigil.api.security.Principal;
import dev.vigil.api.security.RequestSecurity;
import dev.vigil.api.security.Role;
import dev.vigil.config.ConfigLoader;
import dev.vigil.config.VigilConfig;
import dev.vigil.engine.data.SensorTable;
import dev.vigil.engine.synthetic.LookoutCsvWriter;
import dev.vigil.engine.synthetic.SyntheticPlant;
import dev.vigil.jobs.WorkerPool;
import dev.vigil.metrics.VigilMetrics;
import dev.vigil.objectstore.FolderObjectStore;
import dev.vigil.storage.Database;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the portal offers each role, read from the pages Vigil serves: a viewer is offered no
 * create, ingest, train, pause, restart, replay, delete nor hook; an operator all but hooks; an
 * admin everything. Every page names who is signed in and has the sign-out form, and every form,
 * every page's {@code <meta>} and htmx's headers carry the browser's CSRF token. The principal is
 * set the way the authentication filter sets it, as a request attribute.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalRolesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
  private static final String TOKEN = "csrf-token-of-this-browser-0123456789abcdefgh";
  private static final Pattern POST_FORM =
      Pattern.compile("<form method=\"post\"[^>]*>(.*?)</form>", Pattern.DOTALL);

  @TempDir static Path dataDir;

  private Database database;
  private WorkerPool workers;
  private VigilMetrics metrics;
  private List<AutoCloseable> features;
  private ApiServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start() throws Exception {
    writeHistory(dataDir.resolve("objects"));
    VigilConfig config =
        ConfigLoader.load(
            null, Map.of(), Map.of("server.port", "0", "data.dir", dataDir.toString()));
    Clock clock = Clock.fixed(START.plus(Duration.ofHours(7)), ZoneOffset.UTC);
    database = Database.open(config);
    workers = new WorkerPool(1);
    metrics = VigilMetrics.create(database);
    List<ApiRoutes> routes = new ArrayList<>();
    // As the authentication filter does: the principal is a request attribute.
    routes.add(
        config0 ->
            config0.before(
                ctx -> {
                  String role = ctx.header("X-Test-Role");
                  if (role != null) {
                    ctx.attribute(
                        RequestSecurity.PRINCIPAL_ATTRIBUTE,
                        new Principal("ana", Role.valueOf(role.toUpperCase(Locale.ROOT))));
                  }
                }));
    features =
        Features.wire(
            config,
            database,
            new FolderObjectStore(config.objectsDirectory()),
            workers,
            clock,
            routes,
            metrics,
            dev.vigil.inference.InferenceListener.NONE);
    server = new ApiServer("127.0.0.1", 0, routes, () -> true).start();

    post(
        "/api/v1/datasets",
        """
        {"name": "pump-7", "schema": {"components": [{"name": "comp01", "columns": [
          {"name": "Timestamp", "type": "DATETIME"}, {"name": "s01", "type": "DOUBLE"},
          {"name": "s02", "type": "DOUBLE"}, {"name": "s03", "type": "DOUBLE"}]}]}}""");
    post(
        "/api/v1/ingestion-jobs",
        "{\"datasetName\": \"pump-7\", \"input\": {\"bucket\": \"plant\", \"prefix\": \"history/\"}}");
    assertThat(workers.awaitIdle(Duration.ofSeconds(60))).isTrue();
    post(
        "/api/v1/models",
        "{\"name\": \"pump-7-model\", \"datasetName\": \"pump-7\", \"trainingRange\": {\"start\":"
            + " \"2024-01-01T00:00:00Z\", \"end\": \"2024-01-01T06:00:00Z\"}}");
    assertThat(workers.awaitIdle(Duration.ofSeconds(120))).isTrue();
    post(
        "/api/v1/inference-schedulers",
        """
        {"name": "pump-7-live", "modelName": "pump-7-model", "dataUploadFrequency": "PT5M",
         "input": {"bucket": "plant", "prefix": "live/"},
         "output": {"bucket": "results", "prefix": "pump-7/"}}""");
    post("/api/v1/inference-schedulers/pump-7-live/stop", null);
    post(
        "/api/v1/inference-schedulers",
        """
        {"name": "pump-7-shadow", "modelName": "pump-7-model", "dataUploadFrequency": "PT5M",
         "input": {"bucket": "plant", "prefix": "live/"},
         "output": {"bucket": "results", "prefix": "shadow/"}}""");
    post(
        "/api/v1/hooks",
        "{\"name\": \"team-chat\", \"webhook\": {\"url\": \"http://127.0.0.1:9/\"}}");
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    for (AutoCloseable feature : features == null ? List.<AutoCloseable>of() : features) {
      feature.close();
    }
    if (metrics != null) {
      metrics.close();
    }
    if (workers != null) {
      workers.close();
    }
    if (database != null) {
      database.close();
    }
  }

  /** Pages and the actions a viewer must not be offered on them. */
  private static final Map<String, List<String>> ACTIONS =
      Map.of(
          "/datasets", List.of("id=\"create-dataset\""),
          "/datasets/pump-7", List.of("id=\"ingest-form\"", "/create-model?dataset=pump-7"),
          "/models", List.of("id=\"create-model\""),
          "/models/pump-7-model", List.of("id=\"create-inference\"", "id=\"use-inference\""),
          "/models/pump-7-model?tab=versions", List.of("id=\"version-form\""),
          "/models/pump-7-model?tab=inference",
              List.of(
                  "id=\"restart-pump-7-live\"",
                  "id=\"delete-pump-7-live\"",
                  "id=\"pause-pump-7-shadow\""),
          "/inferences/pump-7-live",
              List.of(
                  "id=\"restart-pump-7-live\"",
                  "id=\"confirm-delete-pump-7-live\"",
                  "id=\"replay-form\""),
          "/hooks", List.of("id=\"hook-form\"", "id=\"test-team-chat\""));

  @Test
  void a_viewer_is_offered_no_action_on_any_page() throws Exception {
    for (Map.Entry<String, List<String>> page : ACTIONS.entrySet()) {
      String html = page(page.getKey(), "viewer");
      for (String action : page.getValue()) {
        assertThat(html).as("%s as a viewer", page.getKey()).doesNotContain(action);
      }
      assertThat(html).as(page.getKey()).contains("<span class=\"role\">viewer</span>");
    }
  }

  @Test
  void an_operator_is_offered_every_action_but_the_management_of_hooks() throws Exception {
    for (Map.Entry<String, List<String>> page : ACTIONS.entrySet()) {
      String html = page(page.getKey(), "operator");
      for (String action : page.getValue()) {
        if (action.equals("id=\"hook-form\"")) {
          assertThat(html).as("%s as an operator", page.getKey()).doesNotContain(action);
        } else {
          assertThat(html).as("%s as an operator", page.getKey()).contains(action);
        }
      }
    }
    assertThat(page("/models/pump-7-model/create-inference", "operator"))
        .contains("id=\"inference-form\"")
        .doesNotContain("id=\"new-hook\"");
    assertThat(page("/models/pump-7-model/create-inference", "admin")).contains("id=\"new-hook\"");
    assertThat(page("/hooks", "admin")).contains("id=\"hook-form\"");
  }

  @Test
  void every_page_names_who_is_signed_in_and_every_form_carries_the_csrf_token() throws Exception {
    List<String> pages = new ArrayList<>(ACTIONS.keySet());
    pages.addAll(
        List.of(
            "/",
            "/inferences",
            "/alerts",
            "/scheduler-health",
            "/create-dataset",
            "/create-model",
            "/models/pump-7-model/create-inference",
            "/models/pump-7-model/use-inference?inference=pump-7-live",
            "/models/pump-7-model?tab=evaluation",
            "/models/pump-7-model?tab=overview"));
    int forms = 0;
    for (String path : pages) {
      String html = page(path, "admin");
      assertThat(html).as(path).contains("<span class=\"user\" id=\"signed-in\">ana ");
      assertThat(html).as(path).contains("<form method=\"post\" action=\"/sign-out\"");
      assertThat(html).as(path).contains("<meta name=\"csrf-token\" content=\"" + TOKEN + "\">");
      assertThat(html)
          .as(path)
          .contains("hx-headers=\"{&quot;X-CSRF-Token&quot;: &quot;" + TOKEN + "&quot;}\"");
      Matcher form = POST_FORM.matcher(html);
      while (form.find()) {
        assertThat(form.group(1))
            .as("a form of %s", path)
            .contains("<input type=\"hidden\" name=\"_csrf\" value=\"" + TOKEN + "\">");
        forms++;
      }
    }
    assertThat(forms).isGreaterThan(25);
    // Open mode: no user, no sign-out, and the page says so.
    String open = page("/", null);
    assertThat(open).contains("Open mode").doesNotContain("action=\"/sign-out\"");
  }

  @Test
  void a_browser_without_a_csrf_cookie_gets_one_with_its_first_page() throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url("/models"))).build(),
            HttpResponse.BodyHandlers.ofString());
    String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).startsWith(RequestSecurity.CSRF_COOKIE + "=").contains("HttpOnly");
    String token = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
    assertThat(response.body()).contains("<meta name=\"csrf-token\" content=\"" + token + "\">");
  }

  @Test
  void a_model_still_training_offers_no_inference_and_its_form_says_why() throws Exception {
    // The only worker is busy: the new model's version waits, IN_PROGRESS, until it is released.
    CountDownLatch busy = new CountDownLatch(1);
    workers.submit(
        "a job ahead of the training",
        () -> {
          try {
            busy.await(60, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    try {
      post(
          "/api/v1/models",
          "{\"name\": \"pump-7-next\", \"datasetName\": \"pump-7\", \"trainingRange\":"
              + " {\"start\": \"2024-01-01T00:00:00Z\", \"end\": \"2024-01-01T06:00:00Z\"}}");
      String model = page("/models/pump-7-next?tab=inference", "admin");
      assertThat(model)
          .contains("data-status=\"IN_PROGRESS\"")
          .contains("Training")
          .contains("id=\"training-progress\"")
          .contains("hx-trigger=\"every 1s\"")
          .doesNotContain("id=\"create-inference\"")
          .doesNotContain("id=\"use-inference\"")
          .contains("An inference can be created once the model has completed training.");
      HttpResponse<String> form =
          http.send(
              HttpRequest.newBuilder(URI.create(url("/models/pump-7-next/create-inference")))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(form.statusCode()).isEqualTo(409);
      assertThat(form.body())
          .contains(
              "Model pump-7-next is training: an inference can be created once it has completed"
                  + " training.");
    } finally {
      busy.countDown();
    }
    assertThat(workers.awaitIdle(Duration.ofSeconds(120))).isTrue();
    assertThat(page("/models/pump-7-next", "admin")).contains("id=\"create-inference\"");
  }

  private String page(String path, String role) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url(path)))
            .header("Cookie", RequestSecurity.CSRF_COOKIE + "=" + TOKEN);
    if (role != null) {
      request.header("X-Test-Role", role);
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path).isEqualTo(200);
    return response.body();
  }

  private void post(String path, String body) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/json")
                .POST(
                    body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 299);
    JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  private static void writeHistory(Path objects) throws IOException {
    SyntheticPlant plant =
        SyntheticPlant.builder()
            .components(1)
            .sensorsPerComponent(3)
            .samplePeriod(Duration.ofSeconds(10))
            .start(START)
            .seed(3)
            .build();
    SensorTable data = plant.generate(7 * 360).table();
    Path folder = objects.resolve("plant/history/comp01");
    Files.createDirectories(folder);
    for (Path file : LookoutCsvWriter.write(data, Files.createTempDirectory("vigil-roles-"))) {
      Files.copy(file, folder.resolve(file.getFileName()));
    }
    Files.createDirectories(objects.resolve("results"));
  }
}
