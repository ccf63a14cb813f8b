package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vigil inference executions|events|results}: what a scheduler's windows produced, for a
 * time range.
 */
final class InferenceHistoryCommands {
  private InferenceHistoryCommands() {}

  /** The scheduler and the optional time range of a history query. */
  static final class Query {
    @Parameters(paramLabel = "NAME", description = "The scheduler.")
    String name;

    @Option(
        names = "--from",
        paramLabel = "TIME",
        description = "Only from this time on (ISO-8601, e.g. 2026-01-01T00:00:00Z).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Only before this time.")
    String to;

    String path(String what) {
      StringBuilder path = new StringBuilder(InferenceCommand.path(name)).append('/').append(what);
      char separator = '?';
      if (from != null) {
        path.append(separator).append("from=").append(ApiClient.encode(from));
        separator = '&';
      }
      if (to != null) {
        path.append(separator).append("to=").append(ApiClient.encode(to));
      }
      return path.toString();
    }
  }

  /** {@code vigil inference executions}. */
  @Command(
      name = "executions",
      mixinStandardHelpOptions = true,
      description =
          "List a scheduler's executions: window, wake time, data range, status, failure reason,"
              + " model version and result object.")
  static final class Executions implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;
    @Mixin Query query;

    @Override
    public Integer call() {
      JsonNode answer = api.client().get(query.path("executions"));
      PrintWriter out = spec.commandLine().getOut();
      if (api.json()) {
        api.printJson(out, answer);
        return 0;
      }
      Table table =
          new Table("WINDOW END", "WAKE", "STATUS", "VERSION", "DATA START", "DATA END", "REASON");
      for (JsonNode execution : answer.path("executions")) {
        table.add(
            Render.text(execution, "windowEnd"),
            Render.text(execution, "scheduledStart"),
            Render.text(execution, "status"),
            Render.text(execution, "modelVersion"),
            Render.text(execution, "dataStart"),
            Render.text(execution, "dataEnd"),
            Render.text(execution, "failedReason"));
      }
      table.printOr(out, "no executions");
      return 0;
    }
  }

  /** {@code vigil inference events}. */
  @Command(
      name = "events",
      mixinStandardHelpOptions = true,
      description =
          "List a scheduler's events: anomalous timestamps merged into ranges, with the sensors"
              + " that contributed most.")
  static final class Events implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;
    @Mixin Query query;

    @Override
    public Integer call() {
      JsonNode answer = api.client().get(query.path("events"));
      PrintWriter out = spec.commandLine().getOut();
      if (api.json()) {
        api.printJson(out, answer);
        return 0;
      }
      Table table = new Table("START", "END", "DURATION (S)", "PEAK SCORE", "TOP SENSORS");
      for (JsonNode event : answer.path("events")) {
        StringBuilder sensors = new StringBuilder();
        int shown = 0;
        for (JsonNode diagnostic : event.path("diagnostics")) {
          if (shown++ == 3) {
            break;
          }
          sensors
              .append(sensors.length() == 0 ? "" : ", ")
              .append(Render.text(diagnostic, "name"))
              .append(' ')
              .append(Render.text(diagnostic, "value"));
        }
        table.add(
            Render.text(event, "start"),
            Render.text(event, "end"),
            Render.text(event, "durationSeconds"),
            Render.text(event, "peakScore"),
            sensors.toString());
      }
      table.printOr(out, "no events");
      return 0;
    }
  }

  /** {@code vigil inference results}. */
  @Command(
      name = "results",
      mixinStandardHelpOptions = true,
      description =
          "Print a scheduler's stored results as JSON lines in Lookout's results format, each with"
              + " the model version that produced it.")
  static final class Results implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;
    @Mixin Query query;

    @Override
    public Integer call() {
      JsonNode answer = api.client().get(query.path("results"));
      PrintWriter out = spec.commandLine().getOut();
      if (api.json()) {
        api.printJson(out, answer);
        return 0;
      }
      for (JsonNode result : answer.path("results")) {
        out.println(result.toString());
      }
      out.flush();
      return 0;
    }
  }
}
