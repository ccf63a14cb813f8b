package dev.vigil.inference;

import dev.vigil.storage.Database;
import dev.vigil.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;

/** {@link SchedulerRepositoryContract} on the embedded H2 database. */
class SchedulerH2RepositoryTest extends SchedulerRepositoryContract {
  private Database database;

  @Override
  Database database() {
    if (database == null) {
      database = TestDatabases.Engine.H2.open();
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
