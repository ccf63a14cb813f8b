package dev.vigil.engine.preprocess;

import dev.vigil.engine.data.InvalidDataException;
import dev.vigil.engine.data.SensorTable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The result of {@link Preprocessor#apply}: the table the model sees, which of its rows the machine
 * was off, and how many values were filled per sensor.
 *
 * <p>Like {@link SensorTable}, the {@code machineOff} accessor returns the record's own array for
 * speed: callers must not modify it. The constructor copies the array it is given, so instances are
 * immutable and thread-safe. Equality compares the table and the array by identity, as records do.
 *
 * @param table the preprocessed table
 * @param machineOff one flag per row of {@code table}, {@code true} where the machine is off
 * @param filledValues sensor name to the number of values filled, in the table's sensor order;
 *     counted on the rows of {@code table}, so after resampling an empty bin counts as filled
 */
public record PreprocessedTable(
    SensorTable table, boolean[] machineOff, Map<String, Integer> filledValues) {

  public PreprocessedTable {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(machineOff, "machineOff");
    Objects.requireNonNull(filledValues, "filledValues");
    if (machineOff.length != table.rowCount()) {
      throw new InvalidDataException(
          machineOff.length + " machine-off flags for " + table.rowCount() + " rows");
    }
    machineOff = machineOff.clone();
    // LinkedHashMap rather than Map.copyOf keeps the sensor order that summaries display.
    filledValues = Collections.unmodifiableMap(new LinkedHashMap<>(filledValues));
  }

  /** The number of rows where the machine is off. */
  public int offRowCount() {
    int count = 0;
    for (boolean off : machineOff) {
      if (off) {
        count++;
      }
    }
    return count;
  }
}
