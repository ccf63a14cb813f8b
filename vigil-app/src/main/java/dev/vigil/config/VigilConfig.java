package dev.vigil.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Vigil's configuration, read once at start-up by {@link ConfigLoader}, validated there, and then
 * never changed. Secrets are masked by {@link #toString()}.
 *
 * @param bindAddress the address the HTTP server listens on
 * @param port the HTTP port; 0 picks a free one (tests)
 * @param dataDirectory where the embedded database file and the folder object store live
 * @param database metadata database
 * @param objectStore where input and output objects live
 * @param workerThreads threads that run ingestion and training jobs
 * @param inference settings of scheduled inference
 */
public record VigilConfig(
    String bindAddress,
    int port,
    Path dataDirectory,
    DatabaseSettings database,
    ObjectStoreSettings objectStore,
    int workerThreads,
    InferenceSettings inference) {

  public VigilConfig {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(objectStore, "objectStore");
    Objects.requireNonNull(inference, "inference");
  }

  /** A configuration with the default inference settings. */
  public VigilConfig(
      String bindAddress,
      int port,
      Path dataDirectory,
      DatabaseSettings database,
      ObjectStoreSettings objectStore,
      int workerThreads) {
    this(
        bindAddress,
        port,
        dataDirectory,
        database,
        objectStore,
        workerThreads,
        InferenceSettings.DEFAULTS);
  }

  /**
   * Scheduled inference.
   *
   * @param catchUpHorizon after a restart, windows that came due longer ago than this are recorded
   *     as missed rather than run
   * @param maxConsecutiveFailures this many failed executions in a row pause a scheduler
   * @param replayMaxPoints the most data points one replay may cover
   * @param threads windows scored at the same time on this node
   */
  public record InferenceSettings(
      Duration catchUpHorizon, int maxConsecutiveFailures, int replayMaxPoints, int threads) {
    /** A day, 5 failures (as Lookout), 2000 points (as Metrics Advisor), 4 threads. */
    public static final InferenceSettings DEFAULTS =
        new InferenceSettings(Duration.ofHours(24), 5, 2000, 4);

    public InferenceSettings {
      Objects.requireNonNull(catchUpHorizon, "catchUpHorizon");
    }
  }

  /**
   * The metadata database. An empty URL means the embedded database file under the data directory.
   */
  public record DatabaseSettings(String url, String user, String password) {
    public DatabaseSettings {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
    }

    public boolean embedded() {
      return url.isEmpty();
    }

    @Override
    public String toString() {
      return "DatabaseSettings[url="
          + (embedded() ? "(embedded)" : url)
          + ", user="
          + user
          + ", password="
          + ConfigLoader.mask(password)
          + "]";
    }
  }

  /**
   * The object store: {@code folder} (buckets are folders under {@code <data-dir>/objects}) or
   * {@code s3} (any S3-compatible store).
   */
  public record ObjectStoreSettings(
      String type,
      String endpoint,
      String region,
      boolean pathStyleAccess,
      String accessKeyId,
      String secretAccessKey) {
    public ObjectStoreSettings {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(endpoint, "endpoint");
      Objects.requireNonNull(region, "region");
      Objects.requireNonNull(accessKeyId, "accessKeyId");
      Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    public boolean s3() {
      return type.equals("s3");
    }

    @Override
    public String toString() {
      return "ObjectStoreSettings[type="
          + type
          + (s3()
              ? ", endpoint="
                  + endpoint
                  + ", region="
                  + region
                  + ", pathStyleAccess="
                  + pathStyleAccess
                  + ", accessKeyId="
                  + accessKeyId
                  + ", secretAccessKey="
                  + ConfigLoader.mask(secretAccessKey)
              : "")
          + "]";
    }
  }

  /** Where the folder object store keeps its buckets. */
  public Path objectsDirectory() {
    return dataDirectory.resolve("objects");
  }
}
