package dev.vigil.inference;

import dev.vigil.engine.data.SensorTable;
import dev.vigil.objectstore.ObjectStore.ObjectInfo;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest input file read for each scheduler and component, as parsed. A window opens the file
 * before it so that its rows fill the model's sliding window, and that file is the one the window
 * before read last: keeping it parsed halves what a scheduler parses per window. Parsing was the
 * largest cost of a window.
 *
 * <p>A file is reused only while its {@link ObjectInfo#version() version} and the input time zone
 * it was read in are the same, so a file written again, or a scheduler updated to another zone, is
 * read again. Memory is one file per component of each scheduler that keeps one here, within a
 * budget: a file that would take the total past it is not kept (its next window reads it again), so
 * that many schedulers with large files cost time, never the heap. {@link #forget} drops a
 * scheduler's files when it stops.
 *
 * <p>Thread-safe. A scheduler's windows run one at a time, so its entries are not raced for.
 */
final class RecentInputs {
  /** Bytes of one reading or timestamp. */
  private static final long VALUE_BYTES = Double.BYTES;

  /** A parsed file, what it was parsed from, and what it costs. */
  private record Kept(String key, String version, ZoneOffset zone, SensorTable table, long bytes) {}

  private final Map<String, Map<String, Kept>> bySchedulerId = new ConcurrentHashMap<>();
  private final long budgetBytes;
  private long keptBytes;

  /** Files kept within a quarter of the heap this JVM may grow to. */
  RecentInputs() {
    this(Runtime.getRuntime().maxMemory() / 4);
  }

  /** Files kept within {@code budgetBytes} of readings and timestamps. */
  RecentInputs(long budgetBytes) {
    this.budgetBytes = budgetBytes;
  }

  /** The file as kept by {@link #keep}, when it was kept and has not changed since. */
  Optional<SensorTable> find(
      String schedulerId, String component, ObjectInfo file, ZoneOffset zone) {
    Map<String, Kept> byComponent = bySchedulerId.get(schedulerId);
    Kept kept = byComponent == null ? null : byComponent.get(component);
    if (kept == null
        || !kept.key().equals(file.key())
        || !kept.version().equals(file.version())
        || !kept.zone().equals(zone)) {
      return Optional.empty();
    }
    return Optional.of(kept.table());
  }

  /**
   * Keeps {@code table}, all of {@code file} read in {@code zone}, as the latest file of the
   * component, in place of the one before, unless that would take the files kept past the budget.
   */
  void keep(
      String schedulerId, String component, ObjectInfo file, ZoneOffset zone, SensorTable table) {
    long bytes = (long) table.rowCount() * (table.sensorCount() + 1) * VALUE_BYTES;
    synchronized (this) {
      Map<String, Kept> byComponent =
          bySchedulerId.computeIfAbsent(schedulerId, id -> new ConcurrentHashMap<>());
      Kept previous = byComponent.remove(component);
      if (previous != null) {
        keptBytes -= previous.bytes();
      }
      if (keptBytes + bytes > budgetBytes) {
        return;
      }
      keptBytes += bytes;
      byComponent.put(component, new Kept(file.key(), file.version(), zone, table, bytes));
    }
  }

  /** Drops what was kept for the scheduler. */
  void forget(String schedulerId) {
    synchronized (this) {
      Map<String, Kept> byComponent = bySchedulerId.remove(schedulerId);
      if (byComponent != null) {
        for (Kept kept : byComponent.values()) {
          keptBytes -= kept.bytes();
        }
      }
    }
  }

  /** Bytes of readings and timestamps kept, over every scheduler. */
  synchronized long keptBytes() {
    return keptBytes;
  }
}
