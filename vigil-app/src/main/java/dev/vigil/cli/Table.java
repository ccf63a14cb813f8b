package dev.vigil.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Renders rows as aligned columns: a header line, then one line per row, columns two spaces apart.
 * A column of numbers (and {@code -} for none) is right-aligned; the others are left-aligned.
 * Trailing spaces are trimmed.
 *
 * <p>Not thread-safe: build, print, discard.
 */
final class Table {
  private static final Pattern NUMBER =
      Pattern.compile("-?[0-9][0-9,]*(\\.[0-9]+)?([eE][-+]?[0-9]+)?%?");
  private static final String GAP = "  ";

  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  Table(String... headers) {
    this.headers = List.of(headers);
  }

  /** Adds a row; nulls print as {@code -}, other objects by {@code toString()}. */
  Table add(Object... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException(
          cells.length + " cells for " + headers.size() + " columns: " + Arrays.toString(cells));
    }
    List<String> row = new ArrayList<>(cells.length);
    for (Object cell : cells) {
      row.add(cell == null ? "-" : cell.toString());
    }
    rows.add(row);
    return this;
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  /** Prints the table, or {@code whenEmpty} when it has no row. */
  void printOr(PrintWriter out, String whenEmpty) {
    if (isEmpty()) {
      out.println(whenEmpty);
      out.flush();
    } else {
      print(out);
    }
  }

  void print(PrintWriter out) {
    int columns = headers.size();
    int[] widths = new int[columns];
    boolean[] numeric = new boolean[columns];
    for (int c = 0; c < columns; c++) {
      widths[c] = headers.get(c).length();
      boolean anyNumber = false;
      boolean allNumbers = true;
      for (List<String> row : rows) {
        String cell = row.get(c);
        widths[c] = Math.max(widths[c], cell.length());
        boolean number = NUMBER.matcher(cell).matches();
        allNumbers &= number || cell.equals("-");
        anyNumber |= number;
      }
      numeric[c] = anyNumber && allNumbers;
    }
    line(out, headers, widths, numeric);
    for (List<String> row : rows) {
      line(out, row, widths, numeric);
    }
    out.flush();
  }

  private static void line(PrintWriter out, List<String> cells, int[] widths, boolean[] numeric) {
    StringBuilder line = new StringBuilder();
    for (int c = 0; c < cells.size(); c++) {
      if (c > 0) {
        line.append(GAP);
      }
      String cell = cells.get(c);
      String padding = " ".repeat(widths[c] - cell.length());
      if (numeric[c]) {
        line.append(padding).append(cell);
      } else {
        line.append(cell).append(padding);
      }
    }
    out.println(line.toString().stripTrailing());
  }

  /**
   * Prints {@code label: value} lines with the values aligned; entries whose value is null are left
   * out.
   */
  static void fields(PrintWriter out, Map<String, String> fields) {
    int width = 0;
    for (Map.Entry<String, String> field : fields.entrySet()) {
      if (field.getValue() != null) {
        width = Math.max(width, field.getKey().length() + 1);
      }
    }
    for (Map.Entry<String, String> field : fields.entrySet()) {
      if (field.getValue() != null) {
        String label = field.getKey() + ":";
        out.println(label + " ".repeat(width - label.length() + 1) + field.getValue());
      }
    }
    out.flush();
  }
}
