package dev.vigil.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.vigil.config.VigilConfig;
import dev.vigil.engine.VigilException;
import java.nio.file.Files;
import java.nio.file.Path;
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

  private Database(HikariDataSource dataSource, boolean postgres) {
    this.dataSource = dataSource;
    this.postgres = postgres;
    this.jdbi = Jdbi.create(dataSource);
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
    // WRITE_DELAY=0: a commit is on disk before a window counts as done. QUERY_CACHE_SIZE: each
    // scheduled window runs a few dozen distinct statements (Vigil's and db-scheduler's) on a
    // pooled connection; H2's default of 8 parsed statements per connection parsed most again.
    return "jdbc:h2:file:"
        + dataDirectory.toAbsolutePath().resolve("vigil")
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0"
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
    return new Database(dataSource, postgres);
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
