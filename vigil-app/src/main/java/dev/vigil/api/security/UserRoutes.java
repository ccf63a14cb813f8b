package dev.vigil.api.security;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vigil.api.ApiRoutes;
import dev.vigil.api.JsonBodies;
import dev.vigil.user.Actor;
import dev.vigil.user.TokenBodies;
import dev.vigil.user.TokenService;
import dev.vigil.user.UserBodies;
import dev.vigil.user.UserService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The routes of users ({@code /api/v1/users}), API tokens ({@code /api/v1/tokens}) and the caller's
 * own session ({@code GET /api/v1/session}). Which role each needs is {@link AccessRules}'s; what
 * concerns one resource (another user's token, one's own password) is the services'.
 *
 * <p>Thread-safe: it holds only services.
 */
final class UserRoutes implements ApiRoutes {
  private static final String USERS = "/api/v1/users";
  private static final String USER = USERS + "/{name}";
  private static final String TOKENS = "/api/v1/tokens";

  private final UserService users;
  private final TokenService tokens;

  UserRoutes(UserService users, TokenService tokens) {
    this.users = users;
    this.tokens = tokens;
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.post(
        USERS,
        ctx ->
            ctx.status(HttpStatus.CREATED).json(users.create(body(ctx, UserBodies.Create.class))));
    routes.get(USERS, ctx -> ctx.json(users.list()));
    routes.get(USER, ctx -> ctx.json(users.describe(ctx.pathParam("name"))));
    routes.put(
        USER,
        ctx -> ctx.json(users.update(ctx.pathParam("name"), body(ctx, UserBodies.Update.class))));
    routes.put(
        USER + "/password",
        ctx -> {
          users.setPassword(
              actor(ctx), ctx.pathParam("name"), body(ctx, UserBodies.SetPassword.class));
          ctx.status(HttpStatus.NO_CONTENT);
        });
    routes.delete(
        USER,
        ctx -> {
          users.delete(ctx.pathParam("name"));
          ctx.status(HttpStatus.NO_CONTENT);
        });

    routes.post(
        TOKENS,
        ctx ->
            ctx.status(HttpStatus.CREATED)
                .header("Cache-Control", "no-store")
                .json(tokens.create(actor(ctx), body(ctx, TokenBodies.Create.class))));
    routes.get(
        TOKENS,
        ctx ->
            ctx.json(
                tokens.list(
                    actor(ctx),
                    ctx.queryParam("user"),
                    "true".equalsIgnoreCase(ctx.queryParam("all")))));
    routes.delete(
        TOKENS + "/{id}",
        ctx -> {
          tokens.revoke(actor(ctx), ctx.pathParam("id"));
          ctx.status(HttpStatus.NO_CONTENT);
        });

    routes.get(
        "/api/v1/session",
        ctx -> {
          Principal principal = RequestSecurity.principal(ctx);
          Map<String, Object> session = new LinkedHashMap<>();
          boolean open = principal.equals(Principal.OPEN);
          session.put("user", open ? null : principal.name());
          session.put("role", principal.role().name());
          session.put("open", open);
          session.put("authenticatedBy", ctx.attribute(SecurityFilter.AUTHENTICATED_BY));
          ctx.json(session);
        });
  }

  /** The principal of the request as the user feature knows it. */
  static Actor actor(Context ctx) {
    Principal principal = RequestSecurity.principal(ctx);
    return principal.equals(Principal.OPEN)
        ? Actor.OPEN
        : new Actor(principal.name(), principal.role());
  }

  private static <T> T body(Context ctx, Class<T> type) throws JsonProcessingException {
    return JsonBodies.readObject(ctx.body(), type);
  }
}
