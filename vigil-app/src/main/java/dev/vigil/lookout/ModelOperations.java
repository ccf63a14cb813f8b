package dev.vigil.lookout;

import static dev.vigil.lookout.Backend.put;
import static dev.vigil.lookout.Backend.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.dataset.Dataset;
import dev.vigil.dataset.DatasetInfo;
import dev.vigil.dataset.DatasetSchema;
import dev.vigil.model.RequestBodies;
import dev.vigil.request.InvalidRequestException;
import dev.vigil.request.NotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CreateModel, DescribeModel, ListModels, DeleteModel, UpdateModel, DescribeModelVersion,
 * ListModelVersions and UpdateActiveModelVersion on Vigil's models.
 *
 * <p>Translation: training times default to the dataset's whole data range, as in Lookout; the
 * evaluation range needs both its times. {@code LabelsInputConfiguration} becomes the model's label
 * group or label files; {@code TargetSamplingRate} its sampling rate. Vigil trains on every sensor
 * of the dataset, so a {@code DatasetSchema} must name them all. RoleArn, KMS key ids and the
 * diagnostics output are kept as Lookout-only settings. Every version's {@code SourceType} is
 * TRAINING: Vigil has no retraining scheduler. Thread-safe.
 */
final class ModelOperations {
  private static final List<String> SETTINGS =
      List.of("RoleArn", "ServerSideKmsKeyId", "ModelDiagnosticsOutputConfiguration");

  private final Backend backend;

  ModelOperations(Backend backend) {
    this.backend = backend;
  }

  void register(Map<String, Operation> operations) {
    operations.put("CreateModel", this::create);
    operations.put("DescribeModel", this::describe);
    operations.put("ListModels", this::list);
    operations.put("DeleteModel", this::delete);
    operations.put("UpdateModel", this::update);
    operations.put("DescribeModelVersion", this::describeVersion);
    operations.put("ListModelVersions", this::listVersions);
    operations.put("UpdateActiveModelVersion", this::activate);
  }

  private ObjectNode create(JsonNode input) {
    String name = input.get("ModelName").asText();
    String datasetName = input.get("DatasetName").asText();
    Dataset dataset = backend.datasets().get(datasetName);
    if (input.hasNonNull("DatasetSchema")
        && input.get("DatasetSchema").hasNonNull("InlineDataSchema")) {
      checkAllSensors(dataset, input.get("DatasetSchema").get("InlineDataSchema").asText());
    }
    RequestBodies.CreateModel body = new RequestBodies.CreateModel();
    body.name = name;
    body.datasetName = datasetName;
    body.trainingRange = trainingRange(input, backend.datasets().info(datasetName));
    body.evaluationRange = evaluationRange(input);
    JsonNode preprocessing = input.get("DataPreProcessingConfiguration");
    if (preprocessing != null) {
      body.samplingRate = text(preprocessing, "TargetSamplingRate");
    }
    body.offCondition = text(input, "OffCondition");
    JsonNode labels = input.get("LabelsInputConfiguration");
    if (labels != null) {
      body.labelGroupName = labelGroup(labels);
      body.labelsLocation = labelsLocation(labels);
    }
    JsonNode model = backend.tree(backend.models().create(body));
    backend.remember(
        new LookoutStore.Key(ResourceKind.MODEL, model.get("id").asText()),
        backend.settingsOf(input, SETTINGS),
        input.get("Tags"));
    ObjectNode output = backend.object();
    output.put("ModelArn", modelArn(model));
    output.put("Status", model.get("status").asText());
    return output;
  }

  /** Vigil trains on every sensor: a schema naming another set is refused. */
  private void checkAllSensors(Dataset dataset, String inline) {
    DatasetSchema wanted = Schemas.parse(backend.mapper(), inline);
    if (wanted.components() == null
        || !new HashSet<>(wanted.qualifiedSensorNames())
            .equals(new HashSet<>(dataset.schema().qualifiedSensorNames()))) {
      throw LookoutException.validation(
          "Vigil trains a model on every sensor of its dataset: DatasetSchema must be absent or"
              + " name exactly the sensors of dataset '"
              + dataset.name()
              + "' "
              + dataset.schema().qualifiedSensorNames());
    }
  }

  private static RequestBodies.Range trainingRange(JsonNode input, DatasetInfo dataset) {
    JsonNode start = input.get("TrainingDataStartTime");
    JsonNode end = input.get("TrainingDataEndTime");
    if ((start == null || end == null) && !dataset.hasData()) {
      throw new InvalidRequestException(
          "datasetName",
          "dataset '" + dataset.name() + "' has no data yet; ingest data before training a model");
    }
    RequestBodies.Range range = new RequestBodies.Range();
    range.start =
        start == null
            ? Instant.ofEpochMilli(dataset.dataStartMillis()).toString()
            : Timestamps.instant(start).toString();
    range.end =
        end == null
            ? Instant.ofEpochMilli(dataset.dataEndMillis() + 1).toString()
            : Timestamps.instant(end).toString();
    return range;
  }

  private static RequestBodies.Range evaluationRange(JsonNode input) {
    JsonNode start = input.get("EvaluationDataStartTime");
    JsonNode end = input.get("EvaluationDataEndTime");
    if (start == null && end == null) {
      return null;
    }
    if (start == null || end == null) {
      throw LookoutException.validation(
          "give both EvaluationDataStartTime and EvaluationDataEndTime, or neither");
    }
    RequestBodies.Range range = new RequestBodies.Range();
    range.start = Timestamps.instant(start).toString();
    range.end = Timestamps.instant(end).toString();
    return range;
  }

  private static String labelGroup(JsonNode labels) {
    if (labels.hasNonNull("LabelGroupName") && labels.hasNonNull("S3InputConfiguration")) {
      throw LookoutException.validation(
          "LabelsInputConfiguration takes a LabelGroupName or an S3InputConfiguration, not both");
    }
    if (!labels.hasNonNull("LabelGroupName") && !labels.hasNonNull("S3InputConfiguration")) {
      throw LookoutException.validation(
          "LabelsInputConfiguration needs a LabelGroupName or an S3InputConfiguration");
    }
    return text(labels, "LabelGroupName");
  }

  private static RequestBodies.LabelsLocation labelsLocation(JsonNode labels) {
    JsonNode s3 = labels.get("S3InputConfiguration");
    if (s3 == null || s3.isNull()) {
      return null;
    }
    RequestBodies.LabelsLocation location = new RequestBodies.LabelsLocation();
    location.bucket = s3.get("Bucket").asText();
    location.prefix = text(s3, "Prefix");
    return location;
  }

  private ObjectNode describe(JsonNode input) {
    JsonNode model = backend.tree(backend.models().describe(input.get("ModelName").asText()));
    ObjectNode settings = settings(model);
    ObjectNode output = backend.object();
    String name = model.get("name").asText();
    output.put("ModelName", name);
    output.put("ModelArn", modelArn(model));
    putDataset(output, model.get("datasetName").asText(), true);
    JsonNode request = model.get("request");
    putRequest(output, request);
    put(output, "RoleArn", text(settings, "RoleArn"));
    output.put("Status", model.get("status").asText());
    JsonNode latest = lastOf(model.path("versions"));
    if (latest != null) {
      putExecution(output, latest);
      put(output, "FailedReason", text(latest, "failedReason"));
    }
    if (model.hasNonNull("evaluation")) {
      JsonNode active = activeRequest(model);
      if (active.hasNonNull("evaluationRange")) {
        output.put(
            "ModelMetrics",
            ModelMetrics.of(
                backend.mapper(), model.get("evaluation"), active.get("evaluationRange")));
      }
    }
    output.set("LastUpdatedTime", Timestamps.node(model.get("updatedAt").asText()));
    output.set("CreatedAt", Timestamps.node(model.get("createdAt").asText()));
    putSettings(output, settings);
    if (model.hasNonNull("activeVersion")) {
      long active = model.get("activeVersion").asLong();
      output.put("ActiveModelVersion", active);
      output.put("ActiveModelVersionArn", versionArn(model, active));
      putActivation(output, model, settings, active);
    }
    return output;
  }

  /** The request of the active version, whose evaluation the model shows. */
  private JsonNode activeRequest(JsonNode model) {
    JsonNode version =
        backend.tree(
            backend
                .models()
                .version(model.get("name").asText(), model.get("activeVersion").asInt()));
    return version.get("request");
  }

  /**
   * When the active version became active, and which was active before, as far as Vigil knows: a
   * switch made through this endpoint is recorded; otherwise a version is active since its training
   * ended.
   */
  private void putActivation(ObjectNode output, JsonNode model, ObjectNode settings, long active) {
    JsonNode history = settings.path("Activations");
    JsonNode last =
        history.isArray() && !history.isEmpty() ? history.get(history.size() - 1) : null;
    if (last != null && last.get("Version").asLong() == active) {
      output.set("ModelVersionActivatedAt", last.get("At").deepCopy());
      if (last.hasNonNull("PreviousVersion")) {
        long previous = last.get("PreviousVersion").asLong();
        output.put("PreviousActiveModelVersion", previous);
        output.put("PreviousActiveModelVersionArn", versionArn(model, previous));
        if (history.size() > 1
            && history.get(history.size() - 2).get("Version").asLong() == previous) {
          output.set(
              "PreviousModelVersionActivatedAt",
              history.get(history.size() - 2).get("At").deepCopy());
        }
      }
      return;
    }
    for (JsonNode version : model.path("versions")) {
      if (version.get("version").asLong() == active) {
        output.set("ModelVersionActivatedAt", Timestamps.node(version.get("updatedAt").asText()));
      }
    }
  }

  private ObjectNode list(JsonNode input) {
    String status = text(input, "Status");
    String namePrefix = text(input, "ModelNameBeginsWith");
    String datasetPrefix = text(input, "DatasetNameBeginsWith");
    List<JsonNode> models = new ArrayList<>();
    for (JsonNode model : backend.tree(backend.models().list()).get("models")) {
      if ((status == null || status.equals(model.get("status").asText()))
          && (namePrefix == null || model.get("name").asText().startsWith(namePrefix))
          && (datasetPrefix == null
              || model.get("datasetName").asText().startsWith(datasetPrefix))) {
        models.add(model);
      }
    }
    Pages.Page<JsonNode> page =
        Pages.page("ListModels", models, model -> model.get("name").asText(), input);
    ObjectNode output = backend.object();
    ArrayNode summaries = output.putArray("ModelSummaries");
    for (JsonNode model : page.items()) {
      ObjectNode summary = summaries.addObject();
      summary.put("ModelName", model.get("name").asText());
      summary.put("ModelArn", modelArn(model));
      putDataset(summary, model.get("datasetName").asText(), false);
      summary.put("Status", model.get("status").asText());
      summary.set("CreatedAt", Timestamps.node(model.get("createdAt").asText()));
      if (model.hasNonNull("activeVersion")) {
        long active = model.get("activeVersion").asLong();
        summary.put("ActiveModelVersion", active);
        summary.put("ActiveModelVersionArn", versionArn(model, active));
      }
      Backend.put(
          summary,
          "ModelDiagnosticsOutputConfiguration",
          settings(model).get("ModelDiagnosticsOutputConfiguration"));
    }
    put(output, "NextToken", page.nextToken());
    return output;
  }

  private ObjectNode delete(JsonNode input) {
    String name = input.get("ModelName").asText();
    JsonNode model = backend.tree(backend.models().describe(name));
    backend.models().delete(name);
    backend.store().forget(key(model));
    return backend.object();
  }

  private ObjectNode update(JsonNode input) {
    String name = input.get("ModelName").asText();
    JsonNode model = backend.tree(backend.models().describe(name));
    JsonNode labels = input.get("LabelsInputConfiguration");
    if (labels != null) {
      RequestBodies.Labels body = new RequestBodies.Labels();
      body.labelGroupName = labelGroup(labels);
      body.labelsLocation = labelsLocation(labels);
      backend.models().updateLabels(name, body);
    }
    ObjectNode changes =
        backend.settingsOf(input, List.of("RoleArn", "ModelDiagnosticsOutputConfiguration"));
    if (!changes.isEmpty()) {
      backend.store().updateSettings(key(model), changes);
    }
    return backend.object();
  }

  private ObjectNode describeVersion(JsonNode input) {
    String name = input.get("ModelName").asText();
    int number = versionNumber(name, input.get("ModelVersion").asLong());
    JsonNode model = backend.tree(backend.models().describe(name));
    JsonNode version = backend.tree(backend.models().version(name, number));
    ObjectNode settings = settings(model);
    ObjectNode output = backend.object();
    output.put("ModelName", name);
    output.put("ModelArn", modelArn(model));
    output.put("ModelVersion", number);
    output.put("ModelVersionArn", versionArn(model, number));
    output.put("Status", version.get("status").asText());
    output.put("SourceType", "TRAINING");
    putDataset(output, model.get("datasetName").asText(), true);
    JsonNode request = version.get("request");
    putRequest(output, request);
    put(output, "RoleArn", text(settings, "RoleArn"));
    putExecution(output, version);
    put(output, "FailedReason", text(version, "failedReason"));
    if (version.hasNonNull("evaluation") && request.hasNonNull("evaluationRange")) {
      output.put(
          "ModelMetrics",
          ModelMetrics.of(
              backend.mapper(), version.get("evaluation"), request.get("evaluationRange")));
    }
    output.set("LastUpdatedTime", Timestamps.node(version.get("updatedAt").asText()));
    output.set("CreatedAt", Timestamps.node(version.get("createdAt").asText()));
    putSettings(output, settings);
    return output;
  }

  private ObjectNode listVersions(JsonNode input) {
    String name = input.get("ModelName").asText();
    JsonNode model = backend.tree(backend.models().describe(name));
    String status = text(input, "Status");
    String sourceType = text(input, "SourceType");
    Instant createdFrom =
        input.hasNonNull("CreatedAtStartTime")
            ? Timestamps.instant(input.get("CreatedAtStartTime"))
            : null;
    Instant createdTo =
        input.hasNonNull("CreatedAtEndTime")
            ? Timestamps.instant(input.get("CreatedAtEndTime"))
            : null;
    long min = input.path("MinModelVersion").asLong(1);
    long max = input.path("MaxModelVersion").asLong(Long.MAX_VALUE);
    List<JsonNode> versions = new ArrayList<>();
    for (JsonNode version : model.path("versions")) {
      Instant created = Instant.parse(version.get("createdAt").asText());
      long number = version.get("version").asLong();
      if ((status == null || status.equals(version.get("status").asText()))
          && (sourceType == null || sourceType.equals("TRAINING"))
          && (createdFrom == null || !created.isBefore(createdFrom))
          && (createdTo == null || !created.isAfter(createdTo))
          && number >= min
          && number <= max) {
        versions.add(version);
      }
    }
    Pages.Page<JsonNode> page =
        Pages.page(
            "ListModelVersions",
            versions,
            version -> Pages.sortable(version.get("version").asLong()),
            input);
    ObjectNode output = backend.object();
    ArrayNode summaries = output.putArray("ModelVersionSummaries");
    for (JsonNode version : page.items()) {
      long number = version.get("version").asLong();
      ObjectNode summary = summaries.addObject();
      summary.put("ModelName", name);
      summary.put("ModelArn", modelArn(model));
      summary.put("ModelVersion", number);
      summary.put("ModelVersionArn", versionArn(model, number));
      summary.set("CreatedAt", Timestamps.node(version.get("createdAt").asText()));
      summary.put("Status", version.get("status").asText());
      summary.put("SourceType", "TRAINING");
    }
    put(output, "NextToken", page.nextToken());
    return output;
  }

  private ObjectNode activate(JsonNode input) {
    String name = input.get("ModelName").asText();
    int number = versionNumber(name, input.get("ModelVersion").asLong());
    JsonNode before = backend.tree(backend.models().describe(name));
    RequestBodies.ActiveVersion body = new RequestBodies.ActiveVersion();
    body.version = number;
    JsonNode model;
    try {
      model = backend.tree(backend.models().activate(name, body));
    } catch (InvalidRequestException e) {
      // The version does not exist: in Lookout's terms a missing resource.
      throw new NotFoundException(e.getMessage());
    }
    Long previous =
        before.hasNonNull("activeVersion") ? before.get("activeVersion").asLong() : null;
    ObjectNode activation = backend.object();
    activation.put("Version", number);
    activation.set("At", Timestamps.node(backend.clock().instant()));
    if (previous != null) {
      activation.put("PreviousVersion", previous);
    }
    ObjectNode settings = settings(model);
    ArrayNode history =
        settings.path("Activations").isArray()
            ? (ArrayNode) settings.get("Activations").deepCopy()
            : backend.mapper().createArrayNode();
    history.add(activation);
    while (history.size() > 10) {
      history.remove(0);
    }
    ObjectNode changes = backend.object();
    changes.set("Activations", history);
    backend.store().updateSettings(key(model), changes);
    ObjectNode output = backend.object();
    output.put("ModelName", name);
    output.put("ModelArn", modelArn(model));
    output.put("CurrentActiveVersion", number);
    output.put("CurrentActiveVersionArn", versionArn(model, number));
    if (previous != null) {
      output.put("PreviousActiveVersion", previous);
      output.put("PreviousActiveVersionArn", versionArn(model, previous));
    }
    return output;
  }

  private static int versionNumber(String model, long version) {
    if (version > Integer.MAX_VALUE) {
      throw new NotFoundException("model '" + model + "' has no version " + version);
    }
    return (int) version;
  }

  /** DatasetName, DatasetArn and, when asked, Schema. */
  private void putDataset(ObjectNode output, String datasetName, boolean withSchema) {
    output.put("DatasetName", datasetName);
    // A dataset cannot be deleted while a model uses it, so it exists.
    Dataset dataset = backend.datasets().get(datasetName);
    output.put("DatasetArn", backend.datasetArn(dataset));
    if (withSchema) {
      output.put("Schema", Schemas.inline(backend.mapper(), dataset.schema()));
    }
  }

  /** The members a (native) model request fixes: labels, ranges, preprocessing, off-condition. */
  private void putRequest(ObjectNode output, JsonNode request) {
    labelsConfiguration(request)
        .ifPresent(config -> output.set("LabelsInputConfiguration", config));
    output.set(
        "TrainingDataStartTime", Timestamps.node(request.at("/trainingRange/start").asText()));
    output.set("TrainingDataEndTime", Timestamps.node(request.at("/trainingRange/end").asText()));
    if (request.hasNonNull("evaluationRange")) {
      output.set(
          "EvaluationDataStartTime",
          Timestamps.node(request.at("/evaluationRange/start").asText()));
      output.set(
          "EvaluationDataEndTime", Timestamps.node(request.at("/evaluationRange/end").asText()));
    }
    if (request.hasNonNull("samplingRate")) {
      output
          .putObject("DataPreProcessingConfiguration")
          .put("TargetSamplingRate", request.get("samplingRate").asText());
    }
    put(output, "OffCondition", text(request, "offCondition"));
  }

  private Optional<ObjectNode> labelsConfiguration(JsonNode request) {
    if (request.hasNonNull("labelGroupName")) {
      ObjectNode config = backend.object();
      config.put("LabelGroupName", request.get("labelGroupName").asText());
      return Optional.of(config);
    }
    if (request.hasNonNull("labelsLocation")) {
      ObjectNode config = backend.object();
      config
          .putObject("S3InputConfiguration")
          .put("Bucket", request.at("/labelsLocation/bucket").asText())
          .put("Prefix", request.at("/labelsLocation/prefix").asText());
      return Optional.of(config);
    }
    return Optional.empty();
  }

  /** When a version's training ran: from its creation to its last change once it ended. */
  private static void putExecution(ObjectNode output, JsonNode version) {
    output.set("TrainingExecutionStartTime", Timestamps.node(version.get("createdAt").asText()));
    if (!version.get("status").asText().equals("IN_PROGRESS")) {
      output.set("TrainingExecutionEndTime", Timestamps.node(version.get("updatedAt").asText()));
    }
  }

  private void putSettings(ObjectNode output, ObjectNode settings) {
    if (settings.hasNonNull("ServerSideKmsKeyId")) {
      output.put(
          "ServerSideKmsKeyId", backend.arns().kmsKey(settings.get("ServerSideKmsKeyId").asText()));
    }
    Backend.put(
        output,
        "ModelDiagnosticsOutputConfiguration",
        settings.get("ModelDiagnosticsOutputConfiguration"));
  }

  private ObjectNode settings(JsonNode model) {
    return backend.store().settings(key(model));
  }

  private static LookoutStore.Key key(JsonNode model) {
    return new LookoutStore.Key(ResourceKind.MODEL, model.get("id").asText());
  }

  private String modelArn(JsonNode model) {
    return backend
        .arns()
        .of(ResourceKind.MODEL, model.get("name").asText(), model.get("id").asText());
  }

  private String versionArn(JsonNode model, long version) {
    return backend
        .arns()
        .modelVersion(model.get("name").asText(), model.get("id").asText(), version);
  }

  private static JsonNode lastOf(JsonNode array) {
    return array.isArray() && !array.isEmpty() ? array.get(array.size() - 1) : null;
  }
}
