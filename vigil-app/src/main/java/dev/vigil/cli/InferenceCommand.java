package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vigil inference}: creates, lists, describes, updates, starts, stops and deletes the
 * inference schedulers of a server.
 */
@Command(
    name = "inference",
    mixinStandardHelpOptions = true,
    description = "Manage the inference schedulers of a Vigil server.",
    subcommands = {
      InferenceCommand.Create.class,
      InferenceCommand.ListSchedulers.class,
      InferenceCommand.Describe.class,
      InferenceCommand.Update.class,
      InferenceCommand.Start.class,
      InferenceCommand.Stop.class,
      InferenceCommand.Delete.class,
      InferenceHistoryCommands.Executions.class,
      InferenceHistoryCommands.Events.class,
      InferenceHistoryCommands.Results.class,
      InferenceReplayCommands.Replay.class,
      InferenceReplayCommands.Replays.class,
      InferenceReplayCommands.Push.class
    })
public final class InferenceCommand implements Runnable {
  static final String PATH = "/api/v1/inference-schedulers";

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static String path(String name) {
    return PATH + "/" + ApiClient.encode(name);
  }

  /** The settings both create and update send; absent options are left out of the body. */
  static final class Settings {
    @Option(
        names = "--frequency",
        paramLabel = "DURATION",
        description =
            "Data upload frequency: PT5M, PT10M, PT15M, PT30M, PT1H, or any ISO-8601 duration"
                + " from PT1S that divides a day.")
    String frequency;

    @Option(
        names = "--delay",
        paramLabel = "DURATION",
        description = "Data delay offset, e.g. PT2M. Default on create: PT0S.")
    String delay;

    @Option(names = "--input-bucket", paramLabel = "BUCKET", description = "Input bucket.")
    String inputBucket;

    @Option(
        names = "--input-prefix",
        paramLabel = "PREFIX",
        description = "Input folder, empty or ending with '/'.")
    String inputPrefix;

    @Option(
        names = "--time-zone-offset",
        paramLabel = "+HH:MM",
        description = "Offset of the input timestamps from UTC. Default on create: +00:00.")
    String timeZoneOffset;

    @Option(
        names = "--timestamp-format",
        paramLabel = "FORMAT",
        description =
            "Timestamp in file names: yyyyMMddHHmmss, yyyy-MM-dd-HH-mm-ss or EPOCH. Default on"
                + " create: yyyyMMddHHmmss.")
    String timestampFormat;

    @Option(
        names = "--delimiter",
        paramLabel = "CHAR",
        description = "Between component and timestamp: _, - or a space. Default on create: _.")
    String delimiter;

    @Option(names = "--output-bucket", paramLabel = "BUCKET", description = "Output bucket.")
    String outputBucket;

    @Option(
        names = "--output-prefix",
        paramLabel = "PREFIX",
        description = "Output folder, empty or ending with '/'.")
    String outputPrefix;

    void addTo(ObjectNode body) {
      putIfSet(body, "dataUploadFrequency", frequency);
      putIfSet(body, "dataDelayOffset", delay);
      if (inputBucket != null
          || inputPrefix != null
          || timeZoneOffset != null
          || timestampFormat != null
          || delimiter != null) {
        ObjectNode input = body.putObject("input");
        putIfSet(input, "bucket", inputBucket);
        putIfSet(input, "prefix", inputPrefix);
        putIfSet(input, "timeZoneOffset", timeZoneOffset);
        putIfSet(input, "timestampFormat", timestampFormat);
        putIfSet(input, "delimiter", delimiter);
      }
      if (outputBucket != null || outputPrefix != null) {
        ObjectNode output = body.putObject("output");
        putIfSet(output, "bucket", outputBucket);
        putIfSet(output, "prefix", outputPrefix);
      }
    }
  }

  static void putIfSet(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }

  /** Prints the answer as JSON, or one line of text. */
  static void report(ApiOptions api, CommandSpec spec, JsonNode scheduler, String what) {
    PrintWriter out = spec.commandLine().getOut();
    if (api.json()) {
      api.printJson(out, scheduler);
      return;
    }
    out.printf(
        "%s inference scheduler %s: %s (%s), model %s version %s%n",
        what,
        Render.text(scheduler, "name"),
        Render.text(scheduler, "status"),
        Render.text(scheduler, "portalStatus"),
        Render.text(scheduler, "modelName"),
        Render.text(scheduler, "modelVersion"));
    JsonNode next = scheduler.get("nextWindow");
    if (next != null && next.isObject()) {
      out.printf(
          "next window %s: wakes at %s%n",
          Render.range(next.get("start"), next.get("end")), Render.text(next, "wake"));
    }
    out.flush();
  }

  /** {@code vigil inference create}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Create an inference scheduler for a model and start it.",
        "It reads <component><delimiter><timestamp>.csv files under the input location every"
            + " --frequency and writes results under the output location."
      })
  static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;
    @Mixin Settings settings;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The name.")
    String name;

    @Option(names = "--model", required = true, paramLabel = "NAME", description = "The model.")
    String model;

    @Option(
        names = "--model-version",
        paramLabel = "N",
        description = "The version to run. Default: the model's active version.")
    Integer modelVersion;

    @Option(
        names = "--start-time",
        paramLabel = "TIME",
        description =
            "ISO-8601, e.g. 2026-01-01T10:00:00Z: the first window is the first one at or after"
                + " it. Default: now.")
    String startTime;

    @Override
    public Integer call() {
      ObjectNode body = ApiOptions.mapper().createObjectNode();
      body.put("name", name);
      body.put("modelName", model);
      if (modelVersion != null) {
        body.put("modelVersion", modelVersion);
      }
      putIfSet(body, "startTime", startTime);
      settings.addTo(body);
      report(api, spec, api.client().post(PATH, body), "created");
      return 0;
    }
  }

  /** {@code vigil inference list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List the inference schedulers.")
  static final class ListSchedulers implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;

    @Option(names = "--model", paramLabel = "NAME", description = "Only this model's schedulers.")
    String model;

    @Override
    public Integer call() {
      JsonNode answer =
          api.client().get(model == null ? PATH : PATH + "?modelName=" + ApiClient.encode(model));
      PrintWriter out = spec.commandLine().getOut();
      if (api.json()) {
        api.printJson(out, answer);
        return 0;
      }
      Table table =
          new Table("NAME", "MODEL", "VERSION", "STATUS", "PORTAL", "FREQUENCY", "NEXT WAKE");
      for (JsonNode scheduler : answer.path("schedulers")) {
        table.add(
            Render.text(scheduler, "name"),
            Render.text(scheduler, "modelName"),
            Render.text(scheduler, "modelVersion"),
            Render.text(scheduler, "status"),
            Render.text(scheduler, "portalStatus"),
            Render.text(scheduler, "dataUploadFrequency"),
            Render.text(scheduler.path("nextWindow"), "wake"));
      }
      table.printOr(out, "no inference schedulers");
      return 0;
    }
  }

  /** {@code vigil inference describe}. */
  @Command(
      name = "describe",
      mixinStandardHelpOptions = true,
      description = "Show an inference scheduler: its status, timing, input and output.")
  static final class Describe implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;

    @Parameters(paramLabel = "NAME", description = "The scheduler.")
    String name;

    @Override
    public Integer call() {
      JsonNode scheduler = api.client().get(path(name));
      PrintWriter out = spec.commandLine().getOut();
      if (api.json()) {
        api.printJson(out, scheduler);
        return 0;
      }
      JsonNode input = scheduler.path("input");
      JsonNode output = scheduler.path("output");
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("Name", Render.text(scheduler, "name"));
      fields.put("Id", Render.text(scheduler, "id"));
      fields.put("Model", Render.text(scheduler, "modelName"));
      fields.put("Model version", Render.text(scheduler, "modelVersion"));
      fields.put("Dataset", Render.text(scheduler, "datasetName"));
      fields.put("Status", Render.text(scheduler, "status"));
      fields.put("Portal status", Render.text(scheduler, "portalStatus"));
      fields.put("Stop reason", Render.text(scheduler, "stopReason"));
      fields.put("Stop detail", Render.text(scheduler, "stopDetail"));
      fields.put("Upload frequency", Render.text(scheduler, "dataUploadFrequency"));
      fields.put("Delay offset", Render.text(scheduler, "dataDelayOffset"));
      fields.put("Start time", Render.text(scheduler, "startTime"));
      fields.put("First window", window(scheduler.get("firstWindow")));
      fields.put("Next window", window(scheduler.get("nextWindow")));
      fields.put("Input", Render.text(input, "bucket") + "/" + input.path("prefix").asText(""));
      fields.put("Time zone offset", Render.text(input, "timeZoneOffset"));
      fields.put("Timestamp format", Render.text(input, "timestampFormat"));
      fields.put("Delimiter", "'" + input.path("delimiter").asText("") + "'");
      fields.put("Output", Render.text(output, "bucket") + "/" + output.path("prefix").asText(""));
      fields.put("Created", Render.text(scheduler, "createdAt"));
      fields.put("Updated", Render.text(scheduler, "updatedAt"));
      Table.fields(out, fields);
      out.flush();
      return 0;
    }

    private static String window(JsonNode window) {
      if (window == null || !window.isObject()) {
        return null;
      }
      return Render.range(window.get("start"), window.get("end"))
          + ", wakes at "
          + Render.text(window, "wake");
    }
  }

  /** {@code vigil inference update}. */
  @Command(
      name = "update",
      mixinStandardHelpOptions = true,
      description = {
        "Change a stopped inference scheduler; options left out keep their value.",
        "Giving another version of its model, or another model of its dataset, restarts it."
      })
  static final class Update implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;
    @Mixin Settings settings;

    @Parameters(paramLabel = "NAME", description = "The scheduler.")
    String name;

    @Option(names = "--model", paramLabel = "NAME", description = "Another model of its dataset.")
    String model;

    @Option(
        names = "--model-version",
        paramLabel = "N",
        description = "The version to run. Default with --model: that model's active version.")
    Integer modelVersion;

    @Override
    public Integer call() {
      ObjectNode body = ApiOptions.mapper().createObjectNode();
      putIfSet(body, "modelName", model);
      if (modelVersion != null) {
        body.put("modelVersion", modelVersion);
      }
      settings.addTo(body);
      report(api, spec, api.client().put(path(name), body), "updated");
      return 0;
    }
  }

  /** {@code vigil inference start}. */
  @Command(
      name = "start",
      mixinStandardHelpOptions = true,
      description = "Restart a stopped inference scheduler from its next due window.")
  static final class Start implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;

    @Parameters(paramLabel = "NAME", description = "The scheduler.")
    String name;

    @Override
    public Integer call() {
      report(api, spec, api.client().post(path(name) + "/start", null), "started");
      return 0;
    }
  }

  /** {@code vigil inference stop}. */
  @Command(
      name = "stop",
      mixinStandardHelpOptions = true,
      description =
          "Stop an inference scheduler: no new window runs; the execution in flight finishes.")
  static final class Stop implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;

    @Parameters(paramLabel = "NAME", description = "The scheduler.")
    String name;

    @Override
    public Integer call() {
      report(api, spec, api.client().post(path(name) + "/stop", null), "stopped");
      return 0;
    }
  }

  /** {@code vigil inference delete}. */
  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Delete a stopped inference scheduler; its results stay.")
  static final class Delete implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;

    @Parameters(paramLabel = "NAME", description = "The scheduler.")
    String name;

    @Override
    public Integer call() {
      api.client().delete(path(name));
      PrintWriter out = spec.commandLine().getOut();
      if (!api.json()) {
        out.printf("deleted inference scheduler %s%n", name);
        out.flush();
      }
      return 0;
    }
  }
}
