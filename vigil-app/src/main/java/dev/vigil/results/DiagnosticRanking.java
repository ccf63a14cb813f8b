package dev.vigil.results;

import dev.vigil.engine.model.PredictionReason;
import dev.vigil.engine.model.ScoredRow;
import java.util.Arrays;

/**
 * Ranks the diagnostics of successive rows as the results line ranks them (largest share first,
 * equal shares in sensor order) and encodes them as they are stored: each its sensor's index (2
 * bytes) and its value rounded and scaled to a whole number (4 bytes).
 *
 * <p>Rows of one window follow each other a sample apart, so a row's ranking is mostly the one
 * before it: the ranking starts from the previous row's order and is finished by insertion, which
 * costs one pass when little moved. A row whose ranking moved a lot is sorted outright. Either way
 * the keys are unique, so the result is the same as sorting from scratch.
 *
 * <p>Not thread-safe: one per sequence of rows.
 */
public final class DiagnosticRanking {
  /** Scaled values are kept within this: the 4 bytes stored per value hold it. */
  static final long MAX_RANKED = Integer.MAX_VALUE;

  static final long SCALE = 100_000;

  /** Bytes per sensor of stored diagnostics: a 2-byte index and a 4-byte scaled value. */
  static final int STORED_BYTES = 6;

  /** Shifts per sensor that insertion may spend on a row before the row is sorted outright. */
  private static final int SHIFTS_PER_SENSOR = 4;

  private long[] keys = new long[0];

  /** Sensor indexes in the previous row's rank order. */
  private int[] order = new int[0];

  /**
   * The row's diagnostics ranked and encoded; empty for a {@code MACHINE_OFF} row.
   *
   * @throws IllegalArgumentException when the row has more sensors than 2 bytes can index
   */
  public byte[] encode(ScoredRow row) {
    if (row.reason() == PredictionReason.MACHINE_OFF) {
      return new byte[0];
    }
    double[] shares = row.diagnostics();
    int sensors = shares.length;
    if (sensors > 1 << 16) {
      throw new IllegalArgumentException(sensors + " sensors: at most 65536 can be ranked");
    }
    if (order.length != sensors) {
      keys = new long[sensors];
      order = new int[sensors];
      Arrays.setAll(order, i -> i);
    }
    for (int i = 0; i < sensors; i++) {
      keys[i] = key(shares, order[i]);
    }
    if (!insertionSorted(keys, SHIFTS_PER_SENSOR * sensors)) {
      Arrays.sort(keys);
    }
    byte[] stored = new byte[STORED_BYTES * sensors];
    for (int i = 0, at = 0; i < sensors; i++, at += STORED_BYTES) {
      long key = keys[i];
      int sensor = (int) (key & 0xFFFF);
      order[i] = sensor;
      int value = (int) (MAX_RANKED - (key >>> 16));
      stored[at] = (byte) (sensor >>> 8);
      stored[at + 1] = (byte) sensor;
      stored[at + 2] = (byte) (value >>> 24);
      stored[at + 3] = (byte) (value >>> 16);
      stored[at + 4] = (byte) (value >>> 8);
      stored[at + 5] = (byte) value;
    }
    return stored;
  }

  /**
   * One sortable key per sensor: the scaled value, negated so that the largest sorts first, above
   * the index, so that equal values keep sensor order.
   */
  private static long key(double[] shares, int sensor) {
    long scaled = Math.max(-MAX_RANKED, Math.min(MAX_RANKED, Math.round(shares[sensor] * SCALE)));
    return ((MAX_RANKED - scaled) << 16) | sensor;
  }

  /**
   * Sorts by insertion unless that takes more than {@code budget} shifts.
   *
   * @return whether {@code keys} is sorted; when not, it holds the same keys in another order
   */
  private static boolean insertionSorted(long[] keys, int budget) {
    int shifts = 0;
    for (int i = 1; i < keys.length; i++) {
      long key = keys[i];
      int j = i - 1;
      while (j >= 0 && keys[j] > key) {
        keys[j + 1] = keys[j];
        j--;
        if (++shifts > budget) {
          keys[j + 1] = key;
          return false;
        }
      }
      keys[j + 1] = key;
    }
    return true;
  }
}
