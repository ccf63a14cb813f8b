package dev.vigil.inference;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.Task;
import dev.vigil.model.ModelService;
import dev.vigil.objectstore.ObjectStore;
import dev.vigil.storage.Database;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/**
 * Scheduled inference as the rest of Vigil sees it: the scheduler service (create, stop, start,
 * update, delete), the execution engine that runs the windows on db-scheduler, and the queries of
 * executions, results and events. Built once by the composition root, which then {@link #start()}s
 * it when every listener is in place; {@link #close()} stops the engine before the database closes.
 *
 * <p>Thread-safe.
 */
public final class InferenceFeature implements AutoCloseable {
  private final SchedulerService schedulers;
  private final InferenceResults results;
  private final ReplayService replays;
  private final InputPushService pushes;
  private final ScheduledInferenceEngine engine;

  private InferenceFeature(
      SchedulerService schedulers,
      InferenceResults results,
      ReplayService replays,
      InputPushService pushes,
      ScheduledInferenceEngine engine) {
    this.schedulers = schedulers;
    this.results = results;
    this.replays = replays;
    this.pushes = pushes;
    this.engine = engine;
  }

  /**
   * Builds the service and the engine over the metadata database; nothing runs until {@link
   * #start()}.
   *
   * @param threads windows scored at the same time on this node
   * @param listener hears of every finished window and system pause, in the transaction that
   *     records it
   */
  public static InferenceFeature create(
      Database database,
      ModelService models,
      ObjectStore objects,
      EngineSettings settings,
      int threads,
      Clock clock,
      InferenceListener listener) {
    return create(
        database,
        models,
        objects,
        settings,
        clock,
        listener,
        ScheduledInferenceEngine.dbScheduler(database, clock, threads),
        ring -> WakeAlarm.start(clock, ring));
  }

  /**
   * The feature with db-scheduler built by {@code dbScheduler} from the engine's tasks (tests give
   * a {@code ManualScheduler} on a settable clock that {@code clock} reads, and a silent alarm).
   */
  static InferenceFeature create(
      Database database,
      ModelService models,
      ObjectStore objects,
      EngineSettings settings,
      Clock clock,
      InferenceListener listener,
      Function<List<Task<?>>, Scheduler> dbScheduler,
      Function<Runnable, WakeAlarm> alarms) {
    ScheduledInferenceEngine[] engine = new ScheduledInferenceEngine[1];
    SchedulerService schedulers =
        SchedulerService.create(
            database,
            models,
            clock,
            listener,
            catalog -> {
              engine[0] =
                  new ScheduledInferenceEngine(
                      database,
                      catalog,
                      objects,
                      models::load,
                      settings,
                      clock,
                      listener,
                      dbScheduler,
                      ScheduledInferenceEngine.readAheadThread(),
                      alarms);
              return engine[0];
            });
    ReplayService replays = ReplayService.create(database, models, settings, engine[0], clock);
    InputPushService pushes =
        new InputPushService(
            new SchedulerRepository(database),
            new ExecutionRepository(database),
            models::load,
            objects);
    return new InferenceFeature(
        schedulers, new InferenceResults(database, schedulers), replays, pushes, engine[0]);
  }

  /**
   * Ends the stops that a previous run of Vigil left unfinished, then starts the engine: windows
   * that came due meanwhile run now.
   */
  public void start() {
    schedulers.finishInterruptedStops();
    engine.start();
  }

  public SchedulerService schedulers() {
    return schedulers;
  }

  public InferenceResults results() {
    return results;
  }

  public ReplayService replays() {
    return replays;
  }

  public InputPushService pushes() {
    return pushes;
  }

  /** Stops the engine: no new window starts; windows in flight finish first. */
  @Override
  public void close() {
    engine.close();
  }
}
