package dev.vigil.portal;

import dev.vigil.request.NotFoundException;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;

/**
 * How portal handlers answer: an HTML page, a fragment for htmx, a redirect after a change, and the
 * HTML page of a missing thing. Stateless and thread-safe.
 */
final class Responses {
  /**
   * The request attribute that tells the API server's 404 handler that the response is written
   * already (it writes the JSON "no route" body otherwise).
   */
  private static final String WRITTEN = "vigil-error";

  private Responses() {}

  static void html(Context ctx, Html html) {
    ctx.html(html.text());
  }

  static void html(Context ctx, HttpStatus status, Html html) {
    ctx.attribute(WRITTEN, Boolean.TRUE);
    ctx.status(status).html(html.text());
  }

  /** 303 to {@code path}: the browser shows the page the change led to. */
  static void redirect(Context ctx, String path) {
    ctx.redirect(path, HttpStatus.SEE_OTHER);
  }

  /** Whether htmx made the request (a fragment is answered rather than a page). */
  static boolean htmx(Context ctx) {
    return "true".equals(ctx.header("HX-Request"));
  }

  /** The handler, answering a missing dataset, model, inference, alert or hook with a 404 page. */
  static Handler page(Layout.Section section, Handler handler) {
    return ctx -> {
      try {
        handler.handle(ctx);
      } catch (NotFoundException e) {
        html(
            ctx,
            HttpStatus.NOT_FOUND,
            Layout.page(
                Viewer.of(ctx),
                section,
                "Not found",
                Html.of(
                    "<div class=\"page-head\"><h1>Not found</h1></div>"
                        + "<p class=\"notice error\" id=\"notice\">{}</p>"
                        + "<p><a href=\"{}\">Back to {}</a></p>",
                    e.getMessage(),
                    section.path,
                    section.title)));
      }
    };
  }
}
