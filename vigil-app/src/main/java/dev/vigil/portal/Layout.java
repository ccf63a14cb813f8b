package dev.vigil.portal;

import dev.vigil.api.security.RequestSecurity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The frame of every portal page: head (styles, htmx, uPlot and the portal's script, the CSRF token
 * in a {@code <meta>} and in htmx's {@code hx-headers}, so that every htmx request carries it), the
 * navigation, who is signed in with the sign-out form, and the page's own content. Stateless and
 * thread-safe.
 */
final class Layout {
  /** The sections of the navigation. */
  enum Section {
    OVERVIEW("Overview", "/"),
    DATASETS("Datasets", "/datasets"),
    MODELS("Models", "/models"),
    INFERENCES("Inferences", "/inferences"),
    ALERTS("Alerts", "/alerts"),
    HOOKS("Hooks", "/hooks"),
    HEALTH("Scheduler health", "/scheduler-health");

    final String title;
    final String path;

    Section(String title, String path) {
      this.title = title;
      this.path = path;
    }
  }

  private Layout() {}

  /** A whole page. */
  static Html page(Viewer viewer, Section section, String title, Html content) {
    List<Html> links = new ArrayList<>();
    for (Section each : Section.values()) {
      links.add(
          Html.of(
              "<a href=\"{}\"{}>{}</a>",
              each.path,
              Html.when(each == section, Html.raw(" aria-current=\"page\"")),
              each.title));
    }
    return Html.of(
        """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="csrf-token" content="{}">
        <title>{} · Vigil</title>
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">
        <link rel="stylesheet" href="/assets/uPlot.min.css">
        <link rel="stylesheet" href="/assets/vigil.css">
        <script src="/assets/htmx.min.js" defer></script>
        <script src="/assets/uPlot.iife.min.js" defer></script>
        <script src="/assets/portal.js" defer></script>
        </head>
        <body hx-headers="{}" data-section="{}">
        <header class="top">
        <a class="brand" href="/">Vigil</a>
        <nav class="sections" aria-label="Sections">{}</nav>
        <div class="who">{}</div>
        </header>
        <main id="main">
        {}
        </main>
        </body>
        </html>
        """,
        viewer.csrfToken(),
        title,
        "{\"" + RequestSecurity.CSRF_HEADER + "\": \"" + viewer.csrfToken() + "\"}",
        section.name().toLowerCase(Locale.ROOT),
        links,
        who(viewer),
        content);
  }

  private static Html who(Viewer viewer) {
    if (viewer.open()) {
      return Html.raw(
          "<span class=\"user\" id=\"signed-in\" title=\"No user is configured and Vigil listens"
              + " on loopback only\">Open mode</span>");
    }
    return Html.of(
        """
        <span class="user" id="signed-in">{} <span class="role">{}</span></span>
        <form method="post" action="/sign-out" class="sign-out">{}<button type="submit"
         class="link">Sign out</button></form>""",
        viewer.principal().name(),
        viewer.principal().role().name().toLowerCase(Locale.ROOT),
        viewer.csrfField());
  }

  /** A page heading with a line under it and the actions on the right. */
  static Html heading(String title, Html subtitle, Html actions) {
    return Html.of(
        "<div class=\"page-head\"><div><h1>{}</h1>{}</div><div class=\"actions\">{}</div></div>",
        title,
        subtitle == null || subtitle.text().isEmpty()
            ? null
            : Html.of("<p class=\"sub\">{}</p>", subtitle),
        actions);
  }

  /** A notice after a change (green) or a refusal (red). */
  static Html notice(String message, boolean error) {
    if (message == null) {
      return Html.EMPTY;
    }
    return Html.of(
        "<div class=\"notice {}\" role=\"{}\" id=\"notice\">{}</div>",
        error ? "error" : "done",
        error ? "alert" : "status",
        message);
  }

  /** A status badge; {@code tone} is one of good, warn, bad, idle, busy. */
  static Html badge(String text, String tone) {
    return Html.of("<span class=\"badge {}\">{}</span>", tone, text);
  }

  /** A card: a titled section of a page. */
  static Html card(String title, Html content) {
    return Html.of("<section class=\"card\"><h2>{}</h2>{}</section>", title, content);
  }

  /** A card with an id, for tests, links and htmx targets. */
  static Html card(String id, String title, Html content) {
    return Html.of("<section class=\"card\" id=\"{}\"><h2>{}</h2>{}</section>", id, title, content);
  }

  /** A table with a header row; an empty table says {@code empty} instead. */
  static Html table(String id, List<String> headers, List<Html> rows, String empty) {
    if (rows.isEmpty()) {
      return Html.of("<p class=\"empty\" id=\"{}\">{}</p>", id, empty);
    }
    List<Html> heads = new ArrayList<>();
    for (String header : headers) {
      heads.add(Html.of("<th scope=\"col\">{}</th>", header));
    }
    return Html.of(
        "<div class=\"table-wrap\"><table id=\"{}\"><thead><tr>{}</tr></thead><tbody>{}</tbody>"
            + "</table></div>",
        id,
        heads,
        rows);
  }

  /** Facts as a definition list. */
  static Html facts(List<Html> pairs) {
    return Html.of("<dl class=\"facts\">{}</dl>", pairs);
  }

  /** One fact of {@link #facts}; {@code key} also names it for tests ({@code data-fact}). */
  static Html fact(String key, String label, Object value) {
    return Html.of("<div data-fact=\"{}\"><dt>{}</dt><dd>{}</dd></div>", key, label, value);
  }
}
