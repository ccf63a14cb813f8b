package dev.vigil.model;

import dev.vigil.dataset.DatasetUsage;
import java.util.ArrayList;
import java.util.List;

/** The models that learn from a dataset, so that it is not deleted from under them. Thread-safe. */
final class ModelDatasetUsage implements DatasetUsage {
  private final ModelRepository repository;

  ModelDatasetUsage(ModelRepository repository) {
    this.repository = repository;
  }

  @Override
  public List<String> usersOf(String datasetId) {
    List<String> users = new ArrayList<>();
    for (String name : repository.modelNamesOfDataset(datasetId)) {
      users.add("model " + name);
    }
    return users;
  }
}
