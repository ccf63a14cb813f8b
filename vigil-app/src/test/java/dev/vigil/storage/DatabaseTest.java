package dev.vigil.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.config.ConfigLoader;
import dev.vigil.config.VigilConfig;
import dev.vigil.engine.VigilException;
import dev.vigil.testing.LogCapture;
import dev.vigil.testing.TestDatabases;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DatabaseTest {
  private static final String ENGINES = "dev.vigil.testing.TestDatabases#engines";

  @ParameterizedTest
  @MethodSource(ENGINES)
  void migrationsBringANewDatabaseUpToDate(TestDatabases.Engine engine) {
    try (Database database = engine.open()) {
      assertThat(database.postgres()).isEqualTo(engine == TestDatabases.Engine.POSTGRESQL);
      assertThat(failedMigrations(database)).isZero();
      assertThat(appliedMigrations(database)).contains("0.1");
      List<String> createdBy =
          query(database, "SELECT created_by_version FROM vigil_installation WHERE id = 1");
      assertThat(createdBy).containsExactly("0.1.0");
    }
  }

  @ParameterizedTest
  @MethodSource(ENGINES)
  void reopeningAnUpToDateDatabaseChangesNothing(TestDatabases.Engine engine) {
    TestDatabases.Coordinates coordinates = engine.newDatabase();
    List<String> applied;
    try (Database first = coordinates.open()) {
      applied = appliedMigrations(first);
    }
    try (Database again = coordinates.open()) {
      assertThat(appliedMigrations(again)).isEqualTo(applied);
      assertThat(failedMigrations(again)).isZero();
      List<String> installations = query(again, "SELECT COUNT(*) FROM vigil_installation");
      assertThat(installations).containsExactly("1");
    }
  }

  @Test
  void anUnreachableDatabaseIsNamedWithoutItsPassword() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String url = "jdbc:postgresql://localhost:" + closedPort + "/vigil?password=hunter2";

    assertThatThrownBy(() -> Database.open(url, "vigil", "hunter2"))
        .isInstanceOf(VigilException.class)
        .hasMessageStartingWith(
            "cannot connect to the database at jdbc:postgresql://localhost:"
                + closedPort
                + "/vigil?password=****: ")
        .message()
        .doesNotContain("hunter2");
  }

  @Test
  void theEmbeddedDatabaseIsAFileUnderTheDataDirectory(@TempDir Path dataDirectory) {
    VigilConfig config =
        ConfigLoader.load(null, Map.of(), Map.of("data.dir", dataDirectory.toString()));

    try (Database database = Database.open(config)) {
      assertThat(database.postgres()).isFalse();
    }

    assertThat(dataDirectory.resolve("vigil.mv.db")).isRegularFile();
    assertThat(Database.embeddedUrl(dataDirectory))
        .startsWith("jdbc:h2:file:" + dataDirectory.toAbsolutePath().resolve("vigil") + ";");
  }

  @Test
  void aCommitMadeDurableIsInTheFileAKilledProcessLeaves(
      @TempDir Path dataDirectory, @TempDir Path afterKill) {
    try (Database database = Database.open(Database.embeddedUrl(dataDirectory), "sa", "")) {
      database.jdbi().useHandle(h -> h.execute("CREATE TABLE marks (id INT PRIMARY KEY)"));
      database.jdbi().useHandle(h -> h.execute("INSERT INTO marks VALUES (1), (2)"));

      database.makeDurable();

      // What a kill -9 leaves is the file as it is now: open a copy of it, the process still up.
      try (Database image = TestDatabases.afterKill(dataDirectory, afterKill)) {
        assertThat(query(image, "SELECT COUNT(*) FROM marks")).containsExactly("2");
      }
    }
  }

  @Test
  void anH2UserWhoMayNotCheckpointStillWritesAndIsWarnedOnce(@TempDir Path dataDirectory) {
    String url = Database.embeddedUrl(dataDirectory);
    try (Database admin = Database.open(url, "sa", "")) {
      admin.jdbi().useHandle(h -> h.execute("CREATE USER plant PASSWORD 'secret'"));
      admin.jdbi().useHandle(h -> h.execute("CREATE TABLE marks (id INT PRIMARY KEY)"));
      admin.jdbi().useHandle(h -> h.execute("GRANT SELECT, INSERT ON marks TO plant"));
      admin.jdbi().useHandle(h -> h.execute("GRANT SELECT ON flyway_schema_history TO plant"));
      try (LogCapture log = new LogCapture();
          // The embedded URL's settings take an admin too: a user's own H2 URL without them.
          Database plant =
              Database.open(
                  "jdbc:h2:file:" + dataDirectory.toAbsolutePath().resolve("vigil"),
                  "plant",
                  "secret")) {
        plant.jdbi().useHandle(h -> h.execute("INSERT INTO marks VALUES (1)"));

        plant.makeDurable();

        assertThat(query(plant, "SELECT COUNT(*) FROM marks")).containsExactly("1");
        assertThat(log.text()).contains("cannot write the database to its file on demand");
      }
    }
  }

  @ParameterizedTest
  @MethodSource(ENGINES)
  void makingDurableWorksOnBothEnginesAndKeepsEveryCommit(TestDatabases.Engine engine) {
    try (Database database = engine.open()) {
      database.jdbi().useHandle(h -> h.execute("CREATE TABLE marks (id INT PRIMARY KEY)"));
      database.jdbi().useHandle(h -> h.execute("INSERT INTO marks VALUES (1)"));

      database.makeDurable();
      database.makeDurable();

      assertThat(query(database, "SELECT COUNT(*) FROM marks")).containsExactly("1");
    }
  }

  @Test
  void theDataDirectoryIsCreatedWhenMissing(@TempDir Path parent) {
    Path dataDirectory = parent.resolve("not").resolve("yet");

    Database.embeddedUrl(dataDirectory);

    assertThat(Files.isDirectory(dataDirectory)).isTrue();
  }

  private static List<String> appliedMigrations(Database database) {
    return query(
        database,
        "SELECT version FROM flyway_schema_history WHERE version IS NOT NULL"
            + " ORDER BY installed_rank");
  }

  private static int failedMigrations(Database database) {
    return Integer.parseInt(
        query(database, "SELECT COUNT(*) FROM flyway_schema_history WHERE NOT success").get(0));
  }

  /** The first column of every row, as text. */
  private static List<String> query(Database database, String sql) {
    try (Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (rows.next()) {
        values.add(rows.getString(1));
      }
      return values;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
