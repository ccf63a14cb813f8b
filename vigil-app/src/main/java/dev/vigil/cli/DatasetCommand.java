package dev.vigil.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.engine.VigilException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil dataset}: creates, lists, describes and deletes datasets on a Vigil server. */
@Command(
    name = "dataset",
    mixinStandardHelpOptions = true,
    description = "Manage the datasets of a Vigil server.",
    subcommands = {
      DatasetCommand.Create.class,
      DatasetCommand.ListDatasets.class,
      DatasetCommand.Describe.class,
      DatasetCommand.Delete.class
    })
public final class DatasetCommand implements Runnable {
  static final String PATH = "/api/v1/datasets";

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static String path(String name) {
    return PATH + "/" + ApiClient.encode(name);
  }

  /** {@code vigil dataset create}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Create a dataset: a name and the schema of the data to ingest into it.",
        "Give the schema as a JSON file ({\"components\": [...]}) or one --component per"
            + " component: --component 'pump:Current,Voltage' makes component pump with a"
            + " Timestamp column and two DOUBLE sensors."
      })
  static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The name.")
    String name;

    @ArgGroup(exclusive = true, multiplicity = "1")
    SchemaSource schema;

    static final class SchemaSource {
      @Option(
          names = "--schema",
          paramLabel = "FILE.json",
          description = "The schema: a JSON object with a 'components' array.")
      Path file;

      @Option(
          names = "--component",
          paramLabel = "NAME:SENSOR,...",
          description = "A component and its sensors; repeat for several components.")
      List<String> components;
    }

    @Override
    public Integer call() throws IOException {
      JsonNode schemaNode =
          schema.file != null ? readSchema(schema.file) : componentsSchema(schema.components);
      ObjectNode body = ApiOptions.mapper().createObjectNode();
      body.put("name", name);
      body.set("schema", schemaNode);
      JsonNode dataset = api.client().post(PATH, body);
      PrintWriter out = spec.commandLine().getOut();
      if (api.json()) {
        api.printJson(out, dataset);
      } else {
        out.printf(
            "created dataset %s (status %s)%n",
            dataset.path("name").asText(name), dataset.path("status").asText("?"));
        out.flush();
      }
      return 0;
    }

    private static JsonNode readSchema(Path file) throws IOException {
      if (!Files.isRegularFile(file)) {
        throw new VigilException(file + ": no such file");
      }
      JsonNode node;
      try {
        node = ApiOptions.mapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
      } catch (JsonProcessingException e) {
        throw new VigilException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
      }
      if (node == null || !node.isObject()) {
        throw new VigilException(file + ": the schema must be a JSON object");
      }
      return node;
    }

    private JsonNode componentsSchema(List<String> specs) {
      ObjectNode schemaNode = ApiOptions.mapper().createObjectNode();
      ArrayNode components = schemaNode.putArray("components");
      Set<String> seen = new LinkedHashSet<>();
      for (String text : specs) {
        int colon = text.indexOf(':');
        String component = colon < 0 ? "" : text.substring(0, colon).trim();
        List<String> sensors = new ArrayList<>();
        if (colon >= 0) {
          for (String sensor : text.substring(colon + 1).split(",", -1)) {
            sensors.add(sensor.trim());
          }
        }
        if (component.isEmpty() || sensors.isEmpty() || sensors.contains("")) {
          throw new ParameterException(
              spec.commandLine(),
              "--component '" + text + "' must be COMPONENT:SENSOR[,SENSOR...], e.g. pump:Current");
        }
        if (!seen.add(component)) {
          throw new ParameterException(
              spec.commandLine(), "--component '" + component + "' is given twice");
        }
        ObjectNode entry = components.addObject();
        entry.put("name", component);
        ArrayNode columns = entry.putArray("columns");
        columns.addObject().put("name", "Timestamp").put("type", "DATETIME");
        for (String sensor : sensors) {
          columns.addObject().put("name", sensor).put("type", "DOUBLE");
        }
      }
      return schemaNode;
    }
  }

  /** {@code vigil dataset list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the datasets.")
  static final class ListDatasets implements Callable<Integer> {
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
      Table table = new Table("NAME", "STATUS", "DATA START", "DATA END", "UPDATED");
      for (JsonNode dataset : answer.path("datasets")) {
        table.add(
            Render.text(dataset, "name"),
            Render.text(dataset, "status"),
            Render.text(dataset, "dataStart"),
            Render.text(dataset, "dataEnd"),
            Render.text(dataset, "updatedAt"));
      }
      table.printOr(out, "no datasets");
      return 0;
    }
  }

  /** {@code vigil dataset describe}. */
  @Command(
      name = "describe",
      mixinStandardHelpOptions = true,
      description =
          "Show a dataset: its status, schema, data range, data quality and per-sensor"
              + " statistics.")
  static final class Describe implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;

    @Parameters(paramLabel = "NAME", description = "The dataset.")
    String name;

    @Override
    public Integer call() {
      JsonNode dataset = api.client().get(path(name));
      PrintWriter out = spec.commandLine().getOut();
      if (api.json()) {
        api.printJson(out, dataset);
        return 0;
      }
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("Name", Render.text(dataset, "name"));
      fields.put("Id", Render.text(dataset, "id"));
      fields.put("Status", Render.text(dataset, "status"));
      fields.put("Created", Render.text(dataset, "createdAt"));
      fields.put("Updated", Render.text(dataset, "updatedAt"));
      fields.put("Ingestion job", Render.text(dataset, "activeIngestionJobId"));
      fields.put("Data", Render.range(dataset.get("dataStart"), dataset.get("dataEnd")));
      List<String> components = new ArrayList<>();
      for (JsonNode component : dataset.path("schema").path("components")) {
        List<String> sensors = new ArrayList<>();
        for (JsonNode column : component.path("columns")) {
          if (!"DATETIME".equals(column.path("type").asText())) {
            sensors.add(column.path("name").asText());
          }
        }
        components.add(component.path("name").asText() + " (" + String.join(", ", sensors) + ")");
      }
      fields.put("Components", components.isEmpty() ? null : String.join("; ", components));
      Table.fields(out, fields);
      Render.dataQuality(out, dataset.get("dataQuality"));
      Render.sensorStatistics(out, dataset.get("sensorStatistics"));
      out.flush();
      return 0;
    }
  }

  /** {@code vigil dataset delete}. */
  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a dataset.")
  static final class Delete implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;

    @Parameters(paramLabel = "NAME", description = "The dataset.")
    String name;

    @Override
    public Integer call() {
      api.client().delete(path(name));
      PrintWriter out = spec.commandLine().getOut();
      if (!api.json()) {
        out.println("deleted dataset " + name);
        out.flush();
      }
      return 0;
    }
  }
}
