package dev.vigil.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.vigil.engine.data.InvalidDataException;
import dev.vigil.json.Json;
import dev.vigil.request.BusyException;
import dev.vigil.request.ConflictException;
import dev.vigil.request.ForbiddenException;
import dev.vigil.request.InvalidRequestException;
import dev.vigil.request.NotFoundException;
import dev.vigil.request.RequestRefusedException;
import dev.vigil.request.TooManyAttemptsException;
import dev.vigil.request.UnauthenticatedException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import io.javalin.router.Endpoint;
import io.javalin.router.ParsedEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: the native API under {@code /api/v1}, its OpenAPI document, {@code /health}, and
 * the JSON error contract. A request a feature refuses ({@link RequestRefusedException}) gets a 4xx
 * or 503 whose body names the rule and, when one field is at fault, the field: {@code {"error":
 * {"status": 400, "code": "invalid_request", "message": "...", "field": "name"}}}. An unexpected
 * failure gets a 500 whose body carries only an id, which the log holds with the stack trace.
 *
 * <p>Before any handler, the route template the request matches is set as {@link #ROUTE_ATTRIBUTE},
 * then the filter runs (authentication: it may refuse by throwing a {@link
 * RequestRefusedException}, or answer itself); after every request, the observer hears of it.
 *
 * <p>Thread-safe; start once, stop once.
 */
public final class ApiServer implements AutoCloseable {
  /**
   * The request attribute holding the route template the request matches ({@code
   * /api/v1/models/{name}}), absent when none does.
   */
  public static final String ROUTE_ATTRIBUTE = "vigil.route";

  /** The route of requests no route matches, as metrics name it. */
  public static final String UNMATCHED = "(unmatched)";

  private static final String STARTED_ATTRIBUTE = "vigil.started";
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  private final Javalin javalin;

  /**
   * A server with no filter and no observer: every request is let through, as in tests of single
   * features.
   *
   * @param ready answers whether the service is ready; {@code /health} answers 503 until it is
   */
  public ApiServer(String host, int port, List<ApiRoutes> features, BooleanSupplier ready) {
    this(host, port, features, ready, ctx -> {}, RequestObserver.NONE, () -> {});
  }

  /**
   * @param ready answers whether the service is ready; {@code /health} answers 503 until it is
   * @param filter runs before every request's handler: authentication and access rules
   * @param observer hears of every request answered
   * @param makeDurable runs after every request that may have changed something (any method but
   *     GET, HEAD and OPTIONS), before its answer is sent: makes its changes durable, or throws and
   *     the answer is an error
   */
  public ApiServer(
      String host,
      int port,
      List<ApiRoutes> features,
      BooleanSupplier ready,
      Handler filter,
      RequestObserver observer,
      Runnable makeDurable) {
    ObjectMapper mapper = Json.mapper();
    byte[] openApi = openApiDocument();
    this.javalin =
        Javalin.create(
            config -> {
              config.jetty.host = host;
              config.jetty.port = port;
              config.jsonMapper(new JavalinJackson(mapper, false));
              config.startup.showJavalinBanner = false;
              config.http.maxRequestSize = 64L * 1024 * 1024;
              config.routes.before(
                  ctx -> {
                    ctx.attribute(STARTED_ATTRIBUTE, System.nanoTime());
                    route(ctx).ifPresent(route -> ctx.attribute(ROUTE_ATTRIBUTE, route));
                  });
              config.routes.before(filter);
              // What a client was told is done must survive a crash of the process right after.
              config.routes.after(
                  ctx -> {
                    if (mayChange(ctx.method())) {
                      makeDurable.run();
                    }
                  });
              config.routes.after(
                  ctx -> {
                    Long started = ctx.attribute(STARTED_ATTRIBUTE);
                    String route = ctx.attribute(ROUTE_ATTRIBUTE);
                    observer.completed(
                        ctx.method().name(),
                        route == null ? UNMATCHED : route,
                        ctx.statusCode(),
                        started == null ? 0 : System.nanoTime() - started);
                  });
              config.routes.get(
                  "/health",
                  ctx -> {
                    boolean up = ready.getAsBoolean();
                    ctx.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                        .json(Map.of("status", up ? "ok" : "starting"));
                  });
              config.routes.get(
                  "/api/v1/openapi.json",
                  ctx -> ctx.contentType("application/json").result(openApi));
              for (ApiRoutes feature : features) {
                feature.addTo(config.routes);
              }
              config.routes.exception(RequestRefusedException.class, ApiServer::refused);
              config.routes.exception(
                  InvalidDataException.class,
                  (e, ctx) -> refused(new InvalidRequestException(null, e.getMessage()), ctx));
              config.routes.exception(JsonProcessingException.class, ApiServer::badJson);
              config.routes.exception(Exception.class, ApiServer::failed);
              config.routes.error(
                  404,
                  "*",
                  ctx -> {
                    if (ctx.attribute("vigil-error") == null) {
                      writeError(
                          ctx,
                          404,
                          "not_found",
                          "no route " + ctx.method() + " " + ctx.path(),
                          null,
                          null);
                    }
                  });
              config.routes.error(
                  405,
                  "*",
                  ctx ->
                      writeError(
                          ctx,
                          405,
                          "method_not_allowed",
                          ctx.method() + " is not allowed on " + ctx.path(),
                          null,
                          null));
            });
  }

  /** Whether a request of {@code method} may change what Vigil stores. */
  private static boolean mayChange(HandlerType method) {
    return !method.equals(HandlerType.GET)
        && !method.equals(HandlerType.HEAD)
        && !method.equals(HandlerType.OPTIONS);
  }

  /** The route template {@code ctx}'s method and path match, empty when none does. */
  private Optional<String> route(Context ctx) {
    HandlerType method = ctx.method();
    if (method.equals(HandlerType.HEAD)) {
      method = HandlerType.GET;
    }
    return javalin
        .unsafe
        .internalRouter
        .findHttpHandlerEntries(method, ctx.path())
        .findFirst()
        .map(entry -> entry.endpoint.path);
  }

  /**
   * Every route the server serves, as {@code METHOD /template}, in registration order: what the
   * security test walks through, so that no route escapes it.
   */
  public List<String> routes() {
    return javalin.unsafe.internalRouter.allHttpHandlers().stream()
        .map((ParsedEndpoint parsed) -> parsed.endpoint)
        .filter((Endpoint endpoint) -> endpoint.method.isHttpMethod())
        .map(endpoint -> endpoint.method.name() + " " + endpoint.path)
        .toList();
  }

  /** Starts listening; returns once the port is bound. */
  public ApiServer start() {
    javalin.start();
    return this;
  }

  /** The port bound, useful when 0 was asked for. */
  public int port() {
    return javalin.port();
  }

  @Override
  public void close() {
    javalin.stop();
  }

  private static void refused(RequestRefusedException e, Context ctx) {
    if (e instanceof InvalidRequestException) {
      writeError(ctx, 400, "invalid_request", e.getMessage(), e.field(), null);
    } else if (e instanceof NotFoundException) {
      writeError(ctx, 404, "not_found", e.getMessage(), e.field(), null);
    } else if (e instanceof ConflictException) {
      writeError(ctx, 409, "conflict", e.getMessage(), e.field(), null);
    } else if (e instanceof BusyException) {
      writeError(ctx, 503, "busy", e.getMessage(), e.field(), null);
    } else if (e instanceof UnauthenticatedException) {
      ctx.header("WWW-Authenticate", "Bearer realm=\"vigil\"");
      writeError(ctx, 401, "unauthenticated", e.getMessage(), e.field(), null);
    } else if (e instanceof ForbiddenException forbidden) {
      writeError(ctx, 403, forbidden.code(), e.getMessage(), e.field(), null);
    } else if (e instanceof TooManyAttemptsException tooMany) {
      ctx.header("Retry-After", Long.toString(Math.max(1, tooMany.retryAfter().toSeconds())));
      writeError(ctx, 429, "too_many_attempts", e.getMessage(), e.field(), null);
    } else {
      failed(e, ctx);
    }
  }

  private static void badJson(JsonProcessingException e, Context ctx) {
    String field = null;
    String message;
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      field = path(mapping.getPath());
    }
    if (e instanceof UnrecognizedPropertyException unknown) {
      message =
          "unknown field '"
              + field
              + "'; known fields: "
              + unknown.getKnownPropertyIds().stream()
                  .map(Object::toString)
                  .sorted()
                  .collect(Collectors.joining(", "));
    } else if (e instanceof InvalidFormatException format) {
      message =
          "field '"
              + field
              + "' cannot be "
              + format.getValue()
              + ": it must be "
              + simpleType(format.getTargetType());
    } else if (e instanceof MismatchedInputException mismatch
        && field != null
        && e.getOriginalMessage().startsWith("Cannot map `null`")) {
      message =
          "field '" + field + "' is required: it must be " + simpleType(mismatch.getTargetType());
    } else if (e instanceof MismatchedInputException mismatch && field != null) {
      message = "field '" + field + "' must be " + simpleType(mismatch.getTargetType());
    } else if (e.getCause() instanceof RequestRefusedException refusal) {
      refused(refusal, ctx);
      return;
    } else if (e.getCause() instanceof IllegalArgumentException illegal) {
      message = illegal.getMessage();
    } else {
      message =
          "malformed JSON"
              + (e.getLocation() == null
                  ? ""
                  : " at line "
                      + e.getLocation().getLineNr()
                      + ", column "
                      + e.getLocation().getColumnNr())
              + ": "
              + e.getOriginalMessage();
    }
    writeError(ctx, 400, "invalid_request", message, field, null);
  }

  private static String simpleType(Class<?> type) {
    if (type == null) {
      return "of another type";
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "a whole number";
    }
    if (type == double.class || type == Double.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (List.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    if (type.isEnum()) {
      return "one of "
          + java.util.Arrays.stream(type.getEnumConstants())
              .map(Object::toString)
              .collect(Collectors.joining(", "));
    }
    return "an object";
  }

  private static String path(List<JsonMappingException.Reference> references) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : references) {
      if (reference.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static void failed(Exception e, Context ctx) {
    String id = UUID.randomUUID().toString().substring(0, 8);
    LOG.error("request {} {} failed, error id {}", ctx.method(), ctx.path(), id, e);
    writeError(
        ctx, 500, "internal_error", "internal error; the server log has error id " + id, null, id);
  }

  private static void writeError(
      Context ctx, int status, String code, String message, String field, String id) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("status", status);
    error.put("code", code);
    error.put("message", message);
    if (field != null) {
      error.put("field", field);
    }
    if (id != null) {
      error.put("id", id);
    }
    ctx.attribute("vigil-error", Boolean.TRUE);
    ctx.status(status).json(Map.of("error", error));
  }

  private static byte[] openApiDocument() {
    try (InputStream in = ApiServer.class.getResourceAsStream("/openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read openapi.json", e);
    }
  }
}
