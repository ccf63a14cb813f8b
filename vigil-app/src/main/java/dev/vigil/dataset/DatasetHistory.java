package dev.vigil.dataset;

import dev.vigil.engine.data.SensorTable;

/**
 * Read access to the sensor history ingested into datasets: what training and evaluation read.
 * Implemented by the dataset feature; used by the model feature.
 *
 * <p>Implementations are thread-safe.
 */
public interface DatasetHistory {
  /**
   * What a dataset holds.
   *
   * @throws dev.vigil.request.NotFoundException when there is no such dataset
   */
  DatasetInfo info(String datasetName);

  /**
   * The active ingested rows of a dataset with timestamps in {@code [fromMillis, toMillis)}: one
   * column per sensor of the schema, named {@code component\sensor}, in schema order, components
   * aligned on the union of their timestamps with NaN where a component has no row.
   */
  SensorTable read(String datasetName, long fromMillis, long toMillis);
}
