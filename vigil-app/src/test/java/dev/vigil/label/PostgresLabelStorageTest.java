package dev.vigil.label;

import dev.vigil.storage.Database;
import dev.vigil.testing.TestDatabases;

/** {@link LabelStorageContract} on a real PostgreSQL server. */
class PostgresLabelStorageTest extends LabelStorageContract {
  @Override
  Database openDatabase() {
    return TestDatabases.Engine.POSTGRESQL.open();
  }
}
