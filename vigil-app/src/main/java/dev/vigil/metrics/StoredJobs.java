package dev.vigil.metrics;

import dev.vigil.storage.Database;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;

/**
 * Ingestion jobs, training jobs (model versions) and replays by status, as the metadata database
 * holds them: read once per scrape ({@link #refresh()}), one grouped count per table. They are the
 * cluster's, not this node's: every node of a cluster reports the same values (aggregate them with
 * {@code max}, not {@code sum}), and they survive restarts. A job that ends moves from {@code
 * IN_PROGRESS} to {@code SUCCESS} or {@code FAILED}; deleting a dataset or a model removes its jobs
 * from the counts.
 *
 * <p>Thread-safe.
 */
final class StoredJobs {
  /** A table of jobs, the gauge that counts it, and the statuses it may hold. */
  private record Kind(String table, String meter, String description, List<String> statuses) {}

  private static final List<Kind> KINDS =
      List.of(
          new Kind(
              "ingestion_jobs",
              "vigil.ingestion.jobs",
              "Ingestion jobs in the metadata database, by status",
              List.of("IN_PROGRESS", "SUCCESS", "FAILED")),
          new Kind(
              "model_versions",
              "vigil.training.jobs",
              "Training jobs (model versions) in the metadata database, by status",
              List.of("IN_PROGRESS", "SUCCESS", "FAILED")),
          new Kind(
              "inference_replays",
              "vigil.replays",
              "Replays in the metadata database, by status",
              List.of("PENDING", "IN_PROGRESS", "SUCCESS", "PARTIAL_SUCCESS", "FAILED")));

  private final Jdbi jdbi;
  private final Map<String, Long> counts = new ConcurrentHashMap<>();

  StoredJobs(Database database, MeterRegistry registry) {
    this.jdbi = database.jdbi();
    for (Kind kind : KINDS) {
      for (String status : kind.statuses()) {
        String key = kind.table() + "/" + status;
        counts.put(key, 0L);
        Gauge.builder(kind.meter(), counts, values -> values.getOrDefault(key, 0L))
            .description(kind.description())
            .tag("status", status)
            .register(registry);
      }
    }
  }

  /** Reads the counts from the database. */
  void refresh() {
    Map<String, Long> fresh = new HashMap<>();
    jdbi.useHandle(
        handle -> {
          for (Kind kind : KINDS) {
            handle
                .createQuery(
                    "SELECT status, COUNT(*) AS n FROM " + kind.table() + " GROUP BY status")
                .map((rs, ctx) -> Map.entry(rs.getString("status"), rs.getLong("n")))
                .forEach(entry -> fresh.put(kind.table() + "/" + entry.getKey(), entry.getValue()));
          }
        });
    for (String key : counts.keySet()) {
      counts.put(key, fresh.getOrDefault(key, 0L));
    }
  }
}
