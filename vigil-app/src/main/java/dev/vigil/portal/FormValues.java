package dev.vigil.portal;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * The values of a submitted form, or the defaults of a new one, for the services and for showing
 * the form again. Immutable once built; not shared between requests.
 */
final class FormValues {
  private final Map<String, List<String>> values;

  private FormValues(Map<String, List<String>> values) {
    this.values = values;
  }

  /** The values the browser submitted. */
  static FormValues of(Context ctx) {
    return new FormValues(ctx.formParamMap());
  }

  /** Given values, for a new form or a test. */
  static FormValues of(Map<String, List<String>> values) {
    return new FormValues(Map.copyOf(values));
  }

  /** The value of a field, as typed; empty when absent. */
  String get(String name) {
    List<String> list = values.get(name);
    return list == null || list.isEmpty() || list.get(0) == null ? "" : list.get(0);
  }

  /** The value of a field, or {@code absent} when the form does not have it. */
  String get(String name, String absent) {
    return values.containsKey(name) ? get(name) : absent;
  }

  /** The value with white space stripped; null when blank, for an optional field to be absent. */
  String optional(String name) {
    String value = get(name).strip();
    return value.isEmpty() ? null : value;
  }

  /** Every value of a field (checkboxes); empty when absent. */
  List<String> all(String name) {
    List<String> list = values.get(name);
    return list == null ? List.of() : list.stream().filter(v -> !v.isBlank()).toList();
  }

  /** Whether the form has the field at all. */
  boolean has(String name) {
    return values.containsKey(name);
  }
}
