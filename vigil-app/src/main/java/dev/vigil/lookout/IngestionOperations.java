package dev.vigil.lookout;

import static dev.vigil.lookout.Backend.put;
import static dev.vigil.lookout.Backend.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.ingestion.IngestionInput;
import dev.vigil.ingestion.IngestionJobView;
import dev.vigil.ingestion.StartIngestionRequest;
import dev.vigil.request.NotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * StartDataIngestionJob, DescribeDataIngestionJob and ListDataIngestionJobs on Vigil's ingestion
 * jobs. Lookout's job ids are 32 hexadecimal digits: Vigil's UUIDs without their dashes. Key
 * patterns are shown in Lookout's spelling ({@code {component_name}}). Thread-safe.
 */
final class IngestionOperations {
  private static final Pattern LOOKOUT_JOB_ID = Pattern.compile("[0-9a-fA-F]{32}");

  private final Backend backend;
  private final QualityShapes quality;

  IngestionOperations(Backend backend) {
    this.backend = backend;
    this.quality = new QualityShapes(backend.mapper());
  }

  void register(Map<String, Operation> operations) {
    operations.put("StartDataIngestionJob", this::start);
    operations.put("DescribeDataIngestionJob", this::describe);
    operations.put("ListDataIngestionJobs", this::list);
  }

  /** The Lookout job id of a Vigil job id. */
  static String lookoutJobId(String vigilId) {
    return vigilId.replace("-", "");
  }

  /**
   * The Vigil job id of a Lookout job id.
   *
   * @throws NotFoundException when it cannot be the id of any job
   */
  static String vigilJobId(String lookoutId) {
    if (!LOOKOUT_JOB_ID.matcher(lookoutId).matches()) {
      throw new NotFoundException("ingestion job '" + lookoutId + "' does not exist");
    }
    String id = lookoutId.toLowerCase(java.util.Locale.ROOT);
    return id.substring(0, 8)
        + "-"
        + id.substring(8, 12)
        + "-"
        + id.substring(12, 16)
        + "-"
        + id.substring(16, 20)
        + "-"
        + id.substring(20);
  }

  /** A job as its native JSON. */
  JsonNode job(String vigilId) {
    try {
      return backend.tree(backend.ingestion().get(vigilId));
    } catch (NotFoundException e) {
      throw new NotFoundException("ingestion job '" + lookoutJobId(vigilId) + "' does not exist");
    }
  }

  /** The {@code IngestionInputConfiguration} of a job. */
  ObjectNode inputConfiguration(JsonNode job) {
    ObjectNode configuration = backend.object();
    ObjectNode s3 = configuration.putObject("S3InputConfiguration");
    JsonNode input = job.path("input");
    s3.put("Bucket", input.path("bucket").asText());
    s3.put("Prefix", input.path("prefix").asText());
    s3.put(
        "KeyPattern", input.path("keyPattern").asText().replace("{component}", "{component_name}"));
    return configuration;
  }

  /** The {@code IngestedFilesSummary} of a job: every file it read; none is discarded. */
  ObjectNode filesSummary(JsonNode job) {
    int files = job.path("ingestedFiles").size();
    ObjectNode summary = backend.object();
    summary.put("TotalNumberOfFiles", files);
    summary.put("IngestedNumberOfFiles", files);
    summary.putArray("DiscardedFiles");
    return summary;
  }

  /** The RoleArn the job was started with, if it was started through this endpoint. */
  String roleArn(JsonNode job) {
    return text(
        backend
            .store()
            .settings(new LookoutStore.Key(ResourceKind.INGESTION_JOB, job.path("id").asText())),
        "RoleArn");
  }

  private ObjectNode start(JsonNode input) {
    JsonNode s3 = input.get("IngestionInputConfiguration").get("S3InputConfiguration");
    IngestionJobView view =
        backend
            .ingestion()
            .start(
                new StartIngestionRequest(
                    input.get("DatasetName").asText(),
                    new IngestionInput(
                        s3.get("Bucket").asText(), text(s3, "Prefix"), text(s3, "KeyPattern"))));
    JsonNode job = backend.tree(view);
    backend.remember(
        new LookoutStore.Key(ResourceKind.INGESTION_JOB, job.get("id").asText()),
        backend.settingsOf(input, List.of("RoleArn")),
        null);
    ObjectNode output = backend.object();
    output.put("JobId", lookoutJobId(job.get("id").asText()));
    output.put("Status", job.get("status").asText());
    return output;
  }

  private ObjectNode describe(JsonNode input) {
    JsonNode job = job(vigilJobId(input.get("JobId").asText()));
    ObjectNode output = backend.object();
    output.put("JobId", lookoutJobId(job.get("id").asText()));
    backend
        .datasetArn(job.get("datasetName").asText())
        .ifPresent(arn -> output.put("DatasetArn", arn));
    output.set("IngestionInputConfiguration", inputConfiguration(job));
    put(output, "RoleArn", roleArn(job));
    output.set("CreatedAt", Timestamps.node(job.get("createdAt").asText()));
    String status = job.get("status").asText();
    output.put("Status", status);
    put(output, "FailedReason", text(job, "failedReason"));
    if (job.hasNonNull("dataQuality")) {
      output.set(
          "DataQualitySummary",
          quality.summary(job.get("dataQuality"), job.path("sensorStatistics")));
    }
    output.set("IngestedFilesSummary", filesSummary(job));
    output.put("StatusDetail", statusDetail(job, status));
    if (job.hasNonNull("dataStart")) {
      output.set("DataStartTime", Timestamps.node(job.get("dataStart").asText()));
      output.set("DataEndTime", Timestamps.node(job.get("dataEnd").asText()));
    }
    return output;
  }

  private static String statusDetail(JsonNode job, String status) {
    int files = job.path("ingestedFiles").size();
    return switch (status) {
      case "IN_PROGRESS" ->
          files
              + " file(s) read so far ("
              + Math.round(job.path("progress").asDouble() * 100)
              + "% of the files)";
      case "SUCCESS" ->
          files
              + " file(s) ingested, "
              + job.path("dataQuality").path("totalRows").asLong()
              + " row(s)";
      default -> "failed after reading " + files + " file(s)";
    };
  }

  private ObjectNode list(JsonNode input) {
    String datasetName = text(input, "DatasetName");
    String status = text(input, "Status");
    List<JsonNode> jobs = new ArrayList<>();
    List<IngestionJobView> views;
    try {
      views = backend.ingestion().list(datasetName);
    } catch (NotFoundException e) {
      views = List.of();
    }
    for (IngestionJobView view : views) {
      JsonNode job = backend.tree(view);
      if (status == null || status.equals(job.get("status").asText())) {
        jobs.add(job);
      }
    }
    // Newest first, as Vigil lists them; the id breaks ties of one millisecond.
    Pages.Page<JsonNode> page =
        Pages.page(
            "ListDataIngestionJobs",
            jobs,
            job ->
                Pages.sortable(-Instant.parse(job.get("createdAt").asText()).toEpochMilli())
                    + job.get("id").asText(),
            input);
    ObjectNode output = backend.object();
    ArrayNode summaries = output.putArray("DataIngestionJobSummaries");
    for (JsonNode job : page.items()) {
      ObjectNode summary = summaries.addObject();
      summary.put("JobId", lookoutJobId(job.get("id").asText()));
      summary.put("DatasetName", job.get("datasetName").asText());
      backend
          .datasetArn(job.get("datasetName").asText())
          .ifPresent(arn -> summary.put("DatasetArn", arn));
      summary.set("IngestionInputConfiguration", inputConfiguration(job));
      summary.put("Status", job.get("status").asText());
    }
    put(output, "NextToken", page.nextToken());
    return output;
  }
}
