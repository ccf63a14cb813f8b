package dev.vigil.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.vigil.config.VigilConfig;
import dev.vigil.engine.VigilException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metadata database: a HikariCP pool, the schema brought up to date by Flyway's versioned
 * migrations ({@code db/migration}, written to run unchanged on both engines), and a Jdbi handle
 * over it. The embedded default is an H2 file in PostgreSQL mode under the data directory;
 * production uses PostgreSQL. The same SQL serves both.
 *
 * <p>Thread-safe. Close it once, after everything that uses it has stopped.
 */
public final class Database implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  /** Connections in the pool: the API, the workers and the scheduler share them. */
  static final int POOL_SIZE = 10;

  private final HikariDataSource dataSource;
  private final Jdbi jdbi;
  private final boolean postgres;

  /**
   * The least time between two background flushes ({@link #afterDurable}): windows that end within
   * it share one. Short beside H2's own write delay, and beside the seconds a window takes.
   */
  static final Duration BACKGROUND_FLUSH_INTERVAL = Duration.ofMillis(20);

  /** Flushes H2's committed transactions to its file; empty where every commit is durable. */
  private final GroupCommit groupCommit;

  /** Runs actions after a background flush; empty where every commit is durable. */
  private final DeferredFlush deferredFlush;

  private Database(HikariDataSource dataSource, boolean postgres, boolean h2) {
    this.dataSource = dataSource;
    this.postgres = postgres;
    this.jdbi = Jdbi.create(dataSource);
    // CHECKPOINT writes what H2 committed and holds in memory to its file. PostgreSQL writes each
    // commit to its log before it returns: nothing to wait for there.
    this.groupCommit =
        h2 ? new GroupCommit(() -> jdbi.useHandle(h -> h.execute("CHECKPOINT"))) : null;
    this.deferredFlush =
        h2 ? new DeferredFlush(groupCommit, BACKGROUND_FLUSH_INTERVAL, "vigil-db-flush") : null;
  }

  /** Opens the configured database and migrates its schema. */
  public static Database open(VigilConfig config) {
    VigilConfig.DatabaseSettings settings = config.database();
    if (settings.embedded()) {
      return open(embeddedUrl(config.dataDirectory()), "sa", "");
    }
    return open(settings.url(), settings.user(), settings.password());
  }

  /** The JDBC URL of the embedded database under {@code dataDirectory}. */
  public static String embeddedUrl(Path dataDirectory) {
    try {
      Files.createDirectories(dataDirectory);
    } catch (java.io.IOException e) {
      throw new VigilException(
          "cannot create data directory " + dataDirectory + ": " + e.getMessage(), e);
    }
    // WRITE_DELAY=500: H2 writes commits to its file in the background, every half second, rather
    // than each one as it returns, which cost a window more CPU than scoring it (four commits a
    // window, each rewriting the file's chunk map). What must not be lost waits for the disk with
    // makeDurable(). QUERY_CACHE_SIZE: each scheduled window runs a few dozen distinct statements
    // (Vigil's and db-scheduler's) on a pooled connection; H2's default of 8 parsed statements per
    // connection parsed most again.
    return "jdbc:h2:file:"
        + dataDirectory.toAbsolutePath().resolve("vigil")
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=500"
        + ";QUERY_CACHE_SIZE=128";
  }

  /** Opens a database by URL and migrates its schema. */
  public static Database open(String url, String user, String password) {
    HikariConfig hikari = new HikariConfig();
    hikari.setJdbcUrl(url);
    hikari.setUsername(user);
    hikari.setPassword(password);
    hikari.setMaximumPoolSize(POOL_SIZE);
    hikari.setPoolName("vigil-db");
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(hikari);
    } catch (RuntimeException e) {
      throw new VigilException(
          "cannot connect to the database at " + redact(url) + ": " + rootMessage(e), e);
    }
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations("classpath:db/migration")
          .load()
          .migrate();
    } catch (RuntimeException e) {
      dataSource.close();
      throw new VigilException(
          "cannot bring the database schema at " + redact(url) + " up to date: " + rootMessage(e),
          e);
    }
    boolean postgres = url.startsWith("jdbc:postgresql:");
    LOG.info("database ready: {} ({})", redact(url), postgres ? "PostgreSQL" : "embedded H2");
    return new Database(
        dataSource, postgres, url.startsWith("jdbc:h2:") && canCheckpoint(dataSource, url));
  }

  /**
   * Whether the H2 user may write the database to its file on demand: CHECKPOINT takes an admin,
   * which the embedded default's user is. Another user leaves commits to H2's own write delay.
   */
  private static boolean canCheckpoint(HikariDataSource dataSource, String url) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CHECKPOINT");
      return true;
    } catch (SQLException e) {
      LOG.warn(
          "the H2 user of {} cannot write the database to its file on demand ({}): commits reach"
              + " the file only with H2's write delay, so a killed process may lose the last ones",
          redact(url),
          e.getMessage());
      return false;
    }
  }

  /**
   * Returns once every transaction committed before the call is on disk, so that a crash of the
   * process, even a kill, cannot take it back. Callers that come together share one write (a group
   * commit).
   *
   * <p>On H2, commits reach the file within half a second by themselves; this is for what must be
   * there before Vigil acts on it or says it is done: a request's changes before its answer, an
   * alert before it is sent, a job's end ({@link #afterDurable} serves what need not wait in
   * place). On PostgreSQL every commit is durable when it returns, and this returns at once.
   *
   * @throws RuntimeException when the database cannot write its file
   */
  public void makeDurable() {
    if (groupCommit != null) {
      groupCommit.await();
    }
  }

  /**
   * Runs {@code action} once every transaction committed before this call is on disk, without
   * waiting for it here: on H2, after a flush in the background, shared with whatever else ends
   * within {@link #BACKGROUND_FLUSH_INTERVAL} (on a thread of its own, so {@code action} must be
   * quick); where every commit is durable already, at once, on this thread. For what needs to be
   * known durable but need not hold its thread until then: a scheduled window's record.
   *
   * <p>Should the disk refuse the write, {@code action} waits for a flush that succeeds.
   */
  public void afterDurable(Runnable action) {
    if (deferredFlush != null) {
      deferredFlush.afterFlush(action);
    } else {
      action.run();
    }
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  public boolean postgres() {
    return postgres;
  }

  public javax.sql.DataSource dataSource() {
    return dataSource;
  }

  @Override
  public void close() {
    if (deferredFlush != null) {
      deferredFlush.close();
    }
    dataSource.close();
  }

  /** A JDBC URL without any password parameter. */
  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1****");
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage();
  }
}
