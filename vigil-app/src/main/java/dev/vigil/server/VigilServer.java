package dev.vigil.server;

import dev.vigil.api.ApiRoutes;
import dev.vigil.api.ApiServer;
import dev.vigil.config.VigilConfig;
import dev.vigil.jobs.WorkerPool;
import dev.vigil.objectstore.FolderObjectStore;
import dev.vigil.objectstore.ObjectStore;
import dev.vigil.storage.Database;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: opens the database and the object store, builds the feature services and
 * their routes, and starts the HTTP server. Closing it stops everything in the reverse order.
 *
 * <p>Thread-safe for {@link #port()} and {@link #close()}.
 */
public final class VigilServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(VigilServer.class);

  private final Database database;
  private final WorkerPool workers;
  private final ApiServer api;
  private final List<AutoCloseable> features;
  private final AtomicBoolean ready = new AtomicBoolean();

  private VigilServer(
      Database database, WorkerPool workers, ApiServer api, List<AutoCloseable> features) {
    this.database = database;
    this.workers = workers;
    this.api = api;
    this.features = features;
  }

  /** Starts Vigil with the given configuration and clock. */
  public static VigilServer start(VigilConfig config, Clock clock) {
    LOG.info("starting Vigil with {}", config);
    Database database = Database.open(config);
    WorkerPool workers = new WorkerPool(config.workerThreads());
    try {
      ObjectStore objects = objectStore(config);
      List<ApiRoutes> routes = new ArrayList<>();
      List<AutoCloseable> features =
          Features.wire(database, objects, workers, clock, config.lookout(), routes);
      AtomicBoolean ready = new AtomicBoolean();
      ApiServer api = new ApiServer(config.bindAddress(), config.port(), routes, ready::get);
      VigilServer server = new VigilServer(database, workers, api, features);
      api.start();
      ready.set(true);
      server.ready.set(true);
      LOG.info(
          "Vigil is ready on http://{}:{} (data in {})",
          config.bindAddress(),
          api.port(),
          config.dataDirectory().toAbsolutePath());
      return server;
    } catch (RuntimeException e) {
      workers.close();
      database.close();
      throw e;
    }
  }

  static ObjectStore objectStore(VigilConfig config) {
    if (config.objectStore().s3()) {
      return dev.vigil.objectstore.S3ObjectStore.create(config.objectStore());
    }
    return new FolderObjectStore(config.objectsDirectory());
  }

  public int port() {
    return api.port();
  }

  public boolean ready() {
    return ready.get();
  }

  /**
   * Waits until no ingestion or training job runs or waits to run.
   *
   * @return true when idle, false when the timeout passed first
   */
  public boolean awaitIdle(java.time.Duration timeout) throws InterruptedException {
    return workers.awaitIdle(timeout);
  }

  @Override
  public void close() {
    ready.set(false);
    api.close();
    for (AutoCloseable feature : features) {
      try {
        feature.close();
      } catch (Exception e) {
        LOG.warn("closing {} failed", feature, e);
      }
    }
    workers.close();
    database.close();
    LOG.info("Vigil stopped");
  }
}
