package dev.vigil.config;

import dev.vigil.engine.VigilException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads {@link VigilConfig} from, in increasing precedence: the defaults, a properties file ({@code
 * --config FILE}), environment variables ({@code VIGIL_DATABASE_URL} for {@code database.url}, and
 * so on) and command-line options. Every value is validated in {@link #load}; all problems are
 * reported at once, each naming its key.
 *
 * <p>Keys: {@code server.bind}, {@code server.port}, {@code data.dir}, {@code database.url}, {@code
 * database.user}, {@code database.password}, {@code objectstore.type} ({@code folder} or {@code
 * s3}), {@code objectstore.endpoint}, {@code objectstore.region}, {@code objectstore.path-style},
 * {@code objectstore.access-key-id}, {@code objectstore.secret-access-key}, {@code workers}, {@code
 * inference.catch-up-horizon}, {@code inference.max-consecutive-failures}, {@code
 * inference.replay-max-points}, {@code inference.threads}, {@code alerts.public-url}, {@code
 * alerts.retry-horizon}, {@code alerts.delivery-threads}.
 *
 * <p>Stateless and thread-safe.
 */
public final class ConfigLoader {
  /** Listen on loopback only unless told otherwise: safe for a first start. */
  public static final String DEFAULT_BIND = "127.0.0.1";

  /** The port of the README's examples. */
  public static final int DEFAULT_PORT = 8080;

  /** The data directory, relative to where Vigil starts. */
  public static final String DEFAULT_DATA_DIR = "vigil-data";

  /** Threads for ingestion and training: one per core leaves the API responsive on two cores. */
  public static final int DEFAULT_WORKERS =
      Math.max(1, Runtime.getRuntime().availableProcessors() - 1);

  static final Set<String> KEYS =
      Set.of(
          "server.bind",
          "server.port",
          "data.dir",
          "database.url",
          "database.user",
          "database.password",
          "objectstore.type",
          "objectstore.endpoint",
          "objectstore.region",
          "objectstore.path-style",
          "objectstore.access-key-id",
          "objectstore.secret-access-key",
          "workers",
          "inference.catch-up-horizon",
          "inference.max-consecutive-failures",
          "inference.replay-max-points",
          "inference.threads",
          "alerts.public-url",
          "alerts.retry-horizon",
          "alerts.delivery-threads");

  private ConfigLoader() {}

  /**
   * Loads and validates the configuration.
   *
   * @param file a properties file, or null
   * @param environment the process environment (passed in for tests)
   * @param overrides values from the command line, by key
   * @throws VigilException listing every invalid value with its key
   */
  public static VigilConfig load(
      Path file, Map<String, String> environment, Map<String, String> overrides) {
    Properties values = new Properties();
    if (file != null) {
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        values.load(reader);
      } catch (IOException e) {
        throw new VigilException(
            "cannot read configuration file " + file + ": " + e.getMessage(), e);
      }
      Set<String> unknown = new TreeSet<>(values.stringPropertyNames());
      unknown.removeAll(KEYS);
      if (!unknown.isEmpty()) {
        throw new VigilException(
            "configuration file "
                + file
                + " has unknown keys "
                + unknown
                + "; known keys: "
                + new TreeSet<>(KEYS));
      }
    }
    for (String key : KEYS) {
      String fromEnvironment = environment.get(environmentName(key));
      if (fromEnvironment != null) {
        values.setProperty(key, fromEnvironment);
      }
    }
    overrides.forEach(
        (key, value) -> {
          if (value != null) {
            values.setProperty(key, value);
          }
        });

    List<String> problems = new ArrayList<>();
    String bind = values.getProperty("server.bind", DEFAULT_BIND).trim();
    int port = integer(values, "server.port", DEFAULT_PORT, 0, 65535, problems);
    Path dataDir = Path.of(values.getProperty("data.dir", DEFAULT_DATA_DIR).trim());
    String url = values.getProperty("database.url", "").trim();
    if (!url.isEmpty() && !url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
      problems.add("database.url must be a jdbc:postgresql: or jdbc:h2: URL, got '" + url + "'");
    }
    String type = values.getProperty("objectstore.type", "folder").trim();
    String endpoint = values.getProperty("objectstore.endpoint", "").trim();
    String region = values.getProperty("objectstore.region", "us-east-1").trim();
    if (!type.equals("folder") && !type.equals("s3")) {
      problems.add("objectstore.type must be 'folder' or 's3', got '" + type + "'");
    }
    if (!endpoint.isEmpty()
        && !endpoint.startsWith("http://")
        && !endpoint.startsWith("https://")) {
      problems.add(
          "objectstore.endpoint must be an http:// or https:// URL, got '" + endpoint + "'");
    }
    String pathStyle = values.getProperty("objectstore.path-style", "true").trim();
    if (!pathStyle.equals("true") && !pathStyle.equals("false")) {
      problems.add("objectstore.path-style must be true or false, got '" + pathStyle + "'");
    }
    int workers = integer(values, "workers", DEFAULT_WORKERS, 1, 64, problems);
    VigilConfig.InferenceSettings inferenceDefaults = VigilConfig.InferenceSettings.DEFAULTS;
    Duration catchUpHorizon =
        duration(
            values, "inference.catch-up-horizon", inferenceDefaults.catchUpHorizon(), problems);
    int maxFailures =
        integer(
            values,
            "inference.max-consecutive-failures",
            inferenceDefaults.maxConsecutiveFailures(),
            1,
            1000,
            problems);
    int replayMaxPoints =
        integer(
            values,
            "inference.replay-max-points",
            inferenceDefaults.replayMaxPoints(),
            1,
            1_000_000,
            problems);
    int inferenceThreads =
        integer(values, "inference.threads", inferenceDefaults.threads(), 1, 64, problems);
    VigilConfig.AlertSettings alerts = alerts(values, bind, port, problems);
    if (!problems.isEmpty()) {
      throw new VigilException("invalid configuration: " + String.join("; ", problems));
    }
    return new VigilConfig(
        bind,
        port,
        dataDir,
        new VigilConfig.DatabaseSettings(
            url,
            values.getProperty("database.user", ""),
            values.getProperty("database.password", "")),
        new VigilConfig.ObjectStoreSettings(
            type,
            endpoint,
            region,
            Boolean.parseBoolean(pathStyle),
            values.getProperty("objectstore.access-key-id", ""),
            values.getProperty("objectstore.secret-access-key", "")),
        workers,
        new VigilConfig.InferenceSettings(
            catchUpHorizon, maxFailures, replayMaxPoints, inferenceThreads),
        alerts);
  }

  private static Duration duration(
      Properties values, String key, Duration defaultValue, List<String> problems) {
    String text = values.getProperty(key);
    if (text == null) {
      return defaultValue;
    }
    try {
      Duration value = Duration.parse(text.trim());
      if (value.isNegative()) {
        problems.add(key + " must not be negative, got " + text.trim());
      }
      return value;
    } catch (DateTimeParseException e) {
      problems.add(key + " must be an ISO-8601 duration such as PT24H, got '" + text + "'");
      return defaultValue;
    }
  }

  /** The shortest retry horizon of alert deliveries. */
  static final Duration MIN_RETRY_HORIZON = Duration.ofMinutes(1);

  /** The longest retry horizon of alert deliveries. */
  static final Duration MAX_RETRY_HORIZON = Duration.ofDays(30);

  private static VigilConfig.AlertSettings alerts(
      Properties values, String bind, int port, List<String> problems) {
    String publicUrl = values.getProperty("alerts.public-url", "").trim();
    if (publicUrl.isEmpty()) {
      publicUrl = VigilConfig.AlertSettings.defaultPublicUrl(bind, port);
    } else if (!publicUrl.matches("(?i)https?://[^/\\s]+(/\\S*)?")) {
      problems.add(
          "alerts.public-url must be an http:// or https:// URL with a host, got '"
              + publicUrl
              + "'");
    }
    Duration horizon = VigilConfig.AlertSettings.DEFAULT_RETRY_HORIZON;
    String horizonText = values.getProperty("alerts.retry-horizon");
    if (horizonText != null) {
      try {
        horizon = Duration.parse(horizonText.trim());
      } catch (DateTimeParseException e) {
        horizon = null;
      }
      if (horizon == null
          || horizon.compareTo(MIN_RETRY_HORIZON) < 0
          || horizon.compareTo(MAX_RETRY_HORIZON) > 0) {
        problems.add(
            "alerts.retry-horizon must be an ISO-8601 duration from PT1M to P30D, got '"
                + horizonText
                + "'");
        horizon = VigilConfig.AlertSettings.DEFAULT_RETRY_HORIZON;
      }
    }
    int threads =
        integer(
            values,
            "alerts.delivery-threads",
            VigilConfig.AlertSettings.DEFAULT_DELIVERY_THREADS,
            1,
            64,
            problems);
    if (threads < 1) {
      // Reported above; the settings stay valid until the problems are thrown.
      threads = VigilConfig.AlertSettings.DEFAULT_DELIVERY_THREADS;
    }
    return new VigilConfig.AlertSettings(publicUrl, horizon, threads);
  }

  /** {@code database.url} is read from {@code VIGIL_DATABASE_URL}. */
  public static String environmentName(String key) {
    return "VIGIL_" + key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static int integer(
      Properties values, String key, int defaultValue, int min, int max, List<String> problems) {
    String text = values.getProperty(key);
    if (text == null) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(text.trim());
      if (value < min || value > max) {
        problems.add(key + " must be between " + min + " and " + max + ", got " + value);
      }
      return value;
    } catch (NumberFormatException e) {
      problems.add(key + " must be a whole number, got '" + text + "'");
      return defaultValue;
    }
  }

  /** A secret as logs may show it: whether it is set, never what it is. */
  static String mask(String secret) {
    return secret.isEmpty() ? "(none)" : "****";
  }
}
