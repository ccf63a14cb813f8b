package dev.vigil.config;

import java.nio.file.Path;
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
 */
public record VigilConfig(
    String bindAddress,
    int port,
    Path dataDirectory,
    DatabaseSettings database,
    ObjectStoreSettings objectStore,
    int workerThreads) {

  public VigilConfig {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(objectStore, "objectStore");
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
