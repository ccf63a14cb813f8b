package dev.vigil.api;

import dev.vigil.ingestion.IngestionService;
import dev.vigil.ingestion.StartIngestionRequest;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpStatus;
import java.util.Map;

/**
 * {@code /api/v1/ingestion-jobs}: start ingestion jobs and follow them. Thread-safe: it holds only
 * the service.
 */
public final class IngestionRoutes implements ApiRoutes {
  private final IngestionService service;

  public IngestionRoutes(IngestionService service) {
    this.service = service;
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.post(
        "/api/v1/ingestion-jobs",
        ctx -> {
          StartIngestionRequest request = JsonBodies.read(ctx.body(), StartIngestionRequest.class);
          ctx.status(HttpStatus.ACCEPTED).json(JsonBodies.withoutNulls(service.start(request)));
        });
    routes.get(
        "/api/v1/ingestion-jobs",
        ctx ->
            ctx.json(
                Map.of(
                    "jobs",
                    service.list(ctx.queryParam("datasetName")).stream()
                        .map(JsonBodies::withoutNulls)
                        .toList())));
    routes.get(
        "/api/v1/ingestion-jobs/{id}",
        ctx -> ctx.json(JsonBodies.withoutNulls(service.get(ctx.pathParam("id")))));
  }
}
