package dev.vigil.inference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inference schedulers API end to end: a real HTTP server with the scheduler and model routes,
 * a real H2 database, real trained models, a fixed clock, and a recording stand-in for the
 * execution engine, which is built in parallel.
 */
class SchedulerApiTest {
  private static final Instant NOW = Instant.parse("2026-01-01T10:02:30Z");
  private static final String PATH = "/api/v1/inference-schedulers";

  @TempDir static Path directory;

  private static SchedulerTestServer vigil;

  private final ObjectMapper json = Json.mapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startVigil() {
    vigil = new SchedulerTestServer(directory, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterAll
  static void stopVigil() {
    vigil.close();
  }

  @BeforeEach
  void withoutSchedulers() {
    vigil.deleteSchedulers();
    vigil.restart();
  }

  private record Response(int status, JsonNode body) {
    String error() {
      return body.at("/error/message").asText();
    }

    String field() {
      return body.at("/error/field").asText(null);
    }
  }

  private Response send(String method, String path, Object body) throws Exception {
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(
                body instanceof String text ? text : json.writeValueAsString(body));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(vigil.url() + path))
            .method(method, publisher)
            .header("Content-Type", "application/json")
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    JsonNode parsed = response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
    return new Response(response.statusCode(), parsed);
  }

  private ObjectNode createBody(String name, String outputPrefix) {
    ObjectNode body = json.createObjectNode();
    body.put("name", name);
    body.put("modelName", "pump-model");
    body.put("dataUploadFrequency", "PT5M");
    body.put("dataDelayOffset", "PT2M");
    ObjectNode input = body.putObject("input");
    input.put("bucket", "plant-data");
    input.put("prefix", "pump-7/");
    ObjectNode output = body.putObject("output");
    output.put("bucket", "plant-results");
    output.put("prefix", outputPrefix);
    return body;
  }

  private JsonNode create(String name) throws Exception {
    Response created = send("POST", PATH, createBody(name, name + "/"));
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    return created.body();
  }

  private JsonNode describe(String name) throws Exception {
    Response described = send("GET", PATH + "/" + name, null);
    assertThat(described.status()).isEqualTo(200);
    return described.body();
  }

  private JsonNode stopped(String name) throws Exception {
    Response stop = send("POST", PATH + "/" + name + "/stop", null);
    assertThat(stop.status()).isEqualTo(200);
    assertThat(stop.body().get("status").asText()).isEqualTo("STOPPED");
    return stop.body();
  }

  @Test
  void creatingASchedulerStartsItPendingWithTheFirstAlignedWindowAndTheActiveVersion()
      throws Exception {
    JsonNode scheduler = create("pump-7-live");

    assertThat(scheduler.get("name").asText()).isEqualTo("pump-7-live");
    assertThat(scheduler.get("modelName").asText()).isEqualTo("pump-model");
    assertThat(scheduler.get("modelVersion").asInt()).isEqualTo(2);
    assertThat(scheduler.get("datasetName").asText()).isEqualTo("pump-7");
    assertThat(scheduler.get("status").asText()).isEqualTo("PENDING");
    assertThat(scheduler.get("portalStatus").asText()).isEqualTo("Active");
    assertThat(scheduler.has("stopReason")).isFalse();
    assertThat(scheduler.get("dataUploadFrequency").asText()).isEqualTo("PT5M");
    assertThat(scheduler.get("dataDelayOffset").asText()).isEqualTo("PT2M");
    assertThat(scheduler.get("startTime").asText()).isEqualTo(NOW.toString());
    assertThat(scheduler.get("firstWindow"))
        .isEqualTo(
            json.readTree(
                "{\"start\":\"2026-01-01T10:05:00Z\",\"end\":\"2026-01-01T10:10:00Z\","
                    + "\"wake\":\"2026-01-01T10:12:00Z\"}"));
    assertThat(scheduler.get("nextWindow")).isEqualTo(scheduler.get("firstWindow"));
    assertThat(scheduler.get("input"))
        .isEqualTo(
            json.readTree(
                "{\"bucket\":\"plant-data\",\"prefix\":\"pump-7/\",\"timeZoneOffset\":\"+00:00\","
                    + "\"timestampFormat\":\"yyyyMMddHHmmss\",\"delimiter\":\"_\"}"));
    assertThat(scheduler.get("output"))
        .isEqualTo(json.readTree("{\"bucket\":\"plant-results\",\"prefix\":\"pump-7-live/\"}"));
    assertThat(scheduler.get("createdAt").asText()).isEqualTo(NOW.toString());

    assertThat(vigil.engine().calls()).containsExactly("schedule pump-7-live");
    SchedulerDefinition definition = vigil.engine().lastScheduled();
    assertThat(definition.id()).isEqualTo(scheduler.get("id").asText());
    assertThat(definition.modelName()).isEqualTo("pump-model");
    assertThat(definition.modelVersion()).isEqualTo(2);
    assertThat(definition.schedule().first().start())
        .isEqualTo(Instant.parse("2026-01-01T10:05:00Z"));
    assertThat(definition.inputBucket()).isEqualTo("plant-data");
    assertThat(definition.inputPrefix()).isEqualTo("pump-7/");
    assertThat(definition.naming()).isEqualTo(FileNaming.of(null, null, InputTimeZone.UTC));
    assertThat(definition.outputPrefix()).isEqualTo("pump-7-live/");
  }

  @Test
  void aLaterStartTimeAnExplicitVersionAndLookoutsFileNamingAreKept() throws Exception {
    ObjectNode body = createBody("streaming", "streaming/");
    body.put("modelVersion", 1);
    body.put("dataUploadFrequency", "PT15M");
    body.remove("dataDelayOffset");
    body.put("startTime", "2026-01-01T13:07:00+02:00");
    ObjectNode input = (ObjectNode) body.get("input");
    input.put("timeZoneOffset", "+05:30");
    input.put("timestampFormat", "EPOCH");
    input.put("delimiter", " ");

    Response created = send("POST", PATH, body);

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body().get("modelVersion").asInt()).isEqualTo(1);
    assertThat(created.body().get("dataDelayOffset").asText()).isEqualTo("PT0S");
    assertThat(created.body().get("startTime").asText()).isEqualTo("2026-01-01T11:07:00Z");
    assertThat(created.body().at("/firstWindow/start").asText()).isEqualTo("2026-01-01T11:15:00Z");
    assertThat(created.body().at("/firstWindow/wake").asText()).isEqualTo("2026-01-01T11:30:00Z");
    assertThat(created.body().at("/input/timeZoneOffset").asText()).isEqualTo("+05:30");
    assertThat(created.body().at("/input/timestampFormat").asText()).isEqualTo("EPOCH");
    assertThat(created.body().at("/input/delimiter").asText()).isEqualTo(" ");

    Response streaming = send("POST", PATH, createBody("every-second", "every-second/"));
    assertThat(streaming.status()).isEqualTo(201);
    ObjectNode seconds = createBody("every-ten-seconds", "every-ten-seconds/");
    seconds.put("dataUploadFrequency", "PT10S");
    seconds.put("dataDelayOffset", "PT3S");
    Response tenSeconds = send("POST", PATH, seconds);
    assertThat(tenSeconds.status()).isEqualTo(201);
    assertThat(tenSeconds.body().get("firstWindow"))
        .isEqualTo(
            json.readTree(
                "{\"start\":\"2026-01-01T10:02:30Z\",\"end\":\"2026-01-01T10:02:40Z\","
                    + "\"wake\":\"2026-01-01T10:02:43Z\"}"));
  }

  @Test
  void schedulersAreListedInNameOrderFilteredByModelAndDescribedWithTheirPortalStatus()
      throws Exception {
    create("b-scheduler");
    create("a-scheduler");
    ObjectNode other = createBody("c-scheduler", "c/");
    other.put("modelName", "fan-model");
    assertThat(send("POST", PATH, other).status()).isEqualTo(201);
    stopped("a-scheduler");

    JsonNode all = send("GET", PATH, null).body().get("schedulers");
    assertThat(all.findValuesAsText("name"))
        .containsExactly("a-scheduler", "b-scheduler", "c-scheduler");
    assertThat(all.findValuesAsText("portalStatus"))
        .containsExactly("User pause", "Active", "Active");
    JsonNode fans = send("GET", PATH + "?modelName=fan-model", null).body().get("schedulers");
    assertThat(fans.findValuesAsText("name")).containsExactly("c-scheduler");
    assertThat(fans.get(0).get("datasetName").asText()).isEqualTo("fan-3");

    JsonNode paused = describe("a-scheduler");
    assertThat(paused.get("status").asText()).isEqualTo("STOPPED");
    assertThat(paused.get("stopReason").asText()).isEqualTo("USER");
    assertThat(paused.get("portalStatus").asText()).isEqualTo("User pause");
    assertThat(paused.has("nextWindow")).isFalse();
    assertThat(paused.has("firstWindow")).isTrue();

    Response missing = send("GET", PATH + "/nope", null);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.error()).isEqualTo("inference scheduler 'nope' does not exist");
  }

  private void assertRefused(Consumer<ObjectNode> change, int status, String field, String message)
      throws Exception {
    ObjectNode body = createBody("refused", "refused/");
    change.accept(body);
    Response response = send("POST", PATH, body);
    assertThat(response.status()).as(response.body().toString()).isEqualTo(status);
    assertThat(response.field()).as(response.body().toString()).isEqualTo(field);
    assertThat(response.error()).isEqualTo(message);
  }

  @Test
  void everyInvalidCreateIsRefusedNamingTheFieldAndTheRule() throws Exception {
    assertRefused(
        body -> body.put("name", "pump 7!"),
        400,
        "name",
        "name 'pump 7!' is not valid: use 1 to 200 letters, digits, '_' and '-'");
    assertRefused(
        body -> body.put("name", "x".repeat(201)),
        400,
        "name",
        "name '" + "x".repeat(201) + "' is not valid: use 1 to 200 letters, digits, '_' and '-'");
    assertRefused(body -> body.remove("name"), 400, "name", "field 'name' is required");
    assertRefused(
        body -> body.remove("modelName"), 400, "modelName", "field 'modelName' is required");
    assertRefused(
        body -> body.remove("dataUploadFrequency"),
        400,
        "dataUploadFrequency",
        "field 'dataUploadFrequency' is required");
    assertRefused(
        body -> body.put("dataUploadFrequency", "PT7S"),
        400,
        "dataUploadFrequency",
        "data upload frequency 'PT7S' is not supported (a day of 86400 seconds is not a whole"
            + " number of 7-second windows): use PT5M, PT10M, PT15M, PT30M, PT1H or any whole"
            + " number of seconds from PT1S to P1D that divides a day evenly, such as PT1S, PT30S,"
            + " PT90S or PT2H");
    assertRefused(
        body -> body.put("dataDelayOffset", "soon"),
        400,
        "dataDelayOffset",
        "data delay offset 'soon' is not an ISO-8601 duration such as PT2M");
    assertRefused(
        body -> body.put("dataDelayOffset", "PT2H"),
        400,
        "dataDelayOffset",
        "data delay offset PT2H is not supported with data upload frequency PT5M: use a whole"
            + " number of seconds from PT0S to PT1H");
    assertRefused(
        body -> body.put("startTime", "2026-01-01T10:00:00Z"),
        400,
        "startTime",
        "start time 2026-01-01T10:00:00Z is in the past (it is now 2026-01-01T10:02:30Z): use a"
            + " start time at or after now");
    assertRefused(
        body -> body.put("startTime", "tomorrow"),
        400,
        "startTime",
        "start time 'tomorrow' is not an ISO-8601 timestamp with a zone, such as"
            + " 2026-01-01T10:00:00Z");
    assertRefused(body -> body.remove("input"), 400, "input", "field 'input' is required");
    assertRefused(
        body -> ((ObjectNode) body.get("input")).remove("bucket"),
        400,
        "input.bucket",
        "field 'input.bucket' is required");
    assertRefused(
        body -> ((ObjectNode) body.get("input")).put("bucket", "Plant_Data"),
        400,
        "input.bucket",
        "bucket 'Plant_Data' is not a valid bucket name (3 to 63 lower-case letters, digits, dots"
            + " and dashes)");
    assertRefused(
        body -> ((ObjectNode) body.get("input")).put("prefix", "../other/"),
        400,
        "input.prefix",
        "key '../other/' must not contain '.' or '..' segments");
    assertRefused(
        body -> ((ObjectNode) body.get("input")).put("prefix", "pump-7"),
        400,
        "input.prefix",
        "input prefix 'pump-7' is not a folder: it must be empty or end with '/', such as"
            + " 'pump-7/'");
    assertRefused(
        body -> ((ObjectNode) body.get("input")).put("timeZoneOffset", "+5"),
        400,
        "input.timeZoneOffset",
        "input time zone offset '+5' is not valid: use +hh:mm or -hh:mm from -12:00 to +14:00,"
            + " for example +05:30");
    assertRefused(
        body -> ((ObjectNode) body.get("input")).put("timestampFormat", "yyyy"),
        400,
        "input.timestampFormat",
        "timestamp format 'yyyy' is not supported: use yyyyMMddHHmmss, yyyy-MM-dd-HH-mm-ss or"
            + " EPOCH");
    assertRefused(
        body -> ((ObjectNode) body.get("input")).put("delimiter", "/"),
        400,
        "input.delimiter",
        "component timestamp delimiter '/' is not supported: use '_', '-', one white-space"
            + " character such as ' ', or nothing");
    assertRefused(body -> body.remove("output"), 400, "output", "field 'output' is required");
    assertRefused(
        body -> ((ObjectNode) body.get("output")).put("prefix", "results"),
        400,
        "output.prefix",
        "output prefix 'results' is not a folder: it must be empty or end with '/', such as"
            + " 'results/'");
    assertRefused(
        body -> body.put("colour", "red"),
        400,
        "colour",
        "unknown field 'colour'; known fields: dataDelayOffset, dataUploadFrequency, input,"
            + " modelName, modelVersion, name, output, startTime");
    assertRefused(body -> body.put("modelName", "nope"), 404, null, "model 'nope' does not exist");
    assertRefused(
        body -> body.put("modelName", "untrained"),
        409,
        null,
        "model 'untrained' has no version that trained successfully; wait until one has");
    assertRefused(
        body -> body.put("modelVersion", 9),
        400,
        "modelVersion",
        "model 'pump-model' has no version 9");
    assertRefused(
        body -> body.put("modelVersion", 3),
        400,
        "modelVersion",
        "version 3 of model 'pump-model' is FAILED: only a version that trained successfully"
            + " (SUCCESS) can run");

    create("taken");
    assertRefused(
        body -> body.put("name", "taken"), 409, null, "inference scheduler 'taken' already exists");
    assertRefused(
        body -> ((ObjectNode) body.get("output")).put("prefix", "taken/"),
        409,
        null,
        "output location 'plant-results/taken/' is the output of inference scheduler 'taken':"
            + " give each scheduler its own output prefix");
    assertThat(vigil.engine().calls()).containsExactly("schedule taken");
    assertThat(send("GET", PATH, null).body().get("schedulers").findValuesAsText("name"))
        .containsExactly("taken");
  }

  @Test
  void stoppingARunningSchedulerWaitsForItsExecutionAndAnIdleOneStopsAtOnce() throws Exception {
    String busy = create("busy").get("id").asText();
    String idle = create("idle").get("id").asText();
    vigil.service().markRunning(busy);
    assertThat(describe("busy").get("status").asText()).isEqualTo("RUNNING");
    vigil.engine().setRunning(busy, true);

    Response stopping = send("POST", PATH + "/busy/stop", null);
    assertThat(stopping.status()).isEqualTo(200);
    assertThat(stopping.body().get("status").asText()).isEqualTo("STOPPING");
    assertThat(stopping.body().get("portalStatus").asText()).isEqualTo("Active");
    assertThat(send("POST", PATH + "/busy/stop", null).error())
        .isEqualTo(
            "inference scheduler 'busy' is already stopping: its execution in flight is"
                + " finishing");
    assertThat(vigil.service().active())
        .extracting(SchedulerDefinition::name)
        .containsExactly("busy", "idle");

    vigil.service().markStopped(busy);
    JsonNode stopped = describe("busy");
    assertThat(stopped.get("status").asText()).isEqualTo("STOPPED");
    assertThat(stopped.get("stopReason").asText()).isEqualTo("USER");
    assertThat(stopped.get("portalStatus").asText()).isEqualTo("User pause");

    JsonNode idleStopped = stopped("idle");
    assertThat(idleStopped.get("portalStatus").asText()).isEqualTo("User pause");
    assertThat(vigil.engine().calls())
        .containsExactly(
            "schedule busy", "schedule idle", "unschedule " + busy, "unschedule " + idle);
    Response again = send("POST", PATH + "/idle/stop", null);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.error()).isEqualTo("inference scheduler 'idle' is already stopped");
    assertThat(vigil.service().active()).isEmpty();
  }

  @Test
  void onlyAStoppedSchedulerStartsAndItIsPendingAndScheduledAgain() throws Exception {
    String id = create("restartable").get("id").asText();
    Response notStopped = send("POST", PATH + "/restartable/start", null);
    assertThat(notStopped.status()).isEqualTo(409);
    assertThat(notStopped.error())
        .isEqualTo(
            "inference scheduler 'restartable' is PENDING: only a stopped scheduler can be"
                + " started; stop it first");

    stopped("restartable");
    Response started = send("POST", PATH + "/restartable/start", null);

    assertThat(started.status()).isEqualTo(200);
    assertThat(started.body().get("status").asText()).isEqualTo("PENDING");
    assertThat(started.body().get("portalStatus").asText()).isEqualTo("Active");
    assertThat(started.body().has("stopReason")).isFalse();
    assertThat(started.body().get("firstWindow").get("start").asText())
        .isEqualTo("2026-01-01T10:05:00Z");
    assertThat(vigil.engine().calls())
        .containsExactly("schedule restartable", "unschedule " + id, "schedule restartable");
    assertThat(send("POST", PATH + "/nope/start", null).status()).isEqualTo(404);
  }

  @Test
  void onlyAStoppedSchedulerIsUpdatedAndASettingsUpdateLeavesItStopped() throws Exception {
    create("tuned");
    ObjectNode update = json.createObjectNode();
    update.put("dataDelayOffset", "PT1M");
    Response running = send("PUT", PATH + "/tuned", update);
    assertThat(running.status()).isEqualTo(409);
    assertThat(running.error())
        .isEqualTo(
            "inference scheduler 'tuned' is PENDING: only a stopped scheduler can be updated;"
                + " stop it first");

    stopped("tuned");
    update.put("dataUploadFrequency", "PT10M");
    update.putObject("input").put("timestampFormat", "yyyy-MM-dd-HH-mm-ss");
    update.putObject("output").put("prefix", "tuned-v2/");
    Response updated = send("PUT", PATH + "/tuned", update);

    assertThat(updated.status()).as(updated.body().toString()).isEqualTo(200);
    JsonNode scheduler = updated.body();
    assertThat(scheduler.get("status").asText()).isEqualTo("STOPPED");
    assertThat(scheduler.get("portalStatus").asText()).isEqualTo("User pause");
    assertThat(scheduler.get("dataUploadFrequency").asText()).isEqualTo("PT10M");
    assertThat(scheduler.get("dataDelayOffset").asText()).isEqualTo("PT1M");
    assertThat(scheduler.get("firstWindow"))
        .isEqualTo(
            json.readTree(
                "{\"start\":\"2026-01-01T10:10:00Z\",\"end\":\"2026-01-01T10:20:00Z\","
                    + "\"wake\":\"2026-01-01T10:21:00Z\"}"));
    assertThat(scheduler.at("/input/bucket").asText()).isEqualTo("plant-data");
    assertThat(scheduler.at("/input/prefix").asText()).isEqualTo("pump-7/");
    assertThat(scheduler.at("/input/timestampFormat").asText()).isEqualTo("yyyy-MM-dd-HH-mm-ss");
    assertThat(scheduler.at("/output").toString())
        .isEqualTo("{\"bucket\":\"plant-results\",\"prefix\":\"tuned-v2/\"}");
    assertThat(describe("tuned")).isEqualTo(scheduler);
    assertThat(vigil.engine().calls()).hasSize(2);

    Response nothing = send("PUT", PATH + "/tuned", "{}");
    assertThat(nothing.status()).isEqualTo(400);
    assertThat(nothing.error())
        .isEqualTo(
            "the update changes nothing: give at least one of modelName, modelVersion,"
                + " dataUploadFrequency, dataDelayOffset, input, output");
    ObjectNode badDelay = json.createObjectNode();
    badDelay.put("dataDelayOffset", "PT2H");
    badDelay.put("dataUploadFrequency", "PT5M");
    Response refused = send("PUT", PATH + "/tuned", badDelay);
    assertThat(refused.field()).isEqualTo("dataDelayOffset");
    assertThat(describe("tuned").get("dataUploadFrequency").asText()).isEqualTo("PT10M");
  }

  @Test
  void aModelSwapRestartsTheSchedulerAtOnceAndAModelOfAnotherDatasetIsRefused() throws Exception {
    String id = create("swapped").get("id").asText();
    stopped("swapped");

    ObjectNode otherDataset = json.createObjectNode();
    otherDataset.put("modelName", "fan-model");
    Response refused = send("PUT", PATH + "/swapped", otherDataset);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.field()).isEqualTo("modelName");
    assertThat(refused.error())
        .isEqualTo(
            "model 'fan-model' learns dataset 'fan-3', not dataset 'pump-7' of inference"
                + " scheduler 'swapped': a scheduler can only swap to a version of its model or to"
                + " another model of its dataset");
    ObjectNode failedVersion = json.createObjectNode();
    failedVersion.put("modelVersion", 3);
    assertThat(send("PUT", PATH + "/swapped", failedVersion).field()).isEqualTo("modelVersion");
    ObjectNode unknown = json.createObjectNode();
    unknown.put("modelName", "nope");
    Response unknownModel = send("PUT", PATH + "/swapped", unknown);
    assertThat(unknownModel.status()).isEqualTo(400);
    assertThat(unknownModel.field()).isEqualTo("modelName");
    assertThat(unknownModel.error()).isEqualTo("model 'nope' does not exist");
    assertThat(describe("swapped").get("status").asText()).isEqualTo("STOPPED");

    ObjectNode version1 = json.createObjectNode();
    version1.put("modelVersion", 1);
    Response swapped = send("PUT", PATH + "/swapped", version1);
    assertThat(swapped.status()).isEqualTo(200);
    assertThat(swapped.body().get("modelVersion").asInt()).isEqualTo(1);
    assertThat(swapped.body().get("status").asText()).isEqualTo("PENDING");
    assertThat(swapped.body().get("portalStatus").asText()).isEqualTo("Active");
    assertThat(vigil.engine().lastScheduled().modelVersion()).isEqualTo(1);
    assertThat(vigil.engine().lastScheduled().id()).isEqualTo(id);

    stopped("swapped");
    ObjectNode otherModel = json.createObjectNode();
    otherModel.put("modelName", "pump-model-b");
    Response toOtherModel = send("PUT", PATH + "/swapped", otherModel);
    assertThat(toOtherModel.status()).isEqualTo(200);
    assertThat(toOtherModel.body().get("modelName").asText()).isEqualTo("pump-model-b");
    assertThat(toOtherModel.body().get("modelVersion").asInt()).isEqualTo(1);
    assertThat(toOtherModel.body().get("datasetName").asText()).isEqualTo("pump-7");
    assertThat(toOtherModel.body().get("status").asText()).isEqualTo("PENDING");
    assertThat(vigil.engine().lastScheduled().modelName()).isEqualTo("pump-model-b");
    assertThat(vigil.engine().calls())
        .containsExactly(
            "schedule swapped",
            "unschedule " + id,
            "schedule swapped",
            "unschedule " + id,
            "schedule swapped");
    assertThat(send("GET", PATH + "?modelName=pump-model-b", null).body().get("schedulers"))
        .hasSize(1);
  }

  @Test
  void onlyAStoppedSchedulerIsDeletedAndItsNameCanBeUsedAgain() throws Exception {
    String id = create("removed").get("id").asText();
    Response running = send("DELETE", PATH + "/removed", null);
    assertThat(running.status()).isEqualTo(409);
    assertThat(running.error())
        .isEqualTo(
            "inference scheduler 'removed' is PENDING: only a stopped scheduler can be deleted;"
                + " stop it first");

    stopped("removed");
    assertThat(send("DELETE", PATH + "/removed", null).status()).isEqualTo(204);

    assertThat(send("GET", PATH + "/removed", null).status()).isEqualTo(404);
    assertThat(send("DELETE", PATH + "/removed", null).status()).isEqualTo(404);
    assertThat(vigil.engine().calls())
        .containsExactly("schedule removed", "unschedule " + id, "unschedule " + id);
    assertThat(vigil.service().find(id)).isEmpty();
    assertThat(create("removed").get("id").asText()).isNotEqualTo(id);
  }

  @Test
  void aSystemPauseShowsItsReasonAndARestartClearsIt() throws Exception {
    String id = create("failing").get("id").asText();
    vigil.service().markRunning(id);
    String reason = "5 executions failed in a row; the last one: no input file for window X";

    vigil.service().pauseBySystem(id, reason);

    JsonNode paused = describe("failing");
    assertThat(paused.get("status").asText()).isEqualTo("STOPPED");
    assertThat(paused.get("stopReason").asText()).isEqualTo("SYSTEM");
    assertThat(paused.get("stopDetail").asText()).isEqualTo(reason);
    assertThat(paused.get("portalStatus").asText()).isEqualTo("System pause");
    assertThat(vigil.service().active()).isEmpty();
    assertThat(vigil.pauses())
        .singleElement()
        .satisfies(
            pause -> {
              assertThat(pause.schedulerName()).isEqualTo("failing");
              assertThat(pause.reason()).isEqualTo(reason);
            });
    // A second pause of a scheduler already paused changes nothing and is not heard of.
    vigil.service().pauseBySystem(id, reason);
    assertThat(vigil.pauses()).hasSize(1);
    vigil.service().markRunning(id);
    vigil.service().markStopped(id);
    assertThat(describe("failing").get("portalStatus").asText()).isEqualTo("System pause");

    JsonNode restarted = send("POST", PATH + "/failing/start", null).body();
    assertThat(restarted.get("status").asText()).isEqualTo("PENDING");
    assertThat(restarted.has("stopDetail")).isFalse();
  }

  @Test
  void schedulersKeepTheirStatusAcrossARestartOfTheService() throws Exception {
    String running = create("survivor").get("id").asText();
    vigil.service().markRunning(running);
    String paused = create("paused").get("id").asText();
    stopped("paused");
    String failed = create("failed").get("id").asText();
    vigil.service().pauseBySystem(failed, "no data");
    JsonNode before = send("GET", PATH, null).body();

    vigil.restart();

    assertThat(send("GET", PATH, null).body()).isEqualTo(before);
    assertThat(describe("survivor").get("status").asText()).isEqualTo("RUNNING");
    assertThat(describe("paused").get("portalStatus").asText()).isEqualTo("User pause");
    assertThat(describe("failed").get("stopDetail").asText()).isEqualTo("no data");
    List<SchedulerDefinition> active = vigil.service().active();
    assertThat(active).extracting(SchedulerDefinition::id).containsExactly(running);
    assertThat(active.get(0).schedule().first().start())
        .isEqualTo(Instant.parse("2026-01-01T10:05:00Z"));
    assertThat(vigil.service().find(paused).orElseThrow().name()).isEqualTo("paused");
    assertThat(vigil.engine().calls()).isEmpty();
  }

  @Test
  void a_stop_left_unfinished_by_a_crash_ends_in_a_user_pause_at_the_next_start() throws Exception {
    String busy = create("crashed").get("id").asText();
    vigil.service().markRunning(busy);
    vigil.engine().setRunning(busy, true);
    assertThat(send("POST", PATH + "/crashed/stop", null).body().get("status").asText())
        .isEqualTo("STOPPING");
    assertThat(vigil.service().stopRequested(busy)).isTrue();

    // Vigil died before the window in flight finished; at start-up nothing runs any more.
    vigil.service().finishInterruptedStops();

    JsonNode stopped = describe("crashed");
    assertThat(stopped.get("status").asText()).isEqualTo("STOPPED");
    assertThat(stopped.get("portalStatus").asText()).isEqualTo("User pause");
    assertThat(vigil.service().active()).extracting(SchedulerDefinition::name).isEmpty();
  }
}
