package dev.vigil.lookout;

import static dev.vigil.lookout.Backend.put;
import static dev.vigil.lookout.Backend.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.dataset.CreateDatasetRequest;
import dev.vigil.dataset.Dataset;
import dev.vigil.dataset.DatasetView;
import dev.vigil.request.NotFoundException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * CreateDataset, DescribeDataset, ListDatasets, DeleteDataset and ListSensorStatistics on Vigil's
 * datasets. Thread-safe.
 */
final class DatasetOperations {
  private final Backend backend;
  private final IngestionOperations ingestion;
  private final QualityShapes quality;

  DatasetOperations(Backend backend, IngestionOperations ingestion) {
    this.backend = backend;
    this.ingestion = ingestion;
    this.quality = new QualityShapes(backend.mapper());
  }

  void register(Map<String, Operation> operations) {
    operations.put("CreateDataset", this::create);
    operations.put("DescribeDataset", this::describe);
    operations.put("ListDatasets", this::list);
    operations.put("DeleteDataset", this::delete);
    operations.put("ListSensorStatistics", this::sensorStatistics);
  }

  private ObjectNode create(JsonNode input) {
    String name = input.get("DatasetName").asText();
    String inline = input.path("DatasetSchema").path("InlineDataSchema").asText(null);
    if (inline == null) {
      throw LookoutException.validation(
          "DatasetSchema.InlineDataSchema is required: Vigil needs the components and sensors of"
              + " a dataset when it is created");
    }
    Dataset dataset =
        backend
            .datasets()
            .create(new CreateDatasetRequest(name, Schemas.parse(backend.mapper(), inline)));
    backend.remember(
        new LookoutStore.Key(ResourceKind.DATASET, dataset.id()),
        backend.settingsOf(input, List.of("ServerSideKmsKeyId")),
        input.get("Tags"));
    ObjectNode output = backend.object();
    output.put("DatasetName", dataset.name());
    output.put("DatasetArn", backend.datasetArn(dataset));
    output.put("Status", dataset.status());
    return output;
  }

  private ObjectNode describe(JsonNode input) {
    Dataset dataset = backend.datasets().get(input.get("DatasetName").asText());
    DatasetView view = DatasetView.of(dataset);
    ObjectNode settings =
        backend.store().settings(new LookoutStore.Key(ResourceKind.DATASET, dataset.id()));
    ObjectNode output = backend.object();
    output.put("DatasetName", dataset.name());
    output.put("DatasetArn", backend.datasetArn(dataset));
    output.set("CreatedAt", Timestamps.node(Instant.ofEpochMilli(dataset.createdAtMillis())));
    output.set("LastUpdatedAt", Timestamps.node(Instant.ofEpochMilli(dataset.updatedAtMillis())));
    output.put("Status", dataset.status());
    output.put("Schema", Schemas.inline(backend.mapper(), dataset.schema()));
    if (settings.hasNonNull("ServerSideKmsKeyId")) {
      output.put(
          "ServerSideKmsKeyId", backend.arns().kmsKey(settings.get("ServerSideKmsKeyId").asText()));
    }
    if (dataset.activeIngestionJobId() != null) {
      JsonNode job = ingestion.job(dataset.activeIngestionJobId());
      output.set("IngestionInputConfiguration", ingestion.inputConfiguration(job));
      output.set("IngestedFilesSummary", ingestion.filesSummary(job));
      put(output, "RoleArn", ingestion.roleArn(job));
    }
    if (view.dataQuality() != null) {
      output.set(
          "DataQualitySummary", quality.summary(view.dataQuality(), view.sensorStatistics()));
    }
    if (view.dataStart() != null) {
      output.set("DataStartTime", Timestamps.node(view.dataStart()));
      output.set("DataEndTime", Timestamps.node(view.dataEnd()));
    }
    return output;
  }

  private ObjectNode list(JsonNode input) {
    String prefix = text(input, "DatasetNameBeginsWith");
    List<Dataset> datasets =
        backend.datasets().list().stream()
            .filter(d -> prefix == null || d.name().startsWith(prefix))
            .toList();
    Pages.Page<Dataset> page = Pages.page("ListDatasets", datasets, Dataset::name, input);
    ObjectNode output = backend.object();
    ArrayNode summaries = output.putArray("DatasetSummaries");
    for (Dataset dataset : page.items()) {
      ObjectNode summary = summaries.addObject();
      summary.put("DatasetName", dataset.name());
      summary.put("DatasetArn", backend.datasetArn(dataset));
      summary.put("Status", dataset.status());
      summary.set("CreatedAt", Timestamps.node(Instant.ofEpochMilli(dataset.createdAtMillis())));
    }
    put(output, "NextToken", page.nextToken());
    return output;
  }

  private ObjectNode delete(JsonNode input) {
    Dataset dataset = backend.datasets().get(input.get("DatasetName").asText());
    backend.datasets().delete(dataset.name());
    backend.store().forget(new LookoutStore.Key(ResourceKind.DATASET, dataset.id()));
    return backend.object();
  }

  private ObjectNode sensorStatistics(JsonNode input) {
    Dataset dataset = backend.datasets().get(input.get("DatasetName").asText());
    String jobId = text(input, "IngestionJobId");
    JsonNode statistics;
    if (jobId != null) {
      JsonNode job = ingestion.job(IngestionOperations.vigilJobId(jobId));
      if (!job.path("datasetName").asText().equals(dataset.name())) {
        throw new NotFoundException(
            "ingestion job '" + jobId + "' is not a job of dataset '" + dataset.name() + "'");
      }
      statistics = job.path("sensorStatistics");
    } else {
      statistics = DatasetView.of(dataset).sensorStatistics();
    }
    List<JsonNode> sensors = new java.util.ArrayList<>();
    if (statistics != null) {
      statistics.forEach(sensors::add);
    }
    List<Integer> positions = java.util.stream.IntStream.range(0, sensors.size()).boxed().toList();
    Pages.Page<Integer> page =
        Pages.page("ListSensorStatistics", positions, i -> Pages.sortable(i), input);
    ObjectNode output = backend.object();
    ArrayNode summaries = output.putArray("SensorStatisticsSummaries");
    for (int position : page.items()) {
      summaries.add(quality.sensor(sensors.get(position)));
    }
    put(output, "NextToken", page.nextToken());
    return output;
  }
}
