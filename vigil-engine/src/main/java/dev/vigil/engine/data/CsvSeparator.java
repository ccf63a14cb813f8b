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

  /** A header line this long fits the default buffer of a {@link BufferedReader}. */
  private static final int COMMON_HEADER_CHARS = 8192;

  /** Not a separator: the header line was longer than the characters looked at. */
  private static final char NO_LINE_END = '\0';

  private CsvSeparator() {}

  /**
   * Finds the separator from the header line and leaves {@code in} at its start, past a byte order
   * mark. The character that occurs most often outside quotes wins; a header with none of them has
   * a single column, which is reported later as having no sensor.
   *
   * <p>Only the header line is read (at most {@link #PEEK_CHARS} characters of it): this runs once
   * per file, and scheduled inference reads thousands of small files a minute.
   */
  public static char peek(BufferedReader in) throws IOException {
    // Most headers fit a reader's own buffer: marking no further than that lets the reader keep
    // its buffer, where a longer mark makes it allocate one that long for every file.
    char separator = peek(in, COMMON_HEADER_CHARS);
    return separator == NO_LINE_END ? peek(in, PEEK_CHARS) : separator;
  }

  /**
   * The separator of a header found within {@code limit} characters, or {@link #NO_LINE_END} when
   * the line goes on past them (unless {@code limit} is {@link #PEEK_CHARS}, which is final).
   */
  private static char peek(BufferedReader in, int limit) throws IOException {
    in.mark(limit);
    int semicolons = 0;
    int commas = 0;
    int tabs = 0;
    boolean quoted = false;
    boolean byteOrderMark = false;
    boolean ended = false;
    for (int read = 0; read < limit && !ended; read++) {
      int c = in.read();
      if (c < 0) {
        ended = true;
      } else if (read == 0 && c == BYTE_ORDER_MARK) {
        byteOrderMark = true;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (!quoted) {
        if (c == '\n' || c == '\r') {
          ended = true;
        } else if (c == ';') {
          semicolons++;
        } else if (c == ',') {
          commas++;
        } else if (c == '\t') {
          tabs++;
        }
      }
    }
    in.reset();
    if (!ended && limit < PEEK_CHARS) {
      return NO_LINE_END;
    }
    if (byteOrderMark) {
      in.skip(1);
    }
    if (semicolons > 0 && semicolons >= commas && semicolons >= tabs) {
      return ';';
    }
    return tabs > commas ? '\t' : ',';
  }
}
