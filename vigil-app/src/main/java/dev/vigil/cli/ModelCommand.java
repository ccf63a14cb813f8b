package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.engine.VigilException;
import dev.vigil.engine.data.CsvTableReader;
import dev.vigil.engine.data.InvalidDataException;
import dev.vigil.engine.data.SensorTable;
import dev.vigil.engine.data.TimestampParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil model}: trains, inspects, retrains, activates and scores models on a server. */
@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    description = "Manage the models of a Vigil server and score rows with them.",
    subcommands = {
      ModelCommand.Create.class,
      ModelCommand.ListModels.class,
      ModelCommand.Describe.class,
      ModelCommand.Delete.class,
      ModelCommand.Retrain.class,
      ModelCommand.Activate.class,
      ModelCommand.Score.class
    })
public final class ModelCommand implements Runnable {
  static final String PATH = "/api/v1/models";

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static String path(String name) {
    return PATH + "/" + ApiClient.encode(name);
  }

  /** Any timestamp format the CSV reader accepts, as the API's ISO-8601 UTC instant. */
  static String instant(String text, String what, CommandSpec spec) {
    try {
      return Instant.ofEpochMilli(new TimestampParser().parse(text)).toString();
    } catch (InvalidDataException e) {
      throw new ParameterException(spec.commandLine(), what + ": " + e.getMessage());
    }
  }

  /**
   * Follows a version's training until it ends, showing its progress on stderr.
   *
   * @param version the version as already known (at least its {@code version} number)
   */
  static JsonNode awaitVersion(ApiOptions api, String name, JsonNode version, CommandSpec spec) {
    String number = version.path("version").asText();
    JsonNode first = version.has("status") ? version : null;
    String versionPath = path(name) + "/versions/" + ApiClient.encode(number);
    PrintWriter err = spec.commandLine().getErr();
    return api.await(
        "model " + name + " version " + number, first, () -> api.client().get(versionPath), err);
  }

  /** {@code vigil model create}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Create a model: train version 1 on a dataset's rows between --training-start and"
            + " --training-end.",
        "Times are ISO-8601 (2026-01-01T00:00:00Z) or any timestamp format the CSV files may"
            + " use; times without a zone are UTC."
      })
  static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The name.")
    String name;

    @Option(
        names = "--dataset",
        required = true,
        paramLabel = "NAME",
        description = "The dataset to train on.")
    String dataset;

    @Option(names = "--training-start", required = true, paramLabel = "TIME")
    String trainingStart;

    @Option(names = "--training-end", required = true, paramLabel = "TIME")
    String trainingEnd;

    @Option(
        names = "--evaluation-start",
        paramLabel = "TIME",
        description = "With --evaluation-end: rows to judge after training, against the labels.")
    String evaluationStart;

    @Option(names = "--evaluation-end", paramLabel = "TIME")
    String evaluationEnd;

    @Option(
        names = "--sampling-rate",
        paramLabel = "PERIOD",
        description = "Resample to this period first, e.g. PT5M.")
    String samplingRate;

    @Option(
        names = "--off-condition",
        paramLabel = "EXPR",
        description = "When the machine is off, e.g. 'pump\\Current < 0.5'.")
    String offCondition;

    @Option(
        names = "--labels",
        paramLabel = "FILE.csv",
        description = "Known faults, one per line: start,end[,faultCode]; a header is optional.")
    Path labels;

    @Option(
        names = "--label-group",
        paramLabel = "NAME",
        description =
            "Evaluate on the ANOMALY labels of this label group (read again for each version),"
                + " instead of --labels.")
    String labelGroup;

    @Option(
        names = "--wait",
        description =
            "Follow the training, showing its progress on stderr, until it ends; exit 1 if it"
                + " fails.")
    boolean waitForTraining;

    @Override
    public Integer call() throws IOException {
      if ((evaluationStart == null) != (evaluationEnd == null)) {
        throw new ParameterException(
            spec.commandLine(), "give both --evaluation-start and --evaluation-end, or neither");
      }
      ObjectNode body = ApiOptions.mapper().createObjectNode();
      body.put("name", name);
      body.put("datasetName", dataset);
      ObjectNode training = body.putObject("trainingRange");
      training.put("start", instant(trainingStart, "--training-start", spec));
      training.put("end", instant(trainingEnd, "--training-end", spec));
      if (evaluationStart != null) {
        ObjectNode evaluation = body.putObject("evaluationRange");
        evaluation.put("start", instant(evaluationStart, "--evaluation-start", spec));
        evaluation.put("end", instant(evaluationEnd, "--evaluation-end", spec));
      }
      if (samplingRate != null) {
        body.put("samplingRate", samplingRate);
      }
      if (offCondition != null) {
        body.put("offCondition", offCondition);
      }
      if (labels != null && labelGroup != null) {
        throw new ParameterException(
            spec.commandLine(), "give --labels or --label-group, not both");
      }
      if (labels != null) {
        body.set("labels", readLabels(labels));
      }
      if (labelGroup != null) {
        body.put("labelGroupName", labelGroup);
      }
      JsonNode model = api.client().post(PATH, body);
      PrintWriter out = spec.commandLine().getOut();
      if (!api.json()) {
        out.printf(
            "created model %s: version %s is training on %s%n",
            model.path("name").asText(name), model.path("latestVersion").asText("1"), dataset);
        out.flush();
      }
      JsonNode version = null;
      if (waitForTraining) {
        version = awaitVersion(api, name, latestVersion(model), spec);
      }
      if (api.json()) {
        api.printJson(out, version == null ? model : api.client().get(path(name)));
      }
      return 0;
    }

    /** The entry of {@code versions} that is the latest version, or just its number. */
    private static JsonNode latestVersion(JsonNode model) {
      JsonNode latest = model.path("latestVersion");
      for (JsonNode version : model.path("versions")) {
        if (version.path("version").equals(latest)) {
          return version;
        }
      }
      ObjectNode number = ApiOptions.mapper().createObjectNode();
      number.set("version", latest.isMissingNode() ? number.numberNode(1) : latest);
      return number;
    }

    private static ArrayNode readLabels(Path file) throws IOException {
      if (!Files.isRegularFile(file)) {
        throw new VigilException(file + ": no such file");
      }
      ArrayNode labels = ApiOptions.mapper().createArrayNode();
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      TimestampParser parser = new TimestampParser();
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (i == 0 && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        String[] cells = line.split(",", -1);
        if (labels.isEmpty() && i == firstContentLine(lines) && isHeader(cells[0])) {
          continue;
        }
        if (cells.length < 2 || cells.length > 3) {
          throw new VigilException(
              file + " line " + (i + 1) + ": expected start,end[,faultCode], got '" + line + "'");
        }
        ObjectNode label = labels.addObject();
        try {
          label.put("start", Instant.ofEpochMilli(parser.parse(cells[0])).toString());
          label.put("end", Instant.ofEpochMilli(parser.parse(cells[1])).toString());
        } catch (InvalidDataException e) {
          throw new VigilException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
        }
        if (cells.length == 3 && !cells[2].isBlank()) {
          label.put("faultCode", cells[2].strip());
        }
      }
      return labels;
    }

    private static int firstContentLine(List<String> lines) {
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).replace("\uFEFF", "").strip();
        if (!line.isEmpty() && !line.startsWith("#")) {
          return i;
        }
      }
      return -1;
    }

    private static boolean isHeader(String firstCell) {
      String cell = firstCell.strip();
      return !cell.isEmpty() && !Character.isDigit(cell.charAt(0));
    }
  }

  /** {@code vigil model list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the models.")
  static final class ListModels implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;

    @Override
    public Integer call() {
      JsonNode answer = api.client().get(PATH);
      PrintWriter out = spec.commandLine().getOut();
      if (api.json()) {
        api.printJson(out, answer);
        return 0;
      }
      Table table = new Table("NAME", "DATASET", "STATUS", "ACTIVE", "LATEST", "UPDATED");
      for (JsonNode model : answer.path("models")) {
        table.add(
            Render.text(model, "name"),
            Render.text(model, "datasetName"),
            Render.text(model, "status"),
            Render.text(model, "activeVersion"),
            Render.text(model, "latestVersion"),
            Render.text(model, "updatedAt"));
      }
      table.printOr(out, "no models");
      return 0;
    }
  }

  /** {@code vigil model describe}. */
  @Command(
      name = "describe",
      mixinStandardHelpOptions = true,
      description = "Show a model: its settings, versions, and the events found on evaluation.")
  static final class Describe implements Callable<Integer> {
    private static final int TOP_SENSORS = 3;

    @Spec CommandSpec spec;
    @Mixin ApiOptions api;

    @Parameters(paramLabel = "NAME", description = "The model.")
    String name;

    @Override
    public Integer call() {
      JsonNode model = api.client().get(path(name));
      PrintWriter out = spec.commandLine().getOut();
      if (api.json()) {
        api.printJson(out, model);
        return 0;
      }
      JsonNode request = model.path("request");
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("Name", Render.text(model, "name"));
      fields.put("Dataset", Render.text(model, "datasetName"));
      fields.put("Status", Render.text(model, "status"));
      fields.put("Active version", Render.text(model, "activeVersion"));
      fields.put("Latest version", Render.text(model, "latestVersion"));
      fields.put("Created", Render.text(model, "createdAt"));
      fields.put("Updated", Render.text(model, "updatedAt"));
      fields.put(
          "Training",
          Render.range(
              request.path("trainingRange").get("start"),
              request.path("trainingRange").get("end")));
      fields.put(
          "Evaluation",
          Render.range(
              request.path("evaluationRange").get("start"),
              request.path("evaluationRange").get("end")));
      fields.put("Sampling rate", Render.text(request, "samplingRate"));
      fields.put("Off condition", Render.text(request, "offCondition"));
      Table.fields(out, fields);

      String active = Render.text(model, "activeVersion");
      Table versions = new Table("VERSION", "STATUS", "PROGRESS", "ACTIVE", "FAILED REASON");
      for (JsonNode version : model.path("versions")) {
        String number = Render.text(version, "version");
        versions.add(
            number,
            Render.text(version, "status"),
            Render.percent(version.get("progress")),
            number != null && number.equals(active) ? "yes" : "",
            Render.text(version, "failedReason"));
      }
      if (!versions.isEmpty()) {
        out.println();
        out.println("Versions");
        versions.print(out);
      }
      evaluation(out, model.get("evaluation"));
      out.flush();
      return 0;
    }

    private static void evaluation(PrintWriter out, JsonNode evaluation) {
      if (evaluation == null || !evaluation.isObject()) {
        return;
      }
      out.println();
      out.println("Evaluation");
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("  Rows", Render.text(evaluation, "rows"));
      fields.put("  Anomalous rows", Render.text(evaluation, "anomalousRows"));
      JsonNode labels = evaluation.path("labels");
      String detected = Render.text(evaluation, "labelsDetected");
      if (detected != null) {
        detected += labels.isArray() ? " of " + labels.size() : "";
      }
      fields.put("  Labels detected", detected);
      fields.put("  False-positive events", Render.text(evaluation, "falsePositiveEvents"));
      Table.fields(out, fields);

      Table events = new Table("START", "END", "DURATION (S)", "PEAK SCORE", "TOP SENSORS");
      for (JsonNode event : evaluation.path("events")) {
        events.add(
            Render.text(event, "start"),
            Render.text(event, "end"),
            Render.text(event, "durationSeconds"),
            Render.text(event, "peakScore"),
            topSensors(event.get("diagnostics")));
      }
      out.println();
      out.println("Events");
      if (events.isEmpty()) {
        out.println("  none");
      } else {
        events.print(out);
      }
      if (labels.isArray() && !labels.isEmpty()) {
        Table table = new Table("START", "END", "FAULT CODE", "DETECTED", "NOTES");
        for (JsonNode label : labels) {
          table.add(
              Render.text(label, "start"),
              Render.text(label, "end"),
              Render.text(label, "faultCode"),
              Render.text(label, "detected"),
              Render.text(label, "notes"));
        }
        out.println();
        out.println("Labels");
        table.print(out);
      }
    }

    /**
     * The sensors that contributed most, from Lookout's diagnostics ({@code [{"name", "value"}]}),
     * or the diagnostics as text when they have another shape.
     */
    private static String topSensors(JsonNode diagnostics) {
      if (diagnostics == null || !diagnostics.isArray()) {
        return Render.text(diagnostics);
      }
      List<JsonNode> sorted = new ArrayList<>();
      diagnostics.forEach(sorted::add);
      sorted.sort((a, b) -> Double.compare(b.path("value").asDouble(), a.path("value").asDouble()));
      List<String> top = new ArrayList<>();
      for (JsonNode sensor : sorted.subList(0, Math.min(TOP_SENSORS, sorted.size()))) {
        top.add(
            sensor.path("name").asText("?") + " " + Render.number(sensor.path("value").asDouble()));
      }
      return top.isEmpty() ? null : String.join(", ", top);
    }
  }

  /** {@code vigil model delete}. */
  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Delete a model and all its versions.")
  static final class Delete implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;

    @Parameters(paramLabel = "NAME", description = "The model.")
    String name;

    @Override
    public Integer call() {
      api.client().delete(path(name));
      if (!api.json()) {
        spec.commandLine().getOut().println("deleted model " + name);
        spec.commandLine().getOut().flush();
      }
      return 0;
    }
  }

  /** {@code vigil model retrain}. */
  @Command(
      name = "retrain",
      mixinStandardHelpOptions = true,
      description = "Train a new version of a model with its settings, on its dataset's data now.")
  static final class Retrain implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;

    @Parameters(paramLabel = "NAME", description = "The model.")
    String name;

    @Option(
        names = "--wait",
        description =
            "Follow the training, showing its progress on stderr, until it ends; exit 1 if it"
                + " fails.")
    boolean waitForTraining;

    @Override
    public Integer call() {
      JsonNode version =
          api.client().post(path(name) + "/versions", ApiOptions.mapper().createObjectNode());
      PrintWriter out = spec.commandLine().getOut();
      if (!api.json()) {
        out.printf("model %s: version %s is training%n", name, version.path("version").asText("?"));
        out.flush();
      }
      if (waitForTraining) {
        version = awaitVersion(api, name, version, spec);
      }
      if (api.json()) {
        api.printJson(out, version);
      }
      return 0;
    }
  }

  /** {@code vigil model activate}. */
  @Command(
      name = "activate",
      mixinStandardHelpOptions = true,
      description = "Make a trained version the one that scores.")
  static final class Activate implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;

    @Parameters(index = "0", paramLabel = "NAME", description = "The model.")
    String name;

    @Parameters(index = "1", paramLabel = "VERSION", description = "The version number.")
    int version;

    @Override
    public Integer call() {
      ObjectNode body = ApiOptions.mapper().createObjectNode();
      body.put("version", version);
      JsonNode answer = api.client().put(path(name) + "/active-version", body);
      PrintWriter out = spec.commandLine().getOut();
      if (api.json()) {
        api.printJson(out, answer);
      } else {
        out.printf("model %s: version %d is active%n", name, version);
        out.flush();
      }
      return 0;
    }
  }

  /** {@code vigil model score}. */
  @Command(
      name = "score",
      mixinStandardHelpOptions = true,
      description = {
        "Score the rows of a CSV file with a model's active version and print one Lookout result"
            + " line (JSON) per row on stdout.",
        "The file has a timestamp first and one column per sensor named COMPONENT\\SENSOR (or"
            + " plain names with --component); empty cells are left out of the row."
      })
  static final class Score implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;

    @Parameters(paramLabel = "NAME", description = "The model.")
    String name;

    @Option(
        names = "--file",
        required = true,
        paramLabel = "ROWS.csv",
        description = "The rows to score.")
    Path file;

    @Option(
        names = "--sensitivity",
        paramLabel = "S",
        description = "1 (only clear anomalies) to 100 (anything unusual); default: the server's.")
    Integer sensitivity;

    @Option(
        names = "--component",
        paramLabel = "NAME",
        description = "Name the file's plain columns COMPONENT\\column.")
    String component;

    @Override
    public Integer call() throws IOException {
      if (!Files.isRegularFile(file)) {
        throw new VigilException(file + ": no such file");
      }
      CsvTableReader reader;
      try {
        reader = new CsvTableReader().withComponent(component);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), "--component: " + e.getMessage());
      }
      SensorTable table = reader.read(file).table();
      ObjectNode body = ApiOptions.mapper().createObjectNode();
      ArrayNode rows = body.putArray("rows");
      List<String> sensors = table.sensorNames();
      for (int row = 0; row < table.rowCount(); row++) {
        ObjectNode line = rows.addObject();
        line.put("timestamp", Instant.ofEpochMilli(table.timestamp(row)).toString());
        ObjectNode values = line.putObject("values");
        for (int sensor = 0; sensor < sensors.size(); sensor++) {
          double value = table.value(sensor, row);
          if (!Double.isNaN(value)) {
            values.put(sensors.get(sensor), value);
          }
        }
      }
      if (sensitivity != null) {
        body.put("sensitivity", sensitivity);
      }
      JsonNode answer = api.client().post(path(name) + "/score", body);
      PrintWriter out = spec.commandLine().getOut();
      if (api.json()) {
        api.printJson(out, answer);
        return 0;
      }
      long anomalous = 0;
      int results = 0;
      for (JsonNode result : answer.path("results")) {
        out.println(ApiOptions.compact(result));
        results++;
        if (result.path("prediction").asInt() == 1) {
          anomalous++;
        }
      }
      out.flush();
      PrintWriter err = spec.commandLine().getErr();
      err.printf(
          "scored %d rows of %s with model %s version %s: %d anomalous%n",
          results,
          file,
          answer.path("model").asText(name),
          answer.path("version").asText("?"),
          anomalous);
      err.flush();
      return 0;
    }
  }
}
