package dev.vigil.engine.preprocess;

import dev.vigil.engine.data.SensorTable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A filled table and, per sensor in table order, how many missing values were replaced. A sensor
 * without any valid value counts zero because it stays missing. Instances are immutable and
 * thread-safe.
 *
 * @param table the filled table
 * @param filledValues sensor name to number of values filled, in the table's sensor order
 */
public record FillResult(SensorTable table, Map<String, Integer> filledValues) {

  public FillResult {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(filledValues, "filledValues");
    // Copied into a LinkedHashMap rather than Map.copyOf to keep the table's sensor order,
    // which data-quality summaries display.
    filledValues = Collections.unmodifiableMap(new LinkedHashMap<>(filledValues));
  }

  /** The total number of values filled over all sensors. */
  public long totalFilled() {
    long total = 0;
    for (int count : filledValues.values()) {
      total += count;
    }
    return total;
  }
}
