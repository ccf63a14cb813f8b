package dev.vigil.inference;

import dev.vigil.objectstore.ObjectStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the windows of one scheduler that are due, oldest first, and says when the scheduler wakes
 * next. This is the body of the scheduler's db-scheduler task; it holds the rules that make each
 * window run exactly once:
 *
 * <ul>
 *   <li>The windows due are those whose wake is after the wake of the latest finished (SUCCESS or
 *       FAILED) window of the scheduler and at or before now ({@link WindowSchedule#dueBetween}),
 *       or from the first window when none finished yet. A window left IN_PROGRESS by a crash is
 *       therefore due again, and is redone.
 *   <li>A window is first recorded IN_PROGRESS (the primary key refuses a second record), then its
 *       results.jsonl is written (an atomic put), then its SUCCESS and its result rows are
 *       committed in one transaction, on the condition that it is still IN_PROGRESS. A crash
 *       between the put and the commit leaves it IN_PROGRESS: the redo writes the same object again
 *       and commits once. A window that is finished is never redone.
 *   <li>A window counts as finished once its record is on disk: listeners hear it then ({@link
 *       InferenceListener#windowOnDisk}), after a flush shared with the windows of other schedulers
 *       that end at about the same time ({@link ExecutionRepository#afterDurable}). The thread does
 *       not wait for it: it goes on to the next window meanwhile. Nothing needs to: the database
 *       writes commits to disk in the order they were made, so neither this scheduler's next window
 *       nor db-scheduler's reschedule can reach the disk before this record, and a crash that takes
 *       the record back leaves the window not finished, to be run again as below. The IN_PROGRESS
 *       mark is not waited for either, for the same reason.
 *   <li>A window whose wake is older than the catch-up horizon is not scored: it is recorded
 *       FAILED, missed, with a reason.
 *   <li>After {@link EngineSettings#maxConsecutiveFailures} FAILED executions in a row (missed
 *       windows aside) the scheduler is paused by the system and the run ends.
 * </ul>
 *
 * <p>Thread-safe; db-scheduler never runs two executions of one task instance at once.
 */
final class WindowRunner {
  private static final Logger LOG = LoggerFactory.getLogger(WindowRunner.class);

  private final SchedulerCatalog catalog;
  private final ExecutionRepository executions;
  private final WindowWork work;
  private final EngineSettings settings;
  private final Clock clock;
  private final InferenceListener listener;
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final RecentInputs recentInputs = new RecentInputs();

  WindowRunner(
      SchedulerCatalog catalog,
      ExecutionRepository executions,
      ObjectStore objects,
      ModelLoader models,
      EngineSettings settings,
      Clock clock,
      InferenceListener listener) {
    this.catalog = catalog;
    this.listener = listener;
    this.executions = executions;
    this.work = new WindowWork(objects, models);
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Runs the due windows of a scheduler.
   *
   * @param stopRequested whether the scheduler was stopped meanwhile: no new window starts then
   * @return when the task runs next; empty when it must not run again (the scheduler is gone or was
   *     paused by the system)
   */
  Optional<Instant> run(String schedulerId, Predicate<String> stopRequested) {
    Optional<SchedulerDefinition> found = catalog.find(schedulerId);
    if (found.isEmpty()) {
      LOG.info("scheduler {}: gone; its windows are no longer run", schedulerId);
      return Optional.empty();
    }
    SchedulerDefinition scheduler = found.get();
    running.add(schedulerId);
    try {
      Instant now = clock.instant();
      Instant lastHandled = lastHandledWake(scheduler);
      List<Window> due =
          scheduler.schedule().dueBetween(lastHandled, now, settings.maxWindowsPerRun());
      // A window finished since the scheduler's first (which a start or a model swap moves to the
      // next one due) means its first run marked it RUNNING already: no update for every run.
      // Otherwise the first window recorded marks it, in the same transaction.
      boolean ranSinceStart = !lastHandled.isBefore(scheduler.schedule().first().wake());
      Consumer<Handle> markRunning = handle -> catalog.markRunning(handle, schedulerId);
      Consumer<Handle> alsoRecorded = ranSinceStart ? handle -> {} : markRunning;
      Instant horizon = now.minus(settings.catchUpHorizon());
      for (Window window : due) {
        if (stopRequested.test(schedulerId)) {
          break;
        }
        if (window.wake().isBefore(horizon)) {
          recordMissed(scheduler, window, now, alsoRecorded);
          alsoRecorded = handle -> {};
          continue;
        }
        Optional<ExecutionRecord> done = runWindow(scheduler, window, alsoRecorded);
        alsoRecorded = handle -> {};
        if (done.isPresent()
            && done.get().status() == ExecutionStatus.FAILED
            && failedTooOften(scheduler, done.get())) {
          return Optional.empty();
        }
      }
      // The window after the last one handled: due at once when this run stopped at its maximum.
      Window next =
          due.isEmpty()
              ? scheduler.schedule().dueBetween(lastHandled, Instant.MAX, 1).get(0)
              : scheduler.schedule().next(due.get(due.size() - 1));
      Instant wake = next.wake();
      Instant later = clock.instant();
      return Optional.of(wake.isAfter(later) ? wake : later);
    } finally {
      running.remove(schedulerId);
    }
  }

  /**
   * The scheduler's runs ended here (it stopped, was paused or is gone): the input files kept for
   * its next window are dropped.
   */
  void ended(String schedulerId) {
    recentInputs.forget(schedulerId);
  }

  /**
   * Reads the input files the scheduler's next window will reuse, ahead of its wake ({@link
   * WindowWork#readAhead}). Problems are the window's to report: this only logs them.
   */
  void readAhead(SchedulerDefinition scheduler) {
    try {
      Window next =
          scheduler.schedule().dueBetween(lastHandledWake(scheduler), Instant.MAX, 1).get(0);
      work.readAhead(scheduler, next, recentInputs);
    } catch (RuntimeException e) {
      LOG.debug("scheduler {}: reading ahead failed: {}", scheduler.name(), e.toString());
    }
  }

  /** Whether a run of the scheduler is under way on this node. */
  boolean running(String schedulerId) {
    return running.contains(schedulerId);
  }

  /**
   * When the scheduler's task should run next: the wake of its first window that is not finished,
   * or now when that wake has passed already.
   */
  Instant nextWake(SchedulerDefinition scheduler, Instant now) {
    Window next =
        scheduler.schedule().dueBetween(lastHandledWake(scheduler), Instant.MAX, 1).get(0);
    return next.wake().isAfter(now) ? next.wake() : now;
  }

  private Instant lastHandledWake(SchedulerDefinition scheduler) {
    WindowSchedule schedule = scheduler.schedule();
    Instant beforeFirst = schedule.first().wake().minusSeconds(1);
    return executions
        .lastFinishedWindowEnd(scheduler.id())
        .map(end -> end.plus(schedule.delay()))
        .filter(wake -> !wake.isBefore(beforeFirst))
        .orElse(beforeFirst);
  }

  private void recordMissed(
      SchedulerDefinition scheduler, Window window, Instant now, Consumer<Handle> alsoRecorded) {
    String reason =
        "missed: Vigil was not running when this window came due at "
            + window.wake()
            + ", and it is older than the catch-up horizon of "
            + settings.catchUpHorizon()
            + " (it was "
            + now
            + " when Vigil caught up)";
    ExecutionRecord missed =
        ExecutionRecord.inProgress(scheduler, window, now).failed(reason, true, now);
    if (!executions.insert(missed, notify(scheduler, missed, List.of()).andThen(alsoRecorded))) {
      // A crash left it IN_PROGRESS long ago: it is missed all the same.
      executions.complete(missed, ScoredWindow.NONE, notify(scheduler, missed, List.of()));
    }
    LOG.warn("scheduler {}: window {} {}", scheduler.name(), window.id(), reason);
  }

  /**
   * Runs one window unless it is finished already.
   *
   * @param alsoRecorded what else to write in the transaction that records the window IN_PROGRESS
   * @return the finished execution, empty when another run finished it
   */
  private Optional<ExecutionRecord> runWindow(
      SchedulerDefinition scheduler, Window window, Consumer<Handle> alsoRecorded) {
    Optional<ExecutionRecord> existing = executions.find(scheduler.id(), window.end());
    if (existing.isPresent() && existing.get().status() != ExecutionStatus.IN_PROGRESS) {
      return Optional.empty();
    }
    ExecutionRecord started =
        existing.orElseGet(() -> ExecutionRecord.inProgress(scheduler, window, clock.instant()));
    if (existing.isEmpty() && !executions.insert(started, alsoRecorded)) {
      return Optional.empty();
    }
    WindowWork.Done done = work.run(scheduler, window, recentInputs);
    ExecutionRecord finished = WindowWork.finished(started, done, clock.instant());
    if (done instanceof WindowWork.Failed failed) {
      LOG.warn(
          "scheduler {}: window {} failed: {}", scheduler.name(), window.id(), failed.reason());
    }
    FinishedWindow outcome = FinishedWindow.of(scheduler, finished, WindowWork.results(done));
    if (!executions.complete(
        finished, WindowWork.scored(done), handle -> listener.windowFinished(handle, outcome))) {
      return Optional.empty();
    }
    FinishedWindow onDisk = outcome.withoutResults();
    executions.afterDurable(() -> listener.windowOnDisk(onDisk, clock.instant()));
    return Optional.of(finished);
  }

  /** Tells the listeners of a finished execution, inside the transaction that records it. */
  private Consumer<Handle> notify(
      SchedulerDefinition scheduler, ExecutionRecord execution, List<StoredResult> results) {
    FinishedWindow finished = FinishedWindow.of(scheduler, execution, results);
    return handle -> listener.windowFinished(handle, finished);
  }

  /** Pauses the scheduler when its latest executions all failed. */
  private boolean failedTooOften(SchedulerDefinition scheduler, ExecutionRecord last) {
    int limit = settings.maxConsecutiveFailures();
    // Only the windows since the scheduler last (re)started count: a restart after a system pause
    // starts a new streak (a start or a model swap moves the first window to the next due one).
    List<ExecutionStatus> latest =
        executions.latestStatuses(scheduler.id(), scheduler.schedule().first().end(), limit);
    if (latest.size() < limit || latest.stream().anyMatch(s -> s != ExecutionStatus.FAILED)) {
      return false;
    }
    String reason =
        limit
            + " executions failed in a row; the last one, for the window ending "
            + last.windowEnd()
            + ", failed: "
            + last.failedReason();
    LOG.warn("scheduler {}: paused by the system: {}", scheduler.name(), reason);
    catalog.pauseBySystem(scheduler.id(), reason);
    return true;
  }
}
