package dev.vigil.engine.data;

/**
 * The numbers of sensor CSV cells: what a cell holds, read as {@link CsvTableReader} documents it.
 * An empty cell, {@code NaN}, {@code null} or {@code NA} (any case, blanks around ignored) is a
 * missing value; anything else must be a plain decimal number, with an optional exponent.
 *
 * <p>Stateless and thread-safe.
 */
final class NumberCells {
  /**
   * What {@link #parse} gives for a cell that is not a number or is out of range: never a reading,
   * which is finite or NaN (missing).
   */
  static final double NOT_A_NUMBER_MARK = Double.POSITIVE_INFINITY;

  /** Exact powers of ten, up to the largest a double holds exactly. */
  private static final double[] POWERS_OF_TEN = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };

  /** Mantissas up to this are exact in a double. */
  private static final long MAX_EXACT_MANTISSA = 1L << 53;

  private NumberCells() {}

  /**
   * The reading of the cell in {@code buffer[offset, offset + length)}: a finite number, NaN when
   * the value is missing, or {@link #NOT_A_NUMBER_MARK}. Blanks around the value are ignored, as
   * {@link String#trim} ignores them.
   */
  static double parse(char[] buffer, int offset, int length) {
    int start = offset;
    int end = offset + length;
    while (start < end && buffer[start] <= ' ') {
      start++;
    }
    while (end > start && buffer[end - 1] <= ' ') {
      end--;
    }
    if (start == end) {
      return Double.NaN;
    }
    double fast = plainDecimal(buffer, start, end);
    if (fast == fast) {
      return fast;
    }
    String value = new String(buffer, start, end - start);
    if (isMissing(value)) {
      return Double.NaN;
    }
    double number = parseDouble(value);
    return Double.isNaN(number) || Double.isInfinite(number) ? NOT_A_NUMBER_MARK : number;
  }

  /** Whether a trimmed cell stands for a missing value: empty, NaN, null or NA in any case. */
  static boolean isMissing(String value) {
    int length = value.length();
    if (length == 0) {
      return true;
    }
    char first = value.charAt(0);
    if (first != 'n' && first != 'N') {
      return false;
    }
    return value.equalsIgnoreCase("nan")
        || value.equalsIgnoreCase("null")
        || value.equalsIgnoreCase("na");
  }

  /**
   * The decimal number {@code value} writes, or NaN when it is none. {@link Double#parseDouble}
   * alone would also take {@code Infinity}, hexadecimal and a trailing {@code d} or {@code f}; the
   * character check keeps to plain decimals and, on the common path, avoids using its exception for
   * control flow.
   */
  static double parseDouble(String value) {
    int length = value.length();
    if (length == 0) {
      return Double.NaN;
    }
    double fast = plainDecimal(value.toCharArray(), 0, length);
    if (fast == fast) {
      return fast;
    }
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if ((c < '0' || c > '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
        return Double.NaN;
      }
    }
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      // Only the right characters in the wrong order, such as "1.2.3" or "e": not a number.
      return Double.NaN;
    }
  }

  /**
   * The value of a plain decimal such as {@code -12.0345} in {@code chars[start, end)} (a sign,
   * digits, at most one point, no exponent) whose digits fit a double exactly, or NaN for anything
   * else, which {@link Double#parseDouble} then reads. Sensor files are mostly such numbers, and
   * this is several times faster. It is exact: a mantissa below 2^53 and a power of ten up to 10^22
   * are both exact doubles, and IEEE division rounds their quotient correctly, as parseDouble
   * would.
   */
  private static double plainDecimal(char[] chars, int start, int end) {
    int i = start;
    boolean negative = false;
    char first = chars[start];
    if (first == '-' || first == '+') {
      negative = first == '-';
      i++;
    }
    long mantissa = 0;
    int digits = 0;
    int fractionDigits = -1;
    for (; i < end; i++) {
      char c = chars[i];
      if (c >= '0' && c <= '9') {
        mantissa = mantissa * 10 + (c - '0');
        if (mantissa >= MAX_EXACT_MANTISSA) {
          return Double.NaN;
        }
        digits++;
        if (fractionDigits >= 0) {
          fractionDigits++;
        }
      } else if (c == '.' && fractionDigits < 0) {
        fractionDigits = 0;
      } else {
        return Double.NaN;
      }
    }
    if (digits == 0 || fractionDigits >= POWERS_OF_TEN.length) {
      return Double.NaN;
    }
    double magnitude =
        fractionDigits <= 0 ? (double) mantissa : mantissa / POWERS_OF_TEN[fractionDigits];
    return negative ? -magnitude : magnitude;
  }
}
