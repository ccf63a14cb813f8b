package dev.vigil.lookout;

import static dev.vigil.lookout.LookoutFixture.FAULTY_SENSOR;
import static dev.vigil.lookout.LookoutFixture.HISTORY_START;
import static dev.vigil.lookout.LookoutFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.engine.synthetic.Fault;
import dev.vigil.engine.synthetic.FaultType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.lookoutequipment.LookoutEquipmentClient;
import software.amazon.awssdk.services.lookoutequipment.model.CreateDatasetResponse;
import software.amazon.awssdk.services.lookoutequipment.model.CreateInferenceSchedulerResponse;
import software.amazon.awssdk.services.lookoutequipment.model.CreateModelResponse;
import software.amazon.awssdk.services.lookoutequipment.model.DataUploadFrequency;
import software.amazon.awssdk.services.lookoutequipment.model.DatasetStatus;
import software.amazon.awssdk.services.lookoutequipment.model.DescribeDataIngestionJobResponse;
import software.amazon.awssdk.services.lookoutequipment.model.DescribeDatasetResponse;
import software.amazon.awssdk.services.lookoutequipment.model.DescribeInferenceSchedulerResponse;
import software.amazon.awssdk.services.lookoutequipment.model.DescribeModelResponse;
import software.amazon.awssdk.services.lookoutequipment.model.DescribeModelVersionResponse;
import software.amazon.awssdk.services.lookoutequipment.model.InferenceEventSummary;
import software.amazon.awssdk.services.lookoutequipment.model.InferenceExecutionStatus;
import software.amazon.awssdk.services.lookoutequipment.model.InferenceExecutionSummary;
import software.amazon.awssdk.services.lookoutequipment.model.InferenceSchedulerStatus;
import software.amazon.awssdk.services.lookoutequipment.model.IngestionJobStatus;
import software.amazon.awssdk.services.lookoutequipment.model.LabelRating;
import software.amazon.awssdk.services.lookoutequipment.model.LatestInferenceResult;
import software.amazon.awssdk.services.lookoutequipment.model.ModelStatus;
import software.amazon.awssdk.services.lookoutequipment.model.ModelVersionSourceType;
import software.amazon.awssdk.services.lookoutequipment.model.ModelVersionStatus;
import software.amazon.awssdk.services.lookoutequipment.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lookoutequipment.model.SensorStatisticsSummary;
import software.amazon.awssdk.services.lookoutequipment.model.Tag;

/**
 * A Lookout for Equipment user's whole workflow against Vigil, through the official AWS SDK for
 * Java with nothing changed but the endpoint: a dataset from an inline schema, an ingestion from
 * the object store, a label group and a label, a model evaluated on them, an inference scheduler
 * whose windows run and write results to the object store, its executions and events, stop, update,
 * start and delete; tags and Lookout-only settings (RoleArn, KMS keys) come back as given. Every
 * answer is checked against the service model.
 */
class LookoutWorkflowTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ROLE = "arn:aws:iam::123456789012:role/lookout-access";
  private static final String OTHER_ROLE = "arn:aws:iam::123456789012:role/lookout-access-2";
  private static final Duration PATIENCE = Duration.ofMinutes(2);

  /** The drift of the history, in the evaluation day: rows from its start, a minute each. */
  private static final int FAULT_START_ROW = 2 * 1440 + 600;

  private static final int FAULT_END_ROW = FAULT_START_ROW + 300;

  @TempDir Path dataDir;

  @Test
  void a_lookout_user_runs_the_whole_workflow_with_the_aws_sdk_changing_only_the_endpoint()
      throws IOException {
    assumeTrue(
        Instant.now().isAfter(NOW.plus(Duration.ofDays(1))),
        "the wall clock must be after " + NOW + ": windows run when both clocks have passed them");
    try (LookoutFixture vigil = new LookoutFixture(dataDir);
        LookoutEquipmentClient lookout = vigil.client()) {
      vigil.writeHistory(
          "plant",
          "pump-7/",
          List.of(Fault.of(FaultType.DRIFT, FAULTY_SENSOR, FAULT_START_ROW, FAULT_END_ROW)));

      // The dataset, with a KMS key alias and a tag.
      CreateDatasetResponse dataset =
          lookout.createDataset(
              r ->
                  r.datasetName("pump-7")
                      .datasetSchema(s -> s.inlineDataSchema(LookoutFixture.inlineSchema()))
                      .serverSideKmsKeyId("alias/plant-data")
                      .tags(Tag.builder().key("site").value("north").build())
                      .clientToken("create-pump-7"));
      assertThat(dataset.datasetArn())
          .matches("arn:aws:lookoutequipment:eu-west-1:123456789012:dataset/pump-7/[0-9a-f-]{36}");
      assertThat(dataset.status()).isEqualTo(DatasetStatus.CREATED);

      // Ingestion from the folder object store, as from S3.
      String jobId =
          lookout
              .startDataIngestionJob(
                  r ->
                      r.datasetName("pump-7")
                          .ingestionInputConfiguration(
                              c ->
                                  c.s3InputConfiguration(
                                      s3 ->
                                          s3.bucket("plant")
                                              .prefix("pump-7/")
                                              .keyPattern("{prefix}/{component_name}/*")))
                          .roleArn(ROLE)
                          .clientToken("ingest-pump-7"))
              .jobId();
      assertThat(jobId).matches("[0-9a-f]{32}");
      DescribeDataIngestionJobResponse job =
          LookoutFixture.await(
              "the ingestion to end",
              PATIENCE,
              () ->
                  Optional.of(lookout.describeDataIngestionJob(r -> r.jobId(jobId)))
                      .filter(j -> j.status() != IngestionJobStatus.IN_PROGRESS));
      assertThat(job.status()).as(job.failedReason()).isEqualTo(IngestionJobStatus.SUCCESS);
      assertThat(job.roleArn()).isEqualTo(ROLE);
      assertThat(job.datasetArn()).isEqualTo(dataset.datasetArn());
      assertThat(job.ingestedFilesSummary().totalNumberOfFiles()).isEqualTo(6);
      assertThat(job.dataStartTime()).isEqualTo(HISTORY_START);
      assertThat(job.dataQualitySummary().duplicateTimestamps().totalNumberOfDuplicateTimestamps())
          .isZero();
      assertThat(job.ingestionInputConfiguration().s3InputConfiguration().keyPattern())
          .isEqualTo("{prefix}/{component_name}/*");

      DescribeDatasetResponse described = lookout.describeDataset(r -> r.datasetName("pump-7"));
      assertThat(described.status()).isEqualTo(DatasetStatus.ACTIVE);
      assertThat(JSON.readTree(described.schema()))
          .isEqualTo(JSON.readTree(LookoutFixture.inlineSchema()));
      assertThat(described.serverSideKmsKeyId())
          .isEqualTo("arn:aws:kms:eu-west-1:123456789012:alias/plant-data");
      assertThat(described.dataStartTime()).isEqualTo(HISTORY_START);
      assertThat(described.dataEndTime())
          .isEqualTo(HISTORY_START.plus(Duration.ofMinutes(LookoutFixture.HISTORY_ROWS - 1)));
      assertThat(described.ingestedFilesSummary().ingestedNumberOfFiles()).isEqualTo(6);
      assertThat(described.roleArn()).isEqualTo(ROLE);
      List<SensorStatisticsSummary> statistics =
          lookout.listSensorStatistics(r -> r.datasetName("pump-7")).sensorStatisticsSummaries();
      assertThat(statistics).hasSize(6).allMatch(SensorStatisticsSummary::dataExists);
      assertThat(statistics.get(0).componentName()).isEqualTo("comp01");
      assertThat(statistics.get(0).missingValues().count()).isZero();

      // The known fault, as a label in a label group.
      lookout.createLabelGroup(
          r -> r.labelGroupName("pump-7-faults").faultCodes("bearing").clientToken("group-1"));
      Instant faultStart = HISTORY_START.plus(Duration.ofMinutes(FAULT_START_ROW));
      Instant faultEnd = HISTORY_START.plus(Duration.ofMinutes(FAULT_END_ROW));
      String labelId =
          lookout
              .createLabel(
                  r ->
                      r.labelGroupName("pump-7-faults")
                          .startTime(faultStart)
                          .endTime(faultEnd)
                          .rating(LabelRating.ANOMALY)
                          .faultCode("bearing")
                          .equipment("pump-7")
                          .clientToken("label-1"))
              .labelId();
      assertThat(lookout.describeLabel(r -> r.labelGroupName("pump-7-faults").labelId(labelId)))
          .satisfies(
              label -> {
                assertThat(label.startTime()).isEqualTo(faultStart);
                assertThat(label.faultCode()).isEqualTo("bearing");
              });

      // A model trained on two days, evaluated on the third against the label group.
      Instant trainingEnd = HISTORY_START.plus(Duration.ofDays(2));
      Instant evaluationEnd = HISTORY_START.plus(Duration.ofDays(3));
      CreateModelResponse model =
          lookout.createModel(
              r ->
                  r.modelName("pump-7-model")
                      .datasetName("pump-7")
                      .trainingDataStartTime(HISTORY_START)
                      .trainingDataEndTime(trainingEnd)
                      .evaluationDataStartTime(trainingEnd)
                      .evaluationDataEndTime(evaluationEnd)
                      .labelsInputConfiguration(l -> l.labelGroupName("pump-7-faults"))
                      .roleArn(ROLE)
                      .serverSideKmsKeyId("1234abcd-12ab-34cd-56ef-1234567890ab")
                      .clientToken("model-1"));
      assertThat(model.status()).isEqualTo(ModelStatus.IN_PROGRESS);
      assertThat(model.modelArn())
          .matches(
              "arn:aws:lookoutequipment:eu-west-1:123456789012:model/pump-7-model/[0-9a-f-]{36}");
      DescribeModelResponse trained =
          LookoutFixture.await(
              "the training to end",
              PATIENCE,
              () ->
                  Optional.of(lookout.describeModel(r -> r.modelName("pump-7-model")))
                      .filter(m -> m.status() != ModelStatus.IN_PROGRESS));
      assertThat(trained.status()).as(trained.failedReason()).isEqualTo(ModelStatus.SUCCESS);
      assertThat(trained.activeModelVersion()).isEqualTo(1L);
      assertThat(trained.activeModelVersionArn()).isEqualTo(model.modelArn() + "/model-version/1");
      assertThat(trained.labelsInputConfiguration().labelGroupName()).isEqualTo("pump-7-faults");
      assertThat(trained.trainingDataStartTime()).isEqualTo(HISTORY_START);
      assertThat(trained.evaluationDataEndTime()).isEqualTo(evaluationEnd);
      assertThat(trained.datasetArn()).isEqualTo(dataset.datasetArn());
      assertThat(trained.roleArn()).isEqualTo(ROLE);
      assertThat(trained.serverSideKmsKeyId())
          .isEqualTo("arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab");
      JsonNode metrics = JSON.readTree(trained.modelMetrics());
      assertThat(metrics.get("labeled_ranges")).hasSize(1);
      assertThat(metrics.at("/labeled_ranges/0/start").asText())
          .isEqualTo("2025-12-03T10:00:00.000000");
      assertThat(metrics.at("/labeled_event_metrics/num_labeled").asInt()).isEqualTo(1);
      assertThat(metrics.at("/labeled_event_metrics/num_identified").asInt()).isEqualTo(1);
      assertThat(metrics.at("/labeled_event_metrics/total_warning_time_in_seconds").asLong())
          .isPositive();
      assertThat(metrics.get("predicted_ranges")).isNotEmpty();
      assertThat(metrics.at("/predicted_ranges/0/diagnostics/0/name").asText()).contains("\\");
      assertThat(metrics.get("labels_present").asBoolean()).isTrue();
      DescribeModelVersionResponse version =
          lookout.describeModelVersion(r -> r.modelName("pump-7-model").modelVersion(1L));
      assertThat(version.status()).isEqualTo(ModelVersionStatus.SUCCESS);
      assertThat(version.sourceType()).isEqualTo(ModelVersionSourceType.TRAINING);
      assertThat(version.modelMetrics()).isEqualTo(trained.modelMetrics());

      // An inference scheduler over live files, with a drift in its second and third windows.
      vigil.writeLive(
          "plant", "pump-7/live/", List.of(Fault.of(FaultType.DRIFT, FAULTY_SENSOR, 36, 45)));
      CreateInferenceSchedulerResponse scheduler =
          lookout.createInferenceScheduler(
              r ->
                  r.modelName("pump-7-model")
                      .inferenceSchedulerName("pump-7-live")
                      .dataUploadFrequency(DataUploadFrequency.PT5_M)
                      .dataDelayOffsetInMinutes(0L)
                      .dataInputConfiguration(
                          c ->
                              c.s3InputConfiguration(
                                      s3 -> s3.bucket("plant").prefix("pump-7/live/"))
                                  .inputTimeZoneOffset("+00:00")
                                  .inferenceInputNameConfiguration(
                                      n ->
                                          n.timestampFormat("yyyyMMddHHmmss")
                                              .componentTimestampDelimiter("_")))
                      .dataOutputConfiguration(
                          c ->
                              c.s3OutputConfiguration(s3 -> s3.bucket("results").prefix("pump-7/"))
                                  .kmsKeyId("alias/results"))
                      .roleArn(ROLE)
                      .serverSideKmsKeyId("alias/scheduler")
                      .tags(Tag.builder().key("line").value("1").build())
                      .clientToken("scheduler-1"));
      assertThat(scheduler.status()).isEqualTo(InferenceSchedulerStatus.PENDING);
      DescribeInferenceSchedulerResponse pending =
          lookout.describeInferenceScheduler(r -> r.inferenceSchedulerName("pump-7-live"));
      assertThat(pending.modelArn()).isEqualTo(model.modelArn());
      assertThat(pending.modelName()).isEqualTo("pump-7-model");
      assertThat(pending.inferenceSchedulerArn()).isEqualTo(scheduler.inferenceSchedulerArn());
      assertThat(pending.dataDelayOffsetInMinutes()).isZero();
      assertThat(pending.dataUploadFrequency()).isEqualTo(DataUploadFrequency.PT5_M);
      assertThat(pending.createdAt()).isEqualTo(NOW);
      assertThat(pending.updatedAt()).isEqualTo(NOW);
      assertThat(pending.dataInputConfiguration().s3InputConfiguration().prefix())
          .isEqualTo("pump-7/live/");
      assertThat(pending.dataInputConfiguration().inputTimeZoneOffset()).isEqualTo("+00:00");
      assertThat(
              pending
                  .dataInputConfiguration()
                  .inferenceInputNameConfiguration()
                  .componentTimestampDelimiter())
          .isEqualTo("_");
      assertThat(pending.dataOutputConfiguration().kmsKeyId()).isEqualTo("alias/results");
      assertThat(pending.roleArn()).isEqualTo(ROLE);
      assertThat(pending.serverSideKmsKeyId())
          .isEqualTo("arn:aws:kms:eu-west-1:123456789012:alias/scheduler");
      assertThat(pending.latestInferenceResult()).isNull();

      // Three windows come due: [00:00, 00:05), [00:05, 00:10), [00:10, 00:15).
      vigil.clock.set(NOW.plus(Duration.ofMinutes(15)));
      List<InferenceExecutionSummary> executions = awaitExecutions(lookout, 3);
      assertThat(executions)
          .extracting(InferenceExecutionSummary::dataEndTime)
          .containsExactly(
              NOW.plus(Duration.ofMinutes(15)),
              NOW.plus(Duration.ofMinutes(10)),
              NOW.plus(Duration.ofMinutes(5)));
      for (InferenceExecutionSummary execution : executions) {
        assertThat(execution.status())
            .as(execution.failedReason())
            .isEqualTo(InferenceExecutionStatus.SUCCESS);
        assertThat(execution.modelVersion()).isEqualTo(1L);
        assertThat(execution.modelVersionArn()).isEqualTo(model.modelArn() + "/model-version/1");
        assertThat(execution.scheduledStartTime()).isEqualTo(execution.dataEndTime());
        assertThat(execution.customerResultObject().bucket()).isEqualTo("results");
        Path results = vigil.bucket("results").resolve(execution.customerResultObject().key());
        List<String> lines = Files.readAllLines(results);
        assertThat(lines).hasSize(5);
        assertThat(JSON.readTree(lines.get(0)).has("anomaly_score")).isTrue();
      }
      DescribeInferenceSchedulerResponse running =
          lookout.describeInferenceScheduler(r -> r.inferenceSchedulerName("pump-7-live"));
      assertThat(running.status()).isEqualTo(InferenceSchedulerStatus.RUNNING);
      List<String> lastWindow =
          Files.readAllLines(
              vigil.bucket("results").resolve(executions.get(0).customerResultObject().key()));
      int lastPrediction =
          JSON.readTree(lastWindow.get(lastWindow.size() - 1)).get("prediction").asInt();
      assertThat(running.latestInferenceResult())
          .isEqualTo(
              lastPrediction == 1 ? LatestInferenceResult.ANOMALOUS : LatestInferenceResult.NORMAL);

      List<InferenceEventSummary> events =
          lookout
              .listInferenceEvents(
                  r ->
                      r.inferenceSchedulerName("pump-7-live")
                          .intervalStartTime(NOW.minus(Duration.ofHours(1)))
                          .intervalEndTime(NOW.plus(Duration.ofHours(1))))
              .inferenceEventSummaries();
      assertThat(events).isNotEmpty();
      InferenceEventSummary drift =
          events.stream()
              .filter(e -> !e.eventStartTime().isBefore(NOW.plus(Duration.ofMinutes(5))))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no event during the drift: " + events));
      assertThat(JSON.readTree(drift.diagnostics()).get(0).get("name").asText())
          .isEqualTo(FAULTY_SENSOR);
      assertThat(drift.eventDurationInSeconds())
          .isEqualTo(Duration.between(drift.eventStartTime(), drift.eventEndTime()).toSeconds());

      // Stop, update, start: the restarted scheduler runs the next window with its new delay.
      assertThat(
              lookout.stopInferenceScheduler(r -> r.inferenceSchedulerName("pump-7-live")).status())
          .isIn(InferenceSchedulerStatus.STOPPING, InferenceSchedulerStatus.STOPPED);
      awaitStatus(lookout, InferenceSchedulerStatus.STOPPED);
      lookout.updateInferenceScheduler(
          r ->
              r.inferenceSchedulerName("pump-7-live")
                  .dataDelayOffsetInMinutes(1L)
                  .roleArn(OTHER_ROLE));
      DescribeInferenceSchedulerResponse updated =
          lookout.describeInferenceScheduler(r -> r.inferenceSchedulerName("pump-7-live"));
      assertThat(updated.dataDelayOffsetInMinutes()).isEqualTo(1L);
      assertThat(updated.roleArn()).isEqualTo(OTHER_ROLE);
      assertThat(updated.status()).isEqualTo(InferenceSchedulerStatus.STOPPED);
      assertThat(
              lookout
                  .startInferenceScheduler(r -> r.inferenceSchedulerName("pump-7-live"))
                  .status())
          .isEqualTo(InferenceSchedulerStatus.PENDING);
      vigil.clock.set(NOW.plus(Duration.ofMinutes(21)));
      List<InferenceExecutionSummary> afterRestart = awaitExecutions(lookout, 4);
      assertThat(afterRestart.get(0).dataEndTime()).isEqualTo(NOW.plus(Duration.ofMinutes(20)));
      assertThat(afterRestart.get(0).scheduledStartTime())
          .isEqualTo(NOW.plus(Duration.ofMinutes(21)));
      assertThat(afterRestart.get(0).status()).isEqualTo(InferenceExecutionStatus.SUCCESS);

      // Tags of every kind of resource.
      assertThat(lookout.listTagsForResource(r -> r.resourceArn(dataset.datasetArn())).tags())
          .containsExactly(Tag.builder().key("site").value("north").build());
      assertThat(
              lookout
                  .listTagsForResource(r -> r.resourceArn(scheduler.inferenceSchedulerArn()))
                  .tags())
          .containsExactly(Tag.builder().key("line").value("1").build());
      lookout.tagResource(
          r ->
              r.resourceArn(model.modelArn())
                  .tags(Tag.builder().key("owner").value("ops").build()));
      assertThat(lookout.listTagsForResource(r -> r.resourceArn(model.modelArn())).tags())
          .containsExactly(Tag.builder().key("owner").value("ops").build());
      lookout.untagResource(r -> r.resourceArn(model.modelArn()).tagKeys("owner"));
      assertThat(lookout.listTagsForResource(r -> r.resourceArn(model.modelArn())).tags())
          .isEmpty();

      // Delete, scheduler first: then it is gone, and its executions list is empty, as in Lookout.
      lookout.stopInferenceScheduler(r -> r.inferenceSchedulerName("pump-7-live"));
      awaitStatus(lookout, InferenceSchedulerStatus.STOPPED);
      lookout.deleteInferenceScheduler(r -> r.inferenceSchedulerName("pump-7-live"));
      assertThatThrownBy(
              () ->
                  lookout.describeInferenceScheduler(r -> r.inferenceSchedulerName("pump-7-live")))
          .isInstanceOf(ResourceNotFoundException.class)
          .hasMessageStartingWith("inference scheduler 'pump-7-live' does not exist");
      assertThat(
              lookout
                  .listInferenceExecutions(r -> r.inferenceSchedulerName("pump-7-live"))
                  .inferenceExecutionSummaries())
          .isEmpty();
      lookout.deleteModel(r -> r.modelName("pump-7-model"));
      lookout.deleteLabelGroup(r -> r.labelGroupName("pump-7-faults"));
      lookout.deleteDataset(r -> r.datasetName("pump-7"));
      assertThat(lookout.listDatasets(r -> {}).datasetSummaries()).isEmpty();
      vigil.assertAnswersConform();
    }
  }

  /** The executions once there are {@code count}, none of them running; newest first. */
  private static List<InferenceExecutionSummary> awaitExecutions(
      LookoutEquipmentClient lookout, int count) {
    return LookoutFixture.await(
        count + " finished executions",
        PATIENCE,
        () ->
            Optional.of(
                    lookout
                        .listInferenceExecutions(r -> r.inferenceSchedulerName("pump-7-live"))
                        .inferenceExecutionSummaries())
                .filter(
                    list ->
                        list.size() == count
                            && list.stream()
                                .noneMatch(
                                    e -> e.status() == InferenceExecutionStatus.IN_PROGRESS)));
  }

  private static void awaitStatus(LookoutEquipmentClient lookout, InferenceSchedulerStatus status) {
    LookoutFixture.await(
        "status " + status,
        PATIENCE,
        () ->
            Optional.of(
                    lookout.describeInferenceScheduler(
                        r -> r.inferenceSchedulerName("pump-7-live")))
                .filter(s -> s.status() == status));
  }
}
