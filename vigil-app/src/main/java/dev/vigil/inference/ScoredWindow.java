package dev.vigil.inference;

import dev.vigil.engine.model.ScoredRow;
import java.util.List;

/**
 * The scored rows of a window, as they are stored: the model's sensor names, which the rows'
 * diagnostics follow, and the rows in time order. Immutable and thread-safe.
 */
record ScoredWindow(List<String> sensorNames, List<ScoredRow> rows) {
  /** A window that scored nothing (it failed). */
  static final ScoredWindow NONE = new ScoredWindow(List.of(), List.of());

  ScoredWindow {
    sensorNames = List.copyOf(sensorNames);
    rows = List.copyOf(rows);
  }
}
