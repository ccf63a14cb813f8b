package dev.vigil.portal;

import java.util.Objects;

/**
 * A piece of HTML that is safe to send: either written by the portal itself, or built by {@link
 * #of} from a template whose values were escaped. Templates are plain Java text blocks with {@code
 * {}} where a value goes; a value that is {@code Html} goes in as it is, an {@link Iterable} goes
 * in element by element, {@code null} goes in as nothing, and anything else goes in as its text,
 * escaped. So a user's value can never become markup, while pieces of the portal compose freely.
 *
 * <p>Immutable and thread-safe.
 *
 * @param text the HTML
 */
record Html(String text) {
  /** Nothing. */
  static final Html EMPTY = new Html("");

  Html {
    Objects.requireNonNull(text, "text");
  }

  /**
   * The template with each {@code {}} replaced by the next value, rendered as the class comment
   * says.
   *
   * @throws IllegalArgumentException when the template has not as many {@code {}} as values
   */
  static Html of(String template, Object... values) {
    StringBuilder out = new StringBuilder(template.length() + 64 * values.length);
    int from = 0;
    for (Object value : values) {
      int at = template.indexOf("{}", from);
      if (at < 0) {
        throw new IllegalArgumentException(
            "the template has fewer {} than the " + values.length + " values: " + template);
      }
      out.append(template, from, at);
      append(out, value);
      from = at + 2;
    }
    if (template.indexOf("{}", from) >= 0) {
      throw new IllegalArgumentException(
          "the template has more {} than the " + values.length + " values: " + template);
    }
    out.append(template, from, template.length());
    return new Html(out.toString());
  }

  /** HTML written by the portal, trusted as it is: never pass a user's value. */
  static Html raw(String html) {
    return new Html(html);
  }

  /** The values one after another, rendered as {@link #of} renders them. */
  static Html join(Iterable<?> values) {
    StringBuilder out = new StringBuilder();
    append(out, values);
    return new Html(out.toString());
  }

  /** {@code html} when {@code condition} holds, else nothing. */
  static Html when(boolean condition, Html html) {
    return condition ? html : EMPTY;
  }

  /** The text with {@code & < > " '} escaped, for element content and quoted attributes alike. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    escapeInto(out, text);
    return out.toString();
  }

  private static void append(StringBuilder out, Object value) {
    if (value == null) {
      return;
    }
    if (value instanceof Html html) {
      out.append(html.text);
    } else if (value instanceof Iterable<?> values) {
      for (Object each : values) {
        append(out, each);
      }
    } else {
      escapeInto(out, String.valueOf(value));
    }
  }

  private static void escapeInto(StringBuilder out, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
  }

  @Override
  public String toString() {
    return text;
  }
}
