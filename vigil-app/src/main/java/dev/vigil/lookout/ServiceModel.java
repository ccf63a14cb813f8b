package dev.vigil.lookout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The Amazon Lookout for Equipment service model (API version 2020-12-15): its operations and the
 * shapes of their requests and answers, with every constraint (required members, lengths, ranges,
 * patterns, enums). Read once from {@code lookout/service-model.json}, which {@code
 * tools/lookout-service-model.py} writes from the model botocore carries, without documentation.
 * The endpoint validates requests against it, and lists the operations Vigil does not implement.
 *
 * <p>Immutable and thread-safe.
 */
final class ServiceModel {
  /** The resource holding the model. */
  static final String RESOURCE = "/lookout/service-model.json";

  /** One operation: its input and output shapes and the errors it declares. */
  record Operation(String name, String input, String output, List<String> errors) {}

  /** A member of a structure. */
  record Member(String name, String shape, boolean idempotencyToken) {}

  /**
   * A shape. Strings carry lengths, pattern and enum; numbers their range; lists their length and
   * member; structures their members and which are required.
   */
  record Shape(
      String name,
      String type,
      Long min,
      Long max,
      Pattern pattern,
      List<String> enumValues,
      Map<String, Member> members,
      List<String> required,
      String listMember) {}

  private final String source;
  private final Map<String, Operation> operations;
  private final Map<String, Shape> shapes;

  private ServiceModel(
      String source, Map<String, Operation> operations, Map<String, Shape> shapes) {
    this.source = source;
    this.operations = operations;
    this.shapes = shapes;
  }

  /** The model of the jar's resource. */
  static ServiceModel load() {
    try (InputStream in = ServiceModel.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the jar");
      }
      return parse(new ObjectMapper().readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  private static ServiceModel parse(JsonNode root) {
    Map<String, Operation> operations = new TreeMap<>();
    for (Map.Entry<String, JsonNode> entry : root.get("operations").properties()) {
      JsonNode operation = entry.getValue();
      List<String> errors = new ArrayList<>();
      operation.path("errors").forEach(error -> errors.add(error.asText()));
      operations.put(
          entry.getKey(),
          new Operation(
              entry.getKey(),
              operation.get("input").asText(),
              operation.has("output") ? operation.get("output").asText() : null,
              List.copyOf(errors)));
    }
    Map<String, Shape> shapes = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : root.get("shapes").properties()) {
      shapes.put(entry.getKey(), shape(entry.getKey(), entry.getValue()));
    }
    return new ServiceModel(
        root.path("source").asText(),
        Collections.unmodifiableMap(operations),
        Collections.unmodifiableMap(shapes));
  }

  private static Shape shape(String name, JsonNode node) {
    Map<String, Member> members = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> member : node.path("members").properties()) {
      members.put(
          member.getKey(),
          new Member(
              member.getKey(),
              member.getValue().get("shape").asText(),
              member.getValue().path("idempotencyToken").asBoolean(false)));
    }
    List<String> required = new ArrayList<>();
    node.path("required").forEach(value -> required.add(value.asText()));
    List<String> enumValues = new ArrayList<>();
    node.path("enum").forEach(value -> enumValues.add(value.asText()));
    return new Shape(
        name,
        node.get("type").asText(),
        node.has("min") ? node.get("min").asLong() : null,
        node.has("max") ? node.get("max").asLong() : null,
        node.has("pattern") ? Pattern.compile(node.get("pattern").asText()) : null,
        List.copyOf(enumValues),
        Collections.unmodifiableMap(members),
        List.copyOf(required),
        node.has("member") ? node.get("member").asText() : null);
  }

  /** Where the model was taken from, such as {@code botocore 1.43.11 ...}. */
  String source() {
    return source;
  }

  /** Every operation, by name. */
  Map<String, Operation> operations() {
    return operations;
  }

  Optional<Operation> operation(String name) {
    return Optional.ofNullable(operations.get(name));
  }

  /**
   * The shape of that name.
   *
   * @throws IllegalArgumentException when the model has none
   */
  Shape shape(String name) {
    Shape shape = shapes.get(name);
    if (shape == null) {
      throw new IllegalArgumentException("the service model has no shape " + name);
    }
    return shape;
  }

  /** The member of an operation's input that carries its ClientToken, if it has one. */
  Optional<String> idempotencyTokenMember(Operation operation) {
    return shape(operation.input()).members().values().stream()
        .filter(Member::idempotencyToken)
        .map(Member::name)
        .findFirst();
  }
}
