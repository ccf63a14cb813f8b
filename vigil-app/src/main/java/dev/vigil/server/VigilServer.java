package dev.vigil.server;

import dev.vigil.api.ApiRoutes;
import dev.vigil.api.ApiServer;
import dev.vigil.api.security.SecurityFeature;
import dev.vigil.config.VigilConfig;
import dev.vigil.inference.InferenceListener;
import dev.vigil.jobs.WorkerPool;
import dev.vigil.metrics.VigilMetrics;
import dev.vigil.objectstore.FolderObjectStore;
import dev.vigil.objectstore.ObjectStore;
import dev.vigil.storage.Database;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
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
  private final VigilMetrics metrics;
  private final AtomicBoolean ready = new AtomicBoolean();

  private VigilServer(
      Database database,
      WorkerPool workers,
      ApiServer api,
      List<AutoCloseable> features,
      VigilMetrics metrics) {
    this.database = database;
    this.workers = workers;
    this.api = api;
    this.features = features;
    this.metrics = metrics;
  }

  /** Starts Vigil with the given configuration and clock. */
  public static VigilServer start(VigilConfig config, Clock clock) {
    return start(config, clock, UnaryOperator.identity());
  }

  /**
   * Starts Vigil with the object store of the configuration wrapped by {@code objectStores}: for
   * tests that break the store on purpose, and for embedding Vigil with instrumentation.
   */
  public static VigilServer start(
      VigilConfig config, Clock clock, UnaryOperator<ObjectStore> objectStores) {
    return start(config, clock, objectStores, InferenceListener.NONE);
  }

  /**
   * Starts Vigil with an observer of inference in this process, beside Vigil's own listeners: for
   * the benchmark, which times each window to the moment it is on disk.
   */
  public static VigilServer start(
      VigilConfig config,
      Clock clock,
      UnaryOperator<ObjectStore> objectStores,
      InferenceListener observer) {
    LOG.info("starting Vigil with {}", config);
    Database database = Database.open(config);
    WorkerPool workers = new WorkerPool(config.workerThreads(), database::makeDurable);
    VigilMetrics metrics = null;
    try {
      // Sign-in decides first whether Vigil may start at all (no user on a public address).
      SecurityFeature security = SecurityFeature.create(config, database, clock);
      metrics = VigilMetrics.create(database);
      ObjectStore objects = objectStores.apply(objectStore(config));
      List<ApiRoutes> routes = new ArrayList<>(security.routes());
      List<AutoCloseable> features =
          Features.wire(config, database, objects, workers, clock, routes, metrics, observer);
      AtomicBoolean ready = new AtomicBoolean();
      ApiServer api =
          new ApiServer(
              config.bindAddress(),
              config.port(),
              routes,
              ready::get,
              security.filter(),
              metrics::httpRequest,
              database::makeDurable);
      VigilServer server = new VigilServer(database, workers, api, features, metrics);
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
      if (metrics != null) {
        metrics.close();
      }
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

  /** Every route the HTTP server serves, as {@code METHOD /template}. */
  public List<String> routes() {
    return api.routes();
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
    metrics.close();
    database.close();
    LOG.info("Vigil stopped");
  }
}
