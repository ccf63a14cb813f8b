package dev.vigil.model;

import dev.vigil.storage.Database;
import dev.vigil.testing.TestDatabases;
import org.junit.jupiter.api.AfterEach;

/** {@link ModelRepositoryContract} on a real PostgreSQL server. */
class PostgresModelRepositoryTest extends ModelRepositoryContract {
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
