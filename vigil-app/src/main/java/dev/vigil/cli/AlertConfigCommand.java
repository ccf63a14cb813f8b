package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vigil alert config}: creates, lists, describes, updates and deletes the alert
 * configurations of inference schedulers.
 */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = "Manage alert configurations: when a scheduler's results alert, and which hooks.",
    subcommands = {
      AlertConfigCommand.Create.class,
      AlertConfigCommand.ListConfigurations.class,
      AlertConfigCommand.Describe.class,
      AlertConfigCommand.Update.class,
      AlertConfigCommand.Delete.class
    })
final class AlertConfigCommand implements Runnable {
  static final String PATH = "/api/v1/alert-configurations";

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static String path(String name) {
    return PATH + "/" + ApiClient.encode(name);
  }

  /** Correlation: one alert per group of anomalies, or one per anomaly. */
  static final class Correlation {
    @Option(
        names = "--correlate-within",
        paramLabel = "POINTS",
        description =
            "Anomalies within POINTS data points of each other (across windows too) are one"
                + " incident and send one alert. Default on create: 10.")
    Integer within;

    @Option(names = "--each-anomaly", description = "Send an alert for every anomalous point.")
    boolean each;

    void addTo(ObjectNode body) {
      ObjectNode correlation = body.putObject("correlation");
      if (each) {
        correlation.put("mode", "EACH");
      } else {
        correlation.put("mode", "GROUP");
        correlation.put("withinPoints", within);
      }
    }
  }

  /** The settings both create and update send; absent options are left out of the body. */
  static final class Settings {
    @Option(
        names = "--sensitivity",
        paramLabel = "1-100",
        description =
            "Higher means more alerts: a point alerts when its score is above 1 - S/100. Default"
                + " on create: 50 (score above 0.5).")
    Integer sensitivity;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Correlation correlation;

    @Option(
        names = "--snooze",
        paramLabel = "DURATION",
        description =
            "After an anomaly alert, none from this configuration for this long, e.g. PT1H."
                + " Default on create: PT0S.")
    String snooze;

    @Option(
        names = "--hook",
        paramLabel = "NAME",
        description = "A hook to notify (repeatable). On update, replaces every hook.")
    List<String> hooks;

    @Option(
        names = "--notify-failures",
        paramLabel = "true|false",
        arity = "0..1",
        fallbackValue = "true",
        description =
            "Alert when an execution fails (once per streak of failures). Default on create:"
                + " false.")
    Boolean notifyOnFailure;

    @Option(
        names = "--notify-system-pause",
        paramLabel = "true|false",
        arity = "0..1",
        fallbackValue = "true",
        description = "Alert when the scheduler is paused by the system. Default on create: true.")
    Boolean notifyOnSystemPause;

    void addTo(ObjectNode body) {
      if (sensitivity != null) {
        body.put("sensitivity", sensitivity);
      }
      if (correlation != null) {
        correlation.addTo(body);
      }
      InferenceCommand.putIfSet(body, "snooze", snooze);
      if (hooks != null) {
        ArrayNode list = body.putArray("hooks");
        hooks.forEach(list::add);
      }
      if (notifyOnFailure != null) {
        body.put("notifyOnFailure", notifyOnFailure);
      }
      if (notifyOnSystemPause != null) {
        body.put("notifyOnSystemPause", notifyOnSystemPause);
      }
    }
  }

  /** Correlation in words: {@code group within 10 points} or {@code each anomaly}. */
  static String correlation(JsonNode configuration) {
    JsonNode correlation = configuration.path("correlation");
    return correlation.path("mode").asText().equals("EACH")
        ? "each anomaly"
        : "group within " + Render.text(correlation, "withinPoints") + " points";
  }

  /** Prints a configuration as JSON, or one line of text. */
  static void report(ApiOptions api, CommandSpec spec, JsonNode configuration, String what) {
    PrintWriter out = spec.commandLine().getOut();
    if (api.json()) {
      api.printJson(out, configuration);
      return;
    }
    out.printf(
        "%s alert configuration %s for inference scheduler %s: sensitivity %s (score above %s),"
            + " %s, snooze %s, hooks %s%n",
        what,
        Render.text(configuration, "name"),
        Render.text(configuration, "schedulerName"),
        Render.text(configuration, "sensitivity"),
        Render.text(configuration, "scoreThreshold"),
        correlation(configuration),
        Render.text(configuration, "snooze"),
        Render.text(configuration, "hooks"));
    out.flush();
  }

  /** {@code vigil alert config create}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Create an alert configuration for an inference scheduler.")
  static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;
    @Mixin Settings settings;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The name.")
    String name;

    @Option(
        names = "--scheduler",
        required = true,
        paramLabel = "NAME",
        description = "The inference scheduler whose results it judges.")
    String scheduler;

    @Override
    public Integer call() {
      ObjectNode body = ApiOptions.mapper().createObjectNode();
      body.put("name", name);
      body.put("schedulerName", scheduler);
      settings.addTo(body);
      report(api, spec, api.client().post(PATH, body), "created");
      return 0;
    }
  }

  /** {@code vigil alert config list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List the alert configurations.")
  static final class ListConfigurations implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;

    @Option(names = "--scheduler", paramLabel = "NAME", description = "Only this scheduler's.")
    String scheduler;

    @Override
    public Integer call() {
      JsonNode answer =
          api.client()
              .get(
                  scheduler == null
                      ? PATH
                      : PATH + "?schedulerName=" + ApiClient.encode(scheduler));
      PrintWriter out = spec.commandLine().getOut();
      if (api.json()) {
        api.printJson(out, answer);
        return 0;
      }
      Table table = new Table("NAME", "SCHEDULER", "SENSITIVITY", "CORRELATION", "SNOOZE", "HOOKS");
      for (JsonNode configuration : answer.path("alertConfigurations")) {
        table.add(
            Render.text(configuration, "name"),
            Render.text(configuration, "schedulerName"),
            Render.text(configuration, "sensitivity"),
            correlation(configuration),
            Render.text(configuration, "snooze"),
            Render.text(configuration, "hooks"));
      }
      table.printOr(out, "no alert configurations");
      return 0;
    }
  }

  /** {@code vigil alert config describe}. */
  @Command(
      name = "describe",
      mixinStandardHelpOptions = true,
      description = "Show an alert configuration, and when its snooze ends if one runs.")
  static final class Describe implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;

    @Parameters(paramLabel = "NAME", description = "The configuration.")
    String name;

    @Override
    public Integer call() {
      JsonNode configuration = api.client().get(path(name));
      PrintWriter out = spec.commandLine().getOut();
      if (api.json()) {
        api.printJson(out, configuration);
        return 0;
      }
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("Name", Render.text(configuration, "name"));
      fields.put("Id", Render.text(configuration, "id"));
      fields.put("Scheduler", Render.text(configuration, "schedulerName"));
      fields.put(
          "Sensitivity",
          Render.text(configuration, "sensitivity")
              + " (score above "
              + Render.text(configuration, "scoreThreshold")
              + ")");
      fields.put("Correlation", correlation(configuration));
      fields.put("Snooze", Render.text(configuration, "snooze"));
      fields.put("Snoozed until", Render.text(configuration, "snoozedUntil"));
      fields.put("Hooks", Render.text(configuration, "hooks"));
      fields.put("Notify on failure", Render.text(configuration, "notifyOnFailure"));
      fields.put("Notify on system pause", Render.text(configuration, "notifyOnSystemPause"));
      fields.put("Created", Render.text(configuration, "createdAt"));
      fields.put("Updated", Render.text(configuration, "updatedAt"));
      Table.fields(out, fields);
      out.flush();
      return 0;
    }
  }

  /** {@code vigil alert config update}. */
  @Command(
      name = "update",
      mixinStandardHelpOptions = true,
      description = "Change an alert configuration; options left out keep their value.")
  static final class Update implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;
    @Mixin Settings settings;

    @Parameters(paramLabel = "NAME", description = "The configuration.")
    String name;

    @Override
    public Integer call() {
      ObjectNode body = ApiOptions.mapper().createObjectNode();
      settings.addTo(body);
      report(api, spec, api.client().put(path(name), body), "updated");
      return 0;
    }
  }

  /** {@code vigil alert config delete}. */
  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Delete an alert configuration; its alerts stay in the history.")
  static final class Delete implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;

    @Parameters(paramLabel = "NAME", description = "The configuration.")
    String name;

    @Override
    public Integer call() {
      api.client().delete(path(name));
      PrintWriter out = spec.commandLine().getOut();
      if (!api.json()) {
        out.printf("deleted alert configuration %s%n", name);
        out.flush();
      }
      return 0;
    }
  }
}
