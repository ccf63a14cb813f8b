package dev.vigil.inference;

import dev.vigil.engine.model.TrainedModel;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The interval between a scheduler's data points, to count the points a replay would cover before
 * it runs. In order of trust: the model's target sampling rate (every point is resampled onto it);
 * the median interval between the scheduler's latest stored results (what its input really holds);
 * the training range divided by the rows trained on; and at worst one point per window.
 *
 * <p>Thread-safe.
 */
final class DataInterval {
  /** Stored results read to find the median interval. */
  static final int RECENT_RESULTS = 201;

  private final ModelLoader models;
  private final SchedulerModels facts;
  private final ExecutionRepository executions;

  DataInterval(ModelLoader models, SchedulerModels facts, ExecutionRepository executions) {
    this.models = models;
    this.facts = facts;
    this.executions = executions;
  }

  Duration of(InferenceScheduler scheduler) {
    return samplingRate(scheduler)
        .or(() -> recentResults(scheduler))
        .or(() -> facts.trainingInterval(scheduler.modelName()))
        .orElse(scheduler.schedule().frequency().duration());
  }

  private Optional<Duration> samplingRate(InferenceScheduler scheduler) {
    TrainedModel model;
    try {
      model = models.load(scheduler.modelName(), scheduler.modelVersion());
    } catch (RuntimeException e) {
      // The model is gone or cannot be read: the other sources still tell.
      return Optional.empty();
    }
    return model.preprocessing().targetSamplingPeriodIfSet();
  }

  private Optional<Duration> recentResults(InferenceScheduler scheduler) {
    List<Long> timestamps = executions.latestResultTimestamps(scheduler.id(), RECENT_RESULTS);
    if (timestamps.size() < 2) {
      return Optional.empty();
    }
    long[] gaps = new long[timestamps.size() - 1];
    for (int i = 1; i < timestamps.size(); i++) {
      gaps[i - 1] = Math.abs(timestamps.get(i - 1) - timestamps.get(i));
    }
    Arrays.sort(gaps);
    long median = gaps[gaps.length / 2];
    return median > 0 ? Optional.of(Duration.ofMillis(median)) : Optional.empty();
  }
}
