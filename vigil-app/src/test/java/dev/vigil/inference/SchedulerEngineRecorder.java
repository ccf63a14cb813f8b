package dev.vigil.inference;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A hand-written stand-in for the execution engine, which is built in parallel: it records what the
 * scheduler service asks ({@code schedule}, {@code unschedule}) and answers {@code running} as a
 * test sets it. Thread-safe.
 */
final class SchedulerEngineRecorder implements InferenceEngine {
  private final List<String> calls = new ArrayList<>();
  private final List<SchedulerDefinition> scheduled = new ArrayList<>();
  private final Set<String> running = ConcurrentHashMap.newKeySet();

  @Override
  public synchronized void schedule(SchedulerDefinition definition) {
    calls.add("schedule " + definition.name());
    scheduled.add(definition);
  }

  @Override
  public synchronized void unschedule(String schedulerId) {
    calls.add("unschedule " + schedulerId);
  }

  @Override
  public synchronized void startReplay(String replayId) {
    calls.add("replay " + replayId);
  }

  @Override
  public boolean running(String schedulerId) {
    return running.contains(schedulerId);
  }

  /** Makes {@code running} answer {@code value} for the scheduler. */
  void setRunning(String schedulerId, boolean value) {
    if (value) {
      running.add(schedulerId);
    } else {
      running.remove(schedulerId);
    }
  }

  /** Every call so far, oldest first: {@code schedule <name>} or {@code unschedule <id>}. */
  synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  /** The definitions passed to {@code schedule}, oldest first. */
  synchronized List<SchedulerDefinition> scheduled() {
    return List.copyOf(scheduled);
  }

  /** The definition of the latest {@code schedule} call. */
  synchronized SchedulerDefinition lastScheduled() {
    return scheduled.get(scheduled.size() - 1);
  }
}
