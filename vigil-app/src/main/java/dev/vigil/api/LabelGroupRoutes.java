package dev.vigil.api;

import dev.vigil.label.LabelBodies;
import dev.vigil.label.LabelJson;
import dev.vigil.label.LabelQuery;
import dev.vigil.label.LabelService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.HttpStatus;
import java.util.Map;

/**
 * {@code /api/v1/label-groups}: label groups and their labels. Thread-safe: it holds only the
 * service.
 */
public final class LabelGroupRoutes implements ApiRoutes {
  private static final String GROUPS = "/api/v1/label-groups";
  private static final String GROUP = GROUPS + "/{name}";
  private static final String LABELS = GROUP + "/labels";
  private static final String LABEL = LABELS + "/{id}";

  private final LabelService service;

  public LabelGroupRoutes(LabelService service) {
    this.service = service;
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.post(
        GROUPS,
        ctx -> {
          LabelBodies.CreateGroup body =
              JsonBodies.readObject(ctx.body(), LabelBodies.CreateGroup.class);
          ctx.status(HttpStatus.CREATED)
              .json(LabelJson.group(service.createGroup(body.name, body.faultCodes)));
        });
    routes.get(
        GROUPS,
        ctx ->
            ctx.json(
                Map.of("labelGroups", service.groups().stream().map(LabelJson::group).toList())));
    routes.get(GROUP, ctx -> ctx.json(LabelJson.group(service.group(ctx.pathParam("name")))));
    routes.put(
        GROUP,
        ctx -> {
          LabelBodies.UpdateGroup body =
              JsonBodies.readObject(ctx.body(), LabelBodies.UpdateGroup.class);
          ctx.json(LabelJson.group(service.updateGroup(ctx.pathParam("name"), body.faultCodes)));
        });
    routes.delete(
        GROUP,
        ctx -> {
          service.deleteGroup(ctx.pathParam("name"));
          ctx.status(HttpStatus.NO_CONTENT);
        });
    routes.post(
        LABELS,
        ctx -> {
          LabelBodies.CreateLabel body =
              JsonBodies.readObject(ctx.body(), LabelBodies.CreateLabel.class);
          ctx.status(HttpStatus.CREATED)
              .json(LabelJson.label(service.createLabel(ctx.pathParam("name"), body.toNewLabel())));
        });
    routes.get(
        LABELS,
        ctx -> {
          LabelQuery query =
              new LabelQuery(
                  LabelBodies.instant("from", ctx.queryParam("from")),
                  LabelBodies.instant("to", ctx.queryParam("to")),
                  ctx.queryParam("faultCode"),
                  ctx.queryParam("equipment"));
          ctx.json(
              Map.of(
                  "labels",
                  service.labels(ctx.pathParam("name"), query).stream()
                      .map(LabelJson::label)
                      .toList()));
        });
    routes.get(
        LABEL,
        ctx ->
            ctx.json(LabelJson.label(service.label(ctx.pathParam("name"), ctx.pathParam("id")))));
    routes.delete(
        LABEL,
        ctx -> {
          service.deleteLabel(ctx.pathParam("name"), ctx.pathParam("id"));
          ctx.status(HttpStatus.NO_CONTENT);
        });
  }
}
