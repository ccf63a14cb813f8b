package dev.vigil.lookout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.config.ConfigLoader;
import dev.vigil.engine.data.SensorTable;
import dev.vigil.engine.synthetic.Fault;
import dev.vigil.engine.synthetic.LookoutCsvWriter;
import dev.vigil.engine.synthetic.SyntheticPlant;
import dev.vigil.server.VigilServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lookoutequipment.LookoutEquipmentClient;

/**
 * A real Vigil server for the Lookout tests, as a user runs it: the embedded default (H2 file and
 * folder object store) in a temporary data directory, on a free loopback port, with one access key
 * and ARNs in eu-west-1 / 123456789012, on a clock the test moves. Clients are the official AWS SDK
 * for Java with an endpoint override, every answer checked against the service model by a {@link
 * ResponseChecker}.
 *
 * <p>The data is a synthetic plant of two components of three sensors ({@code comp01\s01} ...), one
 * row a minute: three days of history from {@link #HISTORY_START}, and live data around {@link
 * #NOW}, where the clock starts.
 *
 * <p>Windows of inference schedulers run for real: the engine's db-scheduler decides what is due on
 * the wall clock, and Vigil's windows on the test clock, which is in the past; so a window runs as
 * soon as the test moves the test clock past its wake, and the test then waits on the condition it
 * expects (an execution's status) through the API.
 *
 * <p>Not thread-safe: one test class drives it.
 */
final class LookoutFixture implements AutoCloseable {
  static final String KEY_ID = "AKIAVIGILTESTKEY0001";
  static final String SECRET = "vigil+test/Secret0123456789abcdefghijklm";
  static final String PRINCIPAL = "plant-team";
  static final String REGION = "eu-west-1";
  static final String ACCOUNT = "123456789012";

  static final Instant HISTORY_START = Instant.parse("2025-12-01T00:00:00Z");
  static final int HISTORY_ROWS = 3 * 1440;

  /**
   * Where the test clock starts: the first window of a scheduler created then ends 5 minutes on.
   */
  static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  /** Live data starts this long before {@link #NOW}, so that the first window has history. */
  static final Duration LIVE_LEAD = Duration.ofMinutes(30);

  static final int LIVE_ROWS = 120;

  static final SyntheticPlant HISTORY_PLANT = plant(HISTORY_START);
  static final SyntheticPlant LIVE_PLANT = plant(NOW.minus(LIVE_LEAD));

  /** The sensor a fault is injected into. */
  static final String FAULTY_SENSOR = "comp01\\s02";

  final Path dataDirectory;
  final TestClock clock = new TestClock(NOW);
  final ResponseChecker checker = new ResponseChecker();
  final VigilServer server;

  LookoutFixture(Path dataDirectory, Map<String, String> settings) {
    this.dataDirectory = dataDirectory;
    Map<String, String> all = new HashMap<>();
    all.put("server.port", "0");
    all.put("data.dir", dataDirectory.toString());
    all.put("lookout.region", REGION);
    all.put("lookout.account-id", ACCOUNT);
    all.put("lookout.access-keys", KEY_ID + ":" + SECRET + ":" + PRINCIPAL);
    all.put("workers", "2");
    all.putAll(settings);
    this.server = VigilServer.start(ConfigLoader.load(null, Map.of(), all), clock);
  }

  LookoutFixture(Path dataDirectory) {
    this(dataDirectory, Map.of());
  }

  private static SyntheticPlant plant(Instant start) {
    return SyntheticPlant.builder()
        .components(2)
        .sensorsPerComponent(3)
        .samplePeriod(Duration.ofMinutes(1))
        .start(start)
        .seed(11)
        .build();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.port());
  }

  /**
   * A client signing with the configured access key, with the SDK's default retries: throttled and
   * internal errors are retried, as for any user.
   */
  LookoutEquipmentClient client() {
    return client(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY_ID, SECRET)));
  }

  LookoutEquipmentClient client(AwsCredentialsProvider credentials) {
    return LookoutEquipmentClient.builder()
        .endpointOverride(endpoint())
        .region(Region.of(REGION))
        .credentialsProvider(credentials)
        .httpClient(UrlConnectionHttpClient.create())
        .overrideConfiguration(c -> c.addExecutionInterceptor(checker))
        .build();
  }

  /** The schema of the plant as Lookout's InlineDataSchema. */
  static String inlineSchema() {
    StringBuilder json = new StringBuilder("{\"Components\":[");
    List<String> components = HISTORY_PLANT.componentNames();
    for (int c = 0; c < components.size(); c++) {
      String component = components.get(c);
      json.append(c == 0 ? "" : ",")
          .append("{\"ComponentName\":\"")
          .append(component)
          .append("\",\"Columns\":[{\"Name\":\"Timestamp\",\"Type\":\"DATETIME\"}");
      for (String sensor : HISTORY_PLANT.sensorNames()) {
        if (sensor.startsWith(component + "\\")) {
          json.append(",{\"Name\":\"")
              .append(sensor.substring(component.length() + 1))
              .append("\",\"Type\":\"DOUBLE\"}");
        }
      }
      json.append("]}");
    }
    return json.append("]}").toString();
  }

  /** The history, with the faults given, one folder per component under {@code prefix}. */
  void writeHistory(String bucket, String prefix, List<Fault> faults) {
    SensorTable table = HISTORY_PLANT.generate(HISTORY_ROWS, faults).table();
    try {
      Path staging =
          Files.createDirectories(dataDirectory.resolve("staging-" + prefix.replace('/', '-')));
      for (Path file : LookoutCsvWriter.write(table, staging, Duration.ofDays(1))) {
        String name = file.getFileName().toString();
        String component = name.substring(0, name.indexOf('_'));
        Path target = bucket(bucket).resolve(prefix + component).resolve(name);
        Files.createDirectories(target.getParent());
        Files.move(file, target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Live data from {@code NOW - 30 min} for two hours, with the faults given (rows count from
   * there), as files {@code <component>_<yyyyMMddHHmmss>.csv} of five minutes each under {@code
   * prefix}: what a scheduler reads.
   */
  void writeLive(String bucket, String prefix, List<Fault> faults) {
    SensorTable table = LIVE_PLANT.generate(LIVE_ROWS, faults).table();
    try {
      Path folder = Files.createDirectories(bucket(bucket).resolve(prefix));
      LookoutCsvWriter.write(table, folder, Duration.ofMinutes(5));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The folder of a bucket of the folder object store. */
  Path bucket(String bucket) {
    try {
      return Files.createDirectories(dataDirectory.resolve("objects").resolve(bucket));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Waits until {@code probe} yields a value, asking again every 20 ms (a poll between checks of a
   * condition, never a wait for time to pass), for at most {@code timeout}.
   */
  static <T> T await(String what, Duration timeout, Supplier<Optional<T>> probe) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<T> value = probe.get();
      if (value.isPresent()) {
        return value.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up after " + timeout + " waiting for " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }

  /** Every answer of the server conformed to the service model. */
  void assertAnswersConform() {
    assertThat(checker.problems()).isEmpty();
  }

  @Override
  public void close() {
    server.close();
  }
}
