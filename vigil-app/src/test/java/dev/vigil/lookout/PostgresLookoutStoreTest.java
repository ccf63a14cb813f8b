package dev.vigil.lookout;

import dev.vigil.storage.Database;
import dev.vigil.testing.TestDatabases;

/** {@link LookoutStoreContract} on a real PostgreSQL server. */
class PostgresLookoutStoreTest extends LookoutStoreContract {
  @Override
  Database openDatabase() {
    return TestDatabases.Engine.POSTGRESQL.open();
  }
}
