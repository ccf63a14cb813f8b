package dev.vigil.lookout;

import dev.vigil.storage.Database;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link LookoutStoreContract} on the embedded H2 database. */
class H2LookoutStoreTest extends LookoutStoreContract {
  @TempDir Path dataDirectory;

  @Override
  Database openDatabase() {
    return Database.open(Database.embeddedUrl(dataDirectory), "sa", "");
  }
}
