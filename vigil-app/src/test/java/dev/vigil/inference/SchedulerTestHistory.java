package dev.vigil.inference;

import dev.vigil.dataset.DatasetHistory;
import dev.vigil.dataset.DatasetInfo;
import dev.vigil.engine.data.SensorTable;
import dev.vigil.request.NotFoundException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for the dataset feature, so that tests train real models without ingesting files:
 * datasets held in memory as whole tables (from the engine's synthetic plant), read by time range
 * as the real history reads them. Thread-safe.
 */
final class SchedulerTestHistory implements DatasetHistory {
  private final Map<String, SensorTable> tables = new ConcurrentHashMap<>();

  void add(String name, SensorTable table) {
    tables.put(name, table);
  }

  @Override
  public DatasetInfo info(String datasetName) {
    SensorTable table = table(datasetName);
    boolean hasData = table.rowCount() > 0;
    return new DatasetInfo(
        "id-" + datasetName,
        datasetName,
        table.sensorNames(),
        hasData,
        hasData ? table.timestamp(0) : 0,
        hasData ? table.timestamp(table.rowCount() - 1) : 0);
  }

  @Override
  public SensorTable read(String datasetName, long fromMillis, long toMillis) {
    SensorTable table = table(datasetName);
    return table.rows(table.firstRowAtOrAfter(fromMillis), table.firstRowAtOrAfter(toMillis));
  }

  private SensorTable table(String datasetName) {
    SensorTable table = tables.get(datasetName);
    if (table == null) {
      throw new NotFoundException("no dataset named " + datasetName);
    }
    return table;
  }
}
