package dev.vigil.inference;

import com.github.kagkarlsson.scheduler.testhelper.ManualScheduler;
import com.github.kagkarlsson.scheduler.testhelper.SettableClock;
import com.github.kagkarlsson.scheduler.testhelper.TestHelper;
import dev.vigil.engine.data.SensorTable;
import dev.vigil.engine.model.DetectorConfig;
import dev.vigil.engine.model.TrainedModel;
import dev.vigil.engine.model.Trainer;
import dev.vigil.engine.synthetic.Fault;
import dev.vigil.engine.synthetic.SyntheticPlant;
import dev.vigil.objectstore.FolderObjectStore;
import dev.vigil.objectstore.ObjectStore;
import dev.vigil.storage.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real engine for tests: db-scheduler's ManualScheduler over a settable clock, a real database, a
 * folder object store, and a model trained on a synthetic plant (2 components of 3 sensors, one row
 * every 10 seconds from 2024-01-01T00:00Z; the model is trained on the first 6 hours).
 */
final class EngineFixture implements AutoCloseable {
  static final Instant PLANT_START = Instant.parse("2024-01-01T00:00:00Z");
  static final Duration SAMPLE = Duration.ofSeconds(10);
  static final int TRAINING_ROWS = 6 * 360;
  static final int ALL_ROWS = 12 * 360;

  static final SyntheticPlant PLANT =
      SyntheticPlant.builder()
          .components(2)
          .sensorsPerComponent(3)
          .samplePeriod(SAMPLE)
          .start(PLANT_START)
          .seed(7)
          .build();

  /** Normal data for 12 hours; the model saw the first 6. */
  static final SensorTable DATA = PLANT.generate(ALL_ROWS).table();

  static final TrainedModel MODEL =
      Trainer.train(DATA.rows(0, TRAINING_ROWS), DetectorConfig.DEFAULTS);

  final SettableClock settable = new SettableClock();
  final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return settable.now();
        }
      };
  final Path root;
  final Database database;
  final FolderObjectStore objects;

  /** The same objects, as the engine reads them: which files it opened, and how often. */
  final CountingObjectStore engineObjects;

  final StubCatalog catalog = new StubCatalog();
  ManualScheduler manual;
  ScheduledInferenceEngine engine;
  EngineSettings settings = EngineSettings.DEFAULTS;
  final RecordingListener listener = new RecordingListener();

  /** The engine's alarm: it keeps the wakes the engine sets, and never rings. */
  WakeAlarm alarm;

  EngineFixture(Path root, Database database, Instant now) {
    this.root = root;
    this.database = database;
    this.objects = new FolderObjectStore(root.resolve("objects"));
    this.engineObjects = new CountingObjectStore(objects);
    settable.set(now);
    try {
      Files.createDirectories(root.resolve("objects/plant-in"));
      Files.createDirectories(root.resolve("objects/plant-out"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts a new engine (a new process, as after a restart) over the same database. */
  EngineFixture start() {
    engine =
        new ScheduledInferenceEngine(
            database,
            catalog,
            engineObjects,
            (name, version) -> {
              if (!name.equals("pump-model")) {
                throw new IllegalArgumentException("no model " + name);
              }
              return MODEL;
            },
            settings,
            clock,
            listener,
            tasks -> {
              manual =
                  TestHelper.createManualScheduler(database.dataSource(), tasks)
                      .clock(settable)
                      .build();
              return manual;
            },
            // Reading ahead in the caller: what a test runs is all done when it returns.
            Runnable::run,
            // The test runs the due work itself, when it moves the clock.
            ring -> alarm = WakeAlarm.silent(clock));
    engine.start();
    return this;
  }

  /** Moves the clock to {@code instant} and runs what is due then. */
  void runAt(Instant instant) {
    settable.set(instant);
    manual.runAnyDueExecutions();
  }

  /** A PT5M scheduler reading in/{prefix} of the two components, writing out/{outputPrefix}. */
  static SchedulerDefinition scheduler(
      String id,
      String inputPrefix,
      String outputPrefix,
      Duration delay,
      String zone,
      Instant first) {
    return new SchedulerDefinition(
        id,
        id + "-name",
        "pump-model",
        1,
        new WindowSchedule(UploadFrequency.parse("PT5M", true), delay, first),
        "plant-in",
        inputPrefix,
        FileNaming.of("yyyyMMddHHmmss", "_", InputTimeZone.parse(zone)),
        "plant-out",
        outputPrefix);
  }

  /**
   * Writes one CSV file per component and 5 minutes of data from {@code from} to {@code to}, named
   * and timestamped in the local time of {@code zone}.
   */
  void writeFiles(String prefix, SensorTable data, Instant from, Instant to, String zone) {
    writeFiles(objects, prefix, data, from, to, zone);
  }

  /** {@link #writeFiles(String, SensorTable, Instant, Instant, String)} into any store. */
  static void writeFiles(
      ObjectStore objects, String prefix, SensorTable data, Instant from, Instant to, String zone) {
    for (Instant chunk = from; chunk.isBefore(to); chunk = chunk.plus(Duration.ofMinutes(5))) {
      for (String component : List.of("comp01", "comp02")) {
        writeFile(
            objects,
            prefix,
            data,
            component,
            chunk,
            chunk.plus(Duration.ofMinutes(5)),
            chunk,
            zone);
      }
    }
  }

  /** Writes rows {@code [from, to)} of a component into a file named after {@code nameTime}. */
  void writeFile(
      String prefix,
      SensorTable data,
      String component,
      Instant from,
      Instant to,
      Instant nameTime,
      String zone) {
    writeFile(objects, prefix, data, component, from, to, nameTime, zone);
  }

  private static void writeFile(
      ObjectStore objects,
      String prefix,
      SensorTable data,
      String component,
      Instant from,
      Instant to,
      Instant nameTime,
      String zone) {
    ZoneOffset offset = InputTimeZone.parse(zone).offset();
    DateTimeFormatter name = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(offset);
    DateTimeFormatter rowTime = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(offset);
    List<Integer> sensors = new ArrayList<>();
    StringBuilder csv = new StringBuilder("Timestamp");
    for (int s = 0; s < data.sensorCount(); s++) {
      String sensor = data.sensorNames().get(s);
      if (sensor.startsWith(component + "\\")) {
        sensors.add(s);
        csv.append(',').append(sensor.substring(component.length() + 1));
      }
    }
    csv.append('\n');
    for (int row = data.firstRowAtOrAfter(from.toEpochMilli());
        row < data.firstRowAtOrAfter(to.toEpochMilli());
        row++) {
      csv.append(rowTime.format(Instant.ofEpochMilli(data.timestamp(row))));
      for (int s : sensors) {
        csv.append(',').append(data.value(s, row));
      }
      csv.append('\n');
    }
    objects.put(
        "plant-in",
        prefix + component + "_" + name.format(nameTime) + ".csv",
        csv.toString().getBytes(StandardCharsets.UTF_8));
  }

  void put(String key, String content) {
    objects.put("plant-in", key, content.getBytes(StandardCharsets.UTF_8));
  }

  String results(String key) {
    try {
      return Files.readString(root.resolve("objects/plant-out").resolve(key));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ExecutionRepository executions() {
    return new ExecutionRepository(database);
  }

  /** Data with a drift fault on comp01\s01 over the given rows. */
  static SensorTable withFault(int fromRow, int toRow) {
    return PLANT
        .generate(
            ALL_ROWS,
            List.of(
                Fault.of(
                    dev.vigil.engine.synthetic.FaultType.DRIFT, "comp01\\s01", fromRow, toRow)))
        .table();
  }

  @Override
  public void close() {
    if (engine != null) {
      engine.close();
    }
  }

  /**
   * A listener that records what it hears, writing a row in the transaction it is given so that
   * tests can see the row commit or roll back with the outcome; it can be told to fail.
   */
  static final class RecordingListener implements InferenceListener {
    final List<FinishedWindow> windows = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<SystemPause> pauses = java.util.Collections.synchronizedList(new ArrayList<>());
    volatile boolean fail;

    @Override
    public void windowFinished(org.jdbi.v3.core.Handle transaction, FinishedWindow window) {
      if (fail) {
        throw new IllegalStateException("listener told to fail");
      }
      windows.add(window);
    }

    @Override
    public void pausedBySystem(org.jdbi.v3.core.Handle transaction, SystemPause pause) {
      pauses.add(pause);
    }

    /** Windows heard on disk, in the order heard. */
    final java.util.concurrent.LinkedBlockingQueue<FinishedWindow> onDisk =
        new java.util.concurrent.LinkedBlockingQueue<>();

    @Override
    public void windowOnDisk(FinishedWindow window, Instant onDiskAt) {
      onDisk.add(window);
    }

    /** The next window heard on disk; fails after 30 s without one. */
    FinishedWindow awaitOnDisk() {
      try {
        FinishedWindow window = onDisk.poll(30, java.util.concurrent.TimeUnit.SECONDS);
        if (window == null) {
          throw new AssertionError("no window was heard on disk within 30 s");
        }
        return window;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** A scheduler service stand-in that records what the engine reports. */
  static final class StubCatalog implements SchedulerCatalog {
    final Map<String, SchedulerDefinition> schedulers = new ConcurrentHashMap<>();

    /** Schedulers whose stop is recorded "in the database", as another node would record it. */
    final java.util.Set<String> stoppedElsewhere = ConcurrentHashMap.newKeySet();

    @Override
    public boolean stopRequested(String schedulerId) {
      return stoppedElsewhere.contains(schedulerId) || !schedulers.containsKey(schedulerId);
    }

    final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());

    void add(SchedulerDefinition definition) {
      schedulers.put(definition.id(), definition);
    }

    @Override
    public List<SchedulerDefinition> active() {
      return List.copyOf(schedulers.values());
    }

    @Override
    public Optional<SchedulerDefinition> find(String schedulerId) {
      return Optional.ofNullable(schedulers.get(schedulerId));
    }

    @Override
    public void markRunning(org.jdbi.v3.core.Handle transaction, String schedulerId) {
      if (!calls.contains("running " + schedulerId)) {
        calls.add("running " + schedulerId);
      }
    }

    @Override
    public void markStopped(String schedulerId) {
      calls.add("stopped " + schedulerId);
    }

    @Override
    public void pauseBySystem(String schedulerId, String reason) {
      schedulers.remove(schedulerId);
      calls.add("paused " + schedulerId + ": " + reason);
    }
  }
}
