package dev.vigil.portal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.alert.AlertBodies;
import dev.vigil.alert.CorrelationMode;
import dev.vigil.inference.SchedulerBodies;
import dev.vigil.request.RequestRefusedException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two forms that put a completed model to work, as Metrics Advisor for Equipment had them.
 *
 * <p><b>Create inference</b>: the inference parameters (name, model version, frequency, start time,
 * data delay offset, input location and file naming, output location) and, in the same form, its
 * alert settings (name, sensitivity, correlation, snooze, hooks chosen from the existing ones or
 * created inline, each with "send test"). The inference is created first, then its alert settings;
 * when the alert settings are refused, the inference just created is stopped and deleted again, so
 * that a refused form leaves nothing stored.
 *
 * <p><b>Use an existing inference</b>: pick a paused inference of the same dataset that runs
 * another model or version; its settings and alert settings are shown locked, and it restarts at
 * once with this model. Its earlier results keep the version that made them.
 *
 * <p>Thread-safe: it holds only the services.
 */
final class InferenceForms {
  private static final Logger LOG = LoggerFactory.getLogger(InferenceForms.class);

  static final List<Field.Option> FREQUENCIES =
      List.of(
          new Field.Option("PT1M", "1 minute"),
          new Field.Option("PT5M", "5 minutes"),
          new Field.Option("PT10M", "10 minutes"),
          new Field.Option("PT15M", "15 minutes"),
          new Field.Option("PT30M", "30 minutes"),
          new Field.Option("PT1H", "1 hour"));

  private static final List<Field.Option> TIMESTAMP_FORMATS =
      List.of(
          new Field.Option("yyyyMMddHHmmss", "yyyyMMddHHmmss (20260101100000)"),
          new Field.Option("yyyy-MM-dd-HH-mm-ss", "yyyy-MM-dd-HH-mm-ss (2026-01-01-10-00-00)"),
          new Field.Option("EPOCH", "EPOCH (seconds since 1970)"));

  private static final List<Field.Option> DELIMITERS =
      List.of(
          new Field.Option("_", "_ (pump_20260101100000.csv)"),
          new Field.Option("-", "- (pump-20260101100000.csv)"),
          new Field.Option(" ", "a space"),
          new Field.Option("", "nothing"));

  private static final Set<String> ALERT_FIELDS =
      Set.of("name", "sensitivity", "snooze", "hooks", "notifyOnFailure", "notifyOnSystemPause");

  private final Services services;

  InferenceForms(Services services) {
    this.services = services;
  }

  void addTo(RoutesConfig routes) {
    Layout.Section section = Layout.Section.MODELS;
    routes.get(
        "/models/{name}/create-inference", Responses.page(section, ctx -> form(ctx, null, null)));
    routes.post("/models/{name}/create-inference", Responses.page(section, this::create));
    routes.post("/models/{name}/create-inference/hook", Responses.page(section, this::inlineHook));
    routes.get("/models/{name}/use-inference", Responses.page(section, this::useForm));
    routes.post("/models/{name}/use-inference", Responses.page(section, this::use));
  }

  private void form(Context ctx, FormValues submitted, FormErrors refused) {
    Viewer viewer = Viewer.of(ctx);
    String modelName = ctx.pathParam("name");
    JsonNode model = Services.tree(services.models().describe(modelName));
    FormErrors errors = refused == null ? FormErrors.none() : refused;
    FormValues values = submitted == null ? defaults(model) : submitted;
    if (!model.path("status").asText().equals("SUCCESS")) {
      Responses.html(
          ctx,
          HttpStatus.CONFLICT,
          Layout.page(
              viewer,
              Layout.Section.MODELS,
              "Create inference",
              Html.of(
                  "{}{}",
                  Layout.heading("Create inference", Html.EMPTY, Html.EMPTY),
                  Layout.notice(
                      "Model "
                          + modelName
                          + " is "
                          + ModelPages.statusLabel(model.path("status").asText())
                              .toLowerCase(java.util.Locale.ROOT)
                          + ": an inference can be created once it has completed training.",
                      true))));
      return;
    }
    List<Field.Option> versions = new ArrayList<>();
    for (JsonNode version : model.path("versions")) {
      if (version.path("status").asText().equals("SUCCESS")) {
        int number = version.path("version").asInt();
        versions.add(
            new Field.Option(
                Integer.toString(number),
                "Version " + number + (version.path("active").asBoolean() ? " (active)" : "")));
      }
    }
    Html parameters =
        Html.of(
            """
            <fieldset id="inference-parameters"><legend>Inference parameters</legend>
            <div class="row">{}{}</div><div class="row">{}{}{}</div></fieldset>
            <fieldset><legend>Input: where new data arrives</legend><div class="row">{}{}</div>
            <div class="row">{}{}{}</div></fieldset>
            <fieldset><legend>Output: where results go</legend><div class="row">{}{}</div>
            </fieldset>""",
            Field.text("name")
                .label("Inference name")
                .value(values.get("name"))
                .placeholder(modelName + "-live")
                .errors(errors)
                .render(),
            Field.select("modelVersion", versions)
                .label("Model version")
                .value(values.get("modelVersion"))
                .errors(errors)
                .render(),
            Field.select("dataUploadFrequency", FREQUENCIES)
                .label("Frequency")
                .value(values.get("dataUploadFrequency"))
                .hint("How often new data is scored: one window each time.")
                .errors(errors)
                .render(),
            Field.text("startTime")
                .label("Start time (UTC)")
                .value(values.get("startTime"))
                .placeholder("2026-01-01 10:00")
                .hint(
                    "Not in the past; empty for now. The first window starting at or after it"
                        + " is the first scored.")
                .errors(errors)
                .render(),
            Field.text("dataDelayOffset")
                .label("Data delay offset (seconds)")
                .value(values.get("dataDelayOffset"))
                .numeric()
                .hint("How late data arrives: each window is scored this long after it closes.")
                .errors(errors)
                .render(),
            Field.text("input.bucket")
                .label("Bucket")
                .value(values.get("input.bucket"))
                .placeholder("plant")
                .errors(errors)
                .render(),
            Field.text("input.prefix")
                .label("Prefix")
                .value(values.get("input.prefix"))
                .placeholder("live/")
                .errors(errors)
                .render(),
            Field.text("input.timeZoneOffset")
                .label("Time zone of the data")
                .value(values.get("input.timeZoneOffset"))
                .placeholder("+00:00")
                .errors(errors)
                .render(),
            Field.select("input.timestampFormat", TIMESTAMP_FORMATS)
                .label("Timestamp in file names")
                .value(values.get("input.timestampFormat"))
                .errors(errors)
                .render(),
            Field.select("input.delimiter", DELIMITERS)
                .label("Between component and timestamp")
                .value(values.get("input.delimiter"))
                .errors(errors)
                .render(),
            Field.text("output.bucket")
                .label("Bucket")
                .value(values.get("output.bucket"))
                .placeholder("results")
                .errors(errors)
                .render(),
            Field.text("output.prefix")
                .label("Prefix")
                .value(values.get("output.prefix"))
                .placeholder(modelName + "/")
                .errors(errors)
                .render());
    Html alerts =
        Html.of(
            """
            <fieldset id="alert-settings"><legend>Alert settings</legend>{}
            <div class="row">{}{}</div>{}<div class="row">{}{}</div>
            <div class="row">{}{}</div>{}</fieldset>""",
            Field.checkbox("alert.enabled", values.get("alert.enabled").equals("on"))
                .label("Alert when this inference finds anomalies")
                .render(),
            Field.text("alert.name")
                .label("Alert name")
                .value(values.get("alert.name"))
                .placeholder(modelName + "-alerts")
                .errors(errors)
                .render(),
            Field.text("alert.sensitivity")
                .label("Sensitivity (1 to 100)")
                .value(values.get("alert.sensitivity"))
                .numeric()
                .hint(
                    "The higher, the more sensitive: a point is anomalous when its score is"
                        + " above 1 - sensitivity/100 (50: above 0.5).")
                .errors(errors)
                .render(),
            Field.radios(
                    "alert.correlation",
                    List.of(
                        new Field.Option(
                            "GROUP",
                            "Correlate anomalies within the number of data points below: one"
                                + " alert per group"),
                        new Field.Option("EACH", "An alert for each anomaly")))
                .label("Correlation and suppression")
                .value(values.get("alert.correlation"))
                .errors(errors)
                .render(),
            Field.text("alert.withinPoints")
                .label("Within (data points)")
                .value(values.get("alert.withinPoints"))
                .numeric()
                .errors(errors)
                .render(),
            Field.text("alert.snooze")
                .label("Snooze window (minutes)")
                .value(values.get("alert.snooze"))
                .numeric()
                .hint("After an alert, no other alert for this long, whatever happens.")
                .errors(errors)
                .render(),
            Field.checkbox(
                    "alert.notifyOnFailure", values.get("alert.notifyOnFailure").equals("on"))
                .label("Also alert when a window fails")
                .render(),
            Field.checkbox(
                    "alert.notifyOnSystemPause",
                    values.get("alert.notifyOnSystemPause").equals("on"))
                .label("Also alert when Vigil pauses it after failures")
                .render(),
            hooksSection(viewer, modelName, values.all("alert.hooks"), errors, null, null, null));
    Html form =
        Html.of(
            """
            <form method="post" action="/models/{}/create-inference" id="inference-form"
             class="form" novalidate>{}{}{}{}
            <div class="buttons"><button type="submit" class="primary" id="create">Create
             inference</button> <a href="/models/{}?tab=inference" class="button quiet">Cancel</a>
            </div></form>""",
            modelName,
            viewer.csrfField(),
            errors.summary(),
            parameters,
            alerts,
            modelName);
    Responses.html(
        ctx,
        refused == null ? HttpStatus.OK : HttpStatus.BAD_REQUEST,
        Layout.page(
            viewer,
            Layout.Section.MODELS,
            "Create inference",
            Html.of(
                "{}{}",
                Layout.heading(
                    "Create inference",
                    Html.of(
                        "Run model <a href=\"/models/{}\">{}</a> on new data of dataset {}, and"
                            + " say who hears of its anomalies.",
                        modelName,
                        modelName,
                        model.path("datasetName").asText()),
                    Html.EMPTY),
                form)));
  }

  /** A new form: the next start of a 5-minute window, no delay, default naming and alerts. */
  private FormValues defaults(JsonNode model) {
    Instant now = services.clock().instant();
    long step = Duration.ofMinutes(5).toSeconds();
    Instant start = Instant.ofEpochSecond((now.getEpochSecond() / step + 1) * step);
    return FormValues.of(
        Map.ofEntries(
            Map.entry("modelVersion", List.of(model.path("activeVersion").asText())),
            Map.entry("dataUploadFrequency", List.of("PT5M")),
            Map.entry("startTime", List.of(Text.typed(start))),
            Map.entry("dataDelayOffset", List.of("0")),
            Map.entry("input.timeZoneOffset", List.of("+00:00")),
            Map.entry("input.timestampFormat", List.of("yyyyMMddHHmmss")),
            Map.entry("input.delimiter", List.of("_")),
            Map.entry("alert.enabled", List.of("on")),
            Map.entry("alert.sensitivity", List.of("50")),
            Map.entry("alert.correlation", List.of("GROUP")),
            Map.entry("alert.withinPoints", List.of("10")),
            Map.entry("alert.snooze", List.of("0")),
            Map.entry("alert.notifyOnSystemPause", List.of("on"))));
  }

  /**
   * The hooks of the alert settings: a checkbox for each existing hook with "send test", and a
   * panel that creates a hook inline (for a viewer who may manage hooks) and checks it.
   */
  private Html hooksSection(
      Viewer viewer,
      String modelName,
      List<String> checked,
      FormErrors errors,
      FormValues hookValues,
      FormErrors hookErrors,
      String created) {
    List<Html> choices = new ArrayList<>();
    for (JsonNode hook : Services.tree(services.hooks().list()).path("hooks")) {
      String name = hook.path("name").asText();
      String id = Field.id("alert.hooks") + "-" + name;
      choices.add(
          Html.of(
              "<li data-hook=\"{}\"><label class=\"choice\" for=\"{}\"><input type=\"checkbox\""
                  + " id=\"{}\" name=\"alert.hooks\" value=\"{}\"{}> <strong>{}</strong> <span"
                  + " class=\"hint\">{}</span></label> {}</li>",
              name,
              id,
              id,
              name,
              Html.when(checked.contains(name) || name.equals(created), Html.raw(" checked")),
              name,
              AlertPages.target(hook),
              AlertPages.testButton(viewer, name)));
    }
    String error = errors.of("alert.hooks");
    Html panel = Html.EMPTY;
    if (viewer.canAdminister()) {
      FormErrors panelErrors = hookErrors == null ? FormErrors.none() : hookErrors;
      panel =
          Html.of(
              """
              <details class="new-hook" id="new-hook"{}><summary>Create a hook</summary>{}{}
              <div class="buttons"><button type="button" class="small" id="create-hook"
               hx-post="/models/{}/create-inference/hook" hx-target="#hooks-section"
               hx-select="#hooks-section" hx-swap="outerHTML">Create hook</button></div>
              </details>""",
              Html.when(hookErrors != null && hookErrors.any(), Html.raw(" open")),
              panelErrors.summary(),
              HookForm.fields(
                  hookValues == null ? FormValues.of(Map.of()) : hookValues, panelErrors),
              modelName);
    }
    return Html.of(
        """
        <div class="field hooks{}" id="hooks-section"><span class="label">Hooks</span>
        <ul class="plain hook-choices" id="{}">{}</ul>{}{}{}</div>""",
        error == null ? "" : " invalid",
        Field.id("alert.hooks"),
        choices.isEmpty()
            ? Html.raw("<li class=\"empty\">No hook yet: create one.</li>")
            : Html.join(choices),
        error == null
            ? Html.EMPTY
            : Html.of(
                "<p class=\"field-error\" id=\"{}-error\" data-field=\"alert.hooks\""
                    + " role=\"alert\">{}</p>",
                Field.id("alert.hooks"),
                error),
        created == null
            ? Html.EMPTY
            : Html.of(
                "<p class=\"notice done\" id=\"hook-created\">Hook {} created and chosen.</p>",
                created),
        panel);
  }

  private void inlineHook(Context ctx) {
    Viewer viewer = Viewer.of(ctx);
    String modelName = ctx.pathParam("name");
    services.models().describe(modelName);
    FormValues values = FormValues.of(ctx);
    List<String> checked = values.all("alert.hooks");
    FormErrors hookErrors;
    try {
      String name = (String) services.hooks().create(HookForm.body(values)).get("name");
      Responses.html(
          ctx, hooksSection(viewer, modelName, checked, FormErrors.none(), null, null, name));
      return;
    } catch (HookForm.Unreadable e) {
      hookErrors = FormErrors.none().put(e.field(), e.getMessage());
    } catch (RequestRefusedException e) {
      hookErrors = FormErrors.of(e, HookForm::formField, "hook.name");
    }
    Responses.html(
        ctx, hooksSection(viewer, modelName, checked, FormErrors.none(), values, hookErrors, null));
  }

  private void create(Context ctx) {
    String modelName = ctx.pathParam("name");
    FormValues values = FormValues.of(ctx);
    FormErrors unreadable = FormErrors.none();
    SchedulerBodies.Create scheduler = scheduler(modelName, values, unreadable);
    boolean alerting = values.get("alert.enabled").equals("on");
    AlertBodies.Create alert = alerting ? alert(values, unreadable) : null;
    if (unreadable.any()) {
      form(ctx, values, unreadable);
      return;
    }
    try {
      services.schedulers().create(scheduler);
    } catch (RequestRefusedException e) {
      String conflictField =
          e.getMessage().startsWith("output location") ? "output.prefix" : "name";
      form(
          ctx,
          values,
          FormErrors.of(e, field -> field.equals("modelName") ? null : field, conflictField));
      return;
    }
    if (alert != null) {
      alert.schedulerName = scheduler.name;
      try {
        services.alertConfigurations().create(alert);
      } catch (RequestRefusedException e) {
        undo(scheduler.name);
        form(ctx, values, FormErrors.of(e, InferenceForms::alertField, "alert.name"));
        return;
      }
    }
    Responses.redirect(ctx, "/inferences/" + scheduler.name + "?notice=created");
  }

  /** The form field showing a refusal of the alert service about {@code field}. */
  private static String alertField(String field) {
    if (field.startsWith("correlation.withinPoints")) {
      return "alert.withinPoints";
    }
    if (field.startsWith("correlation")) {
      return "alert.correlation";
    }
    if (field.startsWith("hooks")) {
      return "alert.hooks";
    }
    return ALERT_FIELDS.contains(field) ? "alert." + field : null;
  }

  /** Stops and deletes an inference created a moment ago, whose alert settings were refused. */
  private void undo(String schedulerName) {
    try {
      services.schedulers().stop(schedulerName);
      services.schedulers().delete(schedulerName);
    } catch (RuntimeException e) {
      LOG.warn(
          "inference scheduler {} was created but its alert settings were refused, and it could"
              + " not be deleted again: delete it by hand",
          schedulerName,
          e);
    }
  }

  private static SchedulerBodies.Create scheduler(
      String modelName, FormValues values, FormErrors unreadable) {
    SchedulerBodies.Create body = new SchedulerBodies.Create();
    body.name = values.optional("name");
    body.modelName = modelName;
    String version = values.optional("modelVersion");
    if (version != null) {
      try {
        body.modelVersion = Integer.valueOf(version);
      } catch (NumberFormatException e) {
        unreadable.put("modelVersion", "model version '" + version + "' is not a whole number");
      }
    }
    body.dataUploadFrequency = values.optional("dataUploadFrequency");
    body.startTime = Text.instant(values.get("startTime"));
    if (body.startTime == null) {
      unreadable.put("startTime", "start time is required: give one at or after now, in UTC");
    }
    String delay = values.optional("dataDelayOffset");
    if (delay != null) {
      try {
        body.dataDelayOffset = "PT" + Long.parseLong(delay) + "S";
      } catch (NumberFormatException e) {
        unreadable.put(
            "dataDelayOffset",
            "data delay offset '" + delay + "' is not a whole number of seconds");
      }
    }
    SchedulerBodies.Input input = new SchedulerBodies.Input();
    input.bucket = values.optional("input.bucket");
    input.prefix = values.get("input.prefix").strip();
    input.timeZoneOffset = values.optional("input.timeZoneOffset");
    input.timestampFormat = values.optional("input.timestampFormat");
    input.delimiter = values.get("input.delimiter", "_");
    body.input = input;
    SchedulerBodies.Output output = new SchedulerBodies.Output();
    output.bucket = values.optional("output.bucket");
    output.prefix = values.get("output.prefix").strip();
    body.output = output;
    return body;
  }

  private static AlertBodies.Create alert(FormValues values, FormErrors unreadable) {
    AlertBodies.Create body = new AlertBodies.Create();
    body.name = values.optional("alert.name");
    body.sensitivity = whole(values, "alert.sensitivity", "sensitivity", unreadable);
    AlertBodies.Correlation correlation = new AlertBodies.Correlation();
    if (values.get("alert.correlation", "GROUP").equals("EACH")) {
      correlation.mode = CorrelationMode.EACH;
    } else {
      correlation.mode = CorrelationMode.GROUP;
      correlation.withinPoints =
          whole(values, "alert.withinPoints", "number of data points", unreadable);
    }
    body.correlation = correlation;
    Integer snooze = whole(values, "alert.snooze", "snooze window", unreadable);
    if (snooze != null) {
      body.snooze = Duration.ofMinutes(snooze).toString();
    }
    body.hooks = values.all("alert.hooks");
    body.notifyOnFailure = values.get("alert.notifyOnFailure").equals("on");
    body.notifyOnSystemPause = values.get("alert.notifyOnSystemPause").equals("on");
    return body;
  }

  private static Integer whole(FormValues values, String field, String what, FormErrors errors) {
    String text = values.optional(field);
    if (text == null) {
      return null;
    }
    try {
      return Integer.valueOf(text);
    } catch (NumberFormatException e) {
      errors.put(field, what + " '" + text + "' is not a whole number");
      return null;
    }
  }

  private void useForm(Context ctx) {
    useForm(ctx, null);
  }

  private void useForm(Context ctx, String failure) {
    Viewer viewer = Viewer.of(ctx);
    String modelName = ctx.pathParam("name");
    JsonNode model = Services.tree(services.models().describe(modelName));
    String chosenName = ctx.queryParam("inference");
    if (chosenName == null) {
      chosenName = ctx.formParam("inference");
    }
    List<Field.Option> versions = new ArrayList<>();
    String activeVersion = model.path("activeVersion").asText("");
    for (JsonNode version : model.path("versions")) {
      if (version.path("status").asText().equals("SUCCESS")) {
        int number = version.path("version").asInt();
        versions.add(
            new Field.Option(
                Integer.toString(number),
                "Version " + number + (version.path("active").asBoolean() ? " (active)" : "")));
      }
    }
    String version = ctx.queryParam("version") != null ? ctx.queryParam("version") : activeVersion;
    List<Html> candidates = new ArrayList<>();
    List<Html> running = new ArrayList<>();
    JsonNode chosen = null;
    for (JsonNode scheduler : Services.tree(services.schedulers().list(null)).path("schedulers")) {
      if (!scheduler.path("datasetName").asText().equals(model.path("datasetName").asText())) {
        continue;
      }
      String name = scheduler.path("name").asText();
      boolean same =
          scheduler.path("modelName").asText().equals(modelName)
              && scheduler.path("modelVersion").asText().equals(version);
      if (same) {
        continue;
      }
      if (!scheduler.path("status").asText().equals("STOPPED")) {
        running.add(
            Html.of(
                "<li>{} ({} v{}, {})</li>",
                name,
                scheduler.path("modelName").asText(),
                scheduler.path("modelVersion").asInt(),
                scheduler.path("portalStatus").asText()));
        continue;
      }
      if (name.equals(chosenName)) {
        chosen = scheduler;
      }
      candidates.add(
          Html.of(
              "<tr data-inference=\"{}\"{}><td><a href=\"/models/{}/use-inference?inference={}"
                  + "&amp;version={}\" id=\"pick-{}\">{}</a></td><td>{} v{}</td><td>{}</td>"
                  + "<td>{}</td></tr>",
              name,
              Html.when(name.equals(chosenName), Html.raw(" class=\"chosen\"")),
              modelName,
              name,
              Urls.encode(version),
              name,
              name,
              scheduler.path("modelName").asText(),
              scheduler.path("modelVersion").asInt(),
              InferencePages.statusBadge(scheduler),
              Text.duration(scheduler.path("dataUploadFrequency").asText())));
    }
    Html locked = Html.EMPTY;
    if (chosen != null) {
      locked = lockedForm(viewer, modelName, chosen, versions, version);
    }
    Html content =
        Html.of(
            "{}{}{}{}{}",
            Layout.heading(
                "Use an existing inference",
                Html.of(
                    "Run a paused inference of dataset {} with model <a href=\"/models/{}\">{}</a>"
                        + " instead of its model; it restarts at once. Its earlier results stay,"
                        + " marked with the model version that made them.",
                    model.path("datasetName").asText(),
                    modelName,
                    modelName),
                Html.EMPTY),
            Layout.notice(failure, true),
            Layout.card(
                "candidates",
                "Paused inferences",
                Layout.table(
                    "inference-candidates",
                    List.of("Inference", "Runs now", "Status", "Frequency"),
                    candidates,
                    "No paused inference of this dataset runs another model or version.")),
            Html.when(
                !running.isEmpty(),
                Html.of(
                    "<p class=\"hint\" id=\"pause-first\">Not listed because they run: pause"
                        + " them first.</p><ul class=\"plain\">{}</ul>",
                    running)),
            locked);
    Responses.html(
        ctx,
        failure == null ? HttpStatus.OK : HttpStatus.CONFLICT,
        Layout.page(viewer, Layout.Section.MODELS, "Use an existing inference", content));
  }

  /** The chosen inference's settings and alert settings, locked, and the model to use. */
  private Html lockedForm(
      Viewer viewer,
      String modelName,
      JsonNode scheduler,
      List<Field.Option> versions,
      String version) {
    String name = scheduler.path("name").asText();
    JsonNode input = scheduler.path("input");
    List<Html> alerts = new ArrayList<>();
    for (JsonNode configuration :
        Services.tree(services.alertConfigurations().list(name)).path("alertConfigurations")) {
      JsonNode correlation = configuration.path("correlation");
      alerts.add(
          Html.of(
              "<div class=\"row locked-alert\" data-alert-configuration=\"{}\">{}{}{}{}{}</div>",
              configuration.path("name").asText(),
              Field.locked("")
                  .label("Alert name")
                  .value(configuration.path("name").asText())
                  .render(),
              Field.locked("")
                  .label("Sensitivity")
                  .value(configuration.path("sensitivity").asText())
                  .render(),
              Field.locked("")
                  .label("Correlation")
                  .value(
                      correlation.path("mode").asText().equals("GROUP")
                          ? "within " + correlation.path("withinPoints").asInt() + " data points"
                          : "each anomaly")
                  .render(),
              Field.locked("")
                  .label("Snooze window")
                  .value(Text.duration(configuration.path("snooze").asText()))
                  .render(),
              Field.locked("")
                  .label("Hooks")
                  .value(String.join(", ", InferencePages.texts(configuration.path("hooks"))))
                  .render()));
    }
    return Layout.card(
        "use-form",
        "Inference " + name,
        Html.of(
            """
            <form method="post" action="/models/{}/use-inference" id="use-inference-form"
             class="form" novalidate>{}<input type="hidden" name="inference" value="{}">
            <p class="hint">None of the settings of the inference can change in this step: it
             keeps them, and its alert settings, and runs this model from now on.</p>
            <fieldset><legend>Inference parameters</legend><div class="row">{}{}{}{}</div>
            <div class="row">{}{}{}</div></fieldset>
            <fieldset><legend>Alert settings</legend>{}</fieldset>
            <fieldset><legend>Model</legend><div class="row">{}{}</div></fieldset>
            <div class="buttons"><button type="submit" class="primary" id="use">Use this
             inference</button></div></form>""",
            modelName,
            viewer.csrfField(),
            name,
            Field.locked("").label("Inference name").value(name).render(),
            Field.locked("")
                .label("Runs now")
                .value(
                    scheduler.path("modelName").asText()
                        + " version "
                        + scheduler.path("modelVersion").asInt())
                .render(),
            Field.locked("")
                .label("Frequency")
                .value(Text.duration(scheduler.path("dataUploadFrequency").asText()))
                .render(),
            Field.locked("")
                .label("Data delay offset")
                .value(Text.duration(scheduler.path("dataDelayOffset").asText()))
                .render(),
            Field.locked("")
                .label("Input")
                .value(
                    "s3://" + input.path("bucket").asText() + "/" + input.path("prefix").asText())
                .render(),
            Field.locked("")
                .label("Output")
                .value(
                    "s3://"
                        + scheduler.path("output").path("bucket").asText()
                        + "/"
                        + scheduler.path("output").path("prefix").asText())
                .render(),
            Field.locked("").label("Starts").value("now, from the next window").render(),
            alerts.isEmpty()
                ? Html.raw("<p class=\"empty\">No alert settings.</p>")
                : Html.join(alerts),
            Field.locked("").label("Model").value(modelName).render(),
            Field.select("modelVersion", versions).label("Version").value(version).render()));
  }

  private void use(Context ctx) {
    String modelName = ctx.pathParam("name");
    FormValues values = FormValues.of(ctx);
    String inference = values.optional("inference");
    SchedulerBodies.Update body = new SchedulerBodies.Update();
    body.modelName = modelName;
    String version = values.optional("modelVersion");
    try {
      body.modelVersion = version == null ? null : Integer.valueOf(version);
    } catch (NumberFormatException e) {
      useForm(ctx, "model version '" + version + "' is not a whole number");
      return;
    }
    if (inference == null) {
      useForm(ctx, "choose the inference to use");
      return;
    }
    try {
      services.schedulers().update(inference, body);
    } catch (RequestRefusedException e) {
      useForm(ctx, e.getMessage());
      return;
    }
    Responses.redirect(ctx, "/inferences/" + inference + "?notice=swapped");
  }
}
