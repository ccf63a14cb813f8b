package dev.vigil.dataset;

import dev.vigil.request.InvalidRequestException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The schema of a dataset, in the shape of Lookout's {@code InlineDataSchema}: components, each a
 * list of columns whose first is the timestamp ({@code DATETIME}) and the others numeric sensors
 * ({@code DOUBLE}). Immutable and thread-safe.
 */
public record DatasetSchema(List<Component> components) {
  /** Lookout's rule for component names. */
  static final Pattern COMPONENT_NAME = Pattern.compile("^[0-9a-zA-Z._\\-]{1,200}$");

  public DatasetSchema {
    components = components == null ? null : List.copyOf(components);
  }

  /** The type of a column. */
  public enum ColumnType {
    DATETIME,
    DOUBLE
  }

  /** One column of a component. */
  public record Column(String name, ColumnType type) {}

  /** One component: its timestamp column first, then its sensors. */
  public record Component(String name, List<Column> columns) {
    public Component {
      columns = columns == null ? null : List.copyOf(columns);
    }

    /** The sensor names: every column but the first, in schema order. */
    public List<String> sensorNames() {
      return columns.subList(1, columns.size()).stream().map(Column::name).toList();
    }
  }

  /** Every sensor as {@code component\sensor}, in schema order. */
  public List<String> qualifiedSensorNames() {
    return components.stream()
        .flatMap(c -> c.sensorNames().stream().map(sensor -> c.name() + "\\" + sensor))
        .toList();
  }

  /**
   * Checks every rule; field paths are relative to {@code field}, such as {@code
   * schema.components[0].columns[1].type}.
   *
   * @throws InvalidRequestException naming the first field that breaks a rule
   */
  void validate(String field) {
    if (components == null || components.isEmpty()) {
      throw new InvalidRequestException(
          field + ".components", "a dataset needs at least one component");
    }
    Set<String> componentNames = new HashSet<>();
    for (int c = 0; c < components.size(); c++) {
      String componentField = field + ".components[" + c + "]";
      Component component = components.get(c);
      if (component == null) {
        throw new InvalidRequestException(componentField, "a component must be an object");
      }
      if (component.name() == null || !COMPONENT_NAME.matcher(component.name()).matches()) {
        throw new InvalidRequestException(
            componentField + ".name",
            "component name '"
                + component.name()
                + "' must match ^[0-9a-zA-Z._\\-]{1,200}$ (1 to 200 letters, digits, dots,"
                + " underscores and dashes)");
      }
      if (!componentNames.add(component.name())) {
        throw new InvalidRequestException(
            componentField + ".name", "component name '" + component.name() + "' is used twice");
      }
      validateColumns(componentField, component);
    }
  }

  private static void validateColumns(String componentField, Component component) {
    List<Column> columns = component.columns();
    if (columns == null || columns.size() < 2) {
      throw new InvalidRequestException(
          componentField + ".columns",
          "component '"
              + component.name()
              + "' needs a DATETIME timestamp column followed by at least one DOUBLE column");
    }
    Set<String> columnNames = new HashSet<>();
    for (int i = 0; i < columns.size(); i++) {
      String columnField = componentField + ".columns[" + i + "]";
      Column column = columns.get(i);
      if (column == null) {
        throw new InvalidRequestException(columnField, "a column must be an object");
      }
      if (column.name() == null || column.name().isBlank() || column.name().length() > 200) {
        throw new InvalidRequestException(
            columnField + ".name", "a column name must have 1 to 200 characters, not all blank");
      }
      if (column.name().indexOf('\\') >= 0) {
        throw new InvalidRequestException(
            columnField + ".name",
            "column name '" + column.name() + "' must not contain a backslash");
      }
      if (!columnNames.add(column.name())) {
        throw new InvalidRequestException(
            columnField + ".name",
            "column name '"
                + column.name()
                + "' is used twice in component '"
                + component.name()
                + "'");
      }
      ColumnType expected = i == 0 ? ColumnType.DATETIME : ColumnType.DOUBLE;
      if (column.type() != expected) {
        throw new InvalidRequestException(
            columnField + ".type",
            i == 0
                ? "the first column of a component is its timestamp: its type must be DATETIME"
                : "column '"
                    + column.name()
                    + "' must be of type DOUBLE: only the first column"
                    + " is a timestamp");
      }
    }
  }
}
