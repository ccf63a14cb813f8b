package dev.vigil.server;

import dev.vigil.api.ApiRoutes;
import dev.vigil.jobs.WorkerPool;
import dev.vigil.objectstore.ObjectStore;
import dev.vigil.storage.Database;
import java.time.Clock;
import java.util.List;

/** Builds each feature's service and routes over the shared infrastructure. */
final class Features {
  private Features() {}

  static void wire(
      Database database,
      ObjectStore objects,
      WorkerPool workers,
      Clock clock,
      List<ApiRoutes> routes) {
    // Features add their services and routes here.
  }
}
