package dev.vigil.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vigil.model.ModelService;
import dev.vigil.model.RequestBodies;
import dev.vigil.request.NotFoundException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * The routes of the models feature under {@code /api/v1/models}. Bodies are read by {@link
 * JsonBodies}, so unknown fields and wrong types are refused with the field named.
 *
 * <p>Thread-safe: it holds only the service.
 */
public final class ModelRoutes implements ApiRoutes {
  private static final String MODELS = "/api/v1/models";
  private static final String MODEL = MODELS + "/{name}";

  private final ModelService service;

  public ModelRoutes(ModelService service) {
    this.service = service;
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.post(
        MODELS,
        ctx ->
            ctx.status(HttpStatus.ACCEPTED)
                .json(service.create(body(ctx, RequestBodies.CreateModel.class))));
    routes.get(MODELS, ctx -> ctx.json(service.list()));
    routes.get(MODEL, ctx -> ctx.json(service.describe(ctx.pathParam("name"))));
    routes.delete(
        MODEL,
        ctx -> {
          service.delete(ctx.pathParam("name"));
          ctx.status(HttpStatus.NO_CONTENT);
        });
    routes.post(
        MODEL + "/versions",
        ctx -> {
          RequestBodies.NewVersion body =
              ctx.body().isBlank() ? null : body(ctx, RequestBodies.NewVersion.class);
          ctx.status(HttpStatus.ACCEPTED).json(service.newVersion(ctx.pathParam("name"), body));
        });
    routes.get(MODEL + "/versions", ctx -> ctx.json(service.versions(ctx.pathParam("name"))));
    routes.get(
        MODEL + "/versions/{version}",
        ctx -> ctx.json(service.version(ctx.pathParam("name"), versionNumber(ctx))));
    routes.put(
        MODEL + "/active-version",
        ctx ->
            ctx.json(
                service.activate(
                    ctx.pathParam("name"), body(ctx, RequestBodies.ActiveVersion.class))));
    routes.put(
        MODEL + "/labels",
        ctx ->
            ctx.json(
                service.updateLabels(
                    ctx.pathParam("name"), body(ctx, RequestBodies.Labels.class))));
    routes.post(
        MODEL + "/score",
        ctx ->
            ctx.json(service.score(ctx.pathParam("name"), body(ctx, RequestBodies.Score.class))));
  }

  private static <T> T body(Context ctx, Class<T> type) throws JsonProcessingException {
    return JsonBodies.readObject(ctx.body(), type);
  }

  private static int versionNumber(Context ctx) {
    String text = ctx.pathParam("version");
    try {
      int version = Integer.parseInt(text);
      if (version >= 1) {
        return version;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new NotFoundException("model '" + ctx.pathParam("name") + "' has no version " + text);
  }
}
