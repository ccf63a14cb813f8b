package dev.vigil.dataset;

import dev.vigil.storage.Database;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link DatasetStorageContract} on the embedded H2 database. */
class H2DatasetStorageTest extends DatasetStorageContract {
  @TempDir Path dataDirectory;

  @Override
  Database openDatabase() {
    return Database.open(Database.embeddedUrl(dataDirectory), "sa", "");
  }
}
