package dev.vigil.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vigil.alert.AlertBodies;
import dev.vigil.alert.AlertConfigurationService;
import dev.vigil.alert.AlertHistory;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * The routes of alerts: alert configurations under {@code /api/v1/alert-configurations}, the
 * history of alerts under {@code /api/v1/alerts}, and the delivery attempts through a hook at
 * {@code /api/v1/hooks/{name}/attempts}.
 *
 * <p>Thread-safe: it holds only the services.
 */
public final class AlertRoutes implements ApiRoutes {
  private static final String CONFIGURATIONS = "/api/v1/alert-configurations";
  private static final String CONFIGURATION = CONFIGURATIONS + "/{name}";
  private static final String ALERTS = "/api/v1/alerts";

  private final AlertConfigurationService configurations;
  private final AlertHistory history;

  public AlertRoutes(AlertConfigurationService configurations, AlertHistory history) {
    this.configurations = configurations;
    this.history = history;
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.post(
        CONFIGURATIONS,
        ctx ->
            ctx.status(HttpStatus.CREATED)
                .json(configurations.create(body(ctx, AlertBodies.Create.class))));
    routes.get(
        CONFIGURATIONS, ctx -> ctx.json(configurations.list(ctx.queryParam("schedulerName"))));
    routes.get(CONFIGURATION, ctx -> ctx.json(configurations.describe(ctx.pathParam("name"))));
    routes.put(
        CONFIGURATION,
        ctx ->
            ctx.json(
                configurations.update(ctx.pathParam("name"), body(ctx, AlertBodies.Update.class))));
    routes.delete(
        CONFIGURATION,
        ctx -> {
          configurations.delete(ctx.pathParam("name"));
          ctx.status(HttpStatus.NO_CONTENT);
        });
    routes.get(
        ALERTS,
        ctx ->
            ctx.json(
                history.alerts(
                    ctx.queryParam("configurationName"),
                    ctx.queryParam("schedulerName"),
                    ctx.queryParam("from"),
                    ctx.queryParam("to"),
                    ctx.queryParam("limit"))));
    routes.get(ALERTS + "/{id}", ctx -> ctx.json(history.describe(ctx.pathParam("id"))));
    routes.get(
        "/api/v1/hooks/{name}/attempts",
        ctx -> ctx.json(history.attemptsOfHook(ctx.pathParam("name"), ctx.queryParam("limit"))));
  }

  private static <T> T body(Context ctx, Class<T> type) throws JsonProcessingException {
    return JsonBodies.readObject(ctx.body(), type);
  }
}
