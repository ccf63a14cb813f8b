package dev.vigil.api;

import io.javalin.config.RoutesConfig;

/** The routes of one feature (datasets, models, ...), added to the server at start-up. */
public interface ApiRoutes {
  void addTo(RoutesConfig routes);
}
