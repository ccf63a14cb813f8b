package dev.vigil.portal;

import dev.vigil.request.ConflictException;
import dev.vigil.request.RequestRefusedException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Why a form was refused: the message of each field at fault, keyed by the form's field name, and
 * the message that concerns no one field. A refusal of a feature service names the field in the
 * service's words ({@code input.bucket}, {@code correlation.withinPoints}); the form maps it to its
 * own field. Not thread-safe: one per request.
 */
final class FormErrors {
  private final Map<String, String> byField = new LinkedHashMap<>();
  private String general;

  /** No errors. */
  static FormErrors none() {
    return new FormErrors();
  }

  /** The refusal of a service, its field mapped to the form's name by {@code toFormField}. */
  static FormErrors of(RequestRefusedException refusal, UnaryOperator<String> toFormField) {
    FormErrors errors = new FormErrors();
    errors.add(refusal, toFormField);
    return errors;
  }

  /**
   * The refusal of a service as {@link #of(RequestRefusedException, UnaryOperator)}; a conflict
   * that names no field (a name taken already) goes to {@code conflictField}.
   */
  static FormErrors of(
      RequestRefusedException refusal, UnaryOperator<String> toFormField, String conflictField) {
    if (refusal instanceof ConflictException && refusal.field() == null) {
      return new FormErrors().put(conflictField, refusal.getMessage());
    }
    return of(refusal, toFormField);
  }

  /** Adds the refusal of a service, its field mapped by {@code toFormField}. */
  FormErrors add(RequestRefusedException refusal, UnaryOperator<String> toFormField) {
    String field = refusal.field() == null ? null : toFormField.apply(refusal.field());
    if (field == null) {
      general = refusal.getMessage();
    } else {
      byField.putIfAbsent(field, refusal.getMessage());
    }
    return this;
  }

  /** Adds the portal's own message for a form field. */
  FormErrors put(String formField, String message) {
    byField.putIfAbsent(formField, message);
    return this;
  }

  /**
   * The message for a form field: the one keyed by it, or by a field under it ({@code
   * trainingRange} shows the errors of {@code trainingRange.start} and {@code labels} those of
   * {@code labels[2].end}); null when there is none.
   */
  String of(String formField) {
    String exact = byField.get(formField);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, String> entry : byField.entrySet()) {
      String key = entry.getKey();
      if (key.startsWith(formField + ".") || key.startsWith(formField + "[")) {
        return entry.getValue();
      }
    }
    return null;
  }

  /** The message that concerns no one field, or null. */
  String general() {
    return general;
  }

  /** Whether there is any error. */
  boolean any() {
    return general != null || !byField.isEmpty();
  }

  /**
   * The top of a refused form: the message that concerns no one field, or else a line saying that
   * nothing was saved, with a link to each field whose message is under it; nothing when the form
   * was not refused.
   */
  Html summary() {
    if (!any()) {
      return Html.EMPTY;
    }
    List<Html> links = new ArrayList<>();
    for (String field : byField.keySet()) {
      links.add(Html.of("<li><a href=\"#{}\">{}</a></li>", Field.id(field), byField.get(field)));
    }
    return Html.of(
        "<div class=\"notice error\" role=\"alert\" id=\"refused\"><p>{}</p>{}</div>",
        general != null ? general : "Nothing was saved: correct the field below and try again.",
        links.isEmpty() ? null : Html.of("<ul>{}</ul>", links));
  }
}
