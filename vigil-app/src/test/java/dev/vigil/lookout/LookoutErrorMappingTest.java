package dev.vigil.lookout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vigil.api.ApiServer;
import dev.vigil.engine.data.InvalidDataException;
import dev.vigil.json.Json;
import dev.vigil.request.BusyException;
import dev.vigil.request.ConflictException;
import dev.vigil.request.InvalidRequestException;
import dev.vigil.request.NotFoundException;
import dev.vigil.storage.Database;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lookoutequipment.LookoutEquipmentClient;
import software.amazon.awssdk.services.lookoutequipment.model.InternalServerException;
import software.amazon.awssdk.services.lookoutequipment.model.LookoutEquipmentException;
import software.amazon.awssdk.services.lookoutequipment.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lookoutequipment.model.ThrottlingException;
import software.amazon.awssdk.services.lookoutequipment.model.ValidationException;

/**
 * How the endpoint turns the features' refusals into Lookout's errors, as the AWS SDK sees them:
 * the endpoint over stand-in operations that refuse the way Vigil's services do, on a real HTTP
 * server. In particular Vigil being too busy (its job queue full) is a ThrottlingException, which
 * the SDKs retry, and an unexpected failure an InternalServerException (HTTP 500) carrying only an
 * error id.
 */
class LookoutErrorMappingTest {
  @TempDir static Path dataDir;

  private static Database database;
  private static ApiServer server;
  private static LookoutEquipmentClient lookout;
  private static final ResponseChecker CHECKER = new ResponseChecker();

  @BeforeAll
  static void start() {
    database = Database.open(Database.embeddedUrl(dataDir), "sa", "");
    Map<String, Operation> operations =
        Map.of(
            "ListDatasets",
            input -> {
              throw new BusyException("too many jobs are waiting; start the ingestion again later");
            },
            "ListModels",
            input -> {
              throw new IllegalStateException("a bug");
            },
            "DescribeDataset",
            input -> {
              throw new NotFoundException("dataset 'x' does not exist");
            },
            "DeleteDataset",
            input -> {
              throw new ConflictException("dataset 'x' is used by model m; delete them first");
            },
            "ListLabelGroups",
            input -> {
              throw new InvalidRequestException("field", "a rule is broken");
            },
            "ListInferenceSchedulers",
            input -> {
              throw new InvalidDataException("a file is unreadable");
            });
    LookoutStore store = new LookoutStore(database, Json.mapper());
    LookoutEndpoint endpoint =
        new LookoutEndpoint(
            ServiceModel.load(),
            operations,
            Optional.empty(),
            new Idempotency(store, Json.mapper(), Clock.systemUTC()),
            Json.mapper());
    server = new ApiServer("127.0.0.1", 0, List.of(endpoint), () -> true).start();
    lookout =
        LookoutEquipmentClient.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + server.port()))
            .region(Region.EU_WEST_1)
            .credentialsProvider(AnonymousCredentialsProvider.create())
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(c -> c.addExecutionInterceptor(CHECKER))
            .build();
  }

  @AfterAll
  static void stop() {
    lookout.close();
    server.close();
    database.close();
  }

  private static <E extends LookoutEquipmentException> String message(
      Class<E> type, org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    E refusal = catchThrowableOfType(type, call);
    assertThat(refusal).as(type.getSimpleName()).isNotNull();
    assertThat(refusal.requestId()).isNotBlank();
    return refusal.awsErrorDetails().errorMessage();
  }

  @Test
  void vigil_too_busy_is_a_throttling_exception_which_the_sdks_retry() {
    assertThat(message(ThrottlingException.class, () -> lookout.listDatasets(r -> {})))
        .isEqualTo("too many jobs are waiting; start the ingestion again later");
    assertThat(CHECKER.problems()).isEmpty();
  }

  @Test
  void an_unexpected_failure_is_a_500_internal_server_exception_with_only_an_error_id() {
    InternalServerException failure =
        catchThrowableOfType(InternalServerException.class, () -> lookout.listModels(r -> {}));
    assertThat(failure.statusCode()).isEqualTo(500);
    assertThat(failure.awsErrorDetails().errorMessage())
        .matches("internal error; the server log has error id [0-9a-f]{8}")
        .doesNotContain("a bug");
    assertThat(CHECKER.problems()).isEmpty();
  }

  @Test
  void the_features_refusals_become_the_lookout_error_of_their_kind() {
    assertThat(
            message(
                ResourceNotFoundException.class,
                () -> lookout.describeDataset(r -> r.datasetName("x"))))
        .isEqualTo("dataset 'x' does not exist");
    assertThat(
            message(
                software.amazon.awssdk.services.lookoutequipment.model.ConflictException.class,
                () -> lookout.deleteDataset(r -> r.datasetName("x"))))
        .isEqualTo("dataset 'x' is used by model m; delete them first");
    assertThat(message(ValidationException.class, () -> lookout.listLabelGroups(r -> {})))
        .isEqualTo("a rule is broken");
    assertThat(message(ValidationException.class, () -> lookout.listInferenceSchedulers(r -> {})))
        .isEqualTo("a file is unreadable");
    assertThat(CHECKER.problems()).isEmpty();
  }
}
