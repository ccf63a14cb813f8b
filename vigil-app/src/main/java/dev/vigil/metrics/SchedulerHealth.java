package dev.vigil.metrics;

import dev.vigil.inference.ScheduledInferenceEngine;
import dev.vigil.inference.StopReason;
import dev.vigil.storage.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The health of scheduled inference, per scheduler and in total, for the portal's scheduler page
 * ({@code GET /api/v1/scheduler-health}). Read from the database, so that it is the cluster's:
 *
 * <ul>
 *   <li><b>due</b>: windows whose wake (end plus data delay offset) has passed and whose execution
 *       has not finished, those running included. Windows run in order, so they are the windows
 *       after the scheduler's last finished one, up to now; counted for PENDING and RUNNING
 *       schedulers.
 *   <li><b>running</b>: executions in progress.
 *   <li><b>late</b>: due windows whose wake is more than {@link #LATE_AFTER} ago.
 *   <li><b>failedLast24Hours</b>: executions that ended FAILED in the last 24 hours (missed windows
 *       included).
 *   <li><b>task</b>: db-scheduler's task of the scheduler ({@code scheduled_tasks}): when it is
 *       due, whether a node has picked it, and its infrastructure failures in a row. An active
 *       scheduler without one is not being run.
 * </ul>
 *
 * <p>Time is read from the injected clock. Thread-safe.
 */
public final class SchedulerHealth {
  /** A due window not finished this long after its wake is late. */
  public static final Duration LATE_AFTER = Duration.ofSeconds(60);

  /** How far back failures are counted. */
  public static final Duration FAILURES_SINCE = Duration.ofHours(24);

  private final Jdbi jdbi;
  private final Clock clock;

  public SchedulerHealth(Database database, Clock clock) {
    this.jdbi = database.jdbi();
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A scheduler's schedule, as stored. */
  private record Scheduler(
      String id,
      String name,
      String status,
      String stopReason,
      Duration frequency,
      Duration delay,
      Instant firstWindowStart) {
    boolean runsWindows() {
      return status.equals("PENDING") || status.equals("RUNNING");
    }
  }

  /** db-scheduler's task of a scheduler. */
  private record Task(Instant executionTime, boolean picked, int consecutiveFailures) {}

  /** The health now. */
  public Map<String, Object> report() {
    Instant now = clock.instant();
    Instant since = now.minus(FAILURES_SINCE);
    return jdbi.inTransaction(
        handle -> {
          Map<String, Long> lastFinished =
              perScheduler(
                  handle,
                  "SELECT scheduler_id, MAX(window_end) FROM inference_executions"
                      + " WHERE status <> 'IN_PROGRESS' GROUP BY scheduler_id",
                  null);
          Map<String, Long> running =
              perScheduler(
                  handle,
                  "SELECT scheduler_id, COUNT(*) FROM inference_executions"
                      + " WHERE status = 'IN_PROGRESS' GROUP BY scheduler_id",
                  null);
          Map<String, Long> failed =
              perScheduler(
                  handle,
                  "SELECT scheduler_id, COUNT(*) FROM inference_executions"
                      + " WHERE status = 'FAILED' AND finished_at >= :since GROUP BY scheduler_id",
                  since);
          Map<String, Task> tasks = tasks(handle);
          long totalDue = 0;
          long totalRunning = 0;
          long totalLate = 0;
          long totalFailed = 0;
          int active = 0;
          List<Map<String, Object>> schedulers = new ArrayList<>();
          for (Scheduler scheduler : schedulers(handle)) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", scheduler.name());
            json.put("status", scheduler.status());
            json.put(
                "portalStatus",
                scheduler.stopReason() == null || !scheduler.status().equals("STOPPED")
                    ? "Active"
                    : StopReason.valueOf(scheduler.stopReason()).portalLabel());
            long due = 0;
            long late = 0;
            if (scheduler.runsWindows()) {
              active++;
              Instant wake = nextWake(scheduler, lastFinished.get(scheduler.id()));
              json.put("nextWindowEnd", wake.minus(scheduler.delay()).toString());
              json.put("nextWake", wake.toString());
              due = wakesBetween(wake, now, scheduler.frequency());
              late = wakesBetween(wake, now.minus(LATE_AFTER), scheduler.frequency());
            } else {
              json.put("nextWindowEnd", null);
              json.put("nextWake", null);
            }
            long inProgress = running.getOrDefault(scheduler.id(), 0L);
            long failures = failed.getOrDefault(scheduler.id(), 0L);
            json.put("due", due);
            json.put("running", inProgress);
            json.put("late", late);
            json.put("failedLast24Hours", failures);
            Task task = tasks.get(scheduler.id());
            if (task == null) {
              json.put("task", null);
            } else {
              Map<String, Object> taskJson = new LinkedHashMap<>();
              taskJson.put("dueAt", task.executionTime().toString());
              taskJson.put("picked", task.picked());
              taskJson.put("consecutiveFailures", task.consecutiveFailures());
              json.put("task", taskJson);
            }
            schedulers.add(json);
            totalDue += due;
            totalRunning += inProgress;
            totalLate += late;
            totalFailed += failures;
          }
          Map<String, Object> total = new LinkedHashMap<>();
          total.put("schedulers", schedulers.size());
          total.put("active", active);
          total.put("due", totalDue);
          total.put("running", totalRunning);
          total.put("late", totalLate);
          total.put("failedLast24Hours", totalFailed);
          Map<String, Object> report = new LinkedHashMap<>();
          report.put("at", now.toString());
          report.put("lateAfter", LATE_AFTER.toString());
          report.put("failuresSince", since.toString());
          report.put("total", total);
          report.put("schedulers", schedulers);
          return report;
        });
  }

  /**
   * The wake of the scheduler's first window not finished: the one after its last finished window,
   * or its first window when none of its windows has finished since it last (re)started.
   */
  private static Instant nextWake(Scheduler scheduler, Long lastFinishedEnd) {
    Instant firstEnd = scheduler.firstWindowStart().plus(scheduler.frequency());
    Instant nextEnd =
        lastFinishedEnd != null && !Instant.ofEpochMilli(lastFinishedEnd).isBefore(firstEnd)
            ? Instant.ofEpochMilli(lastFinishedEnd).plus(scheduler.frequency())
            : firstEnd;
    return nextEnd.plus(scheduler.delay());
  }

  /** How many of the wakes {@code first}, {@code first + F}, ... are at or before {@code end}. */
  static long wakesBetween(Instant first, Instant end, Duration frequency) {
    if (end.isBefore(first)) {
      return 0;
    }
    return Duration.between(first, end).toMillis() / frequency.toMillis() + 1;
  }

  private static List<Scheduler> schedulers(Handle handle) {
    return handle
        .createQuery(
            "SELECT id, name, status, stop_reason, data_upload_frequency,"
                + " data_delay_offset_seconds, first_window_start FROM inference_schedulers"
                + " ORDER BY name")
        .map(
            (rs, ctx) ->
                new Scheduler(
                    rs.getString("id"),
                    rs.getString("name"),
                    rs.getString("status"),
                    rs.getString("stop_reason"),
                    Duration.parse(rs.getString("data_upload_frequency")),
                    Duration.ofSeconds(rs.getLong("data_delay_offset_seconds")),
                    Instant.ofEpochMilli(rs.getLong("first_window_start"))))
        .list();
  }

  private static Map<String, Long> perScheduler(Handle handle, String sql, Instant since) {
    var query = handle.createQuery(sql);
    if (since != null) {
      query.bind("since", since.toEpochMilli());
    }
    Map<String, Long> values = new HashMap<>();
    query
        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
        .forEach(entry -> values.put(entry.getKey(), entry.getValue()));
    return values;
  }

  private static Map<String, Task> tasks(Handle handle) {
    Map<String, Task> tasks = new HashMap<>();
    handle
        .createQuery(
            "SELECT task_instance, execution_time, picked, consecutive_failures FROM"
                + " scheduled_tasks WHERE task_name = :task")
        .bind("task", ScheduledInferenceEngine.TASK_NAME)
        .map(
            (rs, ctx) ->
                Map.entry(
                    rs.getString("task_instance"),
                    new Task(
                        rs.getObject("execution_time", OffsetDateTime.class).toInstant(),
                        rs.getBoolean("picked"),
                        rs.getInt("consecutive_failures"))))
        .forEach(entry -> tasks.put(entry.getKey(), entry.getValue()));
    return tasks;
  }
}
