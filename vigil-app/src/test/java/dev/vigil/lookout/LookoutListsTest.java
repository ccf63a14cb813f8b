package dev.vigil.lookout;

import static dev.vigil.lookout.LookoutFixture.FAULTY_SENSOR;
import static dev.vigil.lookout.LookoutFixture.HISTORY_START;
import static dev.vigil.lookout.LookoutFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vigil.engine.synthetic.Fault;
import dev.vigil.engine.synthetic.FaultType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.pagination.sync.SdkIterable;
import software.amazon.awssdk.services.lookoutequipment.LookoutEquipmentClient;
import software.amazon.awssdk.services.lookoutequipment.model.DataIngestionJobSummary;
import software.amazon.awssdk.services.lookoutequipment.model.DatasetSummary;
import software.amazon.awssdk.services.lookoutequipment.model.InferenceEventSummary;
import software.amazon.awssdk.services.lookoutequipment.model.InferenceExecutionStatus;
import software.amazon.awssdk.services.lookoutequipment.model.InferenceExecutionSummary;
import software.amazon.awssdk.services.lookoutequipment.model.InferenceSchedulerSummary;
import software.amazon.awssdk.services.lookoutequipment.model.IngestionJobStatus;
import software.amazon.awssdk.services.lookoutequipment.model.LabelGroupSummary;
import software.amazon.awssdk.services.lookoutequipment.model.LabelRating;
import software.amazon.awssdk.services.lookoutequipment.model.LabelSummary;
import software.amazon.awssdk.services.lookoutequipment.model.ModelStatus;
import software.amazon.awssdk.services.lookoutequipment.model.ModelSummary;
import software.amazon.awssdk.services.lookoutequipment.model.ModelVersionStatus;
import software.amazon.awssdk.services.lookoutequipment.model.ModelVersionSummary;
import software.amazon.awssdk.services.lookoutequipment.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lookoutequipment.model.SensorStatisticsSummary;
import software.amazon.awssdk.services.lookoutequipment.model.Tag;

/**
 * NextToken and MaxResults through every List operation, with the AWS SDK's own paginators: a
 * listing read a page at a time holds exactly what one big page holds, in the same order, and takes
 * several pages to do so. Filters of each operation narrow the listing. The resources are made
 * through the SDK, but for a model's second version, which Lookout makes only with retraining
 * schedulers (not supported) and Vigil's native API makes on request.
 */
class LookoutListsTest {
  private static final Duration PATIENCE = Duration.ofMinutes(2);
  private static final String ROLE = "arn:aws:iam::123456789012:role/lookout";

  @TempDir static Path dataDir;

  private static LookoutFixture vigil;
  private static LookoutEquipmentClient lookout;

  @BeforeAll
  static void setUp() throws Exception {
    assumeTrue(
        Instant.now().isAfter(NOW.plus(Duration.ofDays(1))),
        "the wall clock must be after " + NOW + ": windows run when both clocks have passed them");
    vigil = new LookoutFixture(dataDir);
    lookout = vigil.client();
    for (String name : List.of("alpha", "bravo", "charlie")) {
      createDataset(name);
    }
    createDataset("plant-a");
    vigil.writeHistory("plant", "history/", List.of());
    ingest();
    ingest();
    for (String model : List.of("model-a", "model-b")) {
      lookout.createModel(
          r ->
              r.modelName(model)
                  .datasetName("plant-a")
                  .trainingDataStartTime(HISTORY_START)
                  .trainingDataEndTime(HISTORY_START.plus(Duration.ofDays(2))));
    }
    awaitModels();
    HttpResponse<String> retrain =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(vigil.endpoint() + "/api/v1/models/model-a/versions"))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(retrain.statusCode()).as(retrain.body()).isEqualTo(202);
    awaitModels();
    for (String group : List.of("group-1", "group-2", "group-3")) {
      lookout.createLabelGroup(r -> r.labelGroupName(group));
    }
    for (int day = 0; day < 3; day++) {
      Instant start = HISTORY_START.plus(Duration.ofDays(day));
      lookout.createLabel(
          r ->
              r.labelGroupName("group-1")
                  .startTime(start)
                  .endTime(start.plus(Duration.ofHours(1)))
                  .rating(LabelRating.ANOMALY));
    }
    // Two spikes make two events in the windows that run: about 00:01-00:04 and 00:12-00:14
    // (the sensor follows the plant a few rows late).
    vigil.writeLive(
        "plant",
        "live/",
        List.of(
            Fault.of(FaultType.SPIKE, FAULTY_SENSOR, 27, 29),
            Fault.of(FaultType.SPIKE, FAULTY_SENSOR, 38, 40)));
    for (String scheduler : List.of("scheduler-1", "scheduler-2", "scheduler-3")) {
      lookout.createInferenceScheduler(
          r ->
              r.modelName("model-a")
                  .inferenceSchedulerName(scheduler)
                  .dataUploadFrequency("PT5M")
                  .dataInputConfiguration(
                      c -> c.s3InputConfiguration(s3 -> s3.bucket("plant").prefix("live/")))
                  .dataOutputConfiguration(
                      c ->
                          c.s3OutputConfiguration(
                              s3 -> s3.bucket("results").prefix(scheduler + "/")))
                  .roleArn(ROLE));
    }
    for (String scheduler : List.of("scheduler-2", "scheduler-3")) {
      lookout.stopInferenceScheduler(r -> r.inferenceSchedulerName(scheduler));
    }
    vigil.clock.set(NOW.plus(Duration.ofMinutes(15)));
    LookoutFixture.await(
        "three finished executions",
        PATIENCE,
        () ->
            Optional.of(
                    lookout
                        .listInferenceExecutions(r -> r.inferenceSchedulerName("scheduler-1"))
                        .inferenceExecutionSummaries())
                .filter(
                    list ->
                        list.size() == 3
                            && list.stream()
                                .allMatch(e -> e.status() == InferenceExecutionStatus.SUCCESS)));
  }

  private static void createDataset(String name) {
    lookout.createDataset(
        r ->
            r.datasetName(name)
                .datasetSchema(s -> s.inlineDataSchema(LookoutFixture.inlineSchema())));
  }

  private static void ingest() {
    String job =
        lookout
            .startDataIngestionJob(
                r ->
                    r.datasetName("plant-a")
                        .ingestionInputConfiguration(
                            c ->
                                c.s3InputConfiguration(s3 -> s3.bucket("plant").prefix("history/")))
                        .roleArn(ROLE))
            .jobId();
    LookoutFixture.await(
        "ingestion " + job,
        PATIENCE,
        () ->
            Optional.of(lookout.describeDataIngestionJob(r -> r.jobId(job)))
                .filter(j -> j.status() == IngestionJobStatus.SUCCESS));
  }

  private static void awaitModels() {
    LookoutFixture.await(
        "the models to train",
        PATIENCE,
        () ->
            Optional.of(lookout.listModels(r -> {}).modelSummaries())
                .filter(
                    models -> models.stream().allMatch(m -> m.status() == ModelStatus.SUCCESS)));
  }

  @AfterAll
  static void tearDown() {
    if (vigil != null) {
      lookout.close();
      vigil.close();
    }
  }

  @AfterEach
  void answersConform() {
    vigil.assertAnswersConform();
  }

  /**
   * Asserts that paging with {@code pages} reads the items of {@code onePage} in {@code
   * expectedPages} pages, in the same order, and answers them.
   */
  private static <P, T> List<T> assertPaged(
      SdkIterable<P> pages, Function<P, List<T>> items, List<T> onePage, int expectedPages) {
    List<List<T>> read = pages.stream().map(items).toList();
    assertThat(read).hasSize(expectedPages);
    List<T> all = read.stream().flatMap(List::stream).toList();
    assertThat(all).containsExactlyElementsOf(onePage);
    return all;
  }

  @Test
  void datasets_page_by_name() {
    List<DatasetSummary> all = lookout.listDatasets(r -> r.maxResults(500)).datasetSummaries();
    assertThat(all)
        .extracting(DatasetSummary::datasetName)
        .containsExactly("alpha", "bravo", "charlie", "plant-a");
    assertPaged(
        lookout.listDatasetsPaginator(r -> r.maxResults(1)), p -> p.datasetSummaries(), all, 4);
    assertThat(lookout.listDatasets(r -> r.datasetNameBeginsWith("b")).datasetSummaries())
        .extracting(DatasetSummary::datasetName)
        .containsExactly("bravo");
  }

  @Test
  void ingestion_jobs_page_newest_first() {
    List<DataIngestionJobSummary> all =
        lookout
            .listDataIngestionJobs(r -> r.datasetName("plant-a").maxResults(500))
            .dataIngestionJobSummaries();
    assertThat(all).hasSize(2);
    assertPaged(
        lookout.listDataIngestionJobsPaginator(r -> r.datasetName("plant-a").maxResults(1)),
        p -> p.dataIngestionJobSummaries(),
        all,
        2);
    assertThat(
            lookout
                .listDataIngestionJobs(r -> r.status(IngestionJobStatus.FAILED))
                .dataIngestionJobSummaries())
        .isEmpty();
    assertThat(
            lookout
                .listDataIngestionJobs(r -> r.datasetName("no-such-dataset"))
                .dataIngestionJobSummaries())
        .isEmpty();
  }

  @Test
  void sensor_statistics_page_in_schema_order() {
    List<SensorStatisticsSummary> all =
        lookout.listSensorStatistics(r -> r.datasetName("plant-a")).sensorStatisticsSummaries();
    assertThat(all)
        .extracting(s -> s.componentName() + "\\" + s.sensorName())
        .containsExactlyElementsOf(LookoutFixture.HISTORY_PLANT.sensorNames());
    assertPaged(
        lookout.listSensorStatisticsPaginator(r -> r.datasetName("plant-a").maxResults(4)),
        p -> p.sensorStatisticsSummaries(),
        all,
        2);
  }

  @Test
  void models_and_their_versions_page() {
    List<ModelSummary> models = lookout.listModels(r -> r.maxResults(500)).modelSummaries();
    assertThat(models).extracting(ModelSummary::modelName).containsExactly("model-a", "model-b");
    assertPaged(
        lookout.listModelsPaginator(r -> r.maxResults(1)), p -> p.modelSummaries(), models, 2);
    assertThat(lookout.listModels(r -> r.modelNameBeginsWith("model-b")).modelSummaries())
        .hasSize(1);
    assertThat(lookout.listModels(r -> r.datasetNameBeginsWith("alpha")).modelSummaries())
        .isEmpty();

    List<ModelVersionSummary> versions =
        lookout.listModelVersions(r -> r.modelName("model-a")).modelVersionSummaries();
    assertThat(versions).extracting(ModelVersionSummary::modelVersion).containsExactly(1L, 2L);
    assertThat(versions).allMatch(v -> v.status() == ModelVersionStatus.SUCCESS);
    assertPaged(
        lookout.listModelVersionsPaginator(r -> r.modelName("model-a").maxResults(1)),
        p -> p.modelVersionSummaries(),
        versions,
        2);
    assertThat(
            lookout
                .listModelVersions(r -> r.modelName("model-a").minModelVersion(2L))
                .modelVersionSummaries())
        .extracting(ModelVersionSummary::modelVersion)
        .containsExactly(2L);
  }

  @Test
  void schedulers_executions_and_events_page() {
    List<InferenceSchedulerSummary> schedulers =
        lookout.listInferenceSchedulers(r -> r.maxResults(500)).inferenceSchedulerSummaries();
    assertThat(schedulers)
        .extracting(InferenceSchedulerSummary::inferenceSchedulerName)
        .containsExactly("scheduler-1", "scheduler-2", "scheduler-3");
    assertPaged(
        lookout.listInferenceSchedulersPaginator(r -> r.maxResults(2)),
        p -> p.inferenceSchedulerSummaries(),
        schedulers,
        2);
    assertThat(
            lookout
                .listInferenceSchedulers(r -> r.status("STOPPED").modelName("model-a"))
                .inferenceSchedulerSummaries())
        .extracting(InferenceSchedulerSummary::inferenceSchedulerName)
        .containsExactly("scheduler-2", "scheduler-3");

    List<InferenceExecutionSummary> executions =
        lookout
            .listInferenceExecutions(r -> r.inferenceSchedulerName("scheduler-1"))
            .inferenceExecutionSummaries();
    assertThat(executions).hasSize(3);
    assertPaged(
        lookout.listInferenceExecutionsPaginator(
            r -> r.inferenceSchedulerName("scheduler-1").maxResults(2)),
        p -> p.inferenceExecutionSummaries(),
        executions,
        2);
    assertThat(
            lookout
                .listInferenceExecutions(
                    r ->
                        r.inferenceSchedulerName("scheduler-1")
                            .dataStartTimeAfter(NOW.plus(Duration.ofMinutes(5)))
                            .dataEndTimeBefore(NOW.plus(Duration.ofMinutes(10))))
                .inferenceExecutionSummaries())
        .extracting(InferenceExecutionSummary::dataStartTime)
        .containsExactly(NOW.plus(Duration.ofMinutes(5)));

    List<InferenceEventSummary> events =
        lookout
            .listInferenceEvents(
                r ->
                    r.inferenceSchedulerName("scheduler-1")
                        .intervalStartTime(NOW.minus(Duration.ofHours(1)))
                        .intervalEndTime(NOW.plus(Duration.ofHours(1))))
            .inferenceEventSummaries();
    assertThat(events).hasSize(2);
    assertPaged(
        lookout.listInferenceEventsPaginator(
            r ->
                r.inferenceSchedulerName("scheduler-1")
                    .intervalStartTime(NOW.minus(Duration.ofHours(1)))
                    .intervalEndTime(NOW.plus(Duration.ofHours(1)))
                    .maxResults(1)),
        p -> p.inferenceEventSummaries(),
        events,
        events.size());
  }

  @Test
  void label_groups_and_labels_page() {
    List<LabelGroupSummary> groups =
        lookout.listLabelGroups(r -> r.maxResults(500)).labelGroupSummaries();
    assertThat(groups)
        .extracting(LabelGroupSummary::labelGroupName)
        .containsExactly("group-1", "group-2", "group-3");
    assertPaged(
        lookout.listLabelGroupsPaginator(r -> r.maxResults(2)),
        p -> p.labelGroupSummaries(),
        groups,
        2);
    List<LabelSummary> labels =
        lookout.listLabels(r -> r.labelGroupName("group-1")).labelSummaries();
    assertThat(labels)
        .extracting(LabelSummary::startTime)
        .containsExactly(
            HISTORY_START,
            HISTORY_START.plus(Duration.ofDays(1)),
            HISTORY_START.plus(Duration.ofDays(2)));
    assertPaged(
        lookout.listLabelsPaginator(r -> r.labelGroupName("group-1").maxResults(1)),
        p -> p.labelSummaries(),
        labels,
        3);
    assertThat(
            lookout
                .listLabels(
                    r ->
                        r.labelGroupName("group-1")
                            .intervalStartTime(HISTORY_START.plus(Duration.ofHours(12)))
                            .intervalEndTime(HISTORY_START.plus(Duration.ofHours(36))))
                .labelSummaries())
        .extracting(LabelSummary::startTime)
        .containsExactly(HISTORY_START.plus(Duration.ofDays(1)));
    assertThat(Stream.of(lookout.listLabels(r -> r.labelGroupName("no-group")).labelSummaries()))
        .allMatch(List::isEmpty);
  }

  @Test
  void the_active_version_is_switched_and_the_switch_remembered() {
    assertThat(lookout.describeModel(r -> r.modelName("model-a")).activeModelVersion())
        .isEqualTo(2L);
    var switched = lookout.updateActiveModelVersion(r -> r.modelName("model-a").modelVersion(1L));
    assertThat(switched.currentActiveVersion()).isEqualTo(1L);
    assertThat(switched.previousActiveVersion()).isEqualTo(2L);
    assertThat(switched.currentActiveVersionArn()).endsWith("/model-version/1");
    assertThat(switched.previousActiveVersionArn()).endsWith("/model-version/2");
    var model = lookout.describeModel(r -> r.modelName("model-a"));
    assertThat(model.activeModelVersion()).isEqualTo(1L);
    assertThat(model.modelVersionActivatedAt()).isEqualTo(vigil.clock.instant());
    assertThat(model.previousActiveModelVersion()).isEqualTo(2L);
    assertThat(model.previousActiveModelVersionArn()).endsWith("/model-version/2");
    assertThat(
            catchThrowableOfType(
                    ResourceNotFoundException.class,
                    () ->
                        lookout.updateActiveModelVersion(
                            r -> r.modelName("model-a").modelVersion(9L)))
                .awsErrorDetails()
                .errorMessage())
        .isEqualTo("model 'model-a' has no version 9");
    lookout.updateActiveModelVersion(r -> r.modelName("model-a").modelVersion(2L));
    assertThat(lookout.describeModel(r -> r.modelName("model-a")).previousActiveModelVersion())
        .isEqualTo(1L);
  }

  @Test
  void a_label_group_is_described_updated_and_its_labels_deleted() {
    lookout.createLabelGroup(r -> r.labelGroupName("group-4").faultCodes("seal"));
    String id =
        lookout
            .createLabel(
                r ->
                    r.labelGroupName("group-4")
                        .startTime(HISTORY_START)
                        .endTime(HISTORY_START.plus(Duration.ofHours(1)))
                        .rating(LabelRating.NEUTRAL)
                        .faultCode("seal")
                        .notes("inspection"))
            .labelId();
    lookout.updateLabelGroup(r -> r.labelGroupName("group-4").faultCodes("seal", "bearing"));
    var group = lookout.describeLabelGroup(r -> r.labelGroupName("group-4"));
    assertThat(group.faultCodes()).containsExactly("seal", "bearing");
    assertThat(group.labelGroupArn())
        .matches(
            "arn:aws:lookoutequipment:eu-west-1:123456789012:label-group/group-4/[0-9a-f-]{36}");
    assertThat(lookout.describeLabel(r -> r.labelGroupName("group-4").labelId(id)).notes())
        .isEqualTo("inspection");
    lookout.tagResource(
        r ->
            r.resourceArn(group.labelGroupArn())
                .tags(Tag.builder().key("asset").value("pump-7").build()));
    assertThat(lookout.listTagsForResource(r -> r.resourceArn(group.labelGroupArn())).tags())
        .hasSize(1);
    lookout.deleteLabel(r -> r.labelGroupName("group-4").labelId(id));
    assertThat(lookout.listLabels(r -> r.labelGroupName("group-4")).labelSummaries()).isEmpty();
    lookout.deleteLabelGroup(r -> r.labelGroupName("group-4"));
    assertThat(
            catchThrowableOfType(
                    ResourceNotFoundException.class,
                    () -> lookout.describeLabelGroup(r -> r.labelGroupName("group-4")))
                .awsErrorDetails()
                .errorMessage())
        .isEqualTo("label group 'group-4' does not exist");
  }

  @Test
  void update_model_changes_the_labels_of_the_next_versions_and_the_role() {
    lookout.updateModel(
        r ->
            r.modelName("model-b")
                .labelsInputConfiguration(l -> l.labelGroupName("group-1"))
                .roleArn("arn:aws:iam::123456789012:role/other"));
    var model = lookout.describeModel(r -> r.modelName("model-b"));
    assertThat(model.labelsInputConfiguration().labelGroupName()).isEqualTo("group-1");
    assertThat(model.roleArn()).isEqualTo("arn:aws:iam::123456789012:role/other");
    assertThat(
            catchThrowableOfType(
                    ResourceNotFoundException.class,
                    () ->
                        lookout.updateModel(
                            r ->
                                r.modelName("model-b")
                                    .labelsInputConfiguration(l -> l.labelGroupName("no-group"))))
                .awsErrorDetails()
                .errorMessage())
        .isEqualTo("label group 'no-group' does not exist");
  }
}
