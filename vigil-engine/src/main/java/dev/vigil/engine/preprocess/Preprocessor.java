package dev.vigil.engine.preprocess;

import dev.vigil.engine.data.SensorTable;
import java.util.Objects;

/**
 * Runs the configured {@link Preprocessing} on a table, always in this order:
 *
 * <ol>
 *   <li><b>Resample</b> (when a period is set) first, so that each bin's mean is taken over values
 *       that were really measured; filling first would weight made-up values into the means. The
 *       empty bins it leaves are what the next step fills.
 *   <li><b>Fill</b> missing values, on the grid the model will see, so the filled counts describe
 *       that grid.
 *   <li><b>Off-condition</b> last, on the very values the model sees: its flags line up with the
 *       final rows one for one, and a short gap in the off-condition's sensor takes the filled
 *       value instead of briefly switching the machine back on.
 * </ol>
 *
 * <p>Immutable and thread-safe: one instance can serve concurrent requests.
 */
public final class Preprocessor {
  private final Preprocessing preprocessing;

  public Preprocessor(Preprocessing preprocessing) {
    this.preprocessing = Objects.requireNonNull(preprocessing, "preprocessing");
  }

  public Preprocessing preprocessing() {
    return preprocessing;
  }

  /**
   * Preprocesses {@code table}; it is not modified.
   *
   * @throws dev.vigil.engine.data.InvalidDataException when the off-condition names a sensor the
   *     table lacks, checked before any work is done, or the resampled grid would be too long
   */
  public PreprocessedTable apply(SensorTable table) {
    Objects.requireNonNull(table, "table");
    OffCondition offCondition = preprocessing.offCondition();
    if (offCondition != null) {
      // Fail before resampling half a million rows for a condition that cannot be evaluated.
      offCondition.requireSensor(table);
    }
    SensorTable current = table;
    if (preprocessing.targetSamplingPeriod() != null) {
      current = Resampler.resample(current, preprocessing.targetSamplingPeriod());
    }
    FillResult filled = MissingValueFiller.fillCounting(current, preprocessing.fillPolicy());
    current = filled.table();
    boolean[] off =
        offCondition == null ? new boolean[current.rowCount()] : offCondition.machineOff(current);
    return new PreprocessedTable(current, off, filled.filledValues());
  }
}
