package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vigil label-group}: label groups and their labels, the known periods of an asset's history
 * that models are evaluated on ({@code vigil model create --label-group NAME}).
 */
@Command(
    name = "label-group",
    mixinStandardHelpOptions = true,
    description = "Manage label groups: known faults that models are evaluated on.",
    subcommands = {
      LabelGroupCommand.Create.class,
      LabelGroupCommand.ListGroups.class,
      LabelGroupCommand.Describe.class,
      LabelGroupCommand.Delete.class,
      LabelGroupCommand.AddLabel.class,
      LabelGroupCommand.DeleteLabel.class
    })
public final class LabelGroupCommand implements Runnable {
  static final String PATH = "/api/v1/label-groups";

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static String path(String name) {
    return PATH + "/" + ApiClient.encode(name);
  }

  /** Prints a line unless the output is JSON, where it prints the answer. */
  private static void report(ApiOptions api, CommandSpec spec, JsonNode answer, String line) {
    PrintWriter out = spec.commandLine().getOut();
    if (api.json() && answer != null) {
      api.printJson(out, answer);
    } else if (!api.json()) {
      out.println(line);
      out.flush();
    }
  }

  /** {@code vigil label-group create}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Create a label group, with the fault codes its labels may carry.")
  static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The name.")
    String name;

    @Option(
        names = "--fault-code",
        paramLabel = "CODE",
        description = "A fault code labels of the group may carry; repeat for several.")
    List<String> faultCodes = new ArrayList<>();

    @Override
    public Integer call() {
      ObjectNode body = ApiOptions.mapper().createObjectNode();
      body.put("name", name);
      ArrayNode codes = body.putArray("faultCodes");
      faultCodes.forEach(codes::add);
      JsonNode group = api.client().post(PATH, body);
      report(api, spec, group, "created label group " + name);
      return 0;
    }
  }

  /** {@code vigil label-group list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the label groups.")
  static final class ListGroups implements Callable<Integer> {
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
      Table table = new Table("NAME", "FAULT CODES", "UPDATED");
      for (JsonNode group : answer.path("labelGroups")) {
        table.add(Render.text(group, "name"), codes(group), Render.text(group, "updatedAt"));
      }
      table.printOr(out, "no label groups");
      return 0;
    }
  }

  private static String codes(JsonNode group) {
    List<String> codes = new ArrayList<>();
    group.path("faultCodes").forEach(code -> codes.add(code.asText()));
    return codes.isEmpty() ? "-" : String.join(", ", codes);
  }

  /** {@code vigil label-group describe}. */
  @Command(
      name = "describe",
      mixinStandardHelpOptions = true,
      description = "Show a label group and its labels.")
  static final class Describe implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;

    @Parameters(paramLabel = "NAME", description = "The label group.")
    String name;

    @Override
    public Integer call() {
      JsonNode group = api.client().get(path(name));
      JsonNode labels = api.client().get(path(name) + "/labels");
      PrintWriter out = spec.commandLine().getOut();
      if (api.json()) {
        ObjectNode both = group.deepCopy();
        both.set("labels", labels.path("labels"));
        api.printJson(out, both);
        return 0;
      }
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("Name", Render.text(group, "name"));
      fields.put("Fault codes", codes(group));
      fields.put("Created", Render.text(group, "createdAt"));
      fields.put("Updated", Render.text(group, "updatedAt"));
      Table.fields(out, fields);
      Table table = new Table("ID", "START", "END", "RATING", "FAULT CODE", "EQUIPMENT");
      for (JsonNode label : labels.path("labels")) {
        table.add(
            Render.text(label, "id"),
            Render.text(label, "start"),
            Render.text(label, "end"),
            Render.text(label, "rating"),
            Render.text(label, "faultCode"),
            Render.text(label, "equipment"));
      }
      out.println();
      table.printOr(out, "no labels");
      return 0;
    }
  }

  /** {@code vigil label-group delete}. */
  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Delete a label group and its labels.")
  static final class Delete implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;

    @Parameters(paramLabel = "NAME", description = "The label group.")
    String name;

    @Override
    public Integer call() {
      api.client().delete(path(name));
      report(api, spec, null, "deleted label group " + name);
      return 0;
    }
  }

  /** {@code vigil label-group add-label}. */
  @Command(
      name = "add-label",
      mixinStandardHelpOptions = true,
      description = "Add a label: a known period, rated ANOMALY, NO_ANOMALY or NEUTRAL.")
  static final class AddLabel implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;

    @Parameters(paramLabel = "GROUP", description = "The label group.")
    String group;

    @Option(names = "--start", required = true, paramLabel = "TIME")
    String start;

    @Option(names = "--end", required = true, paramLabel = "TIME")
    String end;

    @Option(
        names = "--rating",
        paramLabel = "RATING",
        description = "ANOMALY (default), NO_ANOMALY or NEUTRAL.")
    String rating = "ANOMALY";

    @Option(names = "--fault-code", paramLabel = "CODE", description = "One of the group's.")
    String faultCode;

    @Option(names = "--notes", paramLabel = "TEXT")
    String notes;

    @Option(names = "--equipment", paramLabel = "NAME")
    String equipment;

    @Override
    public Integer call() {
      ObjectNode body = ApiOptions.mapper().createObjectNode();
      body.put("start", ModelCommand.instant(start, "--start", spec));
      body.put("end", ModelCommand.instant(end, "--end", spec));
      body.put("rating", rating);
      if (faultCode != null) {
        body.put("faultCode", faultCode);
      }
      if (notes != null) {
        body.put("notes", notes);
      }
      if (equipment != null) {
        body.put("equipment", equipment);
      }
      JsonNode label = api.client().post(path(group) + "/labels", body);
      report(api, spec, label, "added label " + label.path("id").asText() + " to " + group);
      return 0;
    }
  }

  /** {@code vigil label-group delete-label}. */
  @Command(name = "delete-label", mixinStandardHelpOptions = true, description = "Delete a label.")
  static final class DeleteLabel implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;

    @Parameters(index = "0", paramLabel = "GROUP", description = "The label group.")
    String group;

    @Parameters(index = "1", paramLabel = "ID", description = "The label's id.")
    String id;

    @Override
    public Integer call() {
      api.client().delete(path(group) + "/labels/" + ApiClient.encode(id));
      report(api, spec, null, "deleted label " + id + " of " + group);
      return 0;
    }
  }
}
