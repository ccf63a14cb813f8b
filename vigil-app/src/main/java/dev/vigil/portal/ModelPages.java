package dev.vigil.portal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.model.RequestBodies;
import dev.vigil.request.RequestRefusedException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The model pages: the list with each model's status, a new model (dataset, training and evaluation
 * ranges, sampling rate, off-condition, labels or a label group), and a model's page with four
 * tabs: overview (settings and training summary), versions (with a new version), evaluation (the
 * score over the evaluation range, the events found against the labels) and inference (its
 * inferences, with pause, restart and delete, and the buttons that create one or use an existing
 * one when the model is completed). While a version trains, the status polls the page and updates
 * without a reload.
 *
 * <p>Thread-safe: it holds only the services.
 */
final class ModelPages {
  /** The resampling periods a model may ask for, those of the engine. */
  static final List<Field.Option> SAMPLING_RATES =
      List.of(
          new Field.Option("", "As ingested"),
          new Field.Option("PT1S", "1 second"),
          new Field.Option("PT5S", "5 seconds"),
          new Field.Option("PT10S", "10 seconds"),
          new Field.Option("PT15S", "15 seconds"),
          new Field.Option("PT30S", "30 seconds"),
          new Field.Option("PT1M", "1 minute"),
          new Field.Option("PT5M", "5 minutes"),
          new Field.Option("PT10M", "10 minutes"),
          new Field.Option("PT15M", "15 minutes"),
          new Field.Option("PT30M", "30 minutes"),
          new Field.Option("PT1H", "1 hour"));

  private final Services services;
  private final EvaluationScores evaluations;

  ModelPages(Services services, EvaluationScores evaluations) {
    this.services = services;
    this.evaluations = evaluations;
  }

  void addTo(RoutesConfig routes) {
    Layout.Section section = Layout.Section.MODELS;
    routes.get("/models", Responses.page(section, this::list));
    routes.get("/create-model", Responses.page(section, ctx -> form(ctx, null, null)));
    routes.post("/create-model", Responses.page(section, this::create));
    routes.get("/models/{name}", Responses.page(section, ctx -> detail(ctx, null, null)));
    routes.post("/models/{name}/versions", Responses.page(section, this::newVersion));
    routes.get("/models/{name}/evaluation-scores", Responses.page(section, this::scores));
  }

  /** The portal's word for a model's status: Completed, Training or Failed. */
  static String statusLabel(String status) {
    return switch (status) {
      case "SUCCESS" -> "Completed";
      case "IN_PROGRESS" -> "Training";
      default -> "Failed";
    };
  }

  static Html statusBadge(String status) {
    String label = statusLabel(status);
    return Layout.badge(
        label,
        switch (label) {
          case "Completed" -> "good";
          case "Training" -> "busy";
          default -> "bad";
        });
  }

  private void list(Context ctx) {
    Viewer viewer = Viewer.of(ctx);
    List<Html> rows = new ArrayList<>();
    for (JsonNode model : Services.tree(services.models().list()).path("models")) {
      String name = model.path("name").asText();
      rows.add(
          Html.of(
              "<tr data-model=\"{}\"><td><a href=\"/models/{}\">{}</a></td><td><a"
                  + " href=\"/datasets/{}\">{}</a></td><td>{}</td><td class=\"num\">{}</td>"
                  + "<td class=\"num\">{}</td><td>{}</td></tr>",
              name,
              name,
              name,
              model.path("datasetName").asText(),
              model.path("datasetName").asText(),
              statusBadge(model.path("status").asText()),
              model.path("activeVersion").asText("-"),
              model.path("latestVersion").asInt(),
              Text.time(model.path("createdAt").asText())));
    }
    Html content =
        Html.of(
            "{}{}",
            Layout.heading(
                "Models",
                Html.raw("Trained detectors of normal behaviour, one dataset each."),
                Html.when(
                    viewer.canOperate(),
                    Html.raw(
                        "<a class=\"button\" href=\"/create-model\" id=\"create-model\">Create"
                            + " model</a>"))),
            Layout.card(
                "All models",
                Layout.table(
                    "models",
                    List.of("Name", "Dataset", "Status", "Active version", "Versions", "Created"),
                    rows,
                    "No model yet. Create one from a dataset with data.")));
    Responses.html(ctx, Layout.page(viewer, Layout.Section.MODELS, "Models", content));
  }

  private void form(Context ctx, FormValues submitted, FormErrors refused) {
    Viewer viewer = Viewer.of(ctx);
    FormValues values =
        submitted != null
            ? submitted
            : FormValues.of(
                ctx.queryParam("dataset") == null
                    ? Map.of()
                    : Map.of("datasetName", List.of(ctx.queryParam("dataset"))));
    FormErrors errors = refused == null ? FormErrors.none() : refused;
    List<Field.Option> datasets = new ArrayList<>();
    datasets.add(new Field.Option("", "Choose a dataset"));
    for (var dataset : services.datasets().list()) {
      datasets.add(new Field.Option(dataset.name(), dataset.name()));
    }
    List<Field.Option> groups = new ArrayList<>();
    groups.add(new Field.Option("", "Choose a label group"));
    for (var group : services.labels().groups()) {
      groups.add(new Field.Option(group.name(), group.name()));
    }
    Html form =
        Html.of(
            """
            <form method="post" action="/create-model" id="model-form" class="form" novalidate>
            {}{}
            <fieldset><legend>Model</legend><div class="row">{}{}</div></fieldset>
            <fieldset><legend>Training range (UTC)</legend><div class="row">{}{}</div></fieldset>
            <fieldset><legend>Evaluation range (UTC, optional)</legend>
            <div class="row">{}{}</div></fieldset>
            <fieldset><legend>Preparation</legend><div class="row">{}{}</div></fieldset>
            <fieldset><legend>Labels of known faults (optional)</legend>{}{}{}</fieldset>
            <div class="buttons"><button type="submit" class="primary" id="train">Create and
             train</button> <a href="/models" class="button quiet">Cancel</a></div>
            </form>""",
            viewer.csrfField(),
            errors.summary(),
            Field.text("name")
                .label("Name")
                .value(values.get("name"))
                .placeholder("pump-7-model")
                .errors(errors)
                .render(),
            Field.select("datasetName", datasets)
                .label("Dataset")
                .value(values.get("datasetName"))
                .errors(errors)
                .render(),
            timeField("trainingRange.start", "Start", values, errors),
            timeField("trainingRange.end", "End", values, errors),
            timeField("evaluationRange.start", "Start", values, errors),
            timeField("evaluationRange.end", "End", values, errors),
            Field.select("samplingRate", SAMPLING_RATES)
                .label("Sampling rate")
                .value(values.get("samplingRate"))
                .hint("Resample to this period first (mean per bin).")
                .errors(errors)
                .render(),
            Field.text("offCondition")
                .label("Off-condition")
                .value(values.get("offCondition"))
                .placeholder("pump\\Current < 0.5")
                .hint("Rows where the machine is off are neither trained on nor judged.")
                .errors(errors)
                .render(),
            Field.radios(
                    "labelsFrom",
                    List.of(
                        new Field.Option("none", "No labels"),
                        new Field.Option("inline", "Labels typed here"),
                        new Field.Option("group", "A label group")))
                .label("Evaluate against")
                .value(values.get("labelsFrom", "none"))
                .render(),
            Field.textarea("labels")
                .label("Labels")
                .value(values.get("labels"))
                .rows(3)
                .placeholder("2025-12-24 10:00, 2025-12-24 18:00, bearing")
                .hint("One known fault a line: start, end and an optional fault code, in UTC.")
                .errors(errors)
                .render(),
            Field.select("labelGroupName", groups)
                .label("Label group")
                .value(values.get("labelGroupName"))
                .errors(errors)
                .render());
    Responses.html(
        ctx,
        refused == null ? HttpStatus.OK : HttpStatus.BAD_REQUEST,
        Layout.page(
            viewer,
            Layout.Section.MODELS,
            "Create model",
            Html.of(
                "{}{}",
                Layout.heading(
                    "Create model",
                    Html.raw(
                        "Train on a range of normal operation; evaluate on a later range,"
                            + " against the faults you know of."),
                    Html.EMPTY),
                form)));
  }

  static Html timeField(String name, String label, FormValues values, FormErrors errors) {
    return Field.text(name)
        .label(label)
        .value(values.get(name))
        .placeholder("YYYY-MM-DD hh:mm")
        .errors(errors)
        .render();
  }

  private void create(Context ctx) {
    FormValues values = FormValues.of(ctx);
    RequestBodies.CreateModel body = new RequestBodies.CreateModel();
    body.name = values.optional("name");
    body.datasetName = values.optional("datasetName");
    body.trainingRange = range(values, "trainingRange");
    body.evaluationRange = range(values, "evaluationRange");
    body.samplingRate = values.optional("samplingRate");
    body.offCondition = values.optional("offCondition");
    String labelsFrom = values.get("labelsFrom", "none");
    if (labelsFrom.equals("inline")) {
      try {
        body.labels = labels(values.get("labels"));
      } catch (IllegalArgumentException e) {
        form(ctx, values, FormErrors.none().put("labels", e.getMessage()));
        return;
      }
    } else if (labelsFrom.equals("group")) {
      body.labelGroupName = values.get("labelGroupName").strip();
    }
    try {
      services.models().create(body);
    } catch (RequestRefusedException e) {
      form(ctx, values, FormErrors.of(e, ModelPages::formField, "name"));
      return;
    }
    Responses.redirect(ctx, "/models/" + body.name + "?notice=training");
  }

  /** The form field showing a refusal of the model service about {@code field}. */
  private static String formField(String field) {
    return switch (field) {
      case "trainingRange" -> "trainingRange.end";
      case "evaluationRange" -> "evaluationRange.end";
      case "labelsLocation" -> "labels";
      default -> field;
    };
  }

  /** A range of two typed times; null when both are blank, so that an optional range is absent. */
  static RequestBodies.Range range(FormValues values, String name) {
    String start = Text.instant(values.get(name + ".start"));
    String end = Text.instant(values.get(name + ".end"));
    if (start == null && end == null) {
      return null;
    }
    RequestBodies.Range range = new RequestBodies.Range();
    range.start = start;
    range.end = end;
    return range;
  }

  /**
   * Labels typed one a line, {@code start, end[, fault code]}.
   *
   * @throws IllegalArgumentException naming the line that is not so
   */
  static List<RequestBodies.LabelBody> labels(String text) {
    List<RequestBodies.LabelBody> labels = new ArrayList<>();
    String[] lines = text.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] parts = line.split(",", 3);
      if (parts.length < 2) {
        throw new IllegalArgumentException(
            "line "
                + (i + 1)
                + " ('"
                + line
                + "') needs a start and an end separated by a comma, such as '2025-12-24 10:00,"
                + " 2025-12-24 18:00, bearing'");
      }
      RequestBodies.LabelBody label = new RequestBodies.LabelBody();
      label.start = Text.instant(parts[0]);
      label.end = Text.instant(parts[1]);
      label.faultCode = parts.length > 2 && !parts[2].isBlank() ? parts[2].strip() : null;
      labels.add(label);
    }
    return labels;
  }

  private void newVersion(Context ctx) {
    String name = ctx.pathParam("name");
    FormValues values = FormValues.of(ctx);
    RequestBodies.NewVersion body = new RequestBodies.NewVersion();
    body.trainingRange = range(values, "trainingRange");
    body.evaluationRange = range(values, "evaluationRange");
    try {
      services.models().newVersion(name, body);
    } catch (RequestRefusedException e) {
      detail(ctx, values, FormErrors.of(e, ModelPages::formField));
      return;
    }
    Responses.redirect(ctx, "/models/" + name + "?tab=versions&notice=training");
  }

  private void scores(Context ctx) {
    String name = ctx.pathParam("name");
    String version = ctx.queryParam("version");
    Integer number = null;
    if (version != null) {
      try {
        number = Integer.valueOf(version.strip());
      } catch (NumberFormatException e) {
        throw new dev.vigil.request.InvalidRequestException(
            "version", "version '" + version + "' is not a whole number");
      }
    }
    ctx.contentType("application/json").result(Services.json(evaluations.scores(name, number)));
  }

  private void detail(Context ctx, FormValues submitted, FormErrors refused) {
    Viewer viewer = Viewer.of(ctx);
    String name = ctx.pathParam("name");
    JsonNode model = Services.tree(services.models().describe(name));
    String tab = ctx.queryParam("tab") == null ? "overview" : ctx.queryParam("tab");
    String status = model.path("status").asText();
    boolean completed = status.equals("SUCCESS");
    Html actions =
        Html.of(
            "<div class=\"actions\" id=\"model-actions\">{}</div>",
            Html.when(
                viewer.canOperate() && completed,
                Html.of(
                    "<a class=\"button primary\" href=\"/models/{}/create-inference\""
                        + " id=\"create-inference\">Create inference</a>"
                        + "<a class=\"button\" href=\"/models/{}/use-inference\""
                        + " id=\"use-inference\">Use an existing inference</a>",
                    name,
                    name)));
    List<Html> tabs = new ArrayList<>();
    for (String each : List.of("overview", "versions", "evaluation", "inference")) {
      tabs.add(
          Html.of(
              "<a href=\"/models/{}?tab={}\" id=\"tab-{}\"{}>{}</a>",
              name,
              each,
              each,
              Html.when(each.equals(tab), Html.raw(" aria-current=\"page\"")),
              each.substring(0, 1).toUpperCase(Locale.ROOT) + each.substring(1)));
    }
    FormErrors errors = refused == null ? FormErrors.none() : refused;
    FormValues values = submitted == null ? FormValues.of(Map.of()) : submitted;
    Html body =
        switch (tab) {
          case "versions" -> versionsTab(viewer, name, model, values, errors);
          case "evaluation" -> evaluationTab(name, model, ctx.queryParam("version"));
          case "inference" -> inferenceTab(viewer, name, model);
          default -> overviewTab(model);
        };
    Html content =
        Html.of(
            "{}{}{}<nav class=\"tabs\" id=\"model-tabs\" aria-label=\"Model\">{}</nav>{}",
            Layout.heading(
                name,
                Html.of(
                    "Model of dataset <a href=\"/datasets/{}\">{}</a>",
                    model.path("datasetName").asText(),
                    model.path("datasetName").asText()),
                actions),
            notice(ctx.queryParam("notice")),
            statusSection(name, tab, model),
            tabs,
            body);
    Responses.html(
        ctx,
        refused == null ? HttpStatus.OK : HttpStatus.BAD_REQUEST,
        Layout.page(viewer, Layout.Section.MODELS, name, content));
  }

  /** The model's status and training progress; polls the page while a version trains. */
  private static Html statusSection(String name, String tab, JsonNode model) {
    String status = model.path("status").asText();
    JsonNode versions = model.path("versions");
    JsonNode latest = versions.size() == 0 ? null : versions.get(versions.size() - 1);
    boolean training = status.equals("IN_PROGRESS");
    Html detail = Html.EMPTY;
    if (latest != null && training) {
      detail =
          Html.of(
              "<span>Version {} is training</span>{}",
              latest.path("version").asInt(),
              DatasetPages.progress("training-progress", latest.path("progress").asDouble()));
    } else if (latest != null && status.equals("FAILED")) {
      detail =
          Html.of(
              "<span class=\"reason\" id=\"failed-reason\">Version {} failed: {}</span>",
              latest.path("version").asInt(),
              latest.path("failedReason").asText());
    } else if (model.has("activeVersion")) {
      detail = Html.of("<span>Active version {}</span>", model.path("activeVersion").asInt());
    }
    return Html.of(
        "<div class=\"status-line\" id=\"model-status\" data-status=\"{}\"{}>{}{}</div>",
        status,
        Html.when(
            training,
            Html.of(
                " hx-get=\"/models/{}?tab={}\" hx-select=\"#model-status\" hx-target=\"this\""
                    + " hx-swap=\"outerHTML\" hx-trigger=\"every 1s\""
                    + " hx-select-oob=\"#model-actions,#versions,#model-inference\"",
                name,
                tab)),
        statusBadge(status),
        detail);
  }

  private static Html overviewTab(JsonNode model) {
    JsonNode request = model.path("request");
    String labels;
    if (request.has("labelGroupName")) {
      labels = "label group " + request.path("labelGroupName").asText();
    } else if (request.has("labelsLocation")) {
      labels = "label files in " + request.path("labelsLocation").path("bucket").asText();
    } else {
      labels = request.path("labels").size() + " labels";
    }
    Html facts =
        Layout.facts(
            List.of(
                Layout.fact("dataset", "Dataset", model.path("datasetName").asText()),
                Layout.fact("status", "Status", statusLabel(model.path("status").asText())),
                Layout.fact(
                    "activeVersion", "Active version", model.path("activeVersion").asText("-")),
                Layout.fact(
                    "trainingRange", "Training range", range(request.path("trainingRange"))),
                Layout.fact(
                    "evaluationRange", "Evaluation range", range(request.path("evaluationRange"))),
                Layout.fact(
                    "samplingRate",
                    "Sampling rate",
                    request.has("samplingRate")
                        ? Text.duration(request.path("samplingRate").asText())
                        : "as ingested"),
                Layout.fact(
                    "offCondition", "Off-condition", request.path("offCondition").asText("none")),
                Layout.fact("labels", "Labels", labels),
                Layout.fact("createdAt", "Created", Text.time(model.path("createdAt").asText()))));
    JsonNode summary = model.path("trainingSummary");
    Html summaryHtml = Html.raw("<p class=\"empty\">No version has trained successfully yet.</p>");
    if (!summary.isMissingNode()) {
      List<Html> excluded = new ArrayList<>();
      for (JsonNode sensor : summary.path("excludedSensors")) {
        excluded.add(
            Html.of(
                "<tr><td>{}</td><td>{}</td></tr>",
                sensor.path("name").asText(),
                sensor.path("reason").asText()));
      }
      summaryHtml =
          Html.of(
              "{}<h3>Sensors excluded</h3>{}",
              Layout.facts(
                  List.of(
                      Layout.fact(
                          "trainingRows",
                          "Training rows",
                          Text.count(summary.path("trainingRows").asLong())),
                      Layout.fact(
                          "sensorsUsed", "Sensors used", summary.path("sensorsUsed").asInt()),
                      Layout.fact(
                          "holdoutFlaggedFraction",
                          "Held-back rows flagged",
                          Text.percent(summary.path("holdoutFlaggedFraction").asDouble())),
                      Layout.fact(
                          "holdoutScoreMedian",
                          "Median score of held-back rows",
                          Text.score(summary.path("holdoutScoreMedian").asDouble())))),
              Layout.table(
                  "excluded-sensors",
                  List.of("Sensor", "Why"),
                  excluded,
                  "None: every sensor is used."));
    }
    return Html.of(
        "<div class=\"grid two\">{}{}</div>",
        Layout.card("Settings", facts),
        Layout.card("Training summary of the active version", summaryHtml));
  }

  private static String range(JsonNode range) {
    if (range.isMissingNode() || range.isNull()) {
      return "none";
    }
    return Text.time(range.path("start").asText()) + " to " + Text.time(range.path("end").asText());
  }

  private Html versionsTab(
      Viewer viewer, String name, JsonNode model, FormValues values, FormErrors errors) {
    List<Html> rows = new ArrayList<>();
    for (JsonNode version : model.path("versions")) {
      String status = version.path("status").asText();
      rows.add(
          Html.of(
              "<tr data-version=\"{}\"><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td>"
                  + "<td>{}</td><td>{}</td></tr>",
              version.path("version").asInt(),
              version.path("version").asInt(),
              statusBadge(status),
              version.path("active").asBoolean() ? "active" : "",
              Text.percent(version.path("progress").asDouble()),
              version.path("failedReason").asText(""),
              Text.time(version.path("createdAt").asText())));
    }
    Html form =
        Html.when(
            viewer.canOperate(),
            Layout.card(
                "new-version",
                "Train a new version",
                Html.of(
                    """
                    <form method="post" action="/models/{}/versions" id="version-form" class="form"
                     novalidate>{}{}<p class="hint">Leave a range empty to keep the model's.</p>
                    <fieldset><legend>Training range (UTC)</legend><div class="row">{}{}</div>
                    </fieldset><fieldset><legend>Evaluation range (UTC)</legend>
                    <div class="row">{}{}</div></fieldset>
                    <div class="buttons"><button type="submit" class="primary"
                     id="train-version">Train version {}</button></div></form>""",
                    name,
                    viewer.csrfField(),
                    errors.summary(),
                    timeField("trainingRange.start", "Start", values, errors),
                    timeField("trainingRange.end", "End", values, errors),
                    timeField("evaluationRange.start", "Start", values, errors),
                    timeField("evaluationRange.end", "End", values, errors),
                    model.path("latestVersion").asInt() + 1)));
    return Html.of(
        "{}{}",
        Layout.card(
            "Versions",
            Layout.table(
                "versions",
                List.of("Version", "Status", "", "Progress", "Failure", "Created"),
                rows,
                "No version.")),
        form);
  }

  private Html evaluationTab(String name, JsonNode model, String versionParam) {
    List<Field.Option> versions = new ArrayList<>();
    int chosen = -1;
    for (JsonNode version : model.path("versions")) {
      if (version.path("status").asText().equals("SUCCESS")) {
        int number = version.path("version").asInt();
        versions.add(new Field.Option(Integer.toString(number), "Version " + number));
        if (version.path("active").asBoolean() && versionParam == null) {
          chosen = number;
        }
      }
    }
    if (versionParam != null) {
      try {
        chosen = Integer.parseInt(versionParam.strip());
      } catch (NumberFormatException e) {
        chosen = -1;
      }
    }
    if (versions.isEmpty()) {
      return Layout.card(
          "Evaluation",
          Html.raw("<p class=\"empty\">No version has trained successfully yet.</p>"));
    }
    if (chosen < 0) {
      chosen = Integer.parseInt(versions.get(versions.size() - 1).value());
    }
    JsonNode version = Services.tree(services.models().version(name, chosen));
    JsonNode evaluation = version.path("evaluation");
    Html picker =
        Html.of(
            "<form method=\"get\" action=\"/models/{}\" class=\"inline\"><input type=\"hidden\""
                + " name=\"tab\" value=\"evaluation\">{}<button type=\"submit\">Show</button>"
                + "</form>",
            name,
            Field.select("version", versions)
                .label("Version")
                .value(Integer.toString(chosen))
                .render());
    if (evaluation.isMissingNode()) {
      return Html.of(
          "{}{}",
          picker,
          Layout.card(
              "Evaluation",
              Html.raw(
                  "<p class=\"empty\" id=\"no-evaluation\">This version has no evaluation range;"
                      + " train a new version with one to see how it does.</p>")));
    }
    List<Html> events = new ArrayList<>();
    for (JsonNode event : evaluation.path("events")) {
      events.add(
          Html.of(
              "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
              Text.time(event.path("start").asText()),
              Text.time(event.path("end").asText()),
              Text.seconds(event.path("durationSeconds").asDouble()),
              Text.score(event.path("peakScore").asDouble()),
              topSensors(event.path("diagnostics"), 3)));
    }
    List<Html> labels = new ArrayList<>();
    for (JsonNode label : evaluation.path("labels")) {
      boolean detected = label.path("detected").asBoolean();
      labels.add(
          Html.of(
              "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
              Text.time(label.path("start").asText()),
              Text.time(label.path("end").asText()),
              detected ? Layout.badge("Detected", "good") : Layout.badge("Missed", "bad"),
              detected ? Text.seconds(label.path("detectionDelaySeconds").asDouble()) : ""));
    }
    Html summary =
        Layout.facts(
            List.of(
                Layout.fact("rows", "Rows scored", Text.count(evaluation.path("rows").asLong())),
                Layout.fact(
                    "anomalousRows",
                    "Anomalous rows",
                    Text.count(evaluation.path("anomalousRows").asLong())),
                Layout.fact("events", "Events", evaluation.path("events").size()),
                Layout.fact(
                    "labelsDetected",
                    "Labels detected",
                    evaluation.path("labelsDetected").asInt()
                        + " of "
                        + evaluation.path("labels").size()),
                Layout.fact(
                    "falsePositiveEvents",
                    "Events outside labels",
                    evaluation.path("falsePositiveEvents").asInt())));
    return Html.of(
        """
        {}
        <section class="card" id="evaluation"><h2>Score over the evaluation range</h2>{}
        <div class="chart" id="evaluation-chart" data-evaluation-chart="/models/{}/evaluation-scores?version={}">
        <p class="chart-loading">Scoring the evaluation range&hellip;</p></div>
        <p class="legend"><span><span class="key score"></span> anomaly score (largest per
         pixel)</span><span><span class="key threshold"></span> threshold 0.5</span>
        <span><span class="key anomaly"></span> anomalous</span><span><span class="key
         label"></span> labelled fault</span></p></section>
        <div class="grid two">{}{}</div>""",
        picker,
        summary,
        name,
        chosen,
        Layout.card(
            "Events found",
            Layout.table(
                "evaluation-events",
                List.of("Start", "End", "Duration", "Peak", "Top sensors"),
                events,
                "No event: the model judged the whole range normal.")),
        Layout.card(
            "Labels",
            Layout.table(
                "evaluation-labels",
                List.of("Start", "End", "", "Detected after"),
                labels,
                "No label: give labels of known faults to see which the model finds.")));
  }

  /** The first {@code count} sensors of diagnostics with their shares. */
  static String topSensors(JsonNode diagnostics, int count) {
    List<String> top = new ArrayList<>();
    for (JsonNode diagnostic : diagnostics) {
      if (top.size() == count) {
        break;
      }
      top.add(
          diagnostic.path("name").asText()
              + " "
              + Text.percent(diagnostic.path("value").asDouble()));
    }
    return String.join(", ", top);
  }

  private Html inferenceTab(Viewer viewer, String name, JsonNode model) {
    JsonNode schedulers = Services.tree(services.schedulers().list(name)).path("schedulers");
    List<Html> rows = new ArrayList<>();
    for (JsonNode scheduler : schedulers) {
      rows.add(
          Html.of(
              "<tr data-inference=\"{}\"><td><a href=\"/inferences/{}\">{}</a></td><td>{}</td>"
                  + "<td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td>"
                  + "<td class=\"row-actions\">{}</td></tr>",
              scheduler.path("name").asText(),
              scheduler.path("name").asText(),
              scheduler.path("name").asText(),
              InferencePages.statusBadge(scheduler),
              scheduler.path("modelVersion").asInt(),
              Text.duration(scheduler.path("dataUploadFrequency").asText()),
              Text.time(scheduler.path("startTime").asText()),
              Text.time(scheduler.path("nextWindow").path("wake").asText("")),
              InferencePages.actions(viewer, scheduler, "/models/" + name + "?tab=inference")));
    }
    boolean completed = model.path("status").asText().equals("SUCCESS");
    Html hint =
        completed
            ? Html.EMPTY
            : Html.raw(
                "<p class=\"hint\" id=\"create-hint\">An inference can be created once the model"
                    + " has completed training.</p>");
    return Layout.card(
        "model-inference",
        "Inferences of this model",
        Html.of(
            "{}{}",
            hint,
            Layout.table(
                "model-inferences",
                List.of("Name", "Status", "Version", "Frequency", "Start time", "Next run", ""),
                rows,
                "No inference runs this model.")));
  }

  private static Html notice(String key) {
    if (key == null) {
      return Html.EMPTY;
    }
    return switch (key) {
      case "training" -> Layout.notice("Training started; this page follows its progress.", false);
      case "paused" -> Layout.notice("Inference paused.", false);
      case "restarted" -> Layout.notice("Inference restarted.", false);
      case "deleted" -> Layout.notice("Inference deleted; its results stay.", false);
      default -> Html.EMPTY;
    };
  }
}
