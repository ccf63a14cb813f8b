package dev.vigil.inference;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.vigil.objectstore.ObjectStore;
import dev.vigil.storage.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inference execution engine: runs every active scheduler's windows on time with <a
 * href="https://github.com/kagkarlsson/db-scheduler">db-scheduler</a> over the metadata database.
 *
 * <p>One task, {@value #TASK_NAME}, with one task instance per scheduler (its id is the scheduler's
 * id). The instance is due at the wake of the scheduler's next window; its execution runs every
 * window due by then ({@link WindowRunner}) and its completion handler reschedules the same
 * instance to the wake of the next window ({@code ExecutionOperations.reschedule}), or removes it
 * when the scheduler was stopped, deleted or paused by the system. The schedule is computed from
 * the executions recorded in the database, never from the task's own state, so a restart, a crash
 * or a takeover by another node (db-scheduler revives an execution whose node stopped sending
 * heartbeats) goes on with the first window not finished. A run that fails on the infrastructure
 * (the database or the object store is down) is retried with exponential backoff.
 *
 * <p>Thread-safe.
 */
public final class ScheduledInferenceEngine implements InferenceEngine, AutoCloseable {
  /** The name of db-scheduler's task that runs inference windows. */
  public static final String TASK_NAME = "inference-window";

  /** The name of db-scheduler's one-time task that runs a replay; its instance is the replay id. */
  public static final String REPLAY_TASK_NAME = "inference-replay";

  /**
   * How often a node looks for due windows that its {@link WakeAlarm} does not know of: those of
   * another node, or revived after a crash.
   */
  public static final Duration POLLING_INTERVAL = Duration.ofSeconds(1);

  /**
   * How often a node tells the database that the windows it runs are still running. With {@link
   * #MISSED_HEARTBEATS}, a window whose node died (a crash, a kill, a lost machine) is taken over
   * by another node, or by the same node restarted, within 20 seconds, rather than after
   * db-scheduler's default of half an hour.
   */
  static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(5);

  /**
   * Heartbeats missed before a running window counts as dead and is run again (db-scheduler's
   * least).
   */
  static final int MISSED_HEARTBEATS = 4;

  /**
   * A run that failed on the infrastructure (database or object store down) is retried after this
   * long, again and again: a fixed delay, so that the engine catches up within a minute of the
   * outage's end whatever its length.
   */
  static final Duration FAILURE_RETRY = Duration.ofMinutes(1);

  private static final Logger LOG = LoggerFactory.getLogger(ScheduledInferenceEngine.class);

  private final SchedulerCatalog catalog;
  private final WindowRunner runner;
  private final CustomTask<Void> task;
  private final OneTimeTask<Void> replayTask;
  private final Scheduler scheduler;
  private final Clock clock;

  /** Where the input of each scheduler's next window is read ahead of its wake. */
  private final Executor readAhead;

  /** Wakes db-scheduler at the wakes of this node's windows. */
  private final WakeAlarm alarm;

  /** Schedulers stopped while a window of theirs runs: their task ends after it. */
  private final Set<String> stopRequested = ConcurrentHashMap.newKeySet();

  /**
   * db-scheduler over the metadata database, polling every {@link #POLLING_INTERVAL} with {@code
   * threads} threads, on Vigil's clock: how production builds the engine's scheduler.
   */
  static Function<List<Task<?>>, Scheduler> dbScheduler(
      Database database, Clock clock, int threads) {
    return tasks ->
        new ClockedSchedulerBuilder(database, tasks, clock)
            .threads(threads)
            .pollingInterval(POLLING_INTERVAL)
            .heartbeatInterval(HEARTBEAT_INTERVAL)
            .missedHeartbeatsLimit(MISSED_HEARTBEATS)
            .build();
  }

  /**
   * An engine whose db-scheduler is built by {@code schedulers} from the engine's tasks: {@link
   * #dbScheduler} in production; tests give db-scheduler's {@code ManualScheduler} over a settable
   * clock, which {@code clock} must read. {@code alarms} makes the alarm that wakes db-scheduler
   * when a window is due, given what wakes it: {@link WakeAlarm#start} in production, a silent one
   * in tests that run the due work themselves. {@link #start()} it once the scheduler service is
   * ready.
   */
  ScheduledInferenceEngine(
      Database database,
      SchedulerCatalog catalog,
      ObjectStore objects,
      ModelLoader models,
      EngineSettings settings,
      Clock clock,
      InferenceListener listener,
      Function<List<Task<?>>, Scheduler> schedulers,
      Executor readAhead,
      Function<Runnable, WakeAlarm> alarms) {
    this.catalog = catalog;
    this.readAhead = readAhead;
    this.clock = clock;
    ExecutionRepository executions = new ExecutionRepository(database);
    this.runner = new WindowRunner(catalog, executions, objects, models, settings, clock, listener);
    ReplayRunner replays =
        new ReplayRunner(
            catalog,
            new ReplayRepository(database),
            executions,
            new WindowWork(objects, models),
            clock,
            listener);
    this.replayTask =
        Tasks.oneTime(REPLAY_TASK_NAME)
            .onFailure(new FailureHandler.OnFailureRetryLater<>(FAILURE_RETRY))
            .onDeadExecution(this::revive)
            .execute((instance, context) -> replays.run(instance.getId()));
    this.task =
        Tasks.custom(TASK_NAME, Void.class)
            .onFailure(new FailureHandler.OnFailureRetryLater<>(FAILURE_RETRY))
            .onDeadExecution(this::revive)
            .execute(
                (instance, context) -> {
                  String schedulerId = instance.getId();
                  Optional<Instant> next = runner.run(schedulerId, this::stopAsked);
                  return (CompletionHandler<Void>)
                      (complete, operations) -> {
                        if (next.isPresent() && !stopAsked(schedulerId)) {
                          operations.reschedule(complete, next.get());
                          wakeAt(next.get());
                        } else {
                          operations.remove();
                          runner.ended(schedulerId);
                          // A stop asked here, or recorded by another node, ends in STOPPED; a
                          // run that ended by a system pause or a deletion has nothing to report.
                          boolean stoppedHere = stopRequested.remove(schedulerId);
                          if (stoppedHere
                              || (next.isPresent() && catalog.stopRequested(schedulerId))) {
                            catalog.markStopped(schedulerId);
                          }
                        }
                      };
                });
    this.scheduler = schedulers.apply(List.of(task, replayTask));
    this.alarm = alarms.apply(scheduler::triggerCheckForDueExecutions);
  }

  /** Starts db-scheduler and schedules every active scheduler that has no task yet. */
  public void start() {
    scheduler.start();
    for (SchedulerDefinition definition : catalog.active()) {
      schedule(definition);
    }
  }

  /**
   * A run whose node died (it stopped sending heartbeats) is run again at once, by Vigil's clock:
   * db-scheduler's own reviver reads the system clock, which tests do not move.
   */
  private void revive(ExecutionComplete dead, ExecutionOperations<Void> operations) {
    LOG.warn(
        "{} {}: the node that ran it stopped ({}); running it again",
        dead.getExecution().taskInstance.getTaskName(),
        dead.getExecution().taskInstance.getId(),
        dead.getExecution().pickedBy);
    operations.reschedule(dead, clock.instant());
  }

  /** Wakes db-scheduler at {@code wake}: a scheduler's next window, or a replay, is due then. */
  private void wakeAt(Instant wake) {
    alarm.set(wake);
  }

  /** A stop asked on this node, or recorded in the database by any node. */
  private boolean stopAsked(String schedulerId) {
    return stopRequested.contains(schedulerId) || catalog.stopRequested(schedulerId);
  }

  @Override
  public void schedule(SchedulerDefinition definition) {
    stopRequested.remove(definition.id());
    Instant wake = runner.nextWake(definition, clock.instant());
    if (scheduler.scheduleIfNotExists(task.instance(definition.id()), wake)) {
      LOG.info("scheduler {}: next window due at {}", definition.name(), wake);
    }
    wakeAt(wake);
    try {
      readAhead.execute(() -> runner.readAhead(definition));
    } catch (RejectedExecutionException e) {
      // Closing: the window, should it still run, reads its files itself.
    }
  }

  @Override
  public void unschedule(String schedulerId) {
    stopRequested.add(schedulerId);
    TaskInstanceId id = TaskInstanceId.of(TASK_NAME, schedulerId);
    Optional<ScheduledExecution<Object>> execution = scheduler.getScheduledExecution(id);
    if (execution.isPresent() && execution.get().isPicked()) {
      // A window runs: the completion handler removes the task and reports the stop.
      return;
    }
    try {
      if (execution.isPresent()) {
        scheduler.cancel(id);
      }
    } catch (TaskInstanceCurrentlyExecutingException e) {
      return;
    } catch (TaskInstanceNotFoundException e) {
      // Removed meanwhile by its own completion: nothing runs.
    }
    runner.ended(schedulerId);
    if (stopRequested.remove(schedulerId)) {
      catalog.markStopped(schedulerId);
    }
  }

  @Override
  public void startReplay(String replayId) {
    Instant now = clock.instant();
    scheduler.scheduleIfNotExists(replayTask.instance(replayId), now);
    wakeAt(now);
  }

  @Override
  public boolean running(String schedulerId) {
    return runner.running(schedulerId)
        || scheduler
            .getScheduledExecution(TaskInstanceId.of(TASK_NAME, schedulerId))
            .map(ScheduledExecution::isPicked)
            .orElse(false);
  }

  /**
   * db-scheduler's builder, on Vigil's clock rather than the system's: the task table's execution
   * times are computed from Vigil's clock, so db-scheduler must judge what is due by the same one.
   */
  private static final class ClockedSchedulerBuilder extends SchedulerBuilder {
    ClockedSchedulerBuilder(Database database, List<Task<?>> tasks, Clock clock) {
      super(database.dataSource(), tasks);
      this.clock = clock::instant;
    }
  }

  /** Stops db-scheduler: windows in flight finish first (within db-scheduler's shutdown wait). */
  @Override
  public void close() {
    alarm.close();
    scheduler.stop();
    if (readAhead instanceof ExecutorService service) {
      service.shutdownNow();
    }
  }

  /**
   * The production executor of reading ahead: one background thread, so that starting Vigil with
   * many schedulers, or creating one, does not wait for their files. {@link #close} stops it.
   */
  static ExecutorService readAheadThread() {
    return Executors.newSingleThreadExecutor(
        runnable -> {
          Thread thread = new Thread(runnable, "vigil-read-ahead");
          thread.setDaemon(true);
          return thread;
        });
  }
}
