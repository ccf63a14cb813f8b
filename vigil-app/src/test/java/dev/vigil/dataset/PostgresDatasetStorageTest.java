package dev.vigil.dataset;

import dev.vigil.storage.Database;
import dev.vigil.testing.TestDatabases;

/** {@link DatasetStorageContract} on a real PostgreSQL server. */
class PostgresDatasetStorageTest extends DatasetStorageContract {
  @Override
  Database openDatabase() {
    return TestDatabases.Engine.POSTGRESQL.open();
  }
}
