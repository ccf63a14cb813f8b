package dev.vigil.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
 * @param alerts alert links and deliveries
 * @param lookout the Lookout for Equipment compatible endpoint
 * @param security users and sign-in
 * @param metrics the Prometheus endpoint
 */
public record VigilConfig(
    String bindAddress,
    int port,
    Path dataDirectory,
    DatabaseSettings database,
    ObjectStoreSettings objectStore,
    int workerThreads,
    InferenceSettings inference,
    AlertSettings alerts,
    LookoutSettings lookout,
    SecuritySettings security,
    MetricsSettings metrics) {

  public VigilConfig {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(objectStore, "objectStore");
    Objects.requireNonNull(inference, "inference");
    Objects.requireNonNull(alerts, "alerts");
    Objects.requireNonNull(lookout, "lookout");
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(metrics, "metrics");
  }

  /**
   * A configuration with the default inference settings, alert settings for its address, the
   * Lookout-compatible endpoint's defaults, no configured admin and the metrics defaults for its
   * address.
   */
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
        InferenceSettings.DEFAULTS,
        AlertSettings.defaults(bindAddress, port),
        LookoutSettings.DEFAULTS,
        SecuritySettings.DEFAULTS,
        MetricsSettings.defaults(bindAddress));
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
   * Alerts.
   *
   * @param publicUrl Vigil's address as receivers of alerts reach it, without a trailing slash: the
   *     links in alerts start with it
   * @param retryHorizon how long a delivery is retried before it is given up
   * @param deliveryThreads threads that deliver alerts, per node; one hook is served by one thread
   *     at a time, so a hanging hook holds back no other
   */
  public record AlertSettings(String publicUrl, Duration retryHorizon, int deliveryThreads) {
    /** A day of retries: a receiver down over a night still gets every alert. */
    public static final Duration DEFAULT_RETRY_HORIZON = Duration.ofHours(24);

    /** Threads that deliver alerts, per node. */
    public static final int DEFAULT_DELIVERY_THREADS = 4;

    public AlertSettings {
      Objects.requireNonNull(publicUrl, "publicUrl");
      Objects.requireNonNull(retryHorizon, "retryHorizon");
      while (publicUrl.endsWith("/")) {
        publicUrl = publicUrl.substring(0, publicUrl.length() - 1);
      }
      if (retryHorizon.isNegative() || retryHorizon.isZero()) {
        throw new IllegalArgumentException("retry horizon must be positive, got " + retryHorizon);
      }
      if (deliveryThreads < 1) {
        throw new IllegalArgumentException(
            "delivery threads must be at least 1, got " + deliveryThreads);
      }
    }

    /** The defaults for a server listening on {@code bindAddress} and {@code port}. */
    public static AlertSettings defaults(String bindAddress, int port) {
      return new AlertSettings(
          defaultPublicUrl(bindAddress, port), DEFAULT_RETRY_HORIZON, DEFAULT_DELIVERY_THREADS);
    }

    /** {@code http://<bind>:<port>}, with an IPv6 address in brackets. */
    public static String defaultPublicUrl(String bindAddress, int port) {
      String host = bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
      return "http://" + host + ":" + port;
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

  /**
   * The Lookout for Equipment compatible endpoint ({@code POST /}, AWS JSON 1.0).
   *
   * @param enabled whether the endpoint answers at all
   * @param region the region written into ARNs
   * @param accountId the 12-digit account written into ARNs
   * @param accessKeys the keys whose SigV4 signatures are accepted; empty means development mode
   *     (any signature is accepted), which {@link ConfigLoader} allows only on a loopback address
   */
  public record LookoutSettings(
      boolean enabled, String region, String accountId, List<AccessKey> accessKeys) {
    /** Enabled, {@code us-east-1}, account {@code 000000000000}, no keys. */
    public static final LookoutSettings DEFAULTS =
        new LookoutSettings(
            true,
            ConfigLoader.DEFAULT_LOOKOUT_REGION,
            ConfigLoader.DEFAULT_LOOKOUT_ACCOUNT,
            List.of());

    public LookoutSettings {
      Objects.requireNonNull(region, "region");
      Objects.requireNonNull(accountId, "accountId");
      accessKeys = List.copyOf(accessKeys);
    }

    /** Whether any signature is accepted: no access key is configured. */
    public boolean developmentMode() {
      return accessKeys.isEmpty();
    }
  }

  /**
   * An access key of the Lookout-compatible endpoint. Its {@link #toString()} masks the secret.
   *
   * @param keyId what clients send as their access key id
   * @param secret the secret access key that signatures are checked against
   * @param principal who the key stands for, as logs name the caller
   */
  public record AccessKey(String keyId, String secret, String principal) {
    public AccessKey {
      Objects.requireNonNull(keyId, "keyId");
      Objects.requireNonNull(secret, "secret");
      Objects.requireNonNull(principal, "principal");
    }

    @Override
    public String toString() {
      return keyId + " (" + principal + ", secret " + ConfigLoader.mask(secret) + ")";
    }
  }

  /**
   * Users and sign-in.
   *
   * @param adminUser a user made an admin at each start-up, with {@code adminPasswordHash}; empty
   *     for none
   * @param adminPasswordHash the bcrypt hash of that user's password ({@code vigil user
   *     hash-password} makes one); masked by {@link #toString()}
   * @param sessionDuration how long a portal session lasts after sign-in
   * @param passwordHashCost bcrypt's cost for the password hashes Vigil makes
   */
  public record SecuritySettings(
      String adminUser, String adminPasswordHash, Duration sessionDuration, int passwordHashCost) {
    /** No configured admin, 12-hour sessions, bcrypt cost 12. */
    public static final SecuritySettings DEFAULTS =
        new SecuritySettings("", "", Duration.ofHours(12), 12);

    public SecuritySettings {
      Objects.requireNonNull(adminUser, "adminUser");
      Objects.requireNonNull(adminPasswordHash, "adminPasswordHash");
      Objects.requireNonNull(sessionDuration, "sessionDuration");
    }

    /** Whether the configuration names an admin. */
    public boolean configuredAdmin() {
      return !adminUser.isEmpty();
    }

    @Override
    public String toString() {
      return "SecuritySettings[adminUser="
          + (adminUser.isEmpty() ? "(none)" : adminUser)
          + ", adminPasswordHash="
          + ConfigLoader.mask(adminPasswordHash)
          + ", sessionDuration="
          + sessionDuration
          + ", passwordHashCost="
          + passwordHashCost
          + "]";
    }
  }

  /**
   * The Prometheus endpoint, {@code GET /metrics}.
   *
   * @param publicEndpoint whether it answers without credentials; otherwise a viewer's API token is
   *     needed
   */
  public record MetricsSettings(boolean publicEndpoint) {
    /** Public on a loopback address only: elsewhere metrics say too much to strangers. */
    public static MetricsSettings defaults(String bindAddress) {
      return new MetricsSettings(ConfigLoader.isLoopback(bindAddress));
    }
  }

  /** Where the folder object store keeps its buckets. */
  public Path objectsDirectory() {
    return dataDirectory.resolve("objects");
  }
}
