package dev.vigil.portal;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The overview (equipment at a glance: every inference with its status and latest result, and the
 * latest alerts) and the health of the scheduler (for each inference: its next window, the window
 * due last and how it went, windows running, late or failed in the last day).
 *
 * <p>The health is read from the inference services: the scheduler's own view (db-scheduler's
 * tasks) is not shown.
 *
 * <p>Thread-safe: it holds only the services.
 */
final class OverviewPages {
  /** How far back the health page counts failed windows. */
  static final Duration HEALTH_HORIZON = Duration.ofDays(1);

  private final Services services;
  private final InferencePages inferences;

  OverviewPages(Services services, InferencePages inferences) {
    this.services = services;
    this.inferences = inferences;
  }

  void addTo(RoutesConfig routes) {
    routes.get("/", Responses.page(Layout.Section.OVERVIEW, this::overview));
    routes.get("/scheduler-health", Responses.page(Layout.Section.HEALTH, this::health));
  }

  private void overview(Context ctx) {
    Viewer viewer = Viewer.of(ctx);
    JsonNode schedulers = Services.tree(services.schedulers().list(null)).path("schedulers");
    List<Html> tiles = new ArrayList<>();
    int active = 0;
    int systemPaused = 0;
    for (JsonNode scheduler : schedulers) {
      String name = scheduler.path("name").asText();
      String portal = scheduler.path("portalStatus").asText();
      if (portal.equals("Active")) {
        active++;
      } else if (portal.equals("System pause")) {
        systemPaused++;
      }
      tiles.add(
          Html.of(
              """
              <a class="tile" href="/inferences/{}" data-inference="{}"><strong>{}</strong>
              <span>{} {}</span><span class="hint">{} v{} &middot; every {}</span></a>""",
              name,
              name,
              name,
              InferencePages.statusBadge(scheduler),
              inferences.latest(scheduler.path("id").asText()),
              scheduler.path("modelName").asText(),
              scheduler.path("modelVersion").asInt(),
              Text.duration(scheduler.path("dataUploadFrequency").asText())));
    }
    JsonNode alerts =
        Services.tree(services.alerts().alerts(null, null, null, null, "10")).path("alerts");
    int datasets = services.datasets().list().size();
    int models = Services.tree(services.models().list()).path("models").size();
    Html counts =
        Html.of(
            """
            <div class="counts" id="counts">
            <a href="/datasets"><strong>{}</strong> datasets</a>
            <a href="/models"><strong>{}</strong> models</a>
            <a href="/inferences"><strong>{}</strong> active inferences</a>
            <a href="/scheduler-health"><strong>{}</strong> in system pause</a></div>""",
            datasets,
            models,
            active,
            systemPaused);
    Html content =
        Html.of(
            "{}{}{}{}",
            Layout.heading(
                "Equipment at a glance",
                Html.raw("Every inference with its latest result, and the latest alerts."),
                Html.EMPTY),
            counts,
            Layout.card(
                "inference-tiles",
                "Inferences",
                tiles.isEmpty()
                    ? Html.raw(
                        "<p class=\"empty\">No inference yet. Start with a <a"
                            + " href=\"/datasets\">dataset</a>, train a <a"
                            + " href=\"/models\">model</a>, then create an inference from it.</p>")
                    : Html.of("<div class=\"tiles\">{}</div>", tiles)),
            Layout.card("Latest alerts", AlertPages.alertTable(alerts)));
    Responses.html(ctx, Layout.page(viewer, Layout.Section.OVERVIEW, "Overview", content));
  }

  private void health(Context ctx) {
    Viewer viewer = Viewer.of(ctx);
    Instant now = services.clock().instant();
    JsonNode schedulers = Services.tree(services.schedulers().list(null)).path("schedulers");
    List<Html> rows = new ArrayList<>();
    int due = 0;
    int running = 0;
    int late = 0;
    int failed = 0;
    for (JsonNode scheduler : schedulers) {
      String name = scheduler.path("name").asText();
      boolean stopped = scheduler.path("status").asText().equals("STOPPED");
      JsonNode executions =
          Services.tree(
                  services.results().executions(name, now.minus(HEALTH_HORIZON).toString(), null))
              .path("executions");
      int inProgress = 0;
      int failures = 0;
      for (JsonNode execution : executions) {
        String status = execution.path("status").asText();
        if (status.equals("IN_PROGRESS")) {
          inProgress++;
        } else if (status.equals("FAILED")) {
          failures++;
        }
      }
      String lastDue = "";
      String lastOutcome = "";
      boolean isLate = false;
      JsonNode next = scheduler.path("nextWindow");
      if (!stopped && !next.isMissingNode()) {
        due++;
        String lastEnd = next.path("start").asText();
        boolean started =
            !Instant.parse(scheduler.path("firstWindow").path("end").asText())
                .isAfter(Instant.parse(lastEnd));
        if (started) {
          lastDue = lastEnd;
          JsonNode execution = null;
          for (JsonNode each : executions) {
            if (each.path("windowEnd").asText().equals(lastEnd)) {
              execution = each;
            }
          }
          if (execution == null) {
            isLate = true;
            lastOutcome = "late: not run yet";
          } else {
            lastOutcome = execution.path("status").asText();
          }
        }
      }
      running += inProgress;
      late += isLate ? 1 : 0;
      failed += failures;
      rows.add(
          Html.of(
              "<tr data-inference=\"{}\" data-late=\"{}\" data-failed=\"{}\"><td><a"
                  + " href=\"/inferences/{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td>"
                  + "<td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
              name,
              isLate,
              failures,
              name,
              name,
              InferencePages.statusBadge(scheduler),
              Text.time(next.path("wake").asText("")),
              Text.time(lastDue),
              isLate ? Layout.badge(lastOutcome, "bad") : Html.of("{}", lastOutcome),
              inProgress,
              failures));
    }
    Html counts =
        Html.of(
            """
            <div class="counts" id="health-counts">
            <span data-count="due"><strong>{}</strong> inferences with a window due</span>
            <span data-count="running"><strong>{}</strong> windows running</span>
            <span data-count="late"><strong>{}</strong> late</span>
            <span data-count="failed"><strong>{}</strong> failed in the last day</span></div>""",
            due,
            running,
            late,
            failed);
    Html content =
        Html.of(
            "{}{}{}",
            Layout.heading("Scheduler health", Html.of("As of {}.", Text.time(now)), Html.EMPTY),
            counts,
            Layout.card(
                "Inferences",
                Layout.table(
                    "health",
                    List.of(
                        "Inference",
                        "Status",
                        "Next window due",
                        "Last window due",
                        "Its outcome",
                        "Running",
                        "Failed (1 day)"),
                    rows,
                    "No inference.")));
    Responses.html(ctx, Layout.page(viewer, Layout.Section.HEALTH, "Scheduler health", content));
  }
}
