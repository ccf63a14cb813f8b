package dev.vigil.dataset;

import java.util.List;

/**
 * Who uses a dataset, so that it is not deleted from under them. Implemented by the features that
 * refer to datasets (models, later schedulers).
 */
public interface DatasetUsage {
  /**
   * Names of the resources that use the dataset, e.g. {@code model pump-7-model}; empty if none.
   */
  List<String> usersOf(String datasetId);
}
