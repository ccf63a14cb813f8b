package dev.vigil.api;

import dev.vigil.dataset.CreateDatasetRequest;
import dev.vigil.dataset.DatasetService;
import dev.vigil.dataset.DatasetView;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpStatus;
import java.util.Map;

/**
 * {@code /api/v1/datasets}: create, list, describe and delete datasets. Thread-safe: it holds only
 * the service.
 */
public final class DatasetRoutes implements ApiRoutes {
  private final DatasetService service;

  public DatasetRoutes(DatasetService service) {
    this.service = service;
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.post(
        "/api/v1/datasets",
        ctx -> {
          CreateDatasetRequest request = JsonBodies.read(ctx.body(), CreateDatasetRequest.class);
          ctx.status(HttpStatus.CREATED)
              .json(JsonBodies.withoutNulls(DatasetView.of(service.create(request))));
        });
    routes.get(
        "/api/v1/datasets",
        ctx ->
            ctx.json(
                Map.of(
                    "datasets",
                    service.list().stream()
                        .map(d -> JsonBodies.withoutNulls(DatasetView.of(d)))
                        .toList())));
    routes.get(
        "/api/v1/datasets/{name}",
        ctx ->
            ctx.json(JsonBodies.withoutNulls(DatasetView.of(service.get(ctx.pathParam("name"))))));
    routes.delete(
        "/api/v1/datasets/{name}",
        ctx -> {
          service.delete(ctx.pathParam("name"));
          ctx.status(HttpStatus.NO_CONTENT);
        });
  }
}
