package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
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
 * {@code vigil alert}: the alert configurations of schedulers ({@code vigil alert config ...}) and
 * the history of alerts with every delivery attempt.
 */
@Command(
    name = "alert",
    mixinStandardHelpOptions = true,
    description = "Alert configurations, and the alerts sent with their delivery attempts.",
    subcommands = {
      AlertConfigCommand.class,
      AlertCommand.ListAlerts.class,
      AlertCommand.Describe.class
    })
public final class AlertCommand implements Runnable {
  static final String PATH = "/api/v1/alerts";

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** An attempt's result in a word or two: {@code delivered}, {@code HTTP 503}, {@code failed}. */
  static String result(JsonNode attempt) {
    if (attempt.path("delivered").asBoolean()) {
      return "delivered";
    }
    return attempt.has("httpStatus") ? "HTTP " + attempt.get("httpStatus").asInt() : "failed";
  }

  /** What an alert is about, in a few words. */
  static String about(JsonNode alert) {
    String type = alert.path("type").asText();
    if (type.equals("ANOMALY")) {
      return Render.range(alert.get("anomalyStart"), alert.get("anomalyEnd"))
          + ", peak "
          + Render.text(alert, "peakScore");
    }
    return Render.text(alert, "reason");
  }

  /** Where an alert's deliveries stand: {@code chat DELIVERED, on-call PENDING (3)}. */
  static String deliveries(JsonNode alert) {
    StringBuilder text = new StringBuilder();
    for (JsonNode delivery : alert.path("deliveries")) {
      if (text.length() > 0) {
        text.append(", ");
      }
      text.append(Render.text(delivery, "hook"))
          .append(' ')
          .append(Render.text(delivery, "status"))
          .append(" (")
          .append(Render.text(delivery, "attempts"))
          .append(')');
    }
    return text.toString();
  }

  /** Appends {@code name=value} to a path's query when {@code value} is set. */
  static void query(StringBuilder path, String name, String value) {
    if (value != null) {
      path.append(path.indexOf("?") < 0 ? '?' : '&')
          .append(name)
          .append('=')
          .append(ApiClient.encode(value));
    }
  }

  /** {@code vigil alert list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List alerts, newest first, with where their deliveries stand.")
  static final class ListAlerts implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;

    @Option(names = "--config", paramLabel = "NAME", description = "Only this configuration's.")
    String configuration;

    @Option(names = "--scheduler", paramLabel = "NAME", description = "Only this scheduler's.")
    String scheduler;

    @Option(names = "--from", paramLabel = "TIME", description = "Only from this time on.")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Only before this time.")
    String to;

    @Option(names = "--limit", paramLabel = "N", description = "At most N alerts. Default: 100.")
    Integer limit;

    @Override
    public Integer call() {
      StringBuilder path = new StringBuilder(PATH);
      query(path, "configurationName", configuration);
      query(path, "schedulerName", scheduler);
      query(path, "from", from);
      query(path, "to", to);
      query(path, "limit", limit == null ? null : limit.toString());
      JsonNode answer = api.client().get(path.toString());
      PrintWriter out = spec.commandLine().getOut();
      if (api.json()) {
        api.printJson(out, answer);
        return 0;
      }
      Table table =
          new Table("CREATED", "ID", "TYPE", "CONFIGURATION", "SCHEDULER", "ABOUT", "DELIVERIES");
      for (JsonNode alert : answer.path("alerts")) {
        table.add(
            Render.text(alert, "createdAt"),
            Render.text(alert, "id"),
            Render.text(alert, "type") + (alert.path("replay").asBoolean() ? " (replay)" : ""),
            Render.text(alert, "configurationName"),
            Render.text(alert, "schedulerName"),
            about(alert),
            deliveries(alert));
      }
      table.printOr(out, "no alerts");
      return 0;
    }
  }

  /** {@code vigil alert describe}. */
  @Command(
      name = "describe",
      mixinStandardHelpOptions = true,
      description = "Show an alert: what it is about, its deliveries and every attempt.")
  static final class Describe implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;

    @Parameters(paramLabel = "ID", description = "The alert's id.")
    String id;

    @Override
    public Integer call() {
      JsonNode alert = api.client().get(PATH + "/" + ApiClient.encode(id));
      PrintWriter out = spec.commandLine().getOut();
      if (api.json()) {
        api.printJson(out, alert);
        return 0;
      }
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("Id", Render.text(alert, "id"));
      fields.put("Type", Render.text(alert, "type"));
      fields.put(
          "Replay", alert.path("replay").asBoolean() ? Render.text(alert, "replayId") : null);
      fields.put("Configuration", Render.text(alert, "configurationName"));
      fields.put("Scheduler", Render.text(alert, "schedulerName"));
      fields.put("Created", Render.text(alert, "createdAt"));
      fields.put("Window end", Render.text(alert, "windowEnd"));
      fields.put("Anomalous", Render.range(alert.get("anomalyStart"), alert.get("anomalyEnd")));
      fields.put("Peak score", Render.text(alert, "peakScore"));
      fields.put("Reason", Render.text(alert, "reason"));
      fields.put("Link", Render.text(alert.path("payload"), "link"));
      Table.fields(out, fields);
      out.println();
      Table deliveries = new Table("HOOK", "STATUS", "ATTEMPTS", "NEXT ATTEMPT", "LAST ERROR");
      for (JsonNode delivery : alert.path("deliveries")) {
        deliveries.add(
            Render.text(delivery, "hook"),
            Render.text(delivery, "status"),
            Render.text(delivery, "attempts"),
            Render.text(delivery, "nextAttemptAt"),
            Render.text(delivery, "lastError"));
      }
      deliveries.print(out);
      out.println();
      Table attempts = new Table("STARTED", "HOOK", "ATTEMPT", "RESULT", "MS", "REPLY", "ERROR");
      for (JsonNode attempt : alert.path("attempts")) {
        attempts.add(
            Render.text(attempt, "startedAt"),
            Render.text(attempt, "hook"),
            Render.text(attempt, "attempt"),
            result(attempt),
            Render.text(attempt, "durationMillis"),
            Render.text(attempt, "reply"),
            Render.text(attempt, "error"));
      }
      attempts.printOr(out, "no delivery attempts yet");
      return 0;
    }
  }
}
