package dev.vigil.api;

import dev.vigil.inference.InputPushService;
import dev.vigil.inference.SchedulerBodies;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpStatus;

/**
 * The route that pushes input rows to an inference scheduler: {@code POST
 * /api/v1/inference-schedulers/{name}/data}. Thread-safe: it holds only the service.
 */
public final class InferenceInputRoutes implements ApiRoutes {
  private final InputPushService pushes;

  public InferenceInputRoutes(InputPushService pushes) {
    this.pushes = pushes;
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.post(
        "/api/v1/inference-schedulers/{name}/data",
        ctx ->
            ctx.status(HttpStatus.ACCEPTED)
                .json(
                    pushes.push(
                        ctx.pathParam("name"),
                        JsonBodies.readObject(ctx.body(), SchedulerBodies.Push.class))));
  }
}
