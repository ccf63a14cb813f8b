package dev.vigil.engine.data;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * The separator of a CSV file, read from its header line: comma, semicolon (SKAB's layout) or tab.
 * Shared by every CSV reader of Vigil so that a file is read the same way by {@code vigil detect},
 * by ingestion and by scheduled inference.
 *
 * <p>Stateless and thread-safe.
 */
public final class CsvSeparator {
  /** How far into the file the header line is looked for; the reader must buffer this much. */
  public static final int PEEK_CHARS = 1 << 16;

  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private CsvSeparator() {}

  /**
   * Finds the separator from the header line and leaves {@code in} at its start, past a byte order
   * mark. The character that occurs most often outside quotes wins; a header with none of them has
   * a single column, which is reported later as having no sensor.
   */
  public static char peek(BufferedReader in) throws IOException {
    in.mark(PEEK_CHARS);
    char[] buffer = new char[PEEK_CHARS];
    int length = 0;
    boolean endOfLine = false;
    while (length < buffer.length && !endOfLine) {
      int read = in.read(buffer, length, buffer.length - length);
      if (read < 0) {
        break;
      }
      for (int i = length; i < length + read; i++) {
        if (buffer[i] == '\n' || buffer[i] == '\r') {
          endOfLine = true;
        }
      }
      length += read;
    }
    in.reset();
    int start = 0;
    if (length > 0 && buffer[0] == BYTE_ORDER_MARK) {
      in.skip(1);
      start = 1;
    }
    int semicolons = 0;
    int commas = 0;
    int tabs = 0;
    boolean quoted = false;
    for (int i = start; i < length; i++) {
      char c = buffer[i];
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted) {
        if (c == '\n' || c == '\r') {
          break;
        } else if (c == ';') {
          semicolons++;
        } else if (c == ',') {
          commas++;
        } else if (c == '\t') {
          tabs++;
        }
      }
    }
    if (semicolons > 0 && semicolons >= commas && semicolons >= tabs) {
      return ';';
    }
    return tabs > commas ? '\t' : ',';
  }
}
