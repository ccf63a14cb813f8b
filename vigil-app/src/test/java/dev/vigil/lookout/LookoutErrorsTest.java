package dev.vigil.lookout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.storage.Database;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.lookoutequipment.LookoutEquipmentClient;
import software.amazon.awssdk.services.lookoutequipment.model.AccessDeniedException;
import software.amazon.awssdk.services.lookoutequipment.model.ConflictException;
import software.amazon.awssdk.services.lookoutequipment.model.InternalServerException;
import software.amazon.awssdk.services.lookoutequipment.model.LookoutEquipmentException;
import software.amazon.awssdk.services.lookoutequipment.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lookoutequipment.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.lookoutequipment.model.Tag;
import software.amazon.awssdk.services.lookoutequipment.model.ThrottlingException;
import software.amazon.awssdk.services.lookoutequipment.model.ValidationException;

/**
 * Every error a client of the Lookout-compatible endpoint can see, through the AWS SDK for Java
 * against a real server: the seven error types, each as the SDK's exception class, with the exact
 * message, and the request id; ClientToken idempotency; and signatures that do not verify.
 */
class LookoutErrorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dataDir;

  private static LookoutFixture vigil;
  private static LookoutEquipmentClient lookout;

  @BeforeAll
  static void start() {
    vigil = new LookoutFixture(dataDir);
    lookout = vigil.client();
  }

  @AfterAll
  static void stop() {
    lookout.close();
    vigil.close();
  }

  @AfterEach
  void answersConform() {
    vigil.assertAnswersConform();
  }

  /** The refusal a call gets, which must be of {@code type}; its request id is always set. */
  private static <E extends LookoutEquipmentException> E refused(
      Class<E> type, ThrowingCallable call) {
    E refusal = catchThrowableOfType(type, call);
    assertThat(refusal).as("a " + type.getSimpleName()).isNotNull();
    assertThat(refusal.requestId()).isNotBlank();
    assertThat(refusal.awsErrorDetails().errorCode()).isEqualTo(type.getSimpleName());
    return refusal;
  }

  private static String message(LookoutEquipmentException refusal) {
    return refusal.awsErrorDetails().errorMessage();
  }

  private static void createDataset(String name) {
    lookout.createDataset(
        r ->
            r.datasetName(name)
                .datasetSchema(s -> s.inlineDataSchema(LookoutFixture.inlineSchema())));
  }

  @Test
  void the_service_models_rules_are_checked_by_the_server_and_worded_as_lookout_words_them() {
    ValidationException name =
        refused(
            ValidationException.class,
            () ->
                lookout.createDataset(
                    r ->
                        r.datasetName("pump 7")
                            .datasetSchema(
                                s -> s.inlineDataSchema(LookoutFixture.inlineSchema()))));
    assertThat(message(name))
        .isEqualTo(
            "1 validation error detected: Value 'pump 7' at 'datasetName' failed to satisfy"
                + " constraint: Member must satisfy regular expression pattern:"
                + " ^[0-9a-zA-Z_-]{1,200}$");
    assertThat(name.statusCode()).isEqualTo(400);

    ValidationException scheduler =
        refused(
            ValidationException.class,
            () ->
                lookout.createInferenceScheduler(
                    r ->
                        r.modelName("m")
                            .inferenceSchedulerName("s")
                            .dataUploadFrequency("PT2M")
                            .dataDelayOffsetInMinutes(61L)
                            .dataInputConfiguration(
                                c ->
                                    c.s3InputConfiguration(s3 -> s3.bucket("plant").prefix("live"))
                                        .inputTimeZoneOffset("+5:30"))
                            .dataOutputConfiguration(
                                c -> c.s3OutputConfiguration(s3 -> s3.bucket("results")))
                            .roleArn("arn:aws:iam::123456789012:role/x")));
    assertThat(message(scheduler))
        .startsWith("4 validation errors detected: ")
        .contains(
            "Value '61' at 'dataDelayOffsetInMinutes' failed to satisfy constraint: Member must"
                + " have value less than or equal to 60",
            "Value 'PT2M' at 'dataUploadFrequency' failed to satisfy constraint: Member must"
                + " satisfy enum value set: [PT5M, PT10M, PT15M, PT30M, PT1H]",
            "Value 'live' at 'dataInputConfiguration.s3InputConfiguration.prefix' failed to satisfy"
                + " constraint: Member must satisfy regular expression pattern:"
                + " (^$)|([\\u0009\\u000A\\u000D\\u0020-\\u00FF]{1,1023}/$)",
            "Value '+5:30' at 'dataInputConfiguration.inputTimeZoneOffset' failed to satisfy"
                + " constraint: Member must satisfy regular expression pattern:"
                + " ^(\\+|\\-)[0-9]{2}\\:[0-9]{2}$");

    assertThat(
            message(
                refused(
                    ValidationException.class,
                    () ->
                        lookout.tagResource(
                            r ->
                                r.resourceArn("arn:aws:lookoutequipment:eu-west-1:123456789012:x")
                                    .tags(Tag.builder().key("aws:owner").value("me").build())))))
        .isEqualTo(
            "1 validation error detected: Value 'aws:owner' at 'tags.1.member.key' failed to"
                + " satisfy constraint: Member must satisfy regular expression pattern:"
                + " ^(?!aws:)[a-zA-Z+-=._:/]+$");
    assertThat(
            message(
                refused(
                    ValidationException.class,
                    () ->
                        lookout.updateInferenceScheduler(
                            r ->
                                r.inferenceSchedulerName("s")
                                    .dataInputConfiguration(
                                        c ->
                                            c.inferenceInputNameConfiguration(
                                                n -> n.componentTimestampDelimiter(".")))))))
        .isEqualTo(
            "1 validation error detected: Value '.' at"
                + " 'dataInputConfiguration.inferenceInputNameConfiguration.componentTimestampDelimiter'"
                + " failed to satisfy constraint: Member must satisfy regular expression pattern:"
                + " ^(\\-|\\_|\\s)?$");
    assertThat(
            message(
                refused(
                    ValidationException.class, () -> lookout.listDatasets(r -> r.maxResults(501)))))
        .isEqualTo(
            "1 validation error detected: Value '501' at 'maxResults' failed to satisfy"
                + " constraint: Member must have value less than or equal to 500");
    assertThat(
            message(
                refused(
                    ValidationException.class,
                    () ->
                        lookout.createLabel(
                            r ->
                                r.labelGroupName("g")
                                    .startTime(Instant.EPOCH)
                                    .endTime(Instant.EPOCH.plusSeconds(60))
                                    .rating("BROKEN")))))
        .isEqualTo(
            "1 validation error detected: Value 'BROKEN' at 'rating' failed to satisfy"
                + " constraint: Member must satisfy enum value set: [ANOMALY, NO_ANOMALY,"
                + " NEUTRAL]");
  }

  @Test
  void vigils_own_rules_come_back_as_validation_errors_with_vigils_message() {
    assertThat(
            message(
                refused(
                    ValidationException.class,
                    () -> lookout.createDataset(r -> r.datasetName("no-schema")))))
        .isEqualTo(
            "DatasetSchema.InlineDataSchema is required: Vigil needs the components and sensors"
                + " of a dataset when it is created");
    assertThat(
            message(
                refused(
                    ValidationException.class,
                    () ->
                        lookout.createDataset(
                            r ->
                                r.datasetName("bad-schema")
                                    .datasetSchema(
                                        s ->
                                            s.inlineDataSchema(
                                                "{\"Components\":[{\"ComponentName\":\"pump\","
                                                    + "\"Columns\":[{\"Name\":\"Current\","
                                                    + "\"Type\":\"DOUBLE\"},{\"Name\":\"T\","
                                                    + "\"Type\":\"DATETIME\"}]}]}"))))))
        .isEqualTo("the first column of a component is its timestamp: its type must be DATETIME");
    assertThat(
            message(
                refused(
                    ValidationException.class,
                    () ->
                        lookout.createInferenceScheduler(
                            r ->
                                r.modelName("m")
                                    .inferenceSchedulerName("s")
                                    .dataUploadFrequency("PT5M")
                                    .dataInputConfiguration(
                                        c ->
                                            c.s3InputConfiguration(s3 -> s3.bucket("plant"))
                                                .inferenceInputNameConfiguration(
                                                    n -> n.timestampFormat("EPOCH-MILLIS")))
                                    .dataOutputConfiguration(
                                        c -> c.s3OutputConfiguration(s3 -> s3.bucket("results")))
                                    .roleArn("arn:aws:iam::123456789012:role/x")))))
        .isEqualTo(
            "timestamp format 'EPOCH-MILLIS' is not supported: use yyyyMMddHHmmss,"
                + " yyyy-MM-dd-HH-mm-ss or EPOCH");
    createDataset("sensors");
    assertThat(
            message(
                refused(
                    ValidationException.class,
                    () ->
                        lookout.createModel(
                            r ->
                                r.modelName("fewer-sensors")
                                    .datasetName("sensors")
                                    .datasetSchema(
                                        s ->
                                            s.inlineDataSchema(
                                                "{\"Components\":[{\"ComponentName\":\"comp01\","
                                                    + "\"Columns\":[{\"Name\":\"Timestamp\","
                                                    + "\"Type\":\"DATETIME\"},{\"Name\":\"s01\","
                                                    + "\"Type\":\"DOUBLE\"}]}]}"))))))
        .isEqualTo(
            "Vigil trains a model on every sensor of its dataset: DatasetSchema must be absent or"
                + " name exactly the sensors of dataset 'sensors' [comp01\\s01, comp01\\s02,"
                + " comp01\\s03, comp02\\s01, comp02\\s02, comp02\\s03]");
    assertThat(
            message(
                refused(
                    ValidationException.class,
                    () -> lookout.createModel(r -> r.modelName("no-data").datasetName("sensors")))))
        .isEqualTo("dataset 'sensors' has no data yet; ingest data before training a model");
    assertThat(
            message(
                refused(
                    ValidationException.class,
                    () ->
                        lookout.createRetrainingScheduler(
                            r ->
                                r.modelName("m")
                                    .retrainingFrequency("P30D")
                                    .lookbackWindow("P360D")))))
        .isEqualTo(
            "CreateRetrainingScheduler is an operation of Amazon Lookout for Equipment that Vigil"
                + " does not support; docs/lookout.md lists the operations Vigil implements");
    assertThat(
            message(
                refused(
                    ValidationException.class,
                    () -> lookout.listDatasets(r -> r.nextToken("TGlzdE1vZGVscwp4")))))
        .isEqualTo(
            "NextToken is not a token of ListDatasets: give the NextToken of the previous"
                + " ListDatasets answer, or none for the first page");
  }

  @Test
  void a_missing_resource_is_a_resource_not_found_exception_naming_it() {
    assertThat(
            message(
                refused(
                    ResourceNotFoundException.class,
                    () -> lookout.describeDataset(r -> r.datasetName("nothing-here")))))
        .isEqualTo("dataset 'nothing-here' does not exist");
    assertThat(
            message(
                refused(
                    ResourceNotFoundException.class,
                    () -> lookout.describeModel(r -> r.modelName("no-model")))))
        .isEqualTo("model 'no-model' does not exist");
    assertThat(
            message(
                refused(
                    ResourceNotFoundException.class,
                    () -> lookout.describeDataIngestionJob(r -> r.jobId("0123abcd")))))
        .isEqualTo("ingestion job '0123abcd' does not exist");
    assertThat(
            message(
                refused(
                    ResourceNotFoundException.class,
                    () ->
                        lookout.listInferenceEvents(
                            r ->
                                r.inferenceSchedulerName("no-scheduler")
                                    .intervalStartTime(Instant.EPOCH)
                                    .intervalEndTime(Instant.EPOCH.plusSeconds(60))))))
        .isEqualTo("inference scheduler 'no-scheduler' does not exist");
    // Lookout answers an empty list of executions for a scheduler it does not know.
    assertThat(
            lookout
                .listInferenceExecutions(r -> r.inferenceSchedulerName("no-scheduler"))
                .inferenceExecutionSummaries())
        .isEmpty();

    // An ARN names one resource: after a delete and a new create under the name, the old ARN
    // names nothing, and the new dataset starts without the old one's tags.
    createDataset("reborn");
    String oldArn = lookout.describeDataset(r -> r.datasetName("reborn")).datasetArn();
    lookout.tagResource(r -> r.resourceArn(oldArn).tags(Tag.builder().key("k").value("v").build()));
    lookout.deleteDataset(r -> r.datasetName("reborn"));
    createDataset("reborn");
    String newArn = lookout.describeDataset(r -> r.datasetName("reborn")).datasetArn();
    assertThat(newArn).isNotEqualTo(oldArn);
    assertThat(lookout.listTagsForResource(r -> r.resourceArn(newArn)).tags()).isEmpty();
    assertThat(
            message(
                refused(
                    ResourceNotFoundException.class,
                    () -> lookout.listTagsForResource(r -> r.resourceArn(oldArn)))))
        .isEqualTo("no dataset has ARN '" + oldArn + "'");
    String elsewhere = newArn.replace("123456789012", "210987654321");
    assertThat(
            message(
                refused(
                    ResourceNotFoundException.class,
                    () -> lookout.listTagsForResource(r -> r.resourceArn(elsewhere)))))
        .isEqualTo(
            "no resource has ARN '"
                + elsewhere
                + "': Vigil's resources are in region eu-west-1 and account 123456789012");
  }

  @Test
  void a_conflict_with_a_resources_state_or_a_client_token_is_a_conflict_exception() {
    createDataset("taken");
    assertThat(message(refused(ConflictException.class, () -> createDataset("taken"))))
        .isEqualTo("dataset 'taken' already exists");

    // The same ClientToken and request: the first answer again, and still one dataset.
    String first =
        lookout
            .createDataset(
                r ->
                    r.datasetName("once")
                        .datasetSchema(s -> s.inlineDataSchema(LookoutFixture.inlineSchema()))
                        .clientToken("token-once"))
            .datasetArn();
    String again =
        lookout
            .createDataset(
                r ->
                    r.datasetName("once")
                        .datasetSchema(s -> s.inlineDataSchema(LookoutFixture.inlineSchema()))
                        .clientToken("token-once"))
            .datasetArn();
    assertThat(again).isEqualTo(first);
    assertThat(lookout.listDatasets(r -> r.datasetNameBeginsWith("once")).datasetSummaries())
        .hasSize(1);
    assertThat(
            message(
                refused(
                    ConflictException.class,
                    () ->
                        lookout.createDataset(
                            r ->
                                r.datasetName("twice")
                                    .datasetSchema(
                                        s -> s.inlineDataSchema(LookoutFixture.inlineSchema()))
                                    .clientToken("token-once")))))
        .isEqualTo(
            "ClientToken 'token-once' was used by an earlier CreateDataset request with other"
                + " parameters; use a new ClientToken for a new request");

    // A label created twice with one token is one label.
    lookout.createLabelGroup(r -> r.labelGroupName("faults"));
    String label =
        lookout
            .createLabel(
                r ->
                    r.labelGroupName("faults")
                        .startTime(Instant.parse("2026-01-01T00:00:00Z"))
                        .endTime(Instant.parse("2026-01-02T00:00:00Z"))
                        .rating("ANOMALY")
                        .clientToken("label-token"))
            .labelId();
    String labelAgain =
        lookout
            .createLabel(
                r ->
                    r.labelGroupName("faults")
                        .startTime(Instant.parse("2026-01-01T00:00:00Z"))
                        .endTime(Instant.parse("2026-01-02T00:00:00Z"))
                        .rating("ANOMALY")
                        .clientToken("label-token"))
            .labelId();
    assertThat(labelAgain).isEqualTo(label);
    assertThat(lookout.listLabels(r -> r.labelGroupName("faults")).labelSummaries()).hasSize(1);
    // A failed request leaves its token free for the corrected request.
    refused(
        ValidationException.class,
        () ->
            lookout.createLabel(
                r ->
                    r.labelGroupName("faults")
                        .startTime(Instant.parse("2026-01-02T00:00:00Z"))
                        .endTime(Instant.parse("2026-01-01T00:00:00Z"))
                        .rating("ANOMALY")
                        .clientToken("retry-token")));
    assertThat(
            lookout
                .createLabel(
                    r ->
                        r.labelGroupName("faults")
                            .startTime(Instant.parse("2026-01-03T00:00:00Z"))
                            .endTime(Instant.parse("2026-01-04T00:00:00Z"))
                            .rating("ANOMALY")
                            .clientToken("retry-token"))
                .labelId())
        .matches("[0-9a-f]{32}");
  }

  @Test
  void more_than_200_tags_on_a_resource_exceed_the_quota_and_change_nothing() {
    createDataset("tagged");
    String arn = lookout.describeDataset(r -> r.datasetName("tagged")).datasetArn();
    List<Tag> tags = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      tags.add(Tag.builder().key("key" + i).value("value" + i).build());
    }
    lookout.tagResource(r -> r.resourceArn(arn).tags(tags));
    assertThat(
            message(
                refused(
                    ServiceQuotaExceededException.class,
                    () ->
                        lookout.tagResource(
                            r ->
                                r.resourceArn(arn)
                                    .tags(Tag.builder().key("one-more").value("x").build())))))
        .isEqualTo("the dataset would have 201 tags; a resource has at most 200");
    assertThat(lookout.listTagsForResource(r -> r.resourceArn(arn)).tags()).hasSize(200);
    // Replacing the value of a key it has is no new tag.
    lookout.tagResource(
        r -> r.resourceArn(arn).tags(Tag.builder().key("key0").value("changed").build()));
    assertThat(lookout.listTagsForResource(r -> r.resourceArn(arn)).tags())
        .hasSize(200)
        .contains(Tag.builder().key("key0").value("changed").build());
  }

  @Test
  void a_retry_while_the_first_request_with_its_token_still_runs_is_throttled() {
    // The first CreateLabelGroup with this token is recorded as running (as when Vigil is still
    // creating it): a retry is told to come back, which the SDKs do by themselves.
    ObjectNode request = JSON.createObjectNode();
    request.put("LabelGroupName", "slow-group");
    request.put("ClientToken", "slow-token");
    try (Database database = Database.open(Database.embeddedUrl(dataDir), "sa", "")) {
      database
          .jdbi()
          .useHandle(
              handle ->
                  handle
                      .createUpdate(
                          "INSERT INTO lookout_client_tokens (operation, client_token,"
                              + " request_hash, response, created_at) VALUES ('CreateLabelGroup',"
                              + " 'slow-token', :hash, NULL, :now)")
                      .bind("hash", Idempotency.requestHash(request, "ClientToken"))
                      .bind("now", vigil.clock.millis())
                      .execute());
    }
    int answers = vigil.checker.checked().size();
    assertThat(
            message(
                refused(
                    ThrottlingException.class,
                    () ->
                        lookout.createLabelGroup(
                            r -> r.labelGroupName("slow-group").clientToken("slow-token")))))
        .isEqualTo(
            "an earlier CreateLabelGroup request with ClientToken 'slow-token' is still running;"
                + " retry to get its answer");
    assertThat(vigil.checker.checked().subList(answers, vigil.checker.checked().size()))
        .as("the SDK retried the throttled request before giving up")
        .hasSizeGreaterThan(1)
        .containsOnly("CreateLabelGroup");
  }

  @Test
  void an_unexpected_failure_is_an_internal_server_exception_with_an_error_id_only() {
    createDataset("damaged");
    lookout.createDataset(
        r ->
            r.datasetName("damaged-kms")
                .datasetSchema(s -> s.inlineDataSchema(LookoutFixture.inlineSchema()))
                .serverSideKmsKeyId("alias/x"));
    String id =
        lookout
            .describeDataset(r -> r.datasetName("damaged-kms"))
            .datasetArn()
            .replaceAll(".*/", "");
    try (Database database = Database.open(Database.embeddedUrl(dataDir), "sa", "")) {
      database
          .jdbi()
          .useHandle(
              handle ->
                  handle
                      .createUpdate(
                          "UPDATE lookout_resources SET settings = 'not json' WHERE resource_id ="
                              + " :id")
                      .bind("id", id)
                      .execute());
    }
    InternalServerException failure =
        refused(
            InternalServerException.class,
            () -> lookout.describeDataset(r -> r.datasetName("damaged-kms")));
    assertThat(failure.statusCode()).isEqualTo(500);
    assertThat(message(failure)).matches("internal error; the server log has error id [0-9a-f]{8}");
  }

  @Test
  void a_request_that_is_not_signed_with_a_configured_key_is_denied() {
    try (LookoutEquipmentClient wrongSecret =
            vigil.client(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(LookoutFixture.KEY_ID, "not-the-secret")));
        LookoutEquipmentClient unknownKey =
            vigil.client(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("AKIAUNKNOWNKEY000000", LookoutFixture.SECRET)));
        LookoutEquipmentClient unsigned = vigil.client(AnonymousCredentialsProvider.create())) {
      assertThat(
              message(
                  refused(AccessDeniedException.class, () -> wrongSecret.listDatasets(r -> {}))))
          .isEqualTo(
              "the request signature does not match the one Vigil calculates for access key id"
                  + " 'AKIAVIGILTESTKEY0001': check the secret access key and that nothing"
                  + " changed the request after it was signed");
      assertThat(
              message(refused(AccessDeniedException.class, () -> unknownKey.listDatasets(r -> {}))))
          .isEqualTo(
              "the access key id 'AKIAUNKNOWNKEY000000' is not one of the access keys Vigil is"
                  + " configured with (lookout.access-keys)");
      assertThat(
              message(refused(AccessDeniedException.class, () -> unsigned.listDatasets(r -> {}))))
          .isEqualTo(
              "the request is not signed: sign it with AWS Signature Version 4 using one of the"
                  + " access keys Vigil is configured with (lookout.access-keys)");
      // Nothing was done on the denied requests' behalf.
      refused(
          AccessDeniedException.class,
          () ->
              unsigned.createDataset(
                  r ->
                      r.datasetName("by-nobody")
                          .datasetSchema(s -> s.inlineDataSchema(LookoutFixture.inlineSchema()))));
      assertThat(lookout.listDatasets(r -> r.datasetNameBeginsWith("by-nobody")).datasetSummaries())
          .isEmpty();
    }
  }
}
