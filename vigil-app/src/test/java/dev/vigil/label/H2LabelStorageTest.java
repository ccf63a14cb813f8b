package dev.vigil.label;

import dev.vigil.storage.Database;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link LabelStorageContract} on the embedded H2 database. */
class H2LabelStorageTest extends LabelStorageContract {
  @TempDir Path dataDirectory;

  @Override
  Database openDatabase() {
    return Database.open(Database.embeddedUrl(dataDirectory), "sa", "");
  }
}
