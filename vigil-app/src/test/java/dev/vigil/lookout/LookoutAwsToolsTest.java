package dev.vigil.lookout;

import static dev.vigil.lookout.LookoutFixture.FAULTY_SENSOR;
import static dev.vigil.lookout.LookoutFixture.HISTORY_START;
import static dev.vigil.lookout.LookoutFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.engine.synthetic.Fault;
import dev.vigil.engine.synthetic.FaultType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Lookout workflow with the Python tools Lookout users have: boto3 (or botocore, as Debian's
 * {@code awscli} package brings it) driven from the test through {@code
 * lookout/botocore_bridge.py}, or the AWS CLI when Python has no botocore; and, when both are
 * there, the AWS CLI as well. They sign with SigV4 as AWS does, and Vigil verifies. The test is
 * skipped only when the machine has neither; {@code .ci/run} makes sure CI has one.
 */
class LookoutAwsToolsTest {
  private static final Duration PATIENCE = Duration.ofMinutes(2);
  private static final String ROLE = "arn:aws:iam::123456789012:role/lookout-access";

  @TempDir Path dataDir;
  @TempDir Path scratch;

  @Test
  void a_lookout_user_runs_the_workflow_with_boto3_or_the_aws_cli() throws IOException {
    assumeTrue(
        Instant.now().isAfter(NOW.plus(Duration.ofDays(1))),
        "the wall clock must be after " + NOW + ": windows run when both clocks have passed them");
    try (LookoutFixture vigil = new LookoutFixture(dataDir)) {
      String endpoint = vigil.endpoint().toString();
      Optional<AwsTool.Botocore> botocore =
          AwsTool.Botocore.start(scratch, endpoint, LookoutFixture.KEY_ID, LookoutFixture.SECRET);
      Optional<AwsTool.Cli> cli =
          AwsTool.Cli.find(scratch, endpoint, LookoutFixture.KEY_ID, LookoutFixture.SECRET);
      assumeTrue(
          botocore.isPresent() || cli.isPresent(),
          "neither a python3 with boto3 or botocore nor the aws CLI is on the PATH (.ci/run"
              + " installs Debian's awscli)");
      try (AwsTool tool = botocore.isPresent() ? botocore.get() : cli.get()) {
        System.err.println("Lookout workflow with " + tool.name());
        workflow(vigil, tool);
      }
      if (botocore.isPresent() && cli.isPresent()) {
        System.err.println("and with " + cli.get().name());
        cliAlso(cli.get());
      }
      try (AwsTool wrongSecret =
          botocore.isPresent()
              ? AwsTool.Botocore.start(scratch, endpoint, LookoutFixture.KEY_ID, "wrong")
                  .orElseThrow()
              : AwsTool.Cli.find(scratch, endpoint, LookoutFixture.KEY_ID, "wrong").orElseThrow()) {
        AwsTool.Refusal denied =
            catchThrowableOfType(
                AwsTool.Refusal.class, () -> wrongSecret.call("ListDatasets", params()));
        assertThat(denied.code).isEqualTo("AccessDeniedException");
        assertThat(denied.getMessage())
            .startsWith("the request signature does not match the one Vigil calculates");
      }
    }
  }

  private static void workflow(LookoutFixture vigil, AwsTool lookout) throws IOException {
    vigil.writeHistory(
        "plant",
        "pump-9/",
        java.util.List.of(Fault.of(FaultType.DRIFT, FAULTY_SENSOR, 3480, 3780)));
    Files.writeString(
        Files.createDirectories(vigil.bucket("plant").resolve("labels")).resolve("pump-9.csv"),
        "2025-12-03T10:00:00.000000,2025-12-03T15:00:00.000000\n");

    JsonNode dataset =
        lookout.call(
            "CreateDataset",
            params(
                "DatasetName", "pump-9",
                "DatasetSchema", params("InlineDataSchema", LookoutFixture.inlineSchema()),
                "ClientToken", "dataset-pump-9"));
    assertThat(dataset.get("Status").asText()).isEqualTo("CREATED");
    String jobId =
        lookout
            .call(
                "StartDataIngestionJob",
                params(
                    "DatasetName",
                    "pump-9",
                    "IngestionInputConfiguration",
                    params("S3InputConfiguration", params("Bucket", "plant", "Prefix", "pump-9/")),
                    "RoleArn",
                    ROLE,
                    "ClientToken",
                    "ingest-pump-9"))
            .get("JobId")
            .asText();
    JsonNode job =
        LookoutFixture.await(
            "the ingestion to end",
            PATIENCE,
            () ->
                Optional.of(lookout.call("DescribeDataIngestionJob", params("JobId", jobId)))
                    .filter(j -> !j.get("Status").asText().equals("IN_PROGRESS")));
    assertThat(job.get("Status").asText()).as(job.toString()).isEqualTo("SUCCESS");
    assertThat(instant(job.get("DataStartTime"))).isEqualTo(HISTORY_START);

    // Labels from label files in the object store, as Lookout reads them from S3.
    Instant trainingEnd = HISTORY_START.plus(Duration.ofDays(2));
    lookout.call(
        "CreateModel",
        params(
            "ModelName", "pump-9-model",
            "DatasetName", "pump-9",
            "TrainingDataStartTime", HISTORY_START.getEpochSecond(),
            "TrainingDataEndTime", trainingEnd.getEpochSecond(),
            "EvaluationDataStartTime", trainingEnd.getEpochSecond(),
            "EvaluationDataEndTime", HISTORY_START.plus(Duration.ofDays(3)).getEpochSecond(),
            "LabelsInputConfiguration",
                params("S3InputConfiguration", params("Bucket", "plant", "Prefix", "labels/")),
            "DataPreProcessingConfiguration", params("TargetSamplingRate", "PT1M"),
            "RoleArn", ROLE,
            "ClientToken", "model-pump-9"));
    JsonNode model =
        LookoutFixture.await(
            "the training to end",
            PATIENCE,
            () ->
                Optional.of(lookout.call("DescribeModel", params("ModelName", "pump-9-model")))
                    .filter(m -> !m.get("Status").asText().equals("IN_PROGRESS")));
    assertThat(model.get("Status").asText()).as(model.toString()).isEqualTo("SUCCESS");
    assertThat(model.at("/LabelsInputConfiguration/S3InputConfiguration/Prefix").asText())
        .isEqualTo("labels/");
    assertThat(model.at("/DataPreProcessingConfiguration/TargetSamplingRate").asText())
        .isEqualTo("PT1M");
    JsonNode metrics = AwsTool.JSON.readTree(model.get("ModelMetrics").asText());
    assertThat(metrics.at("/labeled_event_metrics/num_labeled").asInt()).isEqualTo(1);
    assertThat(metrics.at("/labeled_event_metrics/num_identified").asInt()).isEqualTo(1);

    vigil.writeLive("plant", "pump-9/live/", java.util.List.of());
    JsonNode scheduler =
        lookout.call(
            "CreateInferenceScheduler",
            params(
                "ModelName",
                "pump-9-model",
                "InferenceSchedulerName",
                "pump-9-live",
                "DataUploadFrequency",
                "PT5M",
                "DataInputConfiguration",
                params(
                    "S3InputConfiguration", params("Bucket", "plant", "Prefix", "pump-9/live/"),
                    "InputTimeZoneOffset", "+00:00",
                    "InferenceInputNameConfiguration",
                        params(
                            "TimestampFormat", "yyyyMMddHHmmss",
                            "ComponentTimestampDelimiter", "_")),
                "DataOutputConfiguration",
                params("S3OutputConfiguration", params("Bucket", "results", "Prefix", "pump-9/")),
                "RoleArn",
                ROLE,
                "Tags",
                tags("line", "9"),
                "ClientToken",
                "scheduler-pump-9"));
    assertThat(scheduler.get("Status").asText()).isEqualTo("PENDING");
    vigil.clock.set(NOW.plus(Duration.ofMinutes(10)));
    JsonNode executions =
        LookoutFixture.await(
            "two finished executions",
            PATIENCE,
            () ->
                Optional.of(
                        lookout
                            .call(
                                "ListInferenceExecutions",
                                params("InferenceSchedulerName", "pump-9-live"))
                            .get("InferenceExecutionSummaries"))
                    .filter(
                        list ->
                            list.size() == 2
                                && list.findValuesAsText("Status").stream()
                                    .allMatch("SUCCESS"::equals)));
    for (JsonNode execution : executions) {
      Path results =
          vigil.bucket("results").resolve(execution.at("/CustomerResultObject/Key").asText());
      assertThat(Files.readAllLines(results)).hasSize(5);
      assertThat(execution.get("ModelVersion").asLong()).isEqualTo(1);
    }
    JsonNode described =
        lookout.call("DescribeInferenceScheduler", params("InferenceSchedulerName", "pump-9-live"));
    assertThat(described.get("Status").asText()).isEqualTo("RUNNING");
    assertThat(described.get("LatestInferenceResult").asText()).isIn("ANOMALOUS", "NORMAL");
    assertThat(described.get("RoleArn").asText()).isEqualTo(ROLE);
    assertThat(
            lookout
                .call(
                    "ListInferenceEvents",
                    params(
                        "InferenceSchedulerName", "pump-9-live",
                        "IntervalStartTime", NOW.minus(Duration.ofHours(1)).getEpochSecond(),
                        "IntervalEndTime", NOW.plus(Duration.ofHours(1)).getEpochSecond()))
                .has("InferenceEventSummaries"))
        .isTrue();
    assertThat(
            lookout
                .call(
                    "ListTagsForResource",
                    params("ResourceArn", scheduler.get("InferenceSchedulerArn").asText()))
                .get("Tags"))
        .isEqualTo(tags("line", "9"));

    lookout.call("StopInferenceScheduler", params("InferenceSchedulerName", "pump-9-live"));
    awaitStatus(lookout, "STOPPED");
    lookout.call(
        "UpdateInferenceScheduler",
        params("InferenceSchedulerName", "pump-9-live", "DataDelayOffsetInMinutes", 2));
    assertThat(
            lookout
                .call("DescribeInferenceScheduler", params("InferenceSchedulerName", "pump-9-live"))
                .get("DataDelayOffsetInMinutes")
                .asLong())
        .isEqualTo(2);
    assertThat(
            lookout
                .call("StartInferenceScheduler", params("InferenceSchedulerName", "pump-9-live"))
                .get("Status")
                .asText())
        .isEqualTo("PENDING");
    lookout.call("StopInferenceScheduler", params("InferenceSchedulerName", "pump-9-live"));
    awaitStatus(lookout, "STOPPED");
    lookout.call("DeleteInferenceScheduler", params("InferenceSchedulerName", "pump-9-live"));

    AwsTool.Refusal invalid =
        catchThrowableOfType(
            AwsTool.Refusal.class,
            () -> lookout.call("DescribeDataset", params("DatasetName", "pump 9")));
    assertThat(invalid.code).isEqualTo("ValidationException");
    assertThat(invalid.getMessage())
        .isEqualTo(
            "1 validation error detected: Value 'pump 9' at 'datasetName' failed to satisfy"
                + " constraint: Member must satisfy regular expression pattern:"
                + " ^[0-9a-zA-Z_-]{1,200}$");
    AwsTool.Refusal missing =
        catchThrowableOfType(
            AwsTool.Refusal.class,
            () ->
                lookout.call(
                    "DescribeInferenceScheduler", params("InferenceSchedulerName", "pump-9-live")));
    assertThat(missing.code).isEqualTo("ResourceNotFoundException");
    assertThat(missing.getMessage()).isEqualTo("inference scheduler 'pump-9-live' does not exist");
  }

  /** The AWS CLI on the dataset the workflow left. */
  private static void cliAlso(AwsTool cli) {
    JsonNode datasets = cli.call("ListDatasets", params()).get("DatasetSummaries");
    assertThat(datasets.findValuesAsText("DatasetName")).containsExactly("pump-9");
    JsonNode described = cli.call("DescribeDataset", params("DatasetName", "pump-9"));
    assertThat(described.get("Status").asText()).isEqualTo("ACTIVE");
    assertThat(instant(described.get("DataStartTime"))).isEqualTo(HISTORY_START);
    AwsTool.Refusal conflict =
        catchThrowableOfType(
            AwsTool.Refusal.class,
            () ->
                cli.call(
                    "CreateDataset",
                    params(
                        "DatasetName", "pump-9",
                        "DatasetSchema", params("InlineDataSchema", LookoutFixture.inlineSchema()),
                        "ClientToken", "another-token")));
    assertThat(conflict.code).isEqualTo("ConflictException");
    assertThat(conflict.getMessage()).isEqualTo("dataset 'pump-9' already exists");
  }

  private static void awaitStatus(AwsTool lookout, String status) {
    LookoutFixture.await(
        "status " + status,
        PATIENCE,
        () ->
            Optional.of(
                    lookout.call(
                        "DescribeInferenceScheduler",
                        params("InferenceSchedulerName", "pump-9-live")))
                .filter(s -> s.get("Status").asText().equals(status)));
  }

  /** A timestamp as the tool wrote it: epoch seconds, or ISO-8601 for the AWS CLI v2. */
  private static Instant instant(JsonNode value) {
    if (value.isNumber()) {
      return Instant.ofEpochMilli(Math.round(value.asDouble() * 1000));
    }
    return java.time.OffsetDateTime.parse(value.asText()).toInstant();
  }

  /** Request members from name, value pairs. */
  private static ObjectNode params(Object... pairs) {
    ObjectNode node = AwsTool.JSON.createObjectNode();
    for (int i = 0; i < pairs.length; i += 2) {
      node.set((String) pairs[i], AwsTool.JSON.valueToTree(pairs[i + 1]));
    }
    return node;
  }

  private static ArrayNode tags(String key, String value) {
    ArrayNode tags = AwsTool.JSON.createArrayNode();
    tags.addObject().put("Key", key).put("Value", value);
    return tags;
  }
}
