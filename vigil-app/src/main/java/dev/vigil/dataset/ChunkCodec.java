package dev.vigil.dataset;

import dev.vigil.engine.VigilException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * The stored form of a chunk of consecutive rows of one component: a version, the row and sensor
 * counts, the timestamps as deltas from the previous one (regular sampling makes them repeat, which
 * Deflate compresses well), then each sensor's values column by column as IEEE doubles (NaN for a
 * missing value), the whole Deflate-compressed. Stateless and thread-safe.
 */
public final class ChunkCodec {
  /** Rows per chunk: large enough to compress well, small enough to read a time range cheaply. */
  public static final int ROWS_PER_CHUNK = 10_000;

  private static final int VERSION = 1;

  private ChunkCodec() {}

  /** Rows of a chunk: timestamps and one column per sensor. */
  public record Rows(long[] timestamps, double[][] columns) {}

  /** Encodes rows {@code [from, to)} of the given columns. */
  public static byte[] encode(long[] timestamps, double[][] columns, int from, int to) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(bytes))) {
      out.writeInt(VERSION);
      out.writeInt(to - from);
      out.writeInt(columns.length);
      long previous = 0;
      for (int row = from; row < to; row++) {
        out.writeLong(timestamps[row] - previous);
        previous = timestamps[row];
      }
      for (double[] column : columns) {
        for (int row = from; row < to; row++) {
          out.writeDouble(column[row]);
        }
      }
    } catch (IOException e) {
      throw new VigilException("cannot encode a chunk: " + e.getMessage(), e);
    }
    return bytes.toByteArray();
  }

  /**
   * Decodes a chunk.
   *
   * @throws VigilException when the payload is not a chunk of this format
   */
  public static Rows decode(byte[] payload) {
    try (DataInputStream in =
        new DataInputStream(new InflaterInputStream(new ByteArrayInputStream(payload)))) {
      int version = in.readInt();
      if (version != VERSION) {
        throw new VigilException("stored chunk has format version " + version + ", not 1");
      }
      int rows = in.readInt();
      int sensors = in.readInt();
      long[] timestamps = new long[rows];
      long previous = 0;
      for (int row = 0; row < rows; row++) {
        previous += in.readLong();
        timestamps[row] = previous;
      }
      double[][] columns = new double[sensors][rows];
      for (int sensor = 0; sensor < sensors; sensor++) {
        for (int row = 0; row < rows; row++) {
          columns[sensor][row] = in.readDouble();
        }
      }
      return new Rows(timestamps, columns);
    } catch (IOException e) {
      throw new VigilException("cannot decode a stored chunk: " + e.getMessage(), e);
    }
  }
}
