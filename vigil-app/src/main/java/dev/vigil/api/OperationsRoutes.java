package dev.vigil.api;

import dev.vigil.metrics.SchedulerHealth;
import dev.vigil.metrics.VigilMetrics;
import io.javalin.config.RoutesConfig;

/**
 * The routes of operations: {@code GET /metrics} in the Prometheus text format, and {@code GET
 * /api/v1/scheduler-health}, the due, running, late and failed windows of every scheduler.
 *
 * <p>Thread-safe: it holds only the services.
 */
public final class OperationsRoutes implements ApiRoutes {
  private final VigilMetrics metrics;
  private final SchedulerHealth health;

  public OperationsRoutes(VigilMetrics metrics, SchedulerHealth health) {
    this.metrics = metrics;
    this.health = health;
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.get(
        "/metrics", ctx -> ctx.contentType(VigilMetrics.CONTENT_TYPE).result(metrics.scrape()));
    routes.get("/api/v1/scheduler-health", ctx -> ctx.json(health.report()));
  }
}
