package dev.vigil.results;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable run of UTF-8 bytes that results lines are rendered into: a window's results.jsonl is
 * hundreds of lines of dozens of diagnostics each, so it is built as the bytes that are written,
 * not as characters encoded afterwards.
 *
 * <p>Not thread-safe.
 */
public final class LineBuffer {
  private byte[] bytes;
  private int length;

  /** An empty buffer that first holds {@code capacity} bytes. */
  public LineBuffer(int capacity) {
    bytes = new byte[Math.max(16, capacity)];
  }

  /** Bytes written so far. */
  public int length() {
    return length;
  }

  /** A copy of every byte written. */
  public byte[] toByteArray() {
    return Arrays.copyOf(bytes, length);
  }

  /** The text of the bytes in {@code [from, to)}, which must start and end on whole characters. */
  public String text(int from, int to) {
    return new String(bytes, from, to - from, StandardCharsets.UTF_8);
  }

  /** Ends a line: appends a line feed. */
  public void endLine() {
    append((byte) '\n');
  }

  /** Forgets what was written, keeping the room. */
  void clear() {
    length = 0;
  }

  LineBuffer append(byte b) {
    if (length == bytes.length) {
      grow(1);
    }
    bytes[length++] = b;
    return this;
  }

  /** Appends a character of the ASCII range. */
  LineBuffer ascii(char c) {
    return append((byte) c);
  }

  /** Appends text that is all ASCII, such as the fixed parts of a line and numbers. */
  LineBuffer ascii(String text) {
    int count = text.length();
    if (length + count > bytes.length) {
      grow(count);
    }
    for (int i = 0; i < count; i++) {
      bytes[length++] = (byte) text.charAt(i);
    }
    return this;
  }

  LineBuffer append(byte[] encoded) {
    if (length + encoded.length > bytes.length) {
      grow(encoded.length);
    }
    System.arraycopy(encoded, 0, bytes, length, encoded.length);
    length += encoded.length;
    return this;
  }

  /**
   * Makes room for {@code count} more bytes and returns the array to write them into, from {@link
   * #length()} on; {@link #advanceTo} then counts them. For runs of bytes written through a local
   * position, which the JIT keeps in a register, rather than one call per byte.
   */
  byte[] reserve(int count) {
    if (length + count > bytes.length) {
      grow(count);
    }
    return bytes;
  }

  /** Counts the bytes written into the array {@link #reserve} returned, up to {@code newLength}. */
  void advanceTo(int newLength) {
    if (newLength < length || newLength > bytes.length) {
      throw new IllegalArgumentException(
          "length " + newLength + " outside [" + length + ", " + bytes.length + "]");
    }
    length = newLength;
  }

  private void grow(int needed) {
    bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + needed));
  }
}
