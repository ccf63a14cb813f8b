package dev.vigil.lookout;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a JSON document against a shape of the {@link ServiceModel}: types, required members,
 * lengths, ranges, patterns and enums, and reports every problem the way Lookout for Equipment
 * does: {@code 2 validation errors detected: Value 'x y' at 'datasetName' failed to satisfy
 * constraint: Member must satisfy regular expression pattern: ^[0-9a-zA-Z_-]{1,200}$; Value null at
 * 'clientToken' failed to satisfy constraint: Member must not be null}. Members are named in lower
 * camel case with dots, list elements by their 1-based position ({@code tags.2.member.key}).
 * Patterns match anywhere in the value, as the model's (Smithy) patterns do: they are anchored only
 * where they say so.
 *
 * <p>Requests may carry members the model does not know (a newer client's): they are ignored. In
 * strict mode, used to check Vigil's own answers in tests, an unknown member is a problem too.
 *
 * <p>Immutable and thread-safe.
 */
final class ShapeValidator {
  /** Values longer than this are cut in messages. */
  private static final int SHOWN_VALUE_LENGTH = 256;

  private final ServiceModel model;
  private final boolean strict;

  ShapeValidator(ServiceModel model, boolean strict) {
    this.model = model;
    this.strict = strict;
  }

  /**
   * The problems of {@code value} as a {@code shapeName}, each a sentence such as {@code Value null
   * at 'clientToken' failed to satisfy constraint: Member must not be null}; empty when it
   * conforms.
   */
  List<String> problems(String shapeName, JsonNode value) {
    List<String> problems = new ArrayList<>();
    check(model.shape(shapeName), value, "", problems);
    return problems;
  }

  /**
   * Checks a request.
   *
   * @throws LookoutException a ValidationException listing every problem
   */
  void validate(String shapeName, JsonNode value) {
    List<String> problems = problems(shapeName, value);
    if (!problems.isEmpty()) {
      throw LookoutException.validation(
          problems.size()
              + (problems.size() == 1 ? " validation error" : " validation errors")
              + " detected: "
              + String.join("; ", problems));
    }
  }

  private void check(ServiceModel.Shape shape, JsonNode value, String path, List<String> problems) {
    switch (shape.type()) {
      case "structure" -> structure(shape, value, path, problems);
      case "list" -> list(shape, value, path, problems);
      case "string" -> string(shape, value, path, problems);
      case "integer", "long" -> whole(shape, value, path, problems);
      case "float", "double" -> {
        if (!value.isNumber()) {
          problems.add(failed(value, path, "Member must be a number"));
        }
      }
      case "boolean" -> {
        if (!value.isBoolean()) {
          problems.add(failed(value, path, "Member must be true or false"));
        }
      }
      case "timestamp" -> {
        if (!value.isNumber()) {
          problems.add(
              failed(
                  value, path, "Member must be a timestamp: a number of seconds since the epoch"));
        }
      }
      default -> throw new IllegalStateException("shape type " + shape.type() + " is not known");
    }
  }

  private void structure(
      ServiceModel.Shape shape, JsonNode value, String path, List<String> problems) {
    if (!value.isObject()) {
      problems.add(failed(value, path, "Member must be an object"));
      return;
    }
    for (String required : shape.required()) {
      JsonNode member = value.get(required);
      if (member == null || member.isNull()) {
        problems.add(failed(null, child(path, required), "Member must not be null"));
      }
    }
    for (Map.Entry<String, JsonNode> field : value.properties()) {
      ServiceModel.Member member = shape.members().get(field.getKey());
      if (member == null) {
        if (strict) {
          problems.add(
              failed(field.getValue(), child(path, field.getKey()), "Member is not in the model"));
        }
        continue;
      }
      if (!field.getValue().isNull()) {
        check(model.shape(member.shape()), field.getValue(), child(path, field.getKey()), problems);
      }
    }
  }

  private void list(ServiceModel.Shape shape, JsonNode value, String path, List<String> problems) {
    if (!value.isArray()) {
      problems.add(failed(value, path, "Member must be a list"));
      return;
    }
    length(shape, value, value.size(), path, problems);
    ServiceModel.Shape member = model.shape(shape.listMember());
    for (int i = 0; i < value.size(); i++) {
      String elementPath = path + "." + (i + 1) + ".member";
      if (value.get(i).isNull()) {
        problems.add(failed(null, elementPath, "Member must not be null"));
      } else {
        check(member, value.get(i), elementPath, problems);
      }
    }
  }

  private static void string(
      ServiceModel.Shape shape, JsonNode value, String path, List<String> problems) {
    if (!value.isTextual()) {
      problems.add(failed(value, path, "Member must be a string"));
      return;
    }
    String text = value.asText();
    length(shape, value, text.codePointCount(0, text.length()), path, problems);
    if (shape.pattern() != null && !shape.pattern().matcher(text).find()) {
      problems.add(
          failed(
              value,
              path,
              "Member must satisfy regular expression pattern: " + shape.pattern().pattern()));
    }
    if (!shape.enumValues().isEmpty() && !shape.enumValues().contains(text)) {
      problems.add(
          failed(value, path, "Member must satisfy enum value set: " + shape.enumValues()));
    }
  }

  private static void whole(
      ServiceModel.Shape shape, JsonNode value, String path, List<String> problems) {
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      problems.add(failed(value, path, "Member must be a whole number"));
      return;
    }
    long number = value.asLong();
    if (shape.min() != null && number < shape.min()) {
      problems.add(
          failed(value, path, "Member must have value greater than or equal to " + shape.min()));
    }
    if (shape.max() != null && number > shape.max()) {
      problems.add(
          failed(value, path, "Member must have value less than or equal to " + shape.max()));
    }
    if (shape.type().equals("integer")
        && (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE)) {
      problems.add(failed(value, path, "Member must be a 32-bit whole number"));
    }
  }

  private static void length(
      ServiceModel.Shape shape, JsonNode value, long length, String path, List<String> problems) {
    if (shape.min() != null && length < shape.min()) {
      problems.add(
          failed(value, path, "Member must have length greater than or equal to " + shape.min()));
    }
    if (shape.max() != null && length > shape.max()) {
      problems.add(
          failed(value, path, "Member must have length less than or equal to " + shape.max()));
    }
  }

  private static String failed(JsonNode value, String path, String constraint) {
    return "Value "
        + shown(value)
        + " at '"
        + path
        + "' failed to satisfy constraint: "
        + constraint;
  }

  private static String shown(JsonNode value) {
    if (value == null || value.isNull()) {
      return "null";
    }
    String text = value.isTextual() ? value.asText() : value.toString();
    if (text.length() > SHOWN_VALUE_LENGTH) {
      text = text.substring(0, SHOWN_VALUE_LENGTH) + "...";
    }
    return "'" + text + "'";
  }

  /** {@code DataInputConfiguration} under {@code a.b} is {@code a.b.dataInputConfiguration}. */
  private static String child(String path, String member) {
    String name = member.substring(0, 1).toLowerCase(Locale.ROOT) + member.substring(1);
    return path.isEmpty() ? name : path + "." + name;
  }
}
