package dev.vigil.inference;

import dev.vigil.engine.model.TrainedModel;

/**
 * Loads the trained model of a model version for the execution engine. The server adapts the model
 * service to it; tests give a model trained in memory. Implementations are thread-safe and may
 * cache.
 */
@FunctionalInterface
public interface ModelLoader {
  /**
   * The model of version {@code version} of model {@code modelName}.
   *
   * @throws RuntimeException with a message naming the model and version when it cannot be loaded
   *     (the window then fails with that message)
   */
  TrainedModel load(String modelName, int version);
}
