package dev.vigil.config;

import dev.vigil.engine.VigilException;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.UnknownHostException;
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
import java.util.regex.Pattern;

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
 * alerts.retry-horizon}, {@code alerts.delivery-threads}, {@code lookout.enabled}, {@code
 * lookout.region}, {@code lookout.account-id}, {@code lookout.access-keys}, {@code
 * security.admin-user}, {@code security.admin-password-hash}, {@code security.session-duration},
 * {@code security.password-hash-cost}, {@code metrics.public}.
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

  /** The region of the Lookout-compatible endpoint's ARNs: the one most Lookout users had. */
  public static final String DEFAULT_LOOKOUT_REGION = "us-east-1";

  /** The account of the Lookout-compatible endpoint's ARNs: twelve zeros, clearly not AWS's. */
  public static final String DEFAULT_LOOKOUT_ACCOUNT = "000000000000";

  private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,64}");
  private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");
  private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9]{4,128}");
  private static final Pattern PRINCIPAL = Pattern.compile("[A-Za-z0-9._@/+=-]{1,200}");

  /** IPv4 or IPv6 literals, which InetAddress reads without asking a name server. */
  private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[?[0-9a-fA-F:]+]?");

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
          "alerts.delivery-threads",
          "lookout.enabled",
          "lookout.region",
          "lookout.account-id",
          "lookout.access-keys",
          "security.admin-user",
          "security.admin-password-hash",
          "security.session-duration",
          "security.password-hash-cost",
          "metrics.public");

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
    VigilConfig.LookoutSettings lookout = lookout(values, bind, problems);
    VigilConfig.SecuritySettings security = security(values, problems);
    VigilConfig.MetricsSettings metrics = metrics(values, bind, problems);
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
        alerts,
        lookout,
        security,
        metrics);
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

  /**
   * The Lookout-compatible endpoint's settings. Without access keys the endpoint accepts any
   * signature, which is only safe when nothing but this machine can reach it: a server bound to
   * another address than loopback must have keys, or the endpoint disabled.
   */
  private static VigilConfig.LookoutSettings lookout(
      Properties values, String bind, List<String> problems) {
    String enabledText = values.getProperty("lookout.enabled", "true").trim();
    if (!enabledText.equals("true") && !enabledText.equals("false")) {
      problems.add("lookout.enabled must be true or false, got '" + enabledText + "'");
    }
    boolean enabled = !enabledText.equals("false");
    String region = values.getProperty("lookout.region", DEFAULT_LOOKOUT_REGION).trim();
    if (!REGION.matcher(region).matches()) {
      problems.add(
          "lookout.region must be a region name of lower-case letters, digits and dashes such as"
              + " eu-west-1, got '"
              + region
              + "'");
    }
    String account = values.getProperty("lookout.account-id", DEFAULT_LOOKOUT_ACCOUNT).trim();
    if (!ACCOUNT.matcher(account).matches()) {
      problems.add("lookout.account-id must be 12 digits, got '" + account + "'");
    }
    List<VigilConfig.AccessKey> keys = new ArrayList<>();
    Set<String> keyIds = new TreeSet<>();
    String keysText = values.getProperty("lookout.access-keys", "").trim();
    if (!keysText.isEmpty()) {
      for (String entry : keysText.split(",", -1)) {
        String[] parts = entry.trim().split(":", -1);
        String keyId = parts[0];
        if (parts.length < 2 || parts.length > 3 || parts[1].isEmpty()) {
          problems.add(
              "lookout.access-keys must be KEY_ID:SECRET[:PRINCIPAL] entries separated by commas;"
                  + " entry "
                  + (keys.size() + 1)
                  + " (key id '"
                  + keyId
                  + "') is not");
          continue;
        }
        if (!KEY_ID.matcher(keyId).matches()) {
          problems.add(
              "lookout.access-keys: key id '" + keyId + "' must be 4 to 128 letters and digits");
          continue;
        }
        if (!keyIds.add(keyId)) {
          problems.add("lookout.access-keys: key id '" + keyId + "' is given twice");
          continue;
        }
        String principal = parts.length == 3 ? parts[2] : keyId;
        if (!PRINCIPAL.matcher(principal).matches()) {
          problems.add(
              "lookout.access-keys: principal '"
                  + principal
                  + "' of key id '"
                  + keyId
                  + "' must be 1 to 200 letters, digits and ._@/+=-");
          continue;
        }
        keys.add(new VigilConfig.AccessKey(keyId, parts[1], principal));
      }
    }
    if (enabled && keysText.isEmpty() && !isLoopback(bind)) {
      problems.add(
          "lookout.access-keys is empty while server.bind is "
              + bind
              + ": the Lookout-compatible endpoint would accept unsigned requests from the"
              + " network; configure lookout.access-keys (KEY_ID:SECRET[:PRINCIPAL]), bind to"
              + " 127.0.0.1, or set lookout.enabled=false");
    }
    return new VigilConfig.LookoutSettings(enabled, region, account, keys);
  }

  /** The shortest portal session. */
  static final Duration MIN_SESSION = Duration.ofMinutes(5);

  /** The longest portal session. */
  static final Duration MAX_SESSION = Duration.ofDays(30);

  private static final Pattern USER_NAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,99}");
  private static final Pattern BCRYPT_HASH =
      Pattern.compile("\\$2[aby]\\$\\d\\d\\$[./A-Za-z0-9]{53}");

  /**
   * Users and sign-in. The configured admin needs both its name and its password's bcrypt hash; the
   * hash is never repeated in a message, only its length.
   */
  private static VigilConfig.SecuritySettings security(Properties values, List<String> problems) {
    VigilConfig.SecuritySettings defaults = VigilConfig.SecuritySettings.DEFAULTS;
    String user =
        values.getProperty("security.admin-user", "").strip().toLowerCase(java.util.Locale.ROOT);
    String hash = values.getProperty("security.admin-password-hash", "").strip();
    if (user.isEmpty() != hash.isEmpty()) {
      problems.add(
          "security.admin-user and security.admin-password-hash go together: give both or"
              + " neither");
    }
    if (!user.isEmpty() && !USER_NAME.matcher(user).matches()) {
      problems.add(
          "security.admin-user must be 1 to 100 letters, digits and ._@- starting with a letter or"
              + " digit, got '"
              + user
              + "'");
    }
    if (!hash.isEmpty() && !BCRYPT_HASH.matcher(hash).matches()) {
      problems.add(
          "security.admin-password-hash must be a bcrypt hash ($2a$, $2b$ or $2y$, 60"
              + " characters), as `vigil user hash-password` prints it; the value given has "
              + hash.length()
              + " characters");
    }
    Duration session = defaults.sessionDuration();
    String sessionText = values.getProperty("security.session-duration");
    if (sessionText != null) {
      try {
        session = Duration.parse(sessionText.strip());
      } catch (DateTimeParseException e) {
        session = null;
      }
      if (session == null
          || session.compareTo(MIN_SESSION) < 0
          || session.compareTo(MAX_SESSION) > 0) {
        problems.add(
            "security.session-duration must be an ISO-8601 duration from PT5M to P30D, got '"
                + sessionText
                + "'");
        session = defaults.sessionDuration();
      }
    }
    int cost =
        integer(
            values, "security.password-hash-cost", defaults.passwordHashCost(), 10, 16, problems);
    return new VigilConfig.SecuritySettings(user, hash, session, cost);
  }

  private static VigilConfig.MetricsSettings metrics(
      Properties values, String bind, List<String> problems) {
    String text = values.getProperty("metrics.public");
    if (text == null) {
      return VigilConfig.MetricsSettings.defaults(bind);
    }
    String value = text.strip();
    if (!value.equals("true") && !value.equals("false")) {
      problems.add("metrics.public must be true or false, got '" + text + "'");
    }
    return new VigilConfig.MetricsSettings(value.equals("true"));
  }

  /** Whether only this machine can reach an address: {@code localhost} or a loopback literal. */
  public static boolean isLoopback(String bind) {
    if (bind.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (!IP_LITERAL.matcher(bind).matches()) {
      return false;
    }
    try {
      return InetAddress.getByName(bind).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
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
