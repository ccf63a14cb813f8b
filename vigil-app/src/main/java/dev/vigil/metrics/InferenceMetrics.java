package dev.vigil.metrics;

import dev.vigil.inference.ExecutionStatus;
import dev.vigil.inference.FinishedWindow;
import dev.vigil.inference.InferenceListener;
import dev.vigil.inference.SystemPause;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Counts inference as it happens, as an {@link InferenceListener}: windows by outcome and by what
 * ran them (the schedule or a replay), the time from a scheduled window's wake to its result on
 * disk, and system pauses. It counts once the window's transaction commits, so that a window whose
 * transaction rolls back (and runs again) is counted once; it never blocks the engine.
 *
 * <p>Thread-safe: meters are.
 */
final class InferenceMetrics implements InferenceListener {
  /**
   * Buckets of wake-to-result latency: a window normally takes seconds; minutes mean a backlog,
   * hours a catch-up after an outage.
   */
  static final List<Duration> LATENCY_BUCKETS =
      List.of(
          Duration.ofSeconds(1),
          Duration.ofSeconds(2),
          Duration.ofSeconds(5),
          Duration.ofSeconds(10),
          Duration.ofSeconds(30),
          Duration.ofMinutes(1),
          Duration.ofMinutes(2),
          Duration.ofMinutes(5),
          Duration.ofMinutes(15),
          Duration.ofMinutes(30),
          Duration.ofHours(1),
          Duration.ofHours(6));

  private final Map<String, Counter> windows = new HashMap<>();
  private final Timer wakeToResult;
  private final Counter systemPauses;

  InferenceMetrics(MeterRegistry registry) {
    for (String trigger : List.of("schedule", "replay")) {
      for (String outcome : List.of("success", "failed", "missed")) {
        windows.put(
            trigger + "/" + outcome,
            Counter.builder("vigil.inference.windows")
                .description("Inference windows finished, by outcome and by what ran them")
                .tag("trigger", trigger)
                .tag("outcome", outcome)
                .register(registry));
      }
    }
    this.wakeToResult =
        Timer.builder("vigil.inference.wake.to.result")
            .description(
                "From a scheduled window's wake (its end plus the data delay offset) to its"
                    + " result recorded on disk, success or failure")
            .serviceLevelObjectives(LATENCY_BUCKETS.toArray(Duration[]::new))
            .register(registry);
    this.systemPauses =
        Counter.builder("vigil.inference.system.pauses")
            .description("Schedulers paused by the system after repeated failures")
            .register(registry);
  }

  @Override
  public void windowFinished(Handle transaction, FinishedWindow window) {
    String outcome =
        window.missed()
            ? "missed"
            : window.status() == ExecutionStatus.SUCCESS ? "success" : "failed";
    Counter counter = windows.get((window.replay() ? "replay" : "schedule") + "/" + outcome);
    transaction.afterCommit(counter::increment);
  }

  @Override
  public void windowOnDisk(FinishedWindow window, Instant onDiskAt) {
    if (window.replay() || window.missed() || window.scheduledStart() == null) {
      return;
    }
    Duration latency = Duration.between(window.scheduledStart(), onDiskAt);
    if (!latency.isNegative()) {
      wakeToResult.record(latency);
    }
  }

  @Override
  public void pausedBySystem(Handle transaction, SystemPause pause) {
    transaction.afterCommit(systemPauses::increment);
  }
}
