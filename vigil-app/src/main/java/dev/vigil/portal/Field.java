package dev.vigil.portal;

import java.util.ArrayList;
import java.util.List;

/**
 * One form field as the portal draws it: its label, its control, a hint, and the server's message
 * right under the control when the field was refused ({@code <p class="field-error"
 * id="f-NAME-error">}), which the control names in {@code aria-describedby}. Built fluently, then
 * {@link #render}ed. Not thread-safe: build and render in one request.
 */
final class Field {
  /** A choice of a select or of radio buttons. */
  record Option(String value, String label) {}

  private enum Kind {
    TEXT,
    PASSWORD,
    TEXTAREA,
    SELECT,
    RADIOS,
    CHECKBOX,
    LOCKED
  }

  private final Kind kind;
  private final String name;
  private String label = "";
  private String value = "";
  private String hint;
  private String error;
  private String placeholder;
  private String inputMode;
  private int rows = 4;
  private boolean checked;
  private List<Option> options = List.of();
  private Html after = Html.EMPTY;

  private Field(Kind kind, String name) {
    this.kind = kind;
    this.name = name;
  }

  static Field text(String name) {
    return new Field(Kind.TEXT, name);
  }

  static Field password(String name) {
    return new Field(Kind.PASSWORD, name);
  }

  static Field textarea(String name) {
    return new Field(Kind.TEXTAREA, name);
  }

  static Field select(String name, List<Option> options) {
    Field field = new Field(Kind.SELECT, name);
    field.options = List.copyOf(options);
    return field;
  }

  static Field radios(String name, List<Option> options) {
    Field field = new Field(Kind.RADIOS, name);
    field.options = List.copyOf(options);
    return field;
  }

  static Field checkbox(String name, boolean checked) {
    Field field = new Field(Kind.CHECKBOX, name);
    field.checked = checked;
    field.value = "on";
    return field;
  }

  /** A value shown but not editable; submitted as it is when it has a name. */
  static Field locked(String name) {
    return new Field(Kind.LOCKED, name);
  }

  /** The element id of a field's control; its error is {@code id + "-error"}. */
  static String id(String name) {
    return "f-" + name.replaceAll("[^A-Za-z0-9_-]", "-");
  }

  Field label(String text) {
    this.label = text;
    return this;
  }

  Field value(String text) {
    this.value = text == null ? "" : text;
    return this;
  }

  Field hint(String text) {
    this.hint = text;
    return this;
  }

  /** The message of the field from the form's errors, if any. */
  Field errors(FormErrors errors) {
    this.error = errors.of(name);
    return this;
  }

  Field placeholder(String text) {
    this.placeholder = text;
    return this;
  }

  Field numeric() {
    this.inputMode = "numeric";
    return this;
  }

  Field rows(int count) {
    this.rows = count;
    return this;
  }

  /** Markup drawn after the control, inside the field (a button beside it). */
  Field after(Html html) {
    this.after = html;
    return this;
  }

  Html render() {
    // A locked field without a name still needs an id of its own, for its label.
    String id = id(name.isEmpty() ? "locked-" + label : name);
    String errorId = id + "-error";
    Html describedBy =
        error == null
            ? Html.EMPTY
            : Html.of(" aria-invalid=\"true\" aria-describedby=\"{}\"", errorId);
    Html control =
        switch (kind) {
          case TEXT, PASSWORD ->
              Html.of(
                  "<input type=\"{}\" id=\"{}\" name=\"{}\" value=\"{}\"{}{}{}>",
                  kind == Kind.PASSWORD ? "password" : "text",
                  id,
                  name,
                  kind == Kind.PASSWORD ? "" : value,
                  placeholder == null ? null : Html.of(" placeholder=\"{}\"", placeholder),
                  inputMode == null ? null : Html.of(" inputmode=\"{}\"", inputMode),
                  describedBy);
          case TEXTAREA ->
              Html.of(
                  "<textarea id=\"{}\" name=\"{}\" rows=\"{}\"{}{}>{}</textarea>",
                  id,
                  name,
                  rows,
                  placeholder == null ? null : Html.of(" placeholder=\"{}\"", placeholder),
                  describedBy,
                  value);
          case SELECT -> {
            List<Html> choices = new ArrayList<>();
            for (Option option : options) {
              choices.add(
                  Html.of(
                      "<option value=\"{}\"{}>{}</option>",
                      option.value(),
                      Html.when(option.value().equals(value), Html.raw(" selected")),
                      option.label()));
            }
            yield Html.of(
                "<select id=\"{}\" name=\"{}\"{}>{}</select>", id, name, describedBy, choices);
          }
          case RADIOS -> {
            List<Html> choices = new ArrayList<>();
            for (Option option : options) {
              String optionId = id + "-" + option.value().replaceAll("[^A-Za-z0-9_-]", "-");
              choices.add(
                  Html.of(
                      "<label class=\"choice\" for=\"{}\"><input type=\"radio\" id=\"{}\""
                          + " name=\"{}\" value=\"{}\"{}> {}</label>",
                      optionId,
                      optionId,
                      name,
                      option.value(),
                      Html.when(option.value().equals(value), Html.raw(" checked")),
                      option.label()));
            }
            yield Html.of("<div class=\"choices\" id=\"{}\"{}>{}</div>", id, describedBy, choices);
          }
          case CHECKBOX ->
              Html.of(
                  "<input type=\"checkbox\" id=\"{}\" name=\"{}\" value=\"on\"{}{}>",
                  id,
                  name,
                  Html.when(checked, Html.raw(" checked")),
                  describedBy);
          case LOCKED ->
              Html.of(
                  "<input type=\"text\" id=\"{}\"{} value=\"{}\" readonly class=\"locked\">",
                  id,
                  name.isEmpty() ? null : Html.of(" name=\"{}\"", name),
                  value);
        };
    Html hintHtml = hint == null ? Html.EMPTY : Html.of("<p class=\"hint\">{}</p>", hint);
    Html errorHtml =
        error == null
            ? Html.EMPTY
            : Html.of(
                "<p class=\"field-error\" id=\"{}\" data-field=\"{}\" role=\"alert\">{}</p>",
                errorId,
                name,
                error);
    if (kind == Kind.CHECKBOX) {
      return Html.of(
          "<div class=\"field check{}\">{}<label for=\"{}\">{}</label>{}{}{}</div>",
          error == null ? "" : " invalid",
          control,
          id,
          label,
          hintHtml,
          errorHtml,
          after);
    }
    if (kind == Kind.RADIOS) {
      return Html.of(
          "<fieldset class=\"field{}\"><legend>{}</legend>{}{}{}{}</fieldset>",
          error == null ? "" : " invalid",
          label,
          control,
          hintHtml,
          errorHtml,
          after);
    }
    return Html.of(
        "<div class=\"field{}\"><label for=\"{}\">{}</label>{}{}{}{}</div>",
        error == null ? "" : " invalid",
        id,
        label,
        control,
        hintHtml,
        errorHtml,
        after);
  }
}
