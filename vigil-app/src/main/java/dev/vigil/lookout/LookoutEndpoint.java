package dev.vigil.lookout;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.api.ApiRoutes;
import dev.vigil.config.VigilConfig;
import dev.vigil.dataset.DatasetService;
import dev.vigil.engine.data.InvalidDataException;
import dev.vigil.inference.InferenceResults;
import dev.vigil.inference.SchedulerService;
import dev.vigil.ingestion.IngestionService;
import dev.vigil.json.Json;
import dev.vigil.label.LabelService;
import dev.vigil.model.ModelService;
import dev.vigil.request.BusyException;
import dev.vigil.request.ConflictException;
import dev.vigil.request.InvalidRequestException;
import dev.vigil.request.NotFoundException;
import dev.vigil.request.RequestRefusedException;
import dev.vigil.storage.Database;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Amazon Lookout for Equipment compatible endpoint: {@code POST /} with {@code X-Amz-Target:
 * AWSLookoutEquipmentFrontendService.<Operation>} and {@code Content-Type:
 * application/x-amz-json-1.0} (AWS JSON 1.0), on the same port as the native API, so that the AWS
 * SDKs and the AWS CLI work against Vigil with only an endpoint override.
 *
 * <p>Each request is authenticated (SigV4 against the configured access keys, or anything in
 * development mode), its operation looked up in the {@link ServiceModel}, validated against the
 * model, run on Vigil's own services (with ClientToken idempotency where the model declares a
 * token), and answered in Lookout's shapes. Every answer carries {@code x-amzn-RequestId}; an error
 * is {@code {"__type": "ValidationException", "message": "..."}} with the same name in {@code
 * x-amzn-ErrorType}, HTTP 400, or 500 for an internal error, whose message holds only an id that
 * the log has with the stack trace. An operation of the model that Vigil does not implement is a
 * ValidationException naming it. The native API's error contract is untouched: this endpoint
 * answers its own errors itself.
 *
 * <p>Thread-safe.
 */
public final class LookoutEndpoint implements ApiRoutes {
  /** The content type of AWS JSON 1.0, in requests and answers. */
  public static final String CONTENT_TYPE = "application/x-amz-json-1.0";

  /** The prefix of {@code X-Amz-Target}: Lookout's service name. */
  static final String TARGET_PREFIX = "AWSLookoutEquipmentFrontendService";

  private static final Logger LOG = LoggerFactory.getLogger(LookoutEndpoint.class);

  private final ServiceModel model;
  private final ShapeValidator validator;
  private final Map<String, Operation> operations;
  private final Optional<SignatureVerifier> verifier;
  private final Idempotency idempotency;
  private final ObjectMapper mapper;
  private final String targetPrefix;

  LookoutEndpoint(
      ServiceModel model,
      Map<String, Operation> operations,
      Optional<SignatureVerifier> verifier,
      Idempotency idempotency,
      ObjectMapper mapper) {
    this.model = model;
    this.validator = new ShapeValidator(model, false);
    this.operations = Collections.unmodifiableMap(new HashMap<>(operations));
    this.verifier = verifier;
    this.idempotency = idempotency;
    this.mapper = mapper;
    this.targetPrefix = TARGET_PREFIX + ".";
  }

  /**
   * The endpoint over Vigil's services. Without access keys it runs in development mode, which the
   * configuration allows only on a loopback address, and says so in the log.
   */
  public static LookoutEndpoint create(
      VigilConfig.LookoutSettings settings,
      Database database,
      DatasetService datasets,
      IngestionService ingestion,
      ModelService models,
      SchedulerService schedulers,
      InferenceResults results,
      LabelService labels,
      Clock clock) {
    ObjectMapper mapper = Json.mapper();
    mapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    LookoutStore store = new LookoutStore(database, mapper);
    Backend backend =
        new Backend(
            datasets,
            ingestion,
            models,
            schedulers,
            results,
            labels,
            store,
            new Arns(settings.region(), settings.accountId()),
            mapper,
            clock);
    Map<String, Operation> operations = new HashMap<>();
    IngestionOperations ingestionOperations = new IngestionOperations(backend);
    ingestionOperations.register(operations);
    new DatasetOperations(backend, ingestionOperations).register(operations);
    new ModelOperations(backend).register(operations);
    new SchedulerOperations(backend).register(operations);
    new LabelOperations(backend).register(operations);
    new TagOperations(backend).register(operations);
    ServiceModel model = ServiceModel.load();
    Optional<SignatureVerifier> verifier;
    if (settings.developmentMode()) {
      LOG.warn(
          "Lookout-compatible endpoint in development mode: no access key is configured"
              + " (lookout.access-keys), so any signature is accepted; Vigil listens on loopback"
              + " only");
      verifier = Optional.empty();
    } else {
      verifier = Optional.of(new SignatureVerifier(settings.accessKeys(), Clock.systemUTC()));
      LOG.info(
          "Lookout-compatible endpoint on POST / ({}) verifies SigV4 signatures of {} access"
              + " key(s); ARNs in region {}, account {}",
          model.source(),
          settings.accessKeys().size(),
          settings.region(),
          settings.accountId());
    }
    return new LookoutEndpoint(
        ServiceModel.load(), operations, verifier, new Idempotency(store, mapper, clock), mapper);
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.post("/", this::handle);
  }

  private void handle(Context ctx) {
    String requestId = UUID.randomUUID().toString();
    ctx.header("x-amzn-RequestId", requestId);
    String operation = "(unknown)";
    try {
      byte[] body = ctx.bodyAsBytes();
      String principal = authenticate(ctx, body);
      operation = operationName(ctx.header("X-Amz-Target"));
      String contentType = ctx.header("Content-Type");
      if (contentType == null || !contentType.trim().startsWith(CONTENT_TYPE)) {
        throw LookoutException.validation(
            "Content-Type must be " + CONTENT_TYPE + " (AWS JSON 1.0), not " + contentType);
      }
      ServiceModel.Operation definition = definition(operation);
      Operation implementation = operations.get(operation);
      if (implementation == null) {
        throw LookoutException.validation(
            operation
                + " is an operation of Amazon Lookout for Equipment that Vigil does not support;"
                + " docs/lookout.md lists the operations Vigil implements");
      }
      JsonNode input = parse(body);
      validator.validate(definition.input(), input);
      Optional<String> token = model.idempotencyTokenMember(definition);
      ObjectNode output =
          token.isPresent()
              ? idempotency.call(operation, token.get(), input, implementation)
              : implementation.call(input);
      LOG.debug("lookout {} by {}: OK ({})", operation, principal, requestId);
      ctx.status(200).contentType(CONTENT_TYPE).result(mapper.writeValueAsBytes(output));
    } catch (LookoutException e) {
      fail(ctx, operation, requestId, e.error(), e.getMessage());
    } catch (RequestRefusedException e) {
      fail(ctx, operation, requestId, error(e), e.getMessage());
    } catch (InvalidDataException e) {
      fail(ctx, operation, requestId, LookoutError.VALIDATION, e.getMessage());
    } catch (Exception e) {
      String errorId = requestId.substring(0, 8);
      LOG.error("lookout {} failed, error id {} (request {})", operation, errorId, requestId, e);
      fail(
          ctx,
          operation,
          requestId,
          LookoutError.INTERNAL_SERVER,
          "internal error; the server log has error id " + errorId);
    }
  }

  private String authenticate(Context ctx, byte[] body) {
    if (verifier.isEmpty()) {
      return "anyone (development mode)";
    }
    Map<String, List<String>> headers = new HashMap<>();
    ctx.headerMap().forEach((name, value) -> headers.put(name, List.of(value)));
    return verifier
        .get()
        .verify(
            new SignatureVerifier.SignedRequest(
                ctx.method().name(), ctx.path(), ctx.queryString(), headers, body))
        .principal();
  }

  private String operationName(String target) {
    if (target == null || target.isBlank()) {
      throw LookoutException.validation(
          "the request has no X-Amz-Target header: POST / is the Lookout for Equipment compatible"
              + " endpoint, which takes X-Amz-Target: "
              + TARGET_PREFIX
              + ".<Operation>; the native API is under /api/v1");
    }
    if (!target.startsWith(targetPrefix)) {
      throw LookoutException.validation(
          "X-Amz-Target '"
              + target
              + "' does not name an operation of "
              + TARGET_PREFIX
              + " (Amazon Lookout for Equipment)");
    }
    return target.substring(targetPrefix.length());
  }

  private ServiceModel.Operation definition(String operation) {
    return model
        .operation(operation)
        .orElseThrow(
            () ->
                LookoutException.validation(
                    operation + " is not an operation of Amazon Lookout for Equipment"));
  }

  private JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return mapper.createObjectNode();
    }
    JsonNode input;
    try {
      input = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw LookoutException.validation("the request body is not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the request body", e);
    }
    if (input == null || !input.isObject()) {
      throw LookoutException.validation("the request body must be a JSON object");
    }
    return input;
  }

  private static LookoutError error(RequestRefusedException refusal) {
    if (refusal instanceof InvalidRequestException) {
      return LookoutError.VALIDATION;
    }
    if (refusal instanceof NotFoundException) {
      return LookoutError.RESOURCE_NOT_FOUND;
    }
    if (refusal instanceof ConflictException) {
      return LookoutError.CONFLICT;
    }
    if (refusal instanceof BusyException) {
      return LookoutError.THROTTLING;
    }
    return LookoutError.INTERNAL_SERVER;
  }

  private void fail(
      Context ctx, String operation, String requestId, LookoutError error, String message) {
    LOG.debug("lookout {}: {} {} ({})", operation, error.type(), message, requestId);
    ObjectNode body = mapper.createObjectNode();
    body.put("__type", error.type());
    body.put("message", message);
    ctx.status(error.status())
        .header("x-amzn-ErrorType", error.type())
        .contentType(CONTENT_TYPE)
        .result(body.toString().getBytes(StandardCharsets.UTF_8));
  }
}
