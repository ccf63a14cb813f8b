package dev.vigil.inference;

import static dev.vigil.request.RequiredFields.required;

import dev.vigil.model.ModelService;
import dev.vigil.request.ConflictException;
import dev.vigil.request.InvalidRequestException;
import dev.vigil.request.NotFoundException;
import dev.vigil.storage.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays, as users ask for them: re-run a scheduler over a past range {@code [start, end)} with
 * its current settings, overwriting the results of that range. The range is widened to the whole
 * windows that cover it, which are what is scored and overwritten. A replay is refused when it
 * would cover more data points than the limit ({@link EngineSettings#maxReplayPoints}), when its
 * windows have not come due yet, and while another replay of the same scheduler runs. An accepted
 * replay runs in the background on the execution engine; its progress and outcome are read here.
 *
 * <p>Thread-safe.
 */
public final class ReplayService {
  private static final Logger LOG = LoggerFactory.getLogger(ReplayService.class);

  /** Failed windows listed in a replay's description; the count says how many there are. */
  static final int FAILURES_SHOWN = 20;

  private final SchedulerRepository schedulers;
  private final ReplayRepository replays;
  private final ExecutionRepository executions;
  private final DataInterval intervals;
  private final EngineSettings settings;
  private final InferenceEngine engine;
  private final Clock clock;

  ReplayService(
      SchedulerRepository schedulers,
      ReplayRepository replays,
      ExecutionRepository executions,
      DataInterval intervals,
      EngineSettings settings,
      InferenceEngine engine,
      Clock clock) {
    this.schedulers = schedulers;
    this.replays = replays;
    this.executions = executions;
    this.intervals = intervals;
    this.settings = settings;
    this.engine = engine;
    this.clock = clock;
  }

  /** The service over the metadata database, starting replays on {@code engine}. */
  static ReplayService create(
      Database database,
      ModelService models,
      EngineSettings settings,
      InferenceEngine engine,
      Clock clock) {
    ExecutionRepository executions = new ExecutionRepository(database);
    return new ReplayService(
        new SchedulerRepository(database),
        new ReplayRepository(database),
        executions,
        new DataInterval(models::load, new SchedulerModels(models), executions),
        settings,
        engine,
        clock);
  }

  /**
   * What a replay of {@code [start, end)} would cover, without starting it: the windows, the data
   * points estimated, the limit, and whether it would be accepted (with the reason when not).
   */
  public Map<String, Object> estimate(String schedulerName, String start, String end) {
    InferenceScheduler scheduler = scheduler(schedulerName);
    Plan plan = plan(scheduler, start, end);
    Map<String, Object> json = plan.json();
    json.put("maxDataPoints", settings.maxReplayPoints());
    try {
      check(scheduler, plan);
      json.put("allowed", true);
    } catch (InvalidRequestException | ConflictException e) {
      json.put("allowed", false);
      json.put("reason", e.getMessage());
    }
    return json;
  }

  /** Starts a replay; answers it (PENDING). */
  public Map<String, Object> start(String schedulerName, SchedulerBodies.Replay body) {
    InferenceScheduler scheduler = scheduler(schedulerName);
    Plan plan = plan(scheduler, required(body.start, "start"), required(body.end, "end"));
    check(scheduler, plan);
    Instant now = clock.instant();
    Replay replay =
        new Replay(
            UUID.randomUUID().toString(),
            scheduler.id(),
            plan.requestedStart,
            plan.requestedEnd,
            plan.start(),
            plan.end(),
            scheduler.modelName(),
            scheduler.modelVersion(),
            plan.points,
            ReplayStatus.PENDING,
            plan.windows.size(),
            0,
            0,
            0,
            null,
            now,
            null,
            null);
    if (!replays.insert(replay)) {
      throw busy(scheduler);
    }
    engine.startReplay(replay.id());
    LOG.info(
        "inference scheduler {}: replay {} of [{}, {}) started ({} windows, about {} points)",
        scheduler.name(),
        replay.id(),
        plan.start(),
        plan.end(),
        plan.windows.size(),
        plan.points);
    return json(scheduler, replay, false);
  }

  /** {@code {"replays": [...]}}: the replays of a scheduler, latest first. */
  public Map<String, Object> list(String schedulerName) {
    InferenceScheduler scheduler = scheduler(schedulerName);
    List<Map<String, Object>> list = new ArrayList<>();
    for (Replay replay : replays.list(scheduler.id())) {
      list.add(json(scheduler, replay, false));
    }
    return Map.of("replays", list);
  }

  /** One replay, with the windows it could not score. */
  public Map<String, Object> describe(String schedulerName, String replayId) {
    InferenceScheduler scheduler = scheduler(schedulerName);
    Replay replay =
        replays
            .find(replayId)
            .filter(r -> r.schedulerId().equals(scheduler.id()))
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "inference scheduler '"
                            + schedulerName
                            + "' has no replay '"
                            + replayId
                            + "'"));
    return json(scheduler, replay, true);
  }

  /** The replay of the scheduler that has not ended, as the scheduler's description shows it. */
  Optional<Map<String, Object>> running(InferenceScheduler scheduler) {
    return replays.running(scheduler.id()).map(replay -> json(scheduler, replay, false));
  }

  /** The windows, points and limits of a replay of {@code [start, end)}. */
  private Plan plan(InferenceScheduler scheduler, String start, String end) {
    Instant from = instant("start", start);
    Instant to = instant("end", end);
    if (!from.isBefore(to)) {
      throw new InvalidRequestException(
          "end", "end (" + to + ") must be after start (" + from + ")");
    }
    List<Window> windows = scheduler.schedule().covering(from, to);
    Duration interval = intervals.of(scheduler);
    Duration covered =
        Duration.between(windows.get(0).start(), windows.get(windows.size() - 1).end());
    long points = Math.max(1, ceilDiv(covered.toMillis(), interval.toMillis()));
    return new Plan(from, to, windows, interval, (int) Math.min(points, Integer.MAX_VALUE));
  }

  /** Refuses a replay that is too large, not due, or overlaps a scheduled run in flight. */
  private void check(InferenceScheduler scheduler, Plan plan) {
    if (scheduler.status() == SchedulerStatus.STOPPING) {
      throw new ConflictException(
          "inference scheduler '"
              + scheduler.name()
              + "' is stopping: wait until its execution in flight has finished");
    }
    if (plan.points > settings.maxReplayPoints()) {
      throw new InvalidRequestException(
          "end",
          "the replay of ["
              + plan.start()
              + ", "
              + plan.end()
              + ") covers about "
              + plan.points
              + " data points ("
              + plan.windows.size()
              + " windows of "
              + scheduler.schedule().frequency()
              + ", one point every "
              + plan.interval
              + "); a replay covers at most "
              + settings.maxReplayPoints()
              + " (setting inference.replay-max-points): choose a shorter range");
    }
    Instant now = clock.instant();
    Window last = plan.windows.get(plan.windows.size() - 1);
    if (last.wake().isAfter(now)) {
      throw new InvalidRequestException(
          "end",
          "the window ending "
              + last.end()
              + " has not come due yet (it wakes at "
              + last.wake()
              + "): a replay covers past windows only, so end it by "
              + scheduler.schedule().latestWokenBy(now).end());
    }
    if (scheduler.status() != SchedulerStatus.STOPPED) {
      // The schedule is still to run the windows after its latest finished one: a replay of them
      // would race it.
      Optional<Instant> lastRun = executions.lastFinishedWindowEnd(scheduler.id());
      if (lastRun.isEmpty() || last.end().isAfter(lastRun.get())) {
        throw new InvalidRequestException(
            "end",
            "inference scheduler '"
                + scheduler.name()
                + "' "
                + lastRun
                    .map(end -> "has run the windows up to " + end + " only")
                    .orElse("has not run any window yet")
                + ": the schedule runs the later ones; replay a range that ends by then, or stop"
                + " the scheduler first");
      }
    }
    replays
        .running(scheduler.id())
        .ifPresent(
            running -> {
              throw busy(scheduler);
            });
  }

  private ConflictException busy(InferenceScheduler scheduler) {
    String detail =
        replays
            .running(scheduler.id())
            .map(
                replay ->
                    " ("
                        + replay.id()
                        + ", "
                        + replay.windowsDone()
                        + " of "
                        + replay.windowsTotal()
                        + " windows done)")
            .orElse("");
    return new ConflictException(
        "a replay of inference scheduler '"
            + scheduler.name()
            + "' is running"
            + detail
            + ": one replay per scheduler at a time; wait until it ends");
  }

  private Map<String, Object> json(InferenceScheduler scheduler, Replay replay, boolean detailed) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", replay.id());
    json.put("schedulerName", scheduler.name());
    json.put("status", replay.status().name());
    json.put("requestedStart", replay.requestedStart().toString());
    json.put("requestedEnd", replay.requestedEnd().toString());
    json.put("start", replay.rangeStart().toString());
    json.put("end", replay.rangeEnd().toString());
    json.put("modelName", replay.modelName());
    json.put("modelVersion", replay.modelVersion());
    json.put("estimatedDataPoints", replay.estimatedPoints());
    Map<String, Object> windows = new LinkedHashMap<>();
    windows.put("total", replay.windowsTotal());
    windows.put("done", replay.windowsDone());
    windows.put("failed", replay.windowsFailed());
    json.put("windows", windows);
    json.put(
        "progress",
        replay.windowsTotal() == 0 ? 1.0 : (double) replay.windowsDone() / replay.windowsTotal());
    json.put("scoredRows", replay.scoredRows());
    if (replay.outcome() != null) {
      json.put("outcome", replay.outcome());
    }
    if (detailed) {
      List<Map<String, Object>> failures = new ArrayList<>();
      for (ReplayRepository.Failure failure : replays.failures(replay.id())) {
        if (failures.size() == FAILURES_SHOWN) {
          break;
        }
        failures.add(
            Map.of("windowEnd", failure.windowEnd().toString(), "reason", failure.reason()));
      }
      json.put("failedWindows", failures);
    }
    json.put("createdAt", replay.createdAt().toString());
    if (replay.startedAt() != null) {
      json.put("startedAt", replay.startedAt().toString());
    }
    if (replay.finishedAt() != null) {
      json.put("finishedAt", replay.finishedAt().toString());
    }
    return json;
  }

  private InferenceScheduler scheduler(String name) {
    return schedulers.existing(name);
  }

  private static Instant instant(String field, String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidRequestException(field, field + " is required");
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidRequestException(
          field, field + " '" + text + "' is not an ISO-8601 instant such as 2026-01-01T10:00:00Z");
    }
  }

  private static long ceilDiv(long dividend, long divisor) {
    return -Math.floorDiv(-dividend, divisor);
  }

  /**
   * A replay as planned: the range asked for, the windows that cover it, the interval between data
   * points and the points estimated.
   */
  private record Plan(
      Instant requestedStart,
      Instant requestedEnd,
      List<Window> windows,
      Duration interval,
      int points) {
    Instant start() {
      return windows.get(0).start();
    }

    Instant end() {
      return windows.get(windows.size() - 1).end();
    }

    Map<String, Object> json() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("requestedStart", requestedStart.toString());
      json.put("requestedEnd", requestedEnd.toString());
      json.put("start", start().toString());
      json.put("end", end().toString());
      json.put("windows", windows.size());
      json.put("dataInterval", interval.toString());
      json.put("estimatedDataPoints", points);
      return json;
    }
  }
}
