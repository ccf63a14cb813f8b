package dev.vigil.inference;

import dev.vigil.engine.model.ScoredRow;
import dev.vigil.results.DiagnosticRanking;
import java.util.ArrayList;
import java.util.List;

/**
 * The scored rows of a window, as they are stored: the model's sensor names, which the rows'
 * diagnostics follow, the rows in time order and each row's diagnostics ranked and encoded ({@link
 * DiagnosticRanking}), which scoring computed once for the results lines and the database shares.
 * Immutable and thread-safe (the encoded arrays are never written after).
 */
record ScoredWindow(List<String> sensorNames, List<ScoredRow> rows, List<byte[]> diagnostics) {
  /** A window that scored nothing (it failed). */
  static final ScoredWindow NONE = new ScoredWindow(List.of(), List.of(), List.of());

  ScoredWindow {
    sensorNames = List.copyOf(sensorNames);
    rows = List.copyOf(rows);
    diagnostics = List.copyOf(diagnostics);
    if (diagnostics.size() != rows.size()) {
      throw new IllegalArgumentException(
          rows.size() + " rows but diagnostics for " + diagnostics.size());
    }
  }

  /** The rows with their diagnostics encoded here. */
  static ScoredWindow of(List<String> sensorNames, List<ScoredRow> rows) {
    List<byte[]> diagnostics = new ArrayList<>(rows.size());
    DiagnosticRanking ranking = new DiagnosticRanking();
    for (ScoredRow row : rows) {
      diagnostics.add(ranking.encode(row));
    }
    return new ScoredWindow(sensorNames, rows, diagnostics);
  }
}
