package dev.vigil.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vigil.hook.HookBodies;
import dev.vigil.hook.HookService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * The routes of hooks under {@code /api/v1/hooks}: create, list, describe, update, delete, and send
 * a test message. Secrets are accepted in bodies and never answered.
 *
 * <p>Thread-safe: it holds only the service.
 */
public final class HookRoutes implements ApiRoutes {
  private static final String HOOKS = "/api/v1/hooks";
  private static final String HOOK = HOOKS + "/{name}";

  private final HookService service;

  public HookRoutes(HookService service) {
    this.service = service;
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.post(
        HOOKS,
        ctx ->
            ctx.status(HttpStatus.CREATED)
                .json(service.create(body(ctx, HookBodies.Create.class))));
    routes.get(HOOKS, ctx -> ctx.json(service.list()));
    routes.get(HOOK, ctx -> ctx.json(service.describe(ctx.pathParam("name"))));
    routes.put(
        HOOK,
        ctx -> ctx.json(service.update(ctx.pathParam("name"), body(ctx, HookBodies.Update.class))));
    routes.delete(
        HOOK,
        ctx -> {
          service.delete(ctx.pathParam("name"));
          ctx.status(HttpStatus.NO_CONTENT);
        });
    routes.post(HOOK + "/test", ctx -> ctx.json(service.test(ctx.pathParam("name"))));
  }

  private static <T> T body(Context ctx, Class<T> type) throws JsonProcessingException {
    return JsonBodies.readObject(ctx.body(), type);
  }
}
