package dev.vigil.portal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.inference.SchedulerBodies;
import dev.vigil.request.InvalidRequestException;
import dev.vigil.request.RequestRefusedException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The inference pages: the list of every inference, and an inference's page. The page shows its
 * detail (name, dataset, model and version, start time, status in the portal's words with "View
 * details" for the reason and the failed executions), pause, restart and delete (offered when
 * paused, after a confirmation), the results chart over a chosen range with the threshold of a
 * sensitivity and the anomalous ranges, the contributions of the sensors at a chosen time or event,
 * the events, a replay (its estimate before it starts, its progress, its outcome), the alert
 * settings with the latest alerts, and the executions. While the inference is stopping or a replay
 * runs, those parts poll the page and update without a reload.
 *
 * <p>Thread-safe: it holds only the services.
 */
final class InferencePages {
  /** Executions listed at most, newest first. */
  static final int EXECUTIONS_SHOWN = 50;

  /** The ranges offered above the chart, ending now. */
  private static final List<Field.Option> RANGES =
      List.of(
          new Field.Option("PT6H", "6 hours"),
          new Field.Option("P1D", "1 day"),
          new Field.Option("P7D", "7 days"),
          new Field.Option("P30D", "30 days"),
          new Field.Option("all", "All results"));

  private final Services services;

  InferencePages(Services services) {
    this.services = services;
  }

  void addTo(RoutesConfig routes) {
    Layout.Section section = Layout.Section.INFERENCES;
    routes.get("/inferences", Responses.page(section, this::list));
    routes.get("/inferences/{name}", Responses.page(section, ctx -> detail(ctx, null, null, null)));
    routes.post("/inferences/{name}/pause", Responses.page(section, ctx -> act(ctx, "pause")));
    routes.post("/inferences/{name}/restart", Responses.page(section, ctx -> act(ctx, "restart")));
    routes.post("/inferences/{name}/delete", Responses.page(section, ctx -> act(ctx, "delete")));
    routes.get("/inferences/{name}/chart-data", Responses.page(section, this::chartData));
    routes.get("/inferences/{name}/contributions", Responses.page(section, this::contributions));
    routes.get("/inferences/{name}/replay-estimate", Responses.page(section, this::estimate));
    routes.post("/inferences/{name}/replays", Responses.page(section, this::replay));
  }

  /** The badge of an inference's status in the portal's words, with the API status beside. */
  static Html statusBadge(JsonNode scheduler) {
    String label = scheduler.path("portalStatus").asText();
    String tone =
        switch (label) {
          case "Active" -> "good";
          case "System pause" -> "bad";
          default -> "idle";
        };
    return Html.of(
        "<span class=\"badge {}\" data-status=\"{}\" title=\"{}\">{}</span>",
        tone,
        scheduler.path("status").asText(),
        scheduler.path("status").asText(),
        label);
  }

  /**
   * The actions an inference offers the viewer: pause while it is active, restart and delete (after
   * a confirmation) while it is paused; nothing for a viewer.
   *
   * @param back where the browser goes after the action
   */
  static Html actions(Viewer viewer, JsonNode scheduler, String back) {
    if (!viewer.canOperate()) {
      return Html.EMPTY;
    }
    String name = scheduler.path("name").asText();
    String status = scheduler.path("status").asText();
    if (status.equals("STOPPING")) {
      return Html.raw("<span class=\"hint\">stopping&hellip;</span>");
    }
    if (!status.equals("STOPPED")) {
      return actionForm(viewer, name, "pause", "Pause", back, "");
    }
    return Html.of(
        """
        {}<details class="confirm" id="delete-{}"><summary class="button danger">Delete</summary>
        <form method="post" action="/inferences/{}/delete"><p>Delete inference <strong>{}</strong>?
        Its executions, results and alerts stay; it cannot be restarted.</p>{}
        <input type="hidden" name="back" value="{}"><button type="submit" class="danger"
         id="confirm-delete-{}">Delete {}</button></form></details>""",
        actionForm(viewer, name, "restart", "Restart", back, "primary"),
        name,
        name,
        name,
        viewer.csrfField(),
        back,
        name,
        name);
  }

  private static Html actionForm(
      Viewer viewer, String name, String action, String label, String back, String tone) {
    return Html.of(
        "<form method=\"post\" action=\"/inferences/{}/{}\" class=\"inline\">{}<input"
            + " type=\"hidden\" name=\"back\" value=\"{}\"><button type=\"submit\" class=\"{}\""
            + " id=\"{}-{}\">{}</button></form>",
        name,
        action,
        viewer.csrfField(),
        back,
        tone,
        action,
        name,
        label);
  }

  private void list(Context ctx) {
    Viewer viewer = Viewer.of(ctx);
    List<Html> rows = new ArrayList<>();
    for (JsonNode scheduler : Services.tree(services.schedulers().list(null)).path("schedulers")) {
      String name = scheduler.path("name").asText();
      rows.add(
          Html.of(
              "<tr data-inference=\"{}\"><td><a href=\"/inferences/{}\">{}</a></td><td><a"
                  + " href=\"/models/{}?tab=inference\">{}</a> v{}</td><td>{}</td><td>{}</td>"
                  + "<td>{}</td><td>{}</td><td>{}</td></tr>",
              name,
              name,
              name,
              scheduler.path("modelName").asText(),
              scheduler.path("modelName").asText(),
              scheduler.path("modelVersion").asInt(),
              scheduler.path("datasetName").asText(),
              statusBadge(scheduler),
              latest(scheduler.path("id").asText()),
              Text.duration(scheduler.path("dataUploadFrequency").asText()),
              Text.time(scheduler.path("nextWindow").path("wake").asText(""))));
    }
    Html content =
        Html.of(
            "{}{}{}",
            Layout.heading(
                "Inferences",
                Html.raw(
                    "Models running on a schedule against new data. Create one from a completed"
                        + " model's page."),
                Html.EMPTY),
            notice(ctx.queryParam("notice")),
            Layout.card(
                "All inferences",
                Layout.table(
                    "inferences",
                    List.of(
                        "Name",
                        "Model",
                        "Dataset",
                        "Status",
                        "Latest result",
                        "Frequency",
                        "Next run"),
                    rows,
                    "No inference yet.")));
    Responses.html(ctx, Layout.page(viewer, Layout.Section.INFERENCES, "Inferences", content));
  }

  /** The badge of the latest result of an inference. */
  Html latest(String schedulerId) {
    return services
        .results()
        .latestInferenceResult(schedulerId)
        .map(
            result ->
                result == dev.vigil.inference.InferenceResults.LatestInferenceResult.ANOMALOUS
                    ? Layout.badge("Anomalous", "bad")
                    : Layout.badge("Normal", "good"))
        .orElse(Layout.badge("No result yet", "idle"));
  }

  private void act(Context ctx, String action) {
    String name = ctx.pathParam("name");
    String back = back(ctx.formParam("back"), "/inferences/" + name);
    try {
      switch (action) {
        case "pause" -> services.schedulers().stop(name);
        case "restart" -> services.schedulers().start(name);
        default -> services.schedulers().delete(name);
      }
    } catch (dev.vigil.request.NotFoundException e) {
      throw e;
    } catch (RequestRefusedException e) {
      detail(ctx, null, null, e.getMessage());
      return;
    }
    String notice =
        switch (action) {
          case "pause" -> "paused";
          case "restart" -> "restarted";
          default -> "deleted";
        };
    if (action.equals("delete") && back.startsWith("/inferences/" + name)) {
      back = "/inferences";
    }
    Responses.redirect(ctx, back + (back.contains("?") ? "&" : "?") + "notice=" + notice);
  }

  /** A path of the portal to go back to; {@code absent} for anything else (no open redirect). */
  static String back(String path, String absent) {
    if (path == null
        || !path.startsWith("/")
        || path.startsWith("//")
        || path.contains("\\")
        || path.contains("notice=")) {
      return absent;
    }
    return path;
  }

  private void detail(Context ctx, FormValues submitted, FormErrors refused, String failure) {
    Viewer viewer = Viewer.of(ctx);
    String name = ctx.pathParam("name");
    JsonNode scheduler = Services.tree(services.schedulers().describe(name));
    FormErrors errors = refused == null ? FormErrors.none() : refused;
    FormValues values = submitted == null ? FormValues.of(Map.of()) : submitted;
    ChartRange range = ChartRange.of(ctx, services.clock().instant());
    JsonNode configurations =
        Services.tree(services.alertConfigurations().list(name)).path("alertConfigurations");
    String sensitivity =
        ctx.queryParam("sensitivity") != null
            ? ctx.queryParam("sensitivity")
            : configurations.size() > 0 ? configurations.get(0).path("sensitivity").asText() : "50";
    JsonNode executions =
        Services.tree(services.results().executions(name, range.from(), range.to()))
            .path("executions");
    JsonNode events =
        Services.tree(services.results().events(name, range.from(), range.to())).path("events");

    Html content =
        Html.of(
            "{}{}{}{}{}{}{}{}{}",
            Layout.heading(
                name,
                Html.of(
                    "Model <a href=\"/models/{}?tab=inference\" id=\"model-link\">{}</a> version {}"
                        + " &middot; dataset <a href=\"/datasets/{}\">{}</a>",
                    scheduler.path("modelName").asText(),
                    scheduler.path("modelName").asText(),
                    scheduler.path("modelVersion").asInt(),
                    scheduler.path("datasetName").asText(),
                    scheduler.path("datasetName").asText()),
                Html.of(
                    "<div class=\"actions\" id=\"inference-actions\">{}</div>",
                    actions(viewer, scheduler, "/inferences/" + name))),
            notice(ctx.queryParam("notice")),
            Layout.notice(failure, true),
            detailCard(name, scheduler, executions),
            chartCard(name, range, sensitivity, configurations),
            eventsCard(name, events, executions),
            replayCard(viewer, name, values, errors),
            alertsCard(name, configurations),
            executionsCard(executions));
    Responses.html(
        ctx,
        refused == null && failure == null ? HttpStatus.OK : HttpStatus.BAD_REQUEST,
        Layout.page(viewer, Layout.Section.INFERENCES, name, content));
  }

  private Html detailCard(String name, JsonNode scheduler, JsonNode executions) {
    String status = scheduler.path("status").asText();
    JsonNode input = scheduler.path("input");
    List<Html> failedRows = new ArrayList<>();
    for (int i = executions.size() - 1; i >= 0 && failedRows.size() < 20; i--) {
      JsonNode execution = executions.get(i);
      if (execution.path("status").asText().equals("FAILED")) {
        failedRows.add(
            Html.of(
                "<tr><td>{}</td><td>{}</td></tr>",
                Text.time(execution.path("windowEnd").asText()),
                execution.path("failedReason").asText()));
      }
    }
    String reason =
        switch (scheduler.path("portalStatus").asText()) {
          case "System pause" ->
              "Paused by Vigil after repeated failures: " + scheduler.path("stopDetail").asText("");
          case "User pause" -> "Paused by a user. Restart it to resume from the next window.";
          default ->
              status.equals("PENDING")
                  ? "Active: waiting for its first window."
                  : status.equals("STOPPING")
                      ? "Stopping: the window in flight is finishing."
                      : "Active: running on schedule.";
        };
    Html viewDetails =
        Html.of(
            """
            <details class="view-details" id="view-details"{}><summary>View details</summary>
            <p id="status-reason">{}</p><h3>Failed executions in the range shown</h3>{}</details>""",
            Html.when(
                scheduler.path("portalStatus").asText().equals("System pause"), Html.raw(" open")),
            reason,
            Layout.table(
                "failed-executions", List.of("Window end", "Reason"), failedRows, "None."));
    Html facts =
        Layout.facts(
            List.of(
                Layout.fact("name", "Name", name),
                Layout.fact("dataset", "Dataset", scheduler.path("datasetName").asText()),
                Layout.fact("model", "Model", scheduler.path("modelName").asText()),
                Layout.fact(
                    "modelVersion", "Model version", scheduler.path("modelVersion").asInt()),
                Layout.fact(
                    "status",
                    "Status",
                    Html.of("{} <span class=\"hint\">({})</span>", statusBadge(scheduler), status)),
                Layout.fact(
                    "startTime", "Start time", Text.time(scheduler.path("startTime").asText())),
                Layout.fact(
                    "frequency",
                    "Frequency",
                    Text.duration(scheduler.path("dataUploadFrequency").asText())),
                Layout.fact(
                    "delay",
                    "Data delay offset",
                    Text.duration(scheduler.path("dataDelayOffset").asText())),
                Layout.fact(
                    "input",
                    "Input",
                    "s3://" + input.path("bucket").asText() + "/" + input.path("prefix").asText()),
                Layout.fact(
                    "naming",
                    "File names",
                    "<component>"
                        + input.path("delimiter").asText()
                        + "<"
                        + input.path("timestampFormat").asText()
                        + ">.csv, time zone "
                        + input.path("timeZoneOffset").asText()),
                Layout.fact(
                    "output",
                    "Output",
                    "s3://"
                        + scheduler.path("output").path("bucket").asText()
                        + "/"
                        + scheduler.path("output").path("prefix").asText()),
                Layout.fact(
                    "nextRun",
                    "Next run",
                    Text.time(scheduler.path("nextWindow").path("wake").asText("")))));
    return Html.of(
        "<section class=\"card\" id=\"inference-detail\"{}><h2>Inference detail</h2>{}{}</section>",
        Html.when(
            status.equals("STOPPING"),
            Html.of(
                " hx-get=\"/inferences/{}\" hx-select=\"#inference-detail\" hx-target=\"this\""
                    + " hx-swap=\"outerHTML\" hx-trigger=\"every 1s\""
                    + " hx-select-oob=\"#inference-actions\"",
                name)),
        facts,
        viewDetails);
  }

  private Html chartCard(
      String name, ChartRange range, String sensitivity, JsonNode configurations) {
    List<Field.Option> sensitivities = new ArrayList<>();
    sensitivities.add(new Field.Option("50", "50: stored predictions (threshold 0.5)"));
    for (JsonNode configuration : configurations) {
      String value = configuration.path("sensitivity").asText();
      sensitivities.add(
          new Field.Option(
              value,
              value
                  + ": alert "
                  + configuration.path("name").asText()
                  + " (threshold "
                  + configuration.path("scoreThreshold").asText()
                  + ")"));
    }
    if (sensitivities.stream().noneMatch(option -> option.value().equals(sensitivity))) {
      sensitivities.add(new Field.Option(sensitivity, sensitivity));
    }
    String chartUrl =
        "/inferences/"
            + name
            + "/chart-data?"
            + query("from", range.from())
            + query("to", range.to())
            + "sensitivity="
            + Urls.encode(sensitivity);
    return Html.of(
        """
        <section class="card" id="results"><h2>Results</h2>
        <div class="chart-range"><nav class="presets" aria-label="Range">{}</nav>
        <form method="get" action="/inferences/{}#results" id="range-form" class="inline">
        {}{}{}<button type="submit" id="show-range">Show</button></form></div>
        <div class="chart" id="score-chart" data-score-chart="{}"
         data-contributions="/inferences/{}/contributions"><p class="chart-loading">Loading the
         anomaly score&hellip;</p></div>
        <p class="legend"><span><span class="key score"></span> anomaly score (largest per
         pixel)</span><span><span class="key band"></span> smallest to largest</span>
        <span><span class="key threshold"></span> threshold</span><span><span class="key
         anomaly"></span> anomalous</span><span>dashed lines: a change of model version</span>
        <span>click the chart for the contributions at that time</span></p>
        <div class="contributions" id="contributions" aria-live="polite"><p class="hint">Click the
         chart or an event to see which sensors contributed.</p></div>
        </section>""",
        presets(name, range.preset(), sensitivity),
        name,
        Field.text("from").label("From (UTC)").value(Text.typed(range.from())).render(),
        Field.text("to").label("To (UTC)").value(Text.typed(range.to())).render(),
        Field.select("sensitivity", sensitivities).label("Sensitivity").value(sensitivity).render(),
        chartUrl,
        name);
  }

  private static Html presets(String name, String chosen, String sensitivity) {
    List<Html> links = new ArrayList<>();
    for (Field.Option option : RANGES) {
      links.add(
          Html.of(
              "<a href=\"/inferences/{}?range={}&amp;sensitivity={}#results\" id=\"range-{}\"{}>{}</a>",
              name,
              option.value(),
              Urls.encode(sensitivity),
              option.value(),
              Html.when(option.value().equals(chosen), Html.raw(" aria-current=\"true\"")),
              option.label()));
    }
    return Html.join(links);
  }

  private static String query(String key, String value) {
    return value == null ? "" : key + "=" + Urls.encode(value) + "&";
  }

  private Html eventsCard(String name, JsonNode events, JsonNode executions) {
    List<Html> rows = new ArrayList<>();
    for (JsonNode event : events) {
      String start = event.path("start").asText();
      String end = event.path("end").asText();
      rows.add(
          Html.of(
              "<tr data-event-start=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td>"
                  + "<td>{}</td><td>{}</td><td><button type=\"button\" class=\"small\""
                  + " hx-get=\"/inferences/{}/contributions?from={}&amp;to={}\""
                  + " hx-target=\"#contributions\">Contributions</button></td></tr>",
              start,
              Text.time(start),
              Text.time(end),
              Text.seconds(event.path("durationSeconds").asDouble()),
              Text.score(event.path("peakScore").asDouble()),
              ModelPages.topSensors(event.path("diagnostics"), 3),
              modelAt(executions, start),
              name,
              Urls.encode(start),
              Urls.encode(Instant.parse(end).plusMillis(1).toString())));
    }
    return Layout.card(
        "events",
        "Events",
        Layout.table(
            "event-list",
            List.of("Start", "End", "Duration", "Peak", "Top sensors", "Model", ""),
            rows,
            "No anomalous result in this range."));
  }

  /** The model version of the execution whose window holds {@code timestamp}. */
  private static String modelAt(JsonNode executions, String timestamp) {
    Instant at = Instant.parse(timestamp);
    for (JsonNode execution : executions) {
      if (!Instant.parse(execution.path("windowStart").asText()).isAfter(at)
          && Instant.parse(execution.path("windowEnd").asText()).isAfter(at)) {
        return execution.path("modelName").asText() + " v" + execution.path("modelVersion").asInt();
      }
    }
    return "";
  }

  private Html replayCard(Viewer viewer, String name, FormValues values, FormErrors errors) {
    Instant hour = services.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    JsonNode replays = Services.tree(services.replays().list(name)).path("replays");
    boolean running = false;
    List<Html> rows = new ArrayList<>();
    for (JsonNode replay : replays) {
      String status = replay.path("status").asText();
      boolean active = status.equals("PENDING") || status.equals("IN_PROGRESS");
      running |= active;
      JsonNode windows = replay.path("windows");
      rows.add(
          Html.of(
              "<tr data-replay=\"{}\" data-status=\"{}\"><td>{}</td><td>{}</td><td>{}</td>"
                  + "<td class=\"num\">{}</td><td>{}</td><td>{}</td><td class=\"outcome\">{}</td>"
                  + "</tr>",
              replay.path("id").asText(),
              status,
              Text.time(replay.path("start").asText()),
              Text.time(replay.path("end").asText()),
              replayBadge(status),
              replay.path("estimatedDataPoints").asInt(),
              replay.path("modelName").asText() + " v" + replay.path("modelVersion").asInt(),
              active
                  ? DatasetPages.progress("replay-progress", replay.path("progress").asDouble())
                  : Html.of(
                      "{} of {} windows, {} failed",
                      windows.path("done").asInt(),
                      windows.path("total").asInt(),
                      windows.path("failed").asInt()),
              replay.path("outcome").asText("")));
    }
    Html list =
        Html.of(
            "<div id=\"replays\"{}>{}</div>",
            Html.when(
                running,
                Html.of(
                    " hx-get=\"/inferences/{}\" hx-select=\"#replays\" hx-target=\"this\""
                        + " hx-swap=\"outerHTML\" hx-trigger=\"every 1s\"",
                    name)),
            Layout.table(
                "replay-list",
                List.of("From", "To", "Status", "Points", "Model", "Progress", "Outcome"),
                rows,
                "No replay yet."));
    Html form =
        Html.when(
            viewer.canOperate(),
            Html.of(
                """
                <form method="post" action="/inferences/{}/replays" id="replay-form" class="form"
                 novalidate>{}{}<div class="row">{}{}</div>
                <div id="replay-estimate" hx-get="/inferences/{}/replay-estimate"
                 hx-include="#replay-form" hx-trigger="load, change from:#replay-form,
                 keyup changed delay:600ms from:#replay-form" aria-live="polite"></div>
                <div class="buttons"><button type="submit" class="primary"
                 id="start-replay">Start replay</button></div></form>""",
                name,
                viewer.csrfField(),
                errors.summary(),
                Field.text("start")
                    .label("Start (UTC)")
                    .value(values.get("start"))
                    .placeholder(Text.typed(hour.minus(Duration.ofHours(1))))
                    .errors(errors)
                    .render(),
                Field.text("end")
                    .label("End (UTC)")
                    .value(values.get("end"))
                    .placeholder(Text.typed(hour))
                    .errors(errors)
                    .render(),
                name));
    return Layout.card(
        "replay",
        "Replay",
        Html.of(
            "<p class=\"hint\">Run the inference again over a past range with its current model"
                + " version; the results of that range are overwritten.</p>{}{}",
            form,
            list));
  }

  private static Html replayBadge(String status) {
    return switch (status) {
      case "SUCCESS" -> Layout.badge("Succeeded", "good");
      case "PARTIAL_SUCCESS" -> Layout.badge("Partly succeeded", "warn");
      case "FAILED" -> Layout.badge("Failed", "bad");
      case "PENDING" -> Layout.badge("Waiting", "busy");
      default -> Layout.badge("Running", "busy");
    };
  }

  private void estimate(Context ctx) {
    String name = ctx.pathParam("name");
    String start = Text.instant(ctx.queryParam("start"));
    String end = Text.instant(ctx.queryParam("end"));
    if (start == null || end == null) {
      Responses.html(
          ctx,
          Html.raw(
              "<p class=\"hint\" id=\"estimate\">Give a start and an end to see how many data"
                  + " points the replay covers.</p>"));
      return;
    }
    JsonNode estimate;
    try {
      estimate = Services.tree(services.replays().estimate(name, start, end));
    } catch (InvalidRequestException e) {
      Responses.html(
          ctx,
          Html.of(
              "<p class=\"field-error\" id=\"estimate\" data-allowed=\"false\">{}</p>",
              e.getMessage()));
      return;
    }
    boolean allowed = estimate.path("allowed").asBoolean();
    Responses.html(
        ctx,
        Html.of(
            """
            <div id="estimate" class="estimate {}" data-allowed="{}" data-points="{}"
             data-limit="{}"><p>Covers about <strong id="estimate-points">{}</strong> data points
             in {} windows ({} to {}), one every {}. A replay covers at most
             <strong id="estimate-limit">{}</strong>.</p>{}</div>""",
            allowed ? "allowed" : "refused",
            allowed,
            estimate.path("estimatedDataPoints").asInt(),
            estimate.path("maxDataPoints").asInt(),
            Text.count(estimate.path("estimatedDataPoints").asLong()),
            estimate.path("windows").asInt(),
            Text.time(estimate.path("start").asText()),
            Text.time(estimate.path("end").asText()),
            Text.duration(estimate.path("dataInterval").asText()),
            Text.count(estimate.path("maxDataPoints").asLong()),
            allowed
                ? Html.raw("<p class=\"ok\">It can start now.</p>")
                : Html.of(
                    "<p class=\"field-error\" id=\"estimate-reason\">{}</p>",
                    estimate.path("reason").asText())));
  }

  private void replay(Context ctx) {
    String name = ctx.pathParam("name");
    FormValues values = FormValues.of(ctx);
    SchedulerBodies.Replay body = new SchedulerBodies.Replay();
    body.start = Text.instant(values.get("start"));
    body.end = Text.instant(values.get("end"));
    try {
      services.replays().start(name, body);
    } catch (dev.vigil.request.NotFoundException e) {
      throw e;
    } catch (RequestRefusedException e) {
      detail(ctx, values, FormErrors.of(e, field -> field), null);
      return;
    }
    Responses.redirect(ctx, "/inferences/" + name + "?notice=replaying#replay");
  }

  private Html alertsCard(String name, JsonNode configurations) {
    List<Html> settings = new ArrayList<>();
    for (JsonNode configuration : configurations) {
      JsonNode correlation = configuration.path("correlation");
      settings.add(
          Html.of(
              "<tr data-alert-configuration=\"{}\"><td>{}</td><td class=\"num\">{}</td>"
                  + "<td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
              configuration.path("name").asText(),
              configuration.path("name").asText(),
              configuration.path("sensitivity").asInt(),
              configuration.path("scoreThreshold").asDouble(),
              correlation.path("mode").asText().equals("GROUP")
                  ? "one alert per group within "
                      + correlation.path("withinPoints").asInt()
                      + " data points"
                  : "an alert for each anomaly",
              Text.duration(configuration.path("snooze").asText()),
              String.join(", ", texts(configuration.path("hooks")))));
    }
    JsonNode alerts =
        Services.tree(services.alerts().alerts(null, name, null, null, "20")).path("alerts");
    return Layout.card(
        "alerts",
        "Alerts",
        Html.of(
            "{}<h3>Latest alerts</h3>{}",
            Layout.table(
                "alert-settings",
                List.of("Alert", "Sensitivity", "Threshold", "Correlation", "Snooze", "Hooks"),
                settings,
                "No alert settings: this inference alerts no one."),
            AlertPages.alertTable(alerts)));
  }

  static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  private Html executionsCard(JsonNode executions) {
    List<Html> rows = new ArrayList<>();
    for (int i = executions.size() - 1; i >= 0 && rows.size() < EXECUTIONS_SHOWN; i--) {
      JsonNode execution = executions.get(i);
      String status = execution.path("status").asText();
      rows.add(
          Html.of(
              "<tr data-window-end=\"{}\" data-status=\"{}\"><td>{}</td><td>{}</td><td>{}</td>"
                  + "<td>{}</td><td>{}</td><td>{}</td></tr>",
              execution.path("windowEnd").asText(),
              status,
              Text.time(execution.path("windowStart").asText())
                  + " to "
                  + Text.time(execution.path("windowEnd").asText()),
              Text.time(execution.path("scheduledStart").asText()),
              DatasetPages.statusBadge(status),
              execution.path("modelName").asText() + " v" + execution.path("modelVersion").asInt(),
              execution.has("replayId") ? "replay" : "schedule",
              execution.path("failedReason").asText("")));
    }
    String shown =
        executions.size() > EXECUTIONS_SHOWN
            ? "The " + EXECUTIONS_SHOWN + " newest of " + executions.size() + " in the range."
            : executions.size() + " in the range.";
    return Layout.card(
        "executions",
        "Executions",
        Html.of(
            "<p class=\"hint\">{}</p>{}",
            shown,
            Layout.table(
                "execution-list",
                List.of("Window", "Woke", "Status", "Model", "Run by", "Failure"),
                rows,
                "No execution in this range yet.")));
  }

  /** The chart's data: the score chart of the range (the API's {@code /chart}, same service). */
  private void chartData(Context ctx) {
    ctx.contentType("application/json")
        .result(
            Services.json(
                services
                    .chart()
                    .chart(
                        ctx.pathParam("name"),
                        ctx.queryParam("from"),
                        ctx.queryParam("to"),
                        ctx.queryParam("points"),
                        ctx.queryParam("sensitivity"))));
  }

  /**
   * The contributions of the sensors, as ranked bars: at one result ({@code at}, the result with
   * that timestamp) or over an event ({@code from} and {@code to}: the event starting there).
   */
  private void contributions(Context ctx) {
    String name = ctx.pathParam("name");
    String at = ctx.queryParam("at");
    String title;
    JsonNode diagnostics;
    Map<String, String> attributes;
    if (at != null) {
      Instant instant;
      try {
        instant = Instant.parse(at);
      } catch (java.time.format.DateTimeParseException e) {
        Responses.html(
            ctx,
            HttpStatus.BAD_REQUEST,
            Html.of(
                "<p class=\"field-error\">at '{}' is not an ISO-8601 instant such as"
                    + " 2026-01-01T10:00:00Z</p>",
                at));
        return;
      }
      JsonNode results =
          Services.tree(
                  services
                      .results()
                      .results(name, instant.toString(), instant.plusMillis(1).toString()))
              .path("results");
      if (results.isEmpty()) {
        Responses.html(ctx, Html.of("<p class=\"hint\">No result at {}.</p>", Text.time(instant)));
        return;
      }
      JsonNode result = results.get(0);
      diagnostics = result.path("diagnostics");
      title =
          "At "
              + Text.time(instant)
              + ": score "
              + Text.score(result.path("anomaly_score").asDouble())
              + ", model version "
              + result.path("modelVersion").asInt();
      attributes = Map.of("at", instant.toString());
    } else {
      JsonNode events =
          Services.tree(
                  services.results().events(name, ctx.queryParam("from"), ctx.queryParam("to")))
              .path("events");
      if (events.isEmpty()) {
        Responses.html(ctx, Html.raw("<p class=\"hint\">No event in that range.</p>"));
        return;
      }
      JsonNode event = events.get(0);
      diagnostics = event.path("diagnostics");
      title =
          "Event "
              + Text.time(event.path("start").asText())
              + " to "
              + Text.time(event.path("end").asText())
              + ": peak "
              + Text.score(event.path("peakScore").asDouble());
      attributes = Map.of("event", event.path("start").asText());
    }
    List<Html> bars = new ArrayList<>();
    for (JsonNode diagnostic : diagnostics) {
      double value = diagnostic.path("value").asDouble();
      bars.add(
          Html.of(
              "<li class=\"bar\" data-sensor=\"{}\" data-value=\"{}\"><span class=\"name\">{}</span>"
                  + "<span class=\"track\"><span style=\"width: {}%\"></span></span>"
                  + "<span class=\"value\">{}</span></li>",
              diagnostic.path("name").asText(),
              diagnostic.path("value").asText(),
              diagnostic.path("name").asText(),
              String.format(java.util.Locale.ROOT, "%.2f", value * 100),
              Text.percent(value)));
    }
    Html marker =
        attributes.containsKey("at")
            ? Html.of(" data-at=\"{}\"", attributes.get("at"))
            : Html.of(" data-event=\"{}\"", attributes.get("event"));
    Responses.html(
        ctx,
        Html.of(
            "<div class=\"contribution-list\"{}><h3>{}</h3>{}</div>",
            marker,
            title,
            bars.isEmpty()
                ? Html.raw("<p class=\"hint\">No contributions: the machine was off.</p>")
                : Html.of("<ol class=\"bars\">{}</ol>", bars)));
  }

  private static Html notice(String key) {
    if (key == null) {
      return Html.EMPTY;
    }
    return switch (key) {
      case "created" -> Layout.notice("Inference created; it runs from its start time.", false);
      case "paused" -> Layout.notice("Inference paused.", false);
      case "restarted" -> Layout.notice("Inference restarted from its next window.", false);
      case "deleted" -> Layout.notice("Inference deleted; its results stay.", false);
      case "replaying" -> Layout.notice("Replay started; its progress shows below.", false);
      case "swapped" ->
          Layout.notice(
              "The inference runs the new model version from now on; earlier results keep the"
                  + " version that made them.",
              false);
      default -> Html.EMPTY;
    };
  }

  /**
   * The range of the chart, the events and the executions: {@code from} and {@code to} typed in the
   * form, else a preset ending now ({@code range}: 6 hours to 30 days, or every result), by default
   * 7 days.
   *
   * @param from ISO-8601, or null for the first result
   * @param to ISO-8601, or null for the last result
   * @param preset the preset chosen, or empty when the range was typed
   */
  record ChartRange(String from, String to, String preset) {
    static ChartRange of(Context ctx, Instant now) {
      String asked = ctx.queryParam("range");
      if (asked == null && (ctx.queryParam("from") != null || ctx.queryParam("to") != null)) {
        return new ChartRange(
            Text.instant(ctx.queryParam("from")), Text.instant(ctx.queryParam("to")), "");
      }
      String preset =
          asked != null && RANGES.stream().anyMatch(option -> option.value().equals(asked))
              ? asked
              : "P7D";
      if (preset.equals("all")) {
        return new ChartRange(null, null, "all");
      }
      Duration length =
          preset.startsWith("PT")
              ? Duration.parse(preset)
              : Duration.ofDays(Long.parseLong(preset.substring(1, preset.length() - 1)));
      return new ChartRange(now.minus(length).toString(), now.plusSeconds(1).toString(), preset);
    }
  }
}
