package dev.vigil.lookout;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.dataset.DatasetSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * Lookout's {@code InlineDataSchema}, a string holding JSON such as {@code {"Components":
 * [{"ComponentName": "pump", "Columns": [{"Name": "Timestamp", "Type": "DATETIME"}, {"Name":
 * "Current", "Type": "DOUBLE"}]}]}}, to and from Vigil's dataset schema. Stateless and thread-safe.
 */
final class Schemas {
  private Schemas() {}

  /**
   * The schema an {@code InlineDataSchema} describes; the dataset feature checks its rules.
   *
   * @throws LookoutException a ValidationException when it is not JSON of that shape
   */
  static DatasetSchema parse(ObjectMapper mapper, String inline) {
    JsonNode root;
    try {
      root = mapper.readTree(inline);
    } catch (JsonProcessingException e) {
      throw LookoutException.validation("InlineDataSchema is not JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.path("Components").isArray()) {
      throw LookoutException.validation(
          "InlineDataSchema must be a JSON object with a Components array, such as"
              + " {\"Components\": [{\"ComponentName\": \"pump\", \"Columns\": [{\"Name\":"
              + " \"Timestamp\", \"Type\": \"DATETIME\"}, {\"Name\": \"Current\", \"Type\":"
              + " \"DOUBLE\"}]}]}");
    }
    List<DatasetSchema.Component> components = new ArrayList<>();
    for (JsonNode component : root.get("Components")) {
      String name = component.path("ComponentName").asText(null);
      if (name == null || !component.path("Columns").isArray()) {
        throw LookoutException.validation(
            "every component of InlineDataSchema needs a ComponentName and a Columns array");
      }
      List<DatasetSchema.Column> columns = new ArrayList<>();
      for (JsonNode column : component.get("Columns")) {
        String columnName = column.path("Name").asText(null);
        String type = column.path("Type").asText(null);
        if (columnName == null || type == null) {
          throw LookoutException.validation(
              "every column of component '"
                  + name
                  + "' in InlineDataSchema needs a Name and a Type");
        }
        DatasetSchema.ColumnType columnType;
        try {
          columnType = DatasetSchema.ColumnType.valueOf(type);
        } catch (IllegalArgumentException e) {
          throw LookoutException.validation(
              "column '"
                  + columnName
                  + "' of component '"
                  + name
                  + "' has type "
                  + type
                  + ": Vigil reads a DATETIME timestamp column and DOUBLE sensor columns");
        }
        columns.add(new DatasetSchema.Column(columnName, columnType));
      }
      components.add(new DatasetSchema.Component(name, columns));
    }
    return new DatasetSchema(components);
  }

  /** The {@code InlineDataSchema} string of a schema. */
  static String inline(ObjectMapper mapper, DatasetSchema schema) {
    ObjectNode root = mapper.createObjectNode();
    ArrayNode components = root.putArray("Components");
    for (DatasetSchema.Component component : schema.components()) {
      ObjectNode entry = components.addObject();
      entry.put("ComponentName", component.name());
      ArrayNode columns = entry.putArray("Columns");
      for (DatasetSchema.Column column : component.columns()) {
        columns.addObject().put("Name", column.name()).put("Type", column.type().name());
      }
    }
    return root.toString();
  }
}
