package dev.vigil.lookout;

import static dev.vigil.lookout.Backend.put;
import static dev.vigil.lookout.Backend.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.inference.SchedulerBodies;
import dev.vigil.request.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CreateInferenceScheduler, DescribeInferenceScheduler, UpdateInferenceScheduler, Start-, Stop- and
 * DeleteInferenceScheduler, ListInferenceSchedulers, ListInferenceExecutions and
 * ListInferenceEvents on Vigil's scheduler service, the one implementation behind both APIs.
 * Lookout's restrictions (frequencies PT5M to PT1H, a delay offset of 0 to 60 whole minutes,
 * prefixes ending in {@code /}, {@code +hh:mm} offsets, the timestamp formats and delimiters) are
 * the service model's, checked before the service sees the request; the service adds its own (only
 * a stopped scheduler is updated or deleted, one output location per scheduler). An execution is
 * one window: its data start and end are the window's. Thread-safe.
 */
final class SchedulerOperations {
  private final Backend backend;

  SchedulerOperations(Backend backend) {
    this.backend = backend;
  }

  void register(Map<String, Operation> operations) {
    operations.put("CreateInferenceScheduler", this::create);
    operations.put("DescribeInferenceScheduler", this::describe);
    operations.put("UpdateInferenceScheduler", this::update);
    operations.put("StartInferenceScheduler", input -> transition(input, true));
    operations.put("StopInferenceScheduler", input -> transition(input, false));
    operations.put("DeleteInferenceScheduler", this::delete);
    operations.put("ListInferenceSchedulers", this::list);
    operations.put("ListInferenceExecutions", this::executions);
    operations.put("ListInferenceEvents", this::events);
  }

  private ObjectNode create(JsonNode input) {
    SchedulerBodies.Create body = new SchedulerBodies.Create();
    body.name = input.get("InferenceSchedulerName").asText();
    body.modelName = input.get("ModelName").asText();
    body.dataUploadFrequency = input.get("DataUploadFrequency").asText();
    body.dataDelayOffset = delay(input);
    JsonNode inputConfiguration = input.get("DataInputConfiguration");
    if (!inputConfiguration.hasNonNull("S3InputConfiguration")) {
      throw LookoutException.validation(
          "DataInputConfiguration.S3InputConfiguration is required: Vigil reads the input files"
              + " of a scheduler from a bucket and prefix");
    }
    body.input = input(inputConfiguration);
    body.output = output(input.get("DataOutputConfiguration"));
    JsonNode scheduler = backend.tree(backend.schedulers().create(body));
    backend.remember(key(scheduler), settings(input), input.get("Tags"));
    ObjectNode output = backend.object();
    output.put("InferenceSchedulerArn", arn(scheduler));
    output.put("InferenceSchedulerName", scheduler.get("name").asText());
    output.put("Status", scheduler.get("status").asText());
    return output;
  }

  private static String delay(JsonNode input) {
    return input.hasNonNull("DataDelayOffsetInMinutes")
        ? Duration.ofMinutes(input.get("DataDelayOffsetInMinutes").asLong()).toString()
        : null;
  }

  private static SchedulerBodies.Input input(JsonNode configuration) {
    SchedulerBodies.Input input = new SchedulerBodies.Input();
    JsonNode s3 = configuration.get("S3InputConfiguration");
    if (s3 != null && !s3.isNull()) {
      input.bucket = text(s3, "Bucket");
      input.prefix = text(s3, "Prefix");
    }
    input.timeZoneOffset = text(configuration, "InputTimeZoneOffset");
    JsonNode naming = configuration.get("InferenceInputNameConfiguration");
    if (naming != null && !naming.isNull()) {
      input.timestampFormat = text(naming, "TimestampFormat");
      input.delimiter = text(naming, "ComponentTimestampDelimiter");
    }
    return input;
  }

  private static SchedulerBodies.Output output(JsonNode configuration) {
    SchedulerBodies.Output output = new SchedulerBodies.Output();
    JsonNode s3 = configuration.get("S3OutputConfiguration");
    output.bucket = text(s3, "Bucket");
    output.prefix = text(s3, "Prefix");
    return output;
  }

  /** RoleArn, ServerSideKmsKeyId and the output's KmsKeyId, as given. */
  private ObjectNode settings(JsonNode input) {
    ObjectNode settings = backend.settingsOf(input, List.of("RoleArn", "ServerSideKmsKeyId"));
    JsonNode outputKey = input.path("DataOutputConfiguration").get("KmsKeyId");
    if (outputKey != null && !outputKey.isNull()) {
      settings.set("OutputKmsKeyId", outputKey.deepCopy());
    }
    return settings;
  }

  private ObjectNode describe(JsonNode input) {
    JsonNode scheduler =
        backend.tree(backend.schedulers().describe(input.get("InferenceSchedulerName").asText()));
    ObjectNode settings = backend.store().settings(key(scheduler));
    ObjectNode output = backend.object();
    String modelName = scheduler.get("modelName").asText();
    backend.modelArn(modelName).ifPresent(arn -> output.put("ModelArn", arn));
    output.put("ModelName", modelName);
    output.put("InferenceSchedulerName", scheduler.get("name").asText());
    output.put("InferenceSchedulerArn", arn(scheduler));
    output.put("Status", scheduler.get("status").asText());
    output.put("DataDelayOffsetInMinutes", delayMinutes(scheduler));
    output.put("DataUploadFrequency", scheduler.get("dataUploadFrequency").asText());
    output.set("CreatedAt", Timestamps.node(scheduler.get("createdAt").asText()));
    output.set("UpdatedAt", Timestamps.node(scheduler.get("updatedAt").asText()));
    output.set("DataInputConfiguration", inputConfiguration(scheduler));
    output.set("DataOutputConfiguration", outputConfiguration(scheduler, settings));
    put(output, "RoleArn", text(settings, "RoleArn"));
    if (settings.hasNonNull("ServerSideKmsKeyId")) {
      output.put(
          "ServerSideKmsKeyId", backend.arns().kmsKey(settings.get("ServerSideKmsKeyId").asText()));
    }
    latestResult(scheduler).ifPresent(result -> output.put("LatestInferenceResult", result));
    return output;
  }

  private Optional<String> latestResult(JsonNode scheduler) {
    return backend.results().latestInferenceResult(scheduler.get("id").asText()).map(Enum::name);
  }

  /** Whole minutes of the delay offset: Lookout's unit (a native delay in seconds is cut). */
  private static long delayMinutes(JsonNode scheduler) {
    return Duration.parse(scheduler.get("dataDelayOffset").asText()).toMinutes();
  }

  private ObjectNode inputConfiguration(JsonNode scheduler) {
    JsonNode input = scheduler.get("input");
    ObjectNode configuration = backend.object();
    configuration
        .putObject("S3InputConfiguration")
        .put("Bucket", input.get("bucket").asText())
        .put("Prefix", input.get("prefix").asText());
    configuration.put("InputTimeZoneOffset", input.get("timeZoneOffset").asText());
    configuration
        .putObject("InferenceInputNameConfiguration")
        .put("TimestampFormat", input.get("timestampFormat").asText())
        .put("ComponentTimestampDelimiter", input.get("delimiter").asText());
    return configuration;
  }

  private ObjectNode outputConfiguration(JsonNode scheduler, ObjectNode settings) {
    JsonNode output = scheduler.get("output");
    ObjectNode configuration = backend.object();
    configuration
        .putObject("S3OutputConfiguration")
        .put("Bucket", output.get("bucket").asText())
        .put("Prefix", output.get("prefix").asText());
    put(configuration, "KmsKeyId", text(settings, "OutputKmsKeyId"));
    return configuration;
  }

  private ObjectNode update(JsonNode input) {
    String name = input.get("InferenceSchedulerName").asText();
    SchedulerBodies.Update body = new SchedulerBodies.Update();
    body.dataUploadFrequency = text(input, "DataUploadFrequency");
    body.dataDelayOffset = delay(input);
    if (input.hasNonNull("DataInputConfiguration")) {
      body.input = input(input.get("DataInputConfiguration"));
    }
    if (input.hasNonNull("DataOutputConfiguration")) {
      body.output = output(input.get("DataOutputConfiguration"));
    }
    JsonNode scheduler;
    if (body.dataUploadFrequency == null
        && body.dataDelayOffset == null
        && body.input == null
        && body.output == null) {
      // Only Lookout-only settings change: the scheduler must exist, in any state.
      scheduler = backend.tree(backend.schedulers().describe(name));
    } else {
      scheduler = backend.tree(backend.schedulers().update(name, body));
    }
    ObjectNode changes = settings(input);
    changes.remove("ServerSideKmsKeyId");
    if (!changes.isEmpty()) {
      backend.store().updateSettings(key(scheduler), changes);
    }
    return backend.object();
  }

  private ObjectNode transition(JsonNode input, boolean start) {
    String name = input.get("InferenceSchedulerName").asText();
    JsonNode scheduler =
        backend.tree(start ? backend.schedulers().start(name) : backend.schedulers().stop(name));
    ObjectNode output = backend.object();
    String modelName = scheduler.get("modelName").asText();
    backend.modelArn(modelName).ifPresent(arn -> output.put("ModelArn", arn));
    output.put("ModelName", modelName);
    output.put("InferenceSchedulerName", scheduler.get("name").asText());
    output.put("InferenceSchedulerArn", arn(scheduler));
    output.put("Status", scheduler.get("status").asText());
    return output;
  }

  private ObjectNode delete(JsonNode input) {
    String name = input.get("InferenceSchedulerName").asText();
    JsonNode scheduler = backend.tree(backend.schedulers().describe(name));
    backend.schedulers().delete(name);
    backend.store().forget(key(scheduler));
    return backend.object();
  }

  private ObjectNode list(JsonNode input) {
    String prefix = text(input, "InferenceSchedulerNameBeginsWith");
    String status = text(input, "Status");
    List<JsonNode> schedulers = new ArrayList<>();
    for (JsonNode scheduler :
        backend.tree(backend.schedulers().list(text(input, "ModelName"))).get("schedulers")) {
      if ((prefix == null || scheduler.get("name").asText().startsWith(prefix))
          && (status == null || status.equals(scheduler.get("status").asText()))) {
        schedulers.add(scheduler);
      }
    }
    Pages.Page<JsonNode> page =
        Pages.page(
            "ListInferenceSchedulers",
            schedulers,
            scheduler -> scheduler.get("name").asText(),
            input);
    Map<String, Optional<String>> modelArns = new HashMap<>();
    ObjectNode output = backend.object();
    ArrayNode summaries = output.putArray("InferenceSchedulerSummaries");
    for (JsonNode scheduler : page.items()) {
      String modelName = scheduler.get("modelName").asText();
      ObjectNode summary = summaries.addObject();
      summary.put("ModelName", modelName);
      modelArns
          .computeIfAbsent(modelName, backend::modelArn)
          .ifPresent(arn -> summary.put("ModelArn", arn));
      summary.put("InferenceSchedulerName", scheduler.get("name").asText());
      summary.put("InferenceSchedulerArn", arn(scheduler));
      summary.put("Status", scheduler.get("status").asText());
      summary.put("DataDelayOffsetInMinutes", delayMinutes(scheduler));
      summary.put("DataUploadFrequency", scheduler.get("dataUploadFrequency").asText());
      latestResult(scheduler).ifPresent(result -> summary.put("LatestInferenceResult", result));
    }
    put(output, "NextToken", page.nextToken());
    return output;
  }

  /** The executions of a scheduler, newest first; none for an unknown scheduler, as in Lookout. */
  private ObjectNode executions(JsonNode input) {
    String name = input.get("InferenceSchedulerName").asText();
    ObjectNode output = backend.object();
    ArrayNode summaries = output.putArray("InferenceExecutionSummaries");
    JsonNode scheduler;
    JsonNode executions;
    try {
      scheduler = backend.tree(backend.schedulers().describe(name));
      executions = backend.tree(backend.results().executions(name, null, null)).get("executions");
    } catch (NotFoundException e) {
      return output;
    }
    Instant after =
        input.hasNonNull("DataStartTimeAfter")
            ? Timestamps.instant(input.get("DataStartTimeAfter"))
            : null;
    Instant before =
        input.hasNonNull("DataEndTimeBefore")
            ? Timestamps.instant(input.get("DataEndTimeBefore"))
            : null;
    String status = text(input, "Status");
    List<JsonNode> selected = new ArrayList<>();
    for (JsonNode execution : executions) {
      Instant start = Instant.parse(execution.get("windowStart").asText());
      Instant end = Instant.parse(execution.get("windowEnd").asText());
      if ((after == null || !start.isBefore(after))
          && (before == null || !end.isAfter(before))
          && (status == null || status.equals(execution.get("status").asText()))) {
        selected.add(execution);
      }
    }
    Pages.Page<JsonNode> page =
        Pages.page(
            "ListInferenceExecutions",
            selected,
            execution ->
                Pages.sortable(-Instant.parse(execution.get("windowEnd").asText()).toEpochMilli()),
            input);
    ObjectNode settings = backend.store().settings(key(scheduler));
    Map<String, Optional<String>> modelIds = new HashMap<>();
    for (JsonNode execution : page.items()) {
      String modelName = execution.get("modelName").asText();
      long version = execution.get("modelVersion").asLong();
      Optional<String> modelId = modelIds.computeIfAbsent(modelName, backend::modelId);
      ObjectNode summary = summaries.addObject();
      summary.put("ModelName", modelName);
      modelId.ifPresent(
          id -> summary.put("ModelArn", backend.arns().of(ResourceKind.MODEL, modelName, id)));
      summary.put("InferenceSchedulerName", scheduler.get("name").asText());
      summary.put("InferenceSchedulerArn", arn(scheduler));
      summary.set("ScheduledStartTime", Timestamps.node(execution.get("scheduledStart").asText()));
      summary.set("DataStartTime", Timestamps.node(execution.get("windowStart").asText()));
      summary.set("DataEndTime", Timestamps.node(execution.get("windowEnd").asText()));
      summary.set("DataInputConfiguration", inputConfiguration(scheduler));
      summary.set("DataOutputConfiguration", outputConfiguration(scheduler, settings));
      if (execution.hasNonNull("resultObject")) {
        summary
            .putObject("CustomerResultObject")
            .put("Bucket", execution.at("/resultObject/bucket").asText())
            .put("Key", execution.at("/resultObject/key").asText());
      }
      summary.put("Status", execution.get("status").asText());
      put(summary, "FailedReason", text(execution, "failedReason"));
      summary.put("ModelVersion", version);
      modelId.ifPresent(
          id ->
              summary.put("ModelVersionArn", backend.arns().modelVersion(modelName, id, version)));
    }
    put(output, "NextToken", page.nextToken());
    return output;
  }

  private ObjectNode events(JsonNode input) {
    String name = input.get("InferenceSchedulerName").asText();
    JsonNode scheduler = backend.tree(backend.schedulers().describe(name));
    Instant from = Timestamps.instant(input.get("IntervalStartTime"));
    Instant to = Timestamps.instant(input.get("IntervalEndTime"));
    if (!to.isAfter(from)) {
      throw LookoutException.validation(
          "IntervalEndTime (" + to + ") must be after IntervalStartTime (" + from + ")");
    }
    JsonNode events =
        backend.tree(backend.results().events(name, from.toString(), to.toString())).get("events");
    List<JsonNode> all = new ArrayList<>();
    events.forEach(all::add);
    Pages.Page<JsonNode> page =
        Pages.page(
            "ListInferenceEvents",
            all,
            event -> Pages.sortable(Instant.parse(event.get("start").asText()).toEpochMilli()),
            input);
    ObjectNode output = backend.object();
    ArrayNode summaries = output.putArray("InferenceEventSummaries");
    for (JsonNode event : page.items()) {
      ObjectNode summary = summaries.addObject();
      summary.put("InferenceSchedulerArn", arn(scheduler));
      summary.put("InferenceSchedulerName", scheduler.get("name").asText());
      summary.set("EventStartTime", Timestamps.node(event.get("start").asText()));
      summary.set("EventEndTime", Timestamps.node(event.get("end").asText()));
      summary.put("Diagnostics", event.get("diagnostics").toString());
      summary.put("EventDurationInSeconds", event.get("durationSeconds").asLong());
    }
    put(output, "NextToken", page.nextToken());
    return output;
  }

  private String arn(JsonNode scheduler) {
    return backend.schedulerArn(scheduler.get("name").asText(), scheduler.get("id").asText());
  }

  private static LookoutStore.Key key(JsonNode scheduler) {
    return new LookoutStore.Key(ResourceKind.INFERENCE_SCHEDULER, scheduler.get("id").asText());
  }
}
