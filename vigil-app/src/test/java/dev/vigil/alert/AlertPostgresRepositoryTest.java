package dev.vigil.alert;

import dev.vigil.storage.Database;
import dev.vigil.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;

/** {@link AlertRepositoryContract} on a real PostgreSQL server. */
class AlertPostgresRepositoryTest extends AlertRepositoryContract {
  private Database database;

  @Override
  Database database() {
    if (database == null) {
      database = TestDatabases.Engine.POSTGRESQL.open();
    }
    return database;
  }

  @AfterEach
  void close() {
    if (database != null) {
      database.close();
    }
  }
}
