package dev.vigil.model;

import dev.vigil.storage.Database;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** {@link ModelRepositoryContract} on the embedded H2 database. */
class H2ModelRepositoryTest extends ModelRepositoryContract {
  @TempDir Path directory;

  private Database database;

  @Override
  Database database() {
    if (database == null) {
      database = Database.open(Database.embeddedUrl(directory), "sa", "");
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
