package dev.vigil.inference;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a replay: scores the windows of its range in order with the model version it was started
 * with and the scheduler's current input and output, and replaces each scored window's results
 * (results.jsonl, the stored rows and the execution, in one transaction with the listeners). A
 * window that cannot be scored keeps its earlier results; its reason is recorded with the replay.
 *
 * <p>This is the body of the replay's db-scheduler task. Progress is recorded after each window, so
 * a replay interrupted by a crash goes on from the first window not handled when the task is
 * revived; a window redone that way is simply written again. Thread-safe.
 */
final class ReplayRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ReplayRunner.class);

  private final SchedulerCatalog catalog;
  private final ReplayRepository replays;
  private final ExecutionRepository executions;
  private final WindowWork work;
  private final Clock clock;
  private final InferenceListener listener;

  ReplayRunner(
      SchedulerCatalog catalog,
      ReplayRepository replays,
      ExecutionRepository executions,
      WindowWork work,
      Clock clock,
      InferenceListener listener) {
    this.catalog = catalog;
    this.replays = replays;
    this.executions = executions;
    this.work = work;
    this.clock = clock;
    this.listener = listener;
  }

  /** Runs the replay {@code replayId} to its end, from where it stopped if it ran before. */
  void run(String replayId) {
    Optional<Replay> found = replays.find(replayId);
    if (found.isEmpty() || found.get().status().finished()) {
      return;
    }
    Replay replay = found.get();
    Optional<SchedulerDefinition> current = catalog.find(replay.schedulerId());
    if (current.isEmpty()) {
      replays.finish(
          replayId,
          ReplayStatus.FAILED,
          "the inference scheduler was deleted before the replay ran; nothing was changed",
          clock.instant());
      return;
    }
    SchedulerDefinition scheduler = withModel(current.get(), replay);
    replays.markStarted(replayId, clock.instant());
    List<Window> windows = scheduler.schedule().covering(replay.rangeStart(), replay.rangeEnd());
    // The replay's own: its windows follow each other, and it runs beside the scheduled ones.
    RecentInputs recent = new RecentInputs();
    for (int i = replay.windowsDone(); i < windows.size(); i++) {
      Window window = windows.get(i);
      WindowWork.Done done = work.run(scheduler, window, recent);
      if (done instanceof WindowWork.Written written) {
        Instant now = clock.instant();
        ExecutionRecord execution =
            WindowWork.finished(
                ExecutionRecord.inProgress(scheduler, window, now).byReplay(replayId), done, now);
        FinishedWindow finished = FinishedWindow.of(scheduler, execution, written.results());
        executions.replaceWindow(
            execution, written.scored(), handle -> listener.windowFinished(handle, finished));
        replays.windowHandled(replayId, window.end(), written.results().size(), null);
      } else {
        String reason = ((WindowWork.Failed) done).reason();
        LOG.warn(
            "scheduler {}: replay {} could not score window {}: {}",
            scheduler.name(),
            replayId,
            window.id(),
            reason);
        replays.windowHandled(replayId, window.end(), 0, reason);
      }
    }
    finish(replayId, scheduler);
  }

  private void finish(String replayId, SchedulerDefinition scheduler) {
    Replay replay = replays.find(replayId).orElseThrow();
    int scored = replay.windowsTotal() - replay.windowsFailed();
    ReplayStatus status =
        replay.windowsFailed() == 0
            ? ReplayStatus.SUCCESS
            : scored == 0 ? ReplayStatus.FAILED : ReplayStatus.PARTIAL_SUCCESS;
    StringBuilder outcome = new StringBuilder();
    if (scored == 0) {
      outcome
          .append("no window could be scored; all ")
          .append(replay.windowsTotal())
          .append(" kept their earlier results");
    } else {
      outcome
          .append(scored)
          .append(" of ")
          .append(replay.windowsTotal())
          .append(" windows scored again (")
          .append(replay.scoredRows())
          .append(" rows) with version ")
          .append(replay.modelVersion())
          .append(" of model ")
          .append(replay.modelName())
          .append(", their earlier results replaced");
      if (replay.windowsFailed() > 0) {
        outcome
            .append("; ")
            .append(replay.windowsFailed())
            .append(" could not be scored and kept their earlier results");
      }
    }
    if (replay.windowsFailed() > 0) {
      ReplayRepository.Failure first = replays.failures(replayId).get(0);
      outcome
          .append("; the first failed window, ending ")
          .append(first.windowEnd())
          .append(": ")
          .append(first.reason());
    }
    replays.finish(replayId, status, outcome.toString(), clock.instant());
    LOG.info("scheduler {}: replay {} {}: {}", scheduler.name(), replayId, status, outcome);
  }

  /** The scheduler as the replay runs it: with the model version the replay was started with. */
  private static SchedulerDefinition withModel(SchedulerDefinition scheduler, Replay replay) {
    return new SchedulerDefinition(
        scheduler.id(),
        scheduler.name(),
        replay.modelName(),
        replay.modelVersion(),
        scheduler.schedule(),
        scheduler.inputBucket(),
        scheduler.inputPrefix(),
        scheduler.naming(),
        scheduler.outputBucket(),
        scheduler.outputPrefix());
  }
}
