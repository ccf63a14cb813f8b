package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.engine.VigilException;
import dev.vigil.engine.data.CsvTableReader;
import dev.vigil.engine.data.SensorTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
 * {@code vigil inference replay|replays|push}: run a scheduler again over a past range, follow its
 * replays, and push input rows to it.
 */
final class InferenceReplayCommands {
  private InferenceReplayCommands() {}

  /** {@code vigil inference replay}. */
  @Command(
      name = "replay",
      mixinStandardHelpOptions = true,
      description = {
        "Run an inference scheduler again over a past range with its current model version,"
            + " overwriting the results of the windows that cover the range.",
        "Prints the replay's id; with --estimate, only shows what it would cover; with --wait,"
            + " follows it until it ends."
      })
  static final class Replay implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;

    @Parameters(paramLabel = "NAME", description = "The scheduler.")
    String name;

    @Option(
        names = "--start",
        required = true,
        paramLabel = "TIME",
        description = "Start of the range, ISO-8601, e.g. 2026-01-01T00:00:00Z.")
    String start;

    @Option(names = "--end", required = true, paramLabel = "TIME", description = "End, exclusive.")
    String end;

    @Option(
        names = "--estimate",
        description = "Show the windows and data points the replay would cover, and start nothing.")
    boolean estimate;

    @Option(
        names = "--wait",
        description =
            "Follow the replay, showing its progress on stderr, until it ends; exit 1 unless every"
                + " window was scored.")
    boolean waitForReplay;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      if (estimate) {
        JsonNode plan =
            api.client()
                .get(
                    InferenceCommand.path(name)
                        + "/replay-estimate?start="
                        + ApiClient.encode(start)
                        + "&end="
                        + ApiClient.encode(end));
        if (api.json()) {
          api.printJson(out, plan);
        } else {
          out.printf(
              "replay of [%s, %s): %s windows, about %s data points (one every %s); limit %s%n",
              Render.text(plan, "start"),
              Render.text(plan, "end"),
              Render.text(plan, "windows"),
              Render.text(plan, "estimatedDataPoints"),
              Render.text(plan, "dataInterval"),
              Render.text(plan, "maxDataPoints"));
          out.println(
              plan.path("allowed").asBoolean()
                  ? "it can start"
                  : "it would be refused: " + Render.text(plan, "reason"));
          out.flush();
        }
        return plan.path("allowed").asBoolean() ? 0 : 1;
      }
      ObjectNode body = ApiOptions.mapper().createObjectNode();
      body.put("start", start);
      body.put("end", end);
      JsonNode replay = api.client().post(InferenceCommand.path(name) + "/replays", body);
      String id = replay.path("id").asText();
      if (!api.json()) {
        out.println(id);
        out.flush();
      }
      if (waitForReplay) {
        PrintWriter err = spec.commandLine().getErr();
        replay =
            api.await(
                "replay " + id,
                replay,
                () -> api.client().get(InferenceCommand.path(name) + "/replays/" + id),
                err);
        err.println(Render.text(replay, "outcome"));
        err.flush();
      }
      if (api.json()) {
        api.printJson(out, replay);
      }
      return 0;
    }
  }

  /** {@code vigil inference replays}. */
  @Command(
      name = "replays",
      mixinStandardHelpOptions = true,
      description = "List a scheduler's replays, or show one with the windows it could not score.")
  static final class Replays implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;

    @Parameters(index = "0", paramLabel = "NAME", description = "The scheduler.")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "ID", description = "One replay.")
    String id;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      String path = InferenceCommand.path(name) + "/replays";
      if (id != null) {
        JsonNode replay = api.client().get(path + "/" + ApiClient.encode(id));
        if (api.json()) {
          api.printJson(out, replay);
          return 0;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Id", Render.text(replay, "id"));
        fields.put("Status", Render.text(replay, "status"));
        fields.put("Range", Render.range(replay.get("start"), replay.get("end")));
        fields.put("Asked", Render.range(replay.get("requestedStart"), replay.get("requestedEnd")));
        fields.put(
            "Model",
            Render.text(replay, "modelName") + " version " + Render.text(replay, "modelVersion"));
        fields.put("Data points", "about " + Render.text(replay, "estimatedDataPoints"));
        fields.put(
            "Progress", windows(replay) + " (" + Render.percent(replay.get("progress")) + ")");
        fields.put("Rows scored", Render.text(replay, "scoredRows"));
        fields.put("Outcome", Render.text(replay, "outcome"));
        fields.put("Created", Render.text(replay, "createdAt"));
        fields.put("Finished", Render.text(replay, "finishedAt"));
        Table.fields(out, fields);
        Table failures = new Table("WINDOW END", "REASON");
        for (JsonNode failure : replay.path("failedWindows")) {
          failures.add(Render.text(failure, "windowEnd"), Render.text(failure, "reason"));
        }
        if (!failures.isEmpty()) {
          out.println();
          failures.print(out);
        }
        out.flush();
        return 0;
      }
      JsonNode answer = api.client().get(path);
      if (api.json()) {
        api.printJson(out, answer);
        return 0;
      }
      Table table = new Table("ID", "STATUS", "RANGE", "VERSION", "WINDOWS", "CREATED");
      for (JsonNode replay : answer.path("replays")) {
        table.add(
            Render.text(replay, "id"),
            Render.text(replay, "status"),
            Render.range(replay.get("start"), replay.get("end")),
            Render.text(replay, "modelVersion"),
            windows(replay),
            Render.text(replay, "createdAt"));
      }
      table.printOr(out, "no replays");
      return 0;
    }

    private static String windows(JsonNode replay) {
      JsonNode windows = replay.path("windows");
      return windows.path("done").asInt()
          + " of "
          + windows.path("total").asInt()
          + " windows done, "
          + windows.path("failed").asInt()
          + " failed";
    }
  }

  /** {@code vigil inference push}. */
  @Command(
      name = "push",
      mixinStandardHelpOptions = true,
      description = {
        "Push the rows of a CSV file to an inference scheduler as input: the timestamp first,"
            + " then one column per sensor of its model, named component\\sensor.",
        "Vigil writes them as input files, which the windows they fall in read like any other."
      })
  static final class Push implements Callable<Integer> {
    /** Rows per request: the server's limit. */
    static final int BATCH = 100_000;

    @Spec CommandSpec spec;
    @Mixin ApiOptions api;

    @Parameters(index = "0", paramLabel = "NAME", description = "The scheduler.")
    String name;

    @Option(names = "--file", required = true, paramLabel = "CSV", description = "The rows.")
    Path file;

    @Override
    public Integer call() {
      if (!Files.isRegularFile(file)) {
        throw new VigilException(file + ": no such file");
      }
      SensorTable table;
      try {
        table = new CsvTableReader().read(file).table();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
      }
      PrintWriter out = spec.commandLine().getOut();
      ArrayNode answers = ApiOptions.mapper().createArrayNode();
      for (int from = 0; from < table.rowCount(); from += BATCH) {
        int to = Math.min(table.rowCount(), from + BATCH);
        JsonNode answer =
            api.client().post(InferenceCommand.path(name) + "/data", body(table, from, to));
        answers.add(answer);
        if (!api.json()) {
          out.printf(
              "pushed %s rows from %s to %s into %s files%n",
              Render.text(answer, "rows"),
              Render.text(answer, "firstTimestamp"),
              Render.text(answer, "lastTimestamp"),
              answer.path("files").size());
          for (JsonNode warning : answer.path("warnings")) {
            out.println("warning: " + warning.asText());
          }
          out.flush();
        }
      }
      if (api.json()) {
        api.printJson(out, answers);
      }
      return 0;
    }

    private static ObjectNode body(SensorTable table, int from, int to) {
      ObjectNode body = ApiOptions.mapper().createObjectNode();
      ArrayNode rows = body.putArray("rows");
      for (int row = from; row < to; row++) {
        ObjectNode line = rows.addObject();
        line.put("timestamp", Instant.ofEpochMilli(table.timestamp(row)).toString());
        ObjectNode values = line.putObject("values");
        for (int s = 0; s < table.sensorCount(); s++) {
          double value = table.value(s, row);
          if (Double.isNaN(value)) {
            values.putNull(table.sensorNames().get(s));
          } else {
            values.put(table.sensorNames().get(s), value);
          }
        }
      }
      return body;
    }
  }
}
