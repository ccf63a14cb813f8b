package dev.vigil.inference;

import dev.vigil.model.ModelService;
import dev.vigil.objectstore.ObjectStore;
import dev.vigil.storage.Database;
import java.time.Clock;

/**
 * Scheduled inference as the rest of Vigil sees it: the scheduler service (create, stop, start,
 * update, delete), the execution engine that runs the windows on db-scheduler, and the queries of
 * executions, results and events. Built once by the composition root; {@link #close()} stops the
 * engine before the database closes.
 *
 * <p>Thread-safe.
 */
public final class InferenceFeature implements AutoCloseable {
  private final SchedulerService schedulers;
  private final InferenceResults results;
  private final ScheduledInferenceEngine engine;

  private InferenceFeature(
      SchedulerService schedulers, InferenceResults results, ScheduledInferenceEngine engine) {
    this.schedulers = schedulers;
    this.results = results;
    this.engine = engine;
  }

  /** Builds the service and the engine over the metadata database, and starts the engine. */
  public static InferenceFeature start(
      Database database,
      ModelService models,
      ObjectStore objects,
      EngineSettings settings,
      Clock clock) {
    ScheduledInferenceEngine[] engine = new ScheduledInferenceEngine[1];
    SchedulerService schedulers =
        SchedulerService.create(
            database,
            models,
            clock,
            catalog -> {
              engine[0] =
                  ScheduledInferenceEngine.create(
                      database,
                      catalog,
                      objects,
                      models::load,
                      settings,
                      clock,
                      ScheduledInferenceEngine.DEFAULT_THREADS);
              return engine[0];
            });
    schedulers.finishInterruptedStops();
    engine[0].start();
    return new InferenceFeature(schedulers, new InferenceResults(database, schedulers), engine[0]);
  }

  public SchedulerService schedulers() {
    return schedulers;
  }

  public InferenceResults results() {
    return results;
  }

  /** Stops the engine: no new window starts; windows in flight finish first. */
  @Override
  public void close() {
    engine.close();
  }
}
