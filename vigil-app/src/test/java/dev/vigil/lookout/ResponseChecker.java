package dev.vigil.lookout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * An interceptor of the AWS SDK that checks every answer Vigil gives against the service model
 * before the SDK reads it: a success must conform to the operation's output shape strictly (no
 * member the model does not have, every type, pattern, enum and range right; the SDK would silently
 * drop a misspelt member), an error must be one the operation declares, with {@code __type}, a
 * message, and the {@code x-amzn-ErrorType} and {@code x-amzn-RequestId} headers. Thread-safe.
 */
final class ResponseChecker implements ExecutionInterceptor {
  private static final ServiceModel MODEL = ServiceModel.load();
  private static final ShapeValidator STRICT = new ShapeValidator(MODEL, true);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
  private final List<String> checked = Collections.synchronizedList(new ArrayList<>());

  @Override
  public Optional<InputStream> modifyHttpResponseContent(
      Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
    byte[] bytes;
    try (InputStream in = context.responseBody().orElse(InputStream.nullInputStream())) {
      bytes = in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
    check(operation, context.httpResponse().statusCode(), context.httpResponse(), bytes);
    return Optional.of(new ByteArrayInputStream(bytes));
  }

  private void check(
      String operation,
      int status,
      software.amazon.awssdk.http.SdkHttpResponse response,
      byte[] bytes) {
    checked.add(operation);
    if (response.firstMatchingHeader("x-amzn-RequestId").isEmpty()) {
      problems.add(operation + ": no x-amzn-RequestId header");
    }
    JsonNode body;
    try {
      body = JSON.readTree(bytes);
    } catch (IOException e) {
      problems.add(operation + ": the body is not JSON: " + new String(bytes));
      return;
    }
    ServiceModel.Operation definition = MODEL.operation(operation).orElseThrow();
    if (status == 200) {
      if (definition.output() == null) {
        if (!body.isObject() || !body.isEmpty()) {
          problems.add(operation + ": an operation without output answered " + body);
        }
        return;
      }
      for (String problem : STRICT.problems(definition.output(), body)) {
        problems.add(operation + ": " + problem);
      }
      return;
    }
    String type = body.path("__type").asText();
    if (!definition.errors().contains(type)) {
      problems.add(operation + " does not declare the error " + type + " it answered: " + body);
    }
    if (body.path("message").asText().isEmpty()) {
      problems.add(operation + ": error without message: " + body);
    }
    if (!response.firstMatchingHeader("x-amzn-ErrorType").equals(Optional.of(type))) {
      problems.add(operation + ": x-amzn-ErrorType is not " + type);
    }
    if (status != (type.equals("InternalServerException") ? 500 : 400)) {
      problems.add(operation + ": " + type + " came with HTTP " + status);
    }
  }

  /** The problems found so far. */
  List<String> problems() {
    return List.copyOf(problems);
  }

  /** The operations whose answers were checked, in order. */
  List<String> checked() {
    return List.copyOf(checked);
  }
}
