package dev.vigil.portal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.dataset.CreateDatasetRequest;
import dev.vigil.dataset.DatasetSchema;
import dev.vigil.dataset.DatasetView;
import dev.vigil.ingestion.IngestionInput;
import dev.vigil.ingestion.StartIngestionRequest;
import dev.vigil.request.RequestRefusedException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The dataset pages: the list, a new dataset, and a dataset's page with its schema, the data
 * quality summary and per-sensor statistics of its data, its ingestion jobs, and a form to ingest
 * files; while a job runs, the data section polls the page and updates without a reload.
 *
 * <p>Thread-safe: it holds only the services.
 */
final class DatasetPages {
  private static final List<Field.Option> KEY_PATTERNS =
      List.of(
          new Field.Option("{prefix}/{component}/*", "{prefix}/{component}/*  (a folder each)"),
          new Field.Option("{prefix}/{component}_*", "{prefix}/{component}_*"),
          new Field.Option("{prefix}/{component}-*", "{prefix}/{component}-*"),
          new Field.Option("{prefix}/{component}.*", "{prefix}/{component}.*"),
          new Field.Option("{prefix}/{component} *", "{prefix}/{component} *"));

  private final Services services;

  DatasetPages(Services services) {
    this.services = services;
  }

  void addTo(RoutesConfig routes) {
    Layout.Section section = Layout.Section.DATASETS;
    routes.get("/datasets", Responses.page(section, this::list));
    routes.get("/create-dataset", Responses.page(section, ctx -> form(ctx, null, null)));
    routes.post("/create-dataset", Responses.page(section, this::create));
    routes.get("/datasets/{name}", Responses.page(section, ctx -> detail(ctx, null, null)));
    routes.post("/datasets/{name}/ingest", Responses.page(section, this::ingest));
  }

  private void list(Context ctx) {
    Viewer viewer = Viewer.of(ctx);
    List<Html> rows = new ArrayList<>();
    for (var dataset : services.datasets().list()) {
      JsonNode view = Services.tree(DatasetView.of(dataset));
      JsonNode quality = view.path("dataQuality");
      rows.add(
          Html.of(
              "<tr data-dataset=\"{}\"><td><a href=\"/datasets/{}\">{}</a></td><td>{}</td>"
                  + "<td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
              dataset.name(),
              dataset.name(),
              dataset.name(),
              statusBadge(dataset.status()),
              range(view.path("dataStart").asText(""), view.path("dataEnd").asText("")),
              quality.isMissingNode() ? "" : Text.count(quality.path("totalRows").asLong()),
              dataset.schema().qualifiedSensorNames().size()));
    }
    Html content =
        Html.of(
            "{}{}",
            Layout.heading(
                "Datasets",
                Html.raw("Sensor history of your assets: components, sensors and ingested data."),
                Html.when(
                    viewer.canOperate(),
                    Html.raw(
                        "<a class=\"button\" href=\"/create-dataset\" id=\"create-dataset\">"
                            + "Create dataset</a>"))),
            Layout.card(
                "All datasets",
                Layout.table(
                    "datasets",
                    List.of("Name", "Status", "Data range", "Rows", "Sensors"),
                    rows,
                    "No dataset yet. Create one, then ingest its CSV files.")));
    Responses.html(ctx, Layout.page(viewer, Layout.Section.DATASETS, "Datasets", content));
  }

  private void form(Context ctx, FormValues submitted, FormErrors refused) {
    Viewer viewer = Viewer.of(ctx);
    FormValues values = submitted == null ? FormValues.of(Map.of()) : submitted;
    FormErrors errors = refused == null ? FormErrors.none() : refused;
    Html form =
        Html.of(
            """
            <form method="post" action="/create-dataset" id="dataset-form" class="form" novalidate>
            {}{}{}{}
            <div class="buttons"><button type="submit" class="primary">Create dataset</button>
            <a href="/datasets" class="button quiet">Cancel</a></div>
            </form>""",
            viewer.csrfField(),
            errors.summary(),
            Field.text("name")
                .label("Name")
                .value(values.get("name"))
                .placeholder("pump-7")
                .hint("1 to 200 letters, digits, '_' and '-'.")
                .errors(errors)
                .render(),
            Field.textarea("components")
                .label("Components and sensors")
                .value(values.get("components"))
                .rows(5)
                .placeholder("pump: Current, Pressure\nmotor: Vibration, Temperature")
                .hint(
                    "One component a line: its name, a colon, then its sensors separated by"
                        + " commas. Each CSV file of a component has the timestamp first, then"
                        + " these columns.")
                .errors(errors)
                .render());
    Responses.html(
        ctx,
        refused == null ? HttpStatus.OK : HttpStatus.BAD_REQUEST,
        Layout.page(
            viewer,
            Layout.Section.DATASETS,
            "Create dataset",
            Html.of("{}{}", Layout.heading("Create dataset", null, Html.EMPTY), form)));
  }

  private void create(Context ctx) {
    FormValues values = FormValues.of(ctx);
    String name = values.optional("name");
    List<DatasetSchema.Component> components = new ArrayList<>();
    String[] lines = values.get("components").split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        form(
            ctx,
            values,
            FormErrors.none()
                .put(
                    "components",
                    "line "
                        + (i + 1)
                        + " ('"
                        + line
                        + "') has no colon: write the component, a colon, then its sensors, such"
                        + " as 'pump: Current, Pressure'"));
        return;
      }
      List<DatasetSchema.Column> columns = new ArrayList<>();
      columns.add(new DatasetSchema.Column("Timestamp", DatasetSchema.ColumnType.DATETIME));
      for (String sensor : line.substring(colon + 1).split(",")) {
        if (!sensor.isBlank()) {
          columns.add(new DatasetSchema.Column(sensor.strip(), DatasetSchema.ColumnType.DOUBLE));
        }
      }
      components.add(new DatasetSchema.Component(line.substring(0, colon).strip(), columns));
    }
    try {
      services.datasets().create(new CreateDatasetRequest(name, new DatasetSchema(components)));
    } catch (RequestRefusedException e) {
      form(
          ctx,
          values,
          FormErrors.of(e, field -> field.startsWith("schema") ? "components" : field, "name"));
      return;
    }
    Responses.redirect(ctx, "/datasets/" + name + "?notice=created");
  }

  private void ingest(Context ctx) {
    String name = ctx.pathParam("name");
    services.datasets().get(name);
    FormValues values = FormValues.of(ctx);
    try {
      services
          .ingestion()
          .start(
              new StartIngestionRequest(
                  name,
                  new IngestionInput(
                      values.optional("input.bucket"),
                      values.get("input.prefix").strip(),
                      values.optional("input.keyPattern"))));
    } catch (RequestRefusedException e) {
      detail(ctx, values, FormErrors.of(e, field -> field.startsWith("input") ? field : null));
      return;
    }
    Responses.redirect(ctx, "/datasets/" + name + "?notice=ingesting");
  }

  private void detail(Context ctx, FormValues submitted, FormErrors refused) {
    Viewer viewer = Viewer.of(ctx);
    String name = ctx.pathParam("name");
    var dataset = services.datasets().get(name);
    JsonNode view = Services.tree(DatasetView.of(dataset));
    JsonNode jobs = Services.tree(services.ingestion().list(name));
    FormErrors errors = refused == null ? FormErrors.none() : refused;
    FormValues values = submitted == null ? FormValues.of(Map.of()) : submitted;

    List<Html> components = new ArrayList<>();
    for (DatasetSchema.Component component : dataset.schema().components()) {
      components.add(
          Html.of(
              "<li><strong>{}</strong>: {}</li>",
              component.name(),
              String.join(", ", component.sensorNames())));
    }
    Html ingestForm =
        Html.when(
            viewer.canOperate(),
            Layout.card(
                "ingest",
                "Ingest data",
                Html.of(
                    """
                    <form method="post" action="/datasets/{}/ingest" id="ingest-form"
                     class="form" novalidate>{}{}
                    <div class="row">{}{}</div>{}
                    <div class="buttons"><button type="submit" class="primary"
                     id="start-ingestion">Start ingestion</button></div></form>""",
                    name,
                    viewer.csrfField(),
                    errors.summary(),
                    Field.text("input.bucket")
                        .label("Bucket")
                        .value(values.get("input.bucket"))
                        .placeholder("plant")
                        .hint("With the embedded default, a folder under the data directory.")
                        .errors(errors)
                        .render(),
                    Field.text("input.prefix")
                        .label("Prefix")
                        .value(values.get("input.prefix"))
                        .placeholder("pump-7/")
                        .errors(errors)
                        .render(),
                    Field.select("input.keyPattern", KEY_PATTERNS)
                        .label("Files of a component")
                        .value(values.get("input.keyPattern", KEY_PATTERNS.get(0).value()))
                        .errors(errors)
                        .render())));
    Html content =
        Html.of(
            "{}{}{}<div class=\"grid two\">{}{}</div>{}",
            Layout.heading(
                name,
                Html.of(
                    "{} sensors in {} components",
                    dataset.schema().qualifiedSensorNames().size(),
                    dataset.schema().components().size()),
                Html.when(
                    viewer.canOperate(),
                    Html.of(
                        "<a class=\"button\" href=\"/create-model?dataset={}\">Create model</a>",
                        name))),
            notice(ctx.queryParam("notice")),
            dataSection(name, dataset.status(), view, jobs),
            Layout.card("Schema", Html.of("<ul class=\"plain\" id=\"schema\">{}</ul>", components)),
            ingestForm,
            Html.EMPTY);
    Responses.html(
        ctx,
        refused == null ? HttpStatus.OK : HttpStatus.BAD_REQUEST,
        Layout.page(viewer, Layout.Section.DATASETS, name, content));
  }

  /** The part of the page that changes while an ingestion runs; it polls itself until then. */
  private static Html dataSection(String name, String status, JsonNode view, JsonNode jobs) {
    boolean running = "INGESTION_IN_PROGRESS".equals(status);
    Html polling =
        Html.when(
            running,
            Html.of(
                " hx-get=\"/datasets/{}\" hx-select=\"#dataset-data\" hx-target=\"this\""
                    + " hx-swap=\"outerHTML\" hx-trigger=\"every 1s\"",
                name));
    JsonNode quality = view.path("dataQuality");
    Html qualityHtml;
    if (quality.isMissingNode()) {
      qualityHtml =
          Html.raw("<p class=\"empty\" id=\"data-quality\">No data yet: ingest CSV files.</p>");
    } else {
      List<Html> issues = new ArrayList<>();
      quality.path("issues").forEach(issue -> issues.add(Html.of("<li>{}</li>", issue.asText())));
      qualityHtml =
          Html.of(
              "<dl class=\"facts compact\" id=\"data-quality\">{}</dl>{}",
              List.of(
                  Layout.fact("totalRows", "Rows", Text.count(quality.path("totalRows").asLong())),
                  Layout.fact(
                      "missingValues",
                      "Missing values",
                      Text.count(quality.path("missingValues").asLong())),
                  Layout.fact(
                      "invalidValues",
                      "Invalid values",
                      Text.count(quality.path("invalidValues").asLong())),
                  Layout.fact(
                      "duplicateTimestamps",
                      "Duplicate timestamps",
                      Text.count(quality.path("duplicateTimestamps").asLong())),
                  Layout.fact(
                      "unsupportedTimestamps",
                      "Unreadable timestamps",
                      Text.count(quality.path("unsupportedTimestamps").asLong())),
                  Layout.fact(
                      "largeGaps", "Large gaps", Text.count(quality.path("largeGaps").asLong())),
                  Layout.fact(
                      "monotonicSensors",
                      "Monotonic sensors",
                      quality.path("monotonicSensors").asInt()),
                  Layout.fact(
                      "constantSensors",
                      "Constant sensors",
                      quality.path("constantSensors").asInt()),
                  Layout.fact(
                      "sensorsWithoutValues",
                      "Sensors without values",
                      quality.path("sensorsWithoutValues").asInt())),
              issues.isEmpty()
                  ? null
                  : Html.of("<h3>First problems found</h3><ul class=\"issues\">{}</ul>", issues));
    }
    List<Html> sensors = new ArrayList<>();
    for (JsonNode sensor : view.path("sensorStatistics")) {
      sensors.add(
          Html.of(
              "<tr data-sensor=\"{}\"><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
                  + "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>"
                  + "<td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td></tr>",
              sensor.path("component").asText() + "\\" + sensor.path("sensor").asText(),
              sensor.path("component").asText() + "\\" + sensor.path("sensor").asText(),
              Text.count(sensor.path("count").asLong()),
              Text.count(sensor.path("missingValues").asLong()),
              Text.count(sensor.path("invalidValues").asLong()),
              number(sensor.path("min")),
              number(sensor.path("max")),
              number(sensor.path("mean")),
              flags(sensor),
              Text.count(sensor.path("largeGaps").asLong())));
    }
    List<Html> jobRows = new ArrayList<>();
    for (JsonNode job : jobs) {
      String jobStatus = job.path("status").asText();
      jobRows.add(
          Html.of(
              "<tr data-job=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
              job.path("id").asText(),
              Text.time(job.path("createdAt").asText()),
              "s3://"
                  + job.path("input").path("bucket").asText()
                  + "/"
                  + job.path("input").path("prefix").asText(""),
              statusBadge(jobStatus),
              "IN_PROGRESS".equals(jobStatus)
                  ? progress("ingestion-progress", job.path("progress").asDouble())
                  : Html.of("{}", Text.percent(job.path("progress").asDouble())),
              job.path("failedReason").asText("")));
    }
    return Html.of(
        """
        <div id="dataset-data" data-status="{}"{}>
        <section class="card"><h2>Data {}</h2>{}
        <h3>Data quality</h3>{}</section>
        <section class="card"><h2>Sensor statistics</h2>{}</section>
        <section class="card"><h2>Ingestion jobs</h2>{}</section>
        </div>""",
        status,
        polling,
        statusBadge(status),
        Layout.facts(
            List.of(
                Layout.fact("dataStart", "Data from", Text.time(view.path("dataStart").asText(""))),
                Layout.fact("dataEnd", "Data to", Text.time(view.path("dataEnd").asText(""))))),
        qualityHtml,
        Layout.table(
            "sensor-statistics",
            List.of(
                "Sensor",
                "Values",
                "Missing",
                "Invalid",
                "Min",
                "Max",
                "Mean",
                "Flags",
                "Large gaps"),
            sensors,
            "Statistics appear once data is ingested."),
        Layout.table(
            "ingestion-jobs",
            List.of("Started", "Input", "Status", "Progress", "Failure"),
            jobRows,
            "No ingestion yet."));
  }

  private static String flags(JsonNode sensor) {
    List<String> flags = new ArrayList<>();
    if (sensor.path("constant").asBoolean()) {
      flags.add("constant");
    }
    if (sensor.path("monotonic").asBoolean()) {
      flags.add("monotonic");
    }
    return String.join(", ", flags);
  }

  /** A statistic with four significant digits, without an exponent: 14070, 57.69, 0.1415. */
  private static String number(JsonNode value) {
    if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
      return "";
    }
    return new java.math.BigDecimal(value.asDouble())
        .round(new java.math.MathContext(4))
        .stripTrailingZeros()
        .toPlainString();
  }

  private static String range(String start, String end) {
    if (start.isEmpty()) {
      return "";
    }
    return Text.time(start) + " to " + Text.time(end);
  }

  /** A progress bar with an id, its value readable by tests in {@code data-progress}. */
  static Html progress(String id, double fraction) {
    return Html.of(
        "<div class=\"progress\" id=\"{}\" data-progress=\"{}\" role=\"progressbar\""
            + " aria-valuenow=\"{}\" aria-valuemin=\"0\" aria-valuemax=\"100\"><span"
            + " style=\"width: {}%\"></span><em>{}</em></div>",
        id,
        fraction,
        Math.round(fraction * 100),
        Math.round(fraction * 100),
        Text.percent(fraction));
  }

  /** The badge of a dataset, job or version status. */
  static Html statusBadge(String status) {
    return switch (status) {
      case "ACTIVE", "SUCCESS" ->
          Layout.badge(status.equals("ACTIVE") ? "Active" : "Succeeded", "good");
      case "INGESTION_IN_PROGRESS", "IN_PROGRESS" -> Layout.badge("In progress", "busy");
      case "FAILED" -> Layout.badge("Failed", "bad");
      case "CREATED" -> Layout.badge("No data", "idle");
      default -> Layout.badge(status, "idle");
    };
  }

  private static Html notice(String key) {
    if (key == null) {
      return Html.EMPTY;
    }
    return switch (key) {
      case "created" -> Layout.notice("Dataset created. Ingest its CSV files below.", false);
      case "ingesting" ->
          Layout.notice("Ingestion started; this page follows its progress.", false);
      default -> Html.EMPTY;
    };
  }
}
