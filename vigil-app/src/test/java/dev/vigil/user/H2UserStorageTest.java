package dev.vigil.user;

import dev.vigil.storage.Database;
import dev.vigil.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;

/** {@link UserStorageContract} on the embedded H2. */
class H2UserStorageTest extends UserStorageContract {
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
