package dev.vigil.hook;

import dev.vigil.storage.Database;
import dev.vigil.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;

/** {@link HookRepositoryContract} on the embedded H2 database. */
class HookH2RepositoryTest extends HookRepositoryContract {
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
