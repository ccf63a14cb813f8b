package dev.vigil.api;

import dev.vigil.inference.InferenceResults;
import io.javalin.config.RoutesConfig;

/**
 * The routes of what inference schedulers produced, under {@code
 * /api/v1/inference-schedulers/{name}}: executions, results and events, each over an optional
 * {@code from} / {@code to} range of ISO-8601 instants.
 *
 * <p>Thread-safe: it holds only the service.
 */
public final class InferenceResultRoutes implements ApiRoutes {
  private static final String SCHEDULER = "/api/v1/inference-schedulers/{name}";

  private final InferenceResults results;

  public InferenceResultRoutes(InferenceResults results) {
    this.results = results;
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.get(
        SCHEDULER + "/executions",
        ctx ->
            ctx.json(
                results.executions(
                    ctx.pathParam("name"), ctx.queryParam("from"), ctx.queryParam("to"))));
    routes.get(
        SCHEDULER + "/results",
        ctx ->
            ctx.json(
                results.results(
                    ctx.pathParam("name"), ctx.queryParam("from"), ctx.queryParam("to"))));
    routes.get(
        SCHEDULER + "/events",
        ctx ->
            ctx.json(
                results.events(
                    ctx.pathParam("name"), ctx.queryParam("from"), ctx.queryParam("to"))));
  }
}
