package dev.vigil.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vigil.inference.ReplayService;
import dev.vigil.inference.SchedulerBodies;
import dev.vigil.inference.SchedulerService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * The routes of the inference schedulers feature under {@code /api/v1/inference-schedulers}. Bodies
 * are read by {@link JsonBodies}, so unknown fields and wrong types are refused with the field
 * named.
 *
 * <p>Thread-safe: it holds only the service.
 */
public final class InferenceSchedulerRoutes implements ApiRoutes {
  private static final String SCHEDULERS = "/api/v1/inference-schedulers";
  private static final String SCHEDULER = SCHEDULERS + "/{name}";

  private final SchedulerService service;
  private final ReplayService replays;

  public InferenceSchedulerRoutes(SchedulerService service, ReplayService replays) {
    this.service = service;
    this.replays = replays;
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.post(
        SCHEDULERS,
        ctx ->
            ctx.status(HttpStatus.CREATED)
                .json(service.create(body(ctx, SchedulerBodies.Create.class))));
    routes.get(SCHEDULERS, ctx -> ctx.json(service.list(ctx.queryParam("modelName"))));
    routes.get(SCHEDULER, ctx -> ctx.json(service.describe(ctx.pathParam("name"))));
    routes.put(
        SCHEDULER,
        ctx ->
            ctx.json(
                service.update(ctx.pathParam("name"), body(ctx, SchedulerBodies.Update.class))));
    routes.delete(
        SCHEDULER,
        ctx -> {
          service.delete(ctx.pathParam("name"));
          ctx.status(HttpStatus.NO_CONTENT);
        });
    routes.post(SCHEDULER + "/start", ctx -> ctx.json(service.start(ctx.pathParam("name"))));
    routes.post(SCHEDULER + "/stop", ctx -> ctx.json(service.stop(ctx.pathParam("name"))));
    routes.get(
        SCHEDULER + "/replay-estimate",
        ctx ->
            ctx.json(
                replays.estimate(
                    ctx.pathParam("name"), ctx.queryParam("start"), ctx.queryParam("end"))));
    routes.post(
        SCHEDULER + "/replays",
        ctx ->
            ctx.status(HttpStatus.ACCEPTED)
                .json(
                    replays.start(ctx.pathParam("name"), body(ctx, SchedulerBodies.Replay.class))));
    routes.get(SCHEDULER + "/replays", ctx -> ctx.json(replays.list(ctx.pathParam("name"))));
    routes.get(
        SCHEDULER + "/replays/{id}",
        ctx -> ctx.json(replays.describe(ctx.pathParam("name"), ctx.pathParam("id"))));
  }

  private static <T> T body(Context ctx, Class<T> type) throws JsonProcessingException {
    return JsonBodies.readObject(ctx.body(), type);
  }
}
