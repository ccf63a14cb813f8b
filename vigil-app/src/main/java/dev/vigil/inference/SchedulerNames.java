package dev.vigil.inference;

import java.util.Optional;

/**
 * Resolves the name of a scheduler, as the API spells it, to its id, as executions and results are
 * keyed. The scheduler service implements it. Implementations are thread-safe.
 */
@FunctionalInterface
public interface SchedulerNames {
  /** The id of the scheduler named {@code name}, empty when there is none. */
  Optional<String> idOf(String name);
}
