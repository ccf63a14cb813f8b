package dev.vigil.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.config.ConfigLoader;
import dev.vigil.config.VigilConfig;
import dev.vigil.engine.VigilException;
import dev.vigil.engine.data.SensorTable;
import dev.vigil.engine.synthetic.LookoutCsvWriter;
import dev.vigil.engine.synthetic.SyntheticPlant;
import dev.vigil.inference.FinishedWindow;
import dev.vigil.inference.InferenceListener;
import dev.vigil.json.Json;
import dev.vigil.objectstore.FolderObjectStore;
import dev.vigil.objectstore.ObjectStore;
import dev.vigil.server.VigilServer;
import dev.vigil.storage.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The load benchmark of scheduled inference on the embedded default: many schedulers at PT5M, each
 * reading its own files, all waking at the same instant. It starts a real Vigil (H2 file, folder
 * object store) in this process, ingests a synthetic plant, trains a model through the API, creates
 * the schedulers, then, round by round, writes every scheduler's input files of the next window (as
 * they arrive in a plant: each window's files before its wake, none ahead of it), moves Vigil's
 * clock to just before the wake and measures, for every execution, the time from its wake to its
 * results being recorded, and the CPU time the process used.
 *
 * <p>The clock runs at the speed of real time and only jumps between rounds, over the idle minutes
 * of a window, so that a round of five-minute windows takes seconds rather than five minutes;
 * everything inside a round (db-scheduler's polling, scoring, writing) happens in real time.
 *
 * <p>Not thread-safe: one run at a time.
 */
public final class InferenceBenchmark {
  /** Lookout's most common frequency. */
  static final Duration FREQUENCY = Duration.ofMinutes(5);

  /** Every window waits this long after its end, as a pipeline's upload delay would need. */
  static final Duration DELAY = Duration.ofMinutes(1);

  /** An execution that ends later than this after its wake is late. */
  public static final Duration DEADLINE = Duration.ofSeconds(10);

  private static final ObjectMapper JSON = Json.mapper();
  private static final DateTimeFormatter NAME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter ROW_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private final Settings settings;
  private final HttpClient http = HttpClient.newHttpClient();

  /**
   * What to run.
   *
   * @param schedulers schedulers, each with its own input folder
   * @param components components of the plant
   * @param sensorsPerComponent sensors per component
   * @param rowsPerWindow rows in each five-minute window (300: one a second)
   * @param rounds windows measured per scheduler
   * @param keptFiles files of earlier windows each input folder keeps per component, as a plant
   *     keeps its files: a window must not look at them. They hold a header and no row.
   * @param threads the engine's threads ({@code inference.threads})
   * @param lead how long before the wake the clock is set at each round
   * @param dataDir where Vigil keeps its data; a new temporary folder when null
   */
  public record Settings(
      int schedulers,
      int components,
      int sensorsPerComponent,
      int rowsPerWindow,
      int rounds,
      int keptFiles,
      int threads,
      Duration lead,
      Path dataDir) {
    public Settings {
      if (schedulers < 1 || components < 1 || sensorsPerComponent < 1 || rounds < 1) {
        throw new VigilException(
            "schedulers, components, sensors per component and rounds must be at least 1");
      }
      if (keptFiles < 0) {
        throw new VigilException("kept files must be 0 or more, got " + keptFiles);
      }
      if (rowsPerWindow < 1 || FREQUENCY.toMillis() % rowsPerWindow != 0) {
        throw new VigilException(
            "rows per window must divide the 300 seconds of a window into whole milliseconds, got "
                + rowsPerWindow);
      }
    }
  }

  /**
   * One round: a window of every scheduler.
   *
   * @param windowEnd the end of the window
   * @param executions executions finished
   * @param succeeded those that succeeded
   * @param latenciesMillis wake to results written and their record on disk (when the window counts
   *     as finished), per execution, sorted
   * @param late executions that ended more than {@link #DEADLINE} after their wake
   * @param wallMillis from the wake to the last execution on disk
   * @param cpuMillis CPU time the whole process used from the wake until every execution was on
   *     disk, on all its threads (the engine's, the JIT compiler's, the garbage collector's, the
   *     database's): what a window costs the machine
   * @param compileMillis time the JIT compiler threads spent compiling meanwhile, as the JVM counts
   *     it (-1 where it does not): high in the first round after a start, while the hot paths are
   *     compiled
   * @param gcMillis time the garbage collectors spent collecting meanwhile, as the JVM counts it
   */
  public record Round(
      Instant windowEnd,
      int executions,
      int succeeded,
      long[] latenciesMillis,
      int late,
      long wallMillis,
      long cpuMillis,
      long compileMillis,
      long gcMillis) {
    public long percentile(double p) {
      int index = (int) Math.ceil(p / 100 * latenciesMillis.length) - 1;
      return latenciesMillis[Math.max(0, Math.min(latenciesMillis.length - 1, index))];
    }
  }

  /**
   * What the run measured.
   *
   * @param settings what ran
   * @param rounds one per window
   * @param setupSeconds ingestion, training, input files and scheduler creation
   * @param heapUsedBytes heap in use after a full collection, with every scheduler loaded
   * @param residentBytes the process's resident set (VmRSS), 0 where /proc is missing
   * @param maxHeapBytes the heap limit of this JVM
   */
  public record Report(
      Settings settings,
      List<Round> rounds,
      double setupSeconds,
      long heapUsedBytes,
      long residentBytes,
      long maxHeapBytes) {}

  public InferenceBenchmark(Settings settings) {
    this.settings = settings;
  }

  /**
   * Runs the benchmark. A temporary data folder (no {@link Settings#dataDir}) is deleted at the
   * end, whatever happened: a run leaves gigabytes of results behind.
   */
  public Report run() throws IOException {
    if (settings.dataDir() != null) {
      return run(settings.dataDir());
    }
    Path dataDir = Files.createTempDirectory("vigil-bench-inference-");
    try {
      return run(dataDir);
    } finally {
      deleteTree(dataDir);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  private Report run(Path dataDir) throws IOException {
    long setupStart = System.nanoTime();
    // The first window starts at a five-minute boundary two hours from now, after the history.
    Instant first =
        Instant.ofEpochSecond(
            (Instant.now().getEpochSecond() / FREQUENCY.toSeconds() + 24) * FREQUENCY.toSeconds());
    // Setup happens an hour before the first window: schedulers must start in the future.
    JumpingClock clock = new JumpingClock(first.minus(Duration.ofHours(1)));
    VigilConfig config =
        ConfigLoader.load(
            null,
            Map.of(),
            Map.of(
                "server.port",
                "0",
                "data.dir",
                dataDir.toString(),
                "inference.threads",
                Integer.toString(settings.threads())));
    Duration sample = FREQUENCY.dividedBy(settings.rowsPerWindow());
    int historyRows = (int) (Duration.ofHours(2).toMillis() / sample.toMillis());
    SyntheticPlant plant =
        SyntheticPlant.builder()
            .components(settings.components())
            .sensorsPerComponent(settings.sensorsPerComponent())
            .samplePeriod(sample)
            .start(first.minus(Duration.ofHours(2)))
            .build();
    // History, the window before the first (it warms the model up) and the measured windows.
    SensorTable data =
        plant
            .generate(historyRows + settings.rowsPerWindow() * settings.rounds(), List.of())
            .table();
    ObjectStore objects = new FolderObjectStore(config.objectsDirectory());

    OnDiskTimes onDisk = new OnDiskTimes();
    try (VigilServer server = VigilServer.start(config, clock, UnaryOperator.identity(), onDisk)) {
      String api = "http://127.0.0.1:" + server.port();
      train(api, objects, plant, data.rows(0, historyRows - settings.rowsPerWindow()), dataDir);
      // The file before the first window; each window's files arrive just before its wake, as a
      // data logger writes them: when a window runs, the next window's files do not exist yet.
      writeInput(objects, plant, data, first.minus(FREQUENCY), first);
      writeKeptFiles(objects, plant, data, first.minus(FREQUENCY));
      for (int s = 0; s < settings.schedulers(); s++) {
        createScheduler(api, s, first);
      }
      // Vigil's clock says the first wake is an hour away: what creating the schedulers set off
      // (reading each one's input ahead, compiling, collecting) ends before it, as it would.
      awaitQuiet();
      double setupSeconds = (System.nanoTime() - setupStart) / 1e9;

      List<Round> rounds = new ArrayList<>();
      try (Database database = Database.open(Database.embeddedUrl(dataDir), "sa", "")) {
        for (int r = 0; r < settings.rounds(); r++) {
          Instant end = first.plus(FREQUENCY.multipliedBy(r + 1L));
          writeInput(objects, plant, data, end.minus(FREQUENCY), end);
          long cpuBefore = processCpuNanos();
          long compileBefore = compileMillis();
          long gcBefore = gcMillis();
          clock.jumpTo(end.plus(DELAY).minus(settings.lead()));
          await(
              () -> onDisk.count(end) >= settings.schedulers(),
              Duration.ofMinutes(30),
              "the windows ending " + end);
          long cpuMillis = (processCpuNanos() - cpuBefore) / 1_000_000;
          long compileMillis = compileBefore < 0 ? -1 : compileMillis() - compileBefore;
          rounds.add(
              round(
                  database,
                  end,
                  onDisk.latencies(end),
                  cpuMillis,
                  compileMillis,
                  gcMillis() - gcBefore));
        }
      }
      System.gc();
      long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      return new Report(
          settings, rounds, setupSeconds, heap, residentBytes(), Runtime.getRuntime().maxMemory());
    }
  }

  private void train(
      String api, ObjectStore objects, SyntheticPlant plant, SensorTable history, Path dataDir)
      throws IOException {
    Path csv = Files.createTempDirectory(dataDir, "history-csv-");
    for (Path file : LookoutCsvWriter.write(history, csv, Duration.ofHours(1))) {
      String name = file.getFileName().toString();
      String component = name.substring(0, name.indexOf('_'));
      objects.put("bench", "history/" + component + "/" + name, Files.readAllBytes(file));
    }
    ObjectNode dataset = JSON.createObjectNode();
    dataset.put("name", "bench-plant");
    ArrayNode components = dataset.putObject("schema").putArray("components");
    for (String component : plant.componentNames()) {
      ObjectNode entry = components.addObject();
      entry.put("name", component);
      ArrayNode columns = entry.putArray("columns");
      columns.addObject().put("name", "Timestamp").put("type", "DATETIME");
      for (String sensor : plant.sensorNames()) {
        if (sensor.startsWith(component + "\\")) {
          columns
              .addObject()
              .put("name", sensor.substring(component.length() + 1))
              .put("type", "DOUBLE");
        }
      }
    }
    send(api, "POST", "/api/v1/datasets", dataset);
    ObjectNode ingestion = JSON.createObjectNode();
    ingestion.put("datasetName", "bench-plant");
    ingestion.putObject("input").put("bucket", "bench").put("prefix", "history/");
    String job = send(api, "POST", "/api/v1/ingestion-jobs", ingestion).get("id").asText();
    await(
        () ->
            !send(api, "GET", "/api/v1/ingestion-jobs/" + job, null)
                .get("status")
                .asText()
                .equals("IN_PROGRESS"),
        Duration.ofMinutes(10),
        "the ingestion");
    ObjectNode model = JSON.createObjectNode();
    model.put("name", "bench-model");
    model.put("datasetName", "bench-plant");
    model
        .putObject("trainingRange")
        .put("start", Instant.ofEpochMilli(history.timestamp(0)).toString())
        .put("end", Instant.ofEpochMilli(history.timestamp(history.rowCount() - 1) + 1).toString());
    send(api, "POST", "/api/v1/models", model);
    await(
        () ->
            !send(api, "GET", "/api/v1/models/bench-model", null)
                .get("status")
                .asText()
                .equals("IN_PROGRESS"),
        Duration.ofMinutes(10),
        "the training");
    String status = send(api, "GET", "/api/v1/models/bench-model", null).get("status").asText();
    if (!status.equals("SUCCESS")) {
      throw new VigilException("the benchmark's model did not train: " + status);
    }
  }

  /** One file per component, scheduler and five minutes, from {@code from} to {@code to}. */
  private void writeInput(
      ObjectStore objects, SyntheticPlant plant, SensorTable data, Instant from, Instant to) {
    for (Instant chunk = from; chunk.isBefore(to); chunk = chunk.plus(FREQUENCY)) {
      for (String component : plant.componentNames()) {
        byte[] content = csv(data, component, chunk, chunk.plus(FREQUENCY));
        String name = component + "_" + NAME.format(chunk) + ".csv";
        for (int s = 0; s < settings.schedulers(); s++) {
          objects.put("bench", "in/" + scheduler(s) + "/" + name, content);
        }
      }
    }
  }

  /** The files of the {@link Settings#keptFiles} windows before {@code before}: a header each. */
  private void writeKeptFiles(
      ObjectStore objects, SyntheticPlant plant, SensorTable data, Instant before) {
    for (String component : plant.componentNames()) {
      byte[] header = csv(data, component, before, before);
      for (int k = 1; k <= settings.keptFiles(); k++) {
        String name =
            component + "_" + NAME.format(before.minus(FREQUENCY.multipliedBy(k))) + ".csv";
        for (int s = 0; s < settings.schedulers(); s++) {
          objects.put("bench", "in/" + scheduler(s) + "/" + name, header);
        }
      }
    }
  }

  private static byte[] csv(SensorTable data, String component, Instant from, Instant to) {
    StringBuilder out = new StringBuilder("Timestamp");
    List<Integer> columns = new ArrayList<>();
    for (int s = 0; s < data.sensorCount(); s++) {
      String sensor = data.sensorNames().get(s);
      if (sensor.startsWith(component + "\\")) {
        columns.add(s);
        out.append(',').append(sensor.substring(component.length() + 1));
      }
    }
    out.append('\n');
    for (int row = data.firstRowAtOrAfter(from.toEpochMilli());
        row < data.firstRowAtOrAfter(to.toEpochMilli());
        row++) {
      out.append(ROW_TIME.format(Instant.ofEpochMilli(data.timestamp(row))));
      for (int column : columns) {
        out.append(',').append((float) data.value(column, row));
      }
      out.append('\n');
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void createScheduler(String api, int index, Instant first) {
    ObjectNode body = JSON.createObjectNode();
    body.put("name", scheduler(index));
    body.put("modelName", "bench-model");
    body.put("dataUploadFrequency", FREQUENCY.toString());
    body.put("dataDelayOffset", DELAY.toString());
    body.put("startTime", first.toString());
    body.putObject("input").put("bucket", "bench").put("prefix", "in/" + scheduler(index) + "/");
    body.putObject("output").put("bucket", "bench").put("prefix", "out/" + scheduler(index) + "/");
    send(api, "POST", "/api/v1/inference-schedulers", body);
  }

  private static String scheduler(int index) {
    return String.format("bench-%04d", index);
  }

  /** CPU time of this process so far, on every thread; -1 where the JVM cannot tell. */
  private static long processCpuNanos() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : -1;
  }

  /** Time the JIT has spent compiling so far, -1 where the JVM does not count it. */
  private static long compileMillis() {
    CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
    return compiler != null && compiler.isCompilationTimeMonitoringSupported()
        ? compiler.getTotalCompilationTime()
        : -1;
  }

  /** Time the garbage collectors have spent collecting so far, on every collector. */
  private static long gcMillis() {
    long total = 0;
    for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, collector.getCollectionTime());
    }
    return total;
  }

  private static Round round(
      Database database,
      Instant windowEnd,
      long[] latencies,
      long cpuMillis,
      long compileMillis,
      long gcMillis) {
    int succeeded =
        database
            .jdbi()
            .withHandle(
                handle ->
                    handle
                        .createQuery(
                            "SELECT COUNT(*) FROM inference_executions"
                                + " WHERE window_end = :end AND status = 'SUCCESS'")
                        .bind("end", windowEnd.toEpochMilli())
                        .mapTo(Integer.class)
                        .one());
    Arrays.sort(latencies);
    int late = (int) Arrays.stream(latencies).filter(l -> l > DEADLINE.toMillis()).count();
    long wall = latencies.length == 0 ? 0 : latencies[latencies.length - 1];
    return new Round(
        windowEnd,
        latencies.length,
        succeeded,
        latencies,
        late,
        wall,
        cpuMillis,
        compileMillis,
        gcMillis);
  }

  private JsonNode send(String api, String method, String path, Object body) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(api + path))
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
              .header("Content-Type", "application/json")
              .build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new VigilException(
            method + " " + path + " answered " + response.statusCode() + ": " + response.body());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VigilException("interrupted", e);
    }
  }

  /**
   * Waits until the process is all but idle: less than a tenth of a core busy over half a second.
   * Gives up waiting after a minute; the rounds then measure what still runs.
   */
  private static void awaitQuiet() {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    long interval = Duration.ofMillis(500).toNanos();
    long cpu = processCpuNanos();
    while (cpu >= 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(interval / 1_000_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new VigilException("interrupted while waiting for the setup to settle", e);
      }
      long now = processCpuNanos();
      if (now - cpu < interval / 10) {
        return;
      }
      cpu = now;
    }
  }

  /** Waits for a condition of the server, checking it every 50 ms. */
  private static void await(BooleanSupplier condition, Duration limit, String what) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new VigilException("gave up waiting " + limit + " for " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new VigilException("interrupted while waiting for " + what, e);
      }
    }
  }

  private static long residentBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // Not Linux: the heap figure stands alone.
    }
    return 0;
  }

  /**
   * Times each scheduled window from its wake to the moment it is on disk, by Vigil's clock, as
   * Vigil reports it ({@link InferenceListener#windowOnDisk}): when the window counts as finished.
   * Thread-safe.
   */
  static final class OnDiskTimes implements InferenceListener {
    private final Map<Instant, Queue<Long>> byWindowEnd = new ConcurrentHashMap<>();

    @Override
    public void windowOnDisk(FinishedWindow window, Instant onDiskAt) {
      if (window.replay() || window.scheduledStart() == null) {
        return;
      }
      byWindowEnd
          .computeIfAbsent(window.windowEnd(), end -> new ConcurrentLinkedQueue<>())
          .add(Duration.between(window.scheduledStart(), onDiskAt).toMillis());
    }

    int count(Instant windowEnd) {
      Queue<Long> times = byWindowEnd.get(windowEnd);
      return times == null ? 0 : times.size();
    }

    long[] latencies(Instant windowEnd) {
      return byWindowEnd.getOrDefault(windowEnd, new ArrayDeque<>()).stream()
          .mapToLong(Long::longValue)
          .toArray();
    }
  }

  /**
   * A clock at the speed of real time that can jump forward: Vigil's clock in the benchmark. Its
   * jumps skip the idle minutes between rounds. Thread-safe.
   */
  static final class JumpingClock extends Clock {
    private volatile Instant base;
    private volatile long baseNanos;

    JumpingClock(Instant start) {
      jumpTo(start);
    }

    synchronized void jumpTo(Instant instant) {
      base = instant;
      baseNanos = System.nanoTime();
    }

    @Override
    public synchronized Instant instant() {
      return base.plusNanos(System.nanoTime() - baseNanos);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
