package dev.vigil.inference;

import static dev.vigil.request.RequiredFields.required;

import dev.vigil.engine.data.InvalidDataException;
import dev.vigil.model.ModelService;
import dev.vigil.objectstore.ObjectKeys;
import dev.vigil.request.ConflictException;
import dev.vigil.request.InvalidRequestException;
import dev.vigil.request.NotFoundException;
import dev.vigil.storage.Database;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inference schedulers feature: creates, describes, lists, updates, starts, stops and deletes
 * schedulers, and tells the execution engine ({@link InferenceEngine}) which ones to run. It is
 * also the engine's {@link SchedulerCatalog}: the engine reads the active schedulers from it and
 * reports status changes back (first run, end of a stop, system pause).
 *
 * <p>Statuses: creating or starting a scheduler makes it PENDING and schedules it; the engine makes
 * it RUNNING when its first execution starts. Stopping makes it STOPPING while an execution is in
 * flight (the engine then marks it STOPPED) and STOPPED (user pause) otherwise. The engine moves it
 * to STOPPED (system pause) after {@link EngineSettings#maxConsecutiveFailures} failed executions
 * in a row. Only a STOPPED scheduler can be started, updated or deleted; a model swap (another
 * version of its model, or another model of its dataset) restarts it at once.
 *
 * <p>Thread-safe: state lives in the database and every status change is a conditional update, so
 * concurrent requests and the engine never overwrite each other's changes.
 */
public final class SchedulerService implements SchedulerCatalog, SchedulerNames {
  private static final Logger LOG = LoggerFactory.getLogger(SchedulerService.class);

  private static final Pattern NAME = Pattern.compile("^[0-9a-zA-Z_-]{1,200}$");
  private static final Set<SchedulerStatus> ACTIVE =
      EnumSet.of(SchedulerStatus.PENDING, SchedulerStatus.RUNNING, SchedulerStatus.STOPPING);
  private static final String UPDATABLE_FIELDS =
      "modelName, modelVersion, dataUploadFrequency, dataDelayOffset, input, output";

  private final SchedulerRepository repository;
  private final ReplayRepository replays;
  private final SchedulerModels models;
  private final Clock clock;
  private final InferenceEngine engine;
  private final InferenceListener listener;

  private SchedulerService(
      SchedulerRepository repository,
      ReplayRepository replays,
      SchedulerModels models,
      Clock clock,
      InferenceListener listener,
      Function<SchedulerCatalog, InferenceEngine> engineFactory) {
    this.repository = repository;
    this.replays = replays;
    this.listener = listener;
    this.models = models;
    this.clock = clock;
    // Last: the factory may read the catalog (this service) as soon as it has it.
    this.engine = Objects.requireNonNull(engineFactory.apply(this), "engine");
  }

  /**
   * The service over the metadata database.
   *
   * @param models where models and their versions are looked up
   * @param listener hears of system pauses, in the transaction that records them
   * @param engineFactory makes the engine from the catalog it reads (this service); called once,
   *     here. The engine may read the catalog at once but must not call the service's API methods
   *     before this method returns.
   */
  static SchedulerService create(
      Database database,
      ModelService models,
      Clock clock,
      InferenceListener listener,
      Function<SchedulerCatalog, InferenceEngine> engineFactory) {
    return new SchedulerService(
        new SchedulerRepository(database),
        new ReplayRepository(database),
        new SchedulerModels(models),
        clock,
        listener,
        engineFactory);
  }

  /** Creates a scheduler and starts it (PENDING); answers the scheduler. */
  public Map<String, Object> create(SchedulerBodies.Create body) {
    String name = checkName(required(body.name, "name"));
    String modelName = required(body.modelName, "modelName");
    UploadFrequency frequency = frequency(body.dataUploadFrequency);
    Duration delay = delay(body.dataDelayOffset, Duration.ZERO);
    checkDelay(frequency, delay);
    Instant now = clock.instant();
    Instant startTime = body.startTime == null ? now : instant("startTime", body.startTime);
    WindowSchedule schedule;
    try {
      schedule = WindowSchedule.starting(startTime, now, frequency, delay);
    } catch (InvalidDataException e) {
      throw new InvalidRequestException("startTime", e.getMessage());
    }
    Location input = input(required(body.input, "input"), null);
    FileNaming naming = naming(body.input, null);
    Location output = output(required(body.output, "output"), null);

    if (repository.findByName(name).isPresent()) {
      throw duplicate(name);
    }
    SchedulerModels.ModelFacts model =
        models
            .find(modelName)
            .orElseThrow(() -> new NotFoundException("model '" + modelName + "' does not exist"));
    int version =
        body.modelVersion == null ? activeVersion(model, null) : version(model, body.modelVersion);
    checkOutputUnused(output, null);

    InferenceScheduler scheduler =
        new InferenceScheduler(
            UUID.randomUUID().toString(),
            name,
            model.name(),
            version,
            model.datasetName(),
            SchedulerStatus.PENDING,
            null,
            null,
            schedule,
            startTime,
            input.bucket(),
            input.prefix(),
            naming,
            output.bucket(),
            output.prefix(),
            now,
            now);
    if (!repository.insert(scheduler)) {
      throw duplicate(name);
    }
    engine.schedule(scheduler.definition());
    LOG.info(
        "inference scheduler {} created for model {} version {}, first window {}",
        name,
        model.name(),
        version,
        schedule.first().id());
    return json(scheduler, now);
  }

  /** Every scheduler, or those of one model, in name order. */
  public Map<String, Object> list(String modelName) {
    Instant now = clock.instant();
    List<Map<String, Object>> schedulers = new ArrayList<>();
    for (InferenceScheduler scheduler : repository.list(modelName)) {
      schedulers.add(json(scheduler, now));
    }
    return Map.of("schedulers", schedulers);
  }

  /** One scheduler, with the replay that runs on it, if any. */
  public Map<String, Object> describe(String name) {
    InferenceScheduler scheduler = scheduler(name);
    Map<String, Object> json = json(scheduler, clock.instant());
    replays
        .running(scheduler.id())
        .ifPresent(
            replay ->
                json.put(
                    "runningReplay",
                    Map.of(
                        "id",
                        replay.id(),
                        "status",
                        replay.status().name(),
                        "windowsDone",
                        replay.windowsDone(),
                        "windowsTotal",
                        replay.windowsTotal())));
    return json;
  }

  /**
   * Stops a PENDING or RUNNING scheduler: no new window runs; an execution in flight finishes while
   * the scheduler is STOPPING, then the engine marks it STOPPED. Answers the scheduler.
   */
  public Map<String, Object> stop(String name) {
    InferenceScheduler scheduler = scheduler(name);
    Instant now = clock.instant();
    if (!repository.transition(
        scheduler.id(),
        EnumSet.of(SchedulerStatus.PENDING, SchedulerStatus.RUNNING),
        SchedulerStatus.STOPPING,
        null,
        null,
        now)) {
      InferenceScheduler current = scheduler(name);
      if (current.status() == SchedulerStatus.STOPPING) {
        throw new ConflictException(
            "inference scheduler '"
                + name
                + "' is already stopping: its execution in flight is"
                + " finishing");
      }
      throw new ConflictException("inference scheduler '" + name + "' is already stopped");
    }
    engine.unschedule(scheduler.id());
    if (!engine.running(scheduler.id())) {
      markStopped(scheduler.id());
    }
    LOG.info("inference scheduler {} stopped by a user", name);
    return describe(name);
  }

  /**
   * Restarts a STOPPED scheduler (PENDING); it resumes from the next due window, which the engine
   * chooses. Answers the scheduler.
   */
  public Map<String, Object> start(String name) {
    InferenceScheduler scheduler = scheduler(name);
    requireStopped(scheduler, "started");
    SchedulerModels.ModelFacts model =
        models
            .find(scheduler.modelName())
            .orElseThrow(
                () ->
                    new ConflictException(
                        "model '"
                            + scheduler.modelName()
                            + "' of inference scheduler '"
                            + name
                            + "' no longer exists: give the scheduler another model of dataset '"
                            + scheduler.datasetName()
                            + "' with an update"));
    if (!model.canRun(scheduler.modelVersion())) {
      throw new ConflictException(
          "version "
              + scheduler.modelVersion()
              + " of model '"
              + model.name()
              + "' can no longer run: give inference scheduler '"
              + name
              + "' another version with an update");
    }
    Instant now = clock.instant();
    // Resume from the next due window: the windows of the pause are not run.
    if (!repository.replace(resumedAt(scheduler, now), SchedulerStatus.STOPPED)
        || !repository.transition(
            scheduler.id(),
            EnumSet.of(SchedulerStatus.STOPPED),
            SchedulerStatus.PENDING,
            null,
            null,
            now)) {
      requireStopped(scheduler(name), "started");
    }
    InferenceScheduler started = scheduler(name);
    engine.schedule(started.definition());
    LOG.info("inference scheduler {} restarted", name);
    return json(started, now);
  }

  private static InferenceScheduler resumedAt(InferenceScheduler scheduler, Instant now) {
    return new InferenceScheduler(
        scheduler.id(),
        scheduler.name(),
        scheduler.modelName(),
        scheduler.modelVersion(),
        scheduler.datasetName(),
        scheduler.status(),
        scheduler.stopReason(),
        scheduler.stopDetail(),
        scheduler.schedule().resumedAt(now),
        scheduler.startTime(),
        scheduler.inputBucket(),
        scheduler.inputPrefix(),
        scheduler.naming(),
        scheduler.outputBucket(),
        scheduler.outputPrefix(),
        scheduler.createdAt(),
        now);
  }

  /**
   * Changes a STOPPED scheduler's settings; absent fields keep their value. A model swap (another
   * version of its model, or another model of its dataset) restarts it at once; other changes leave
   * it stopped. Answers the scheduler.
   */
  public Map<String, Object> update(String name, SchedulerBodies.Update body) {
    InferenceScheduler current = scheduler(name);
    requireStopped(current, "updated");
    requireNoReplay(current, "updated");
    if (body.modelName == null
        && body.modelVersion == null
        && body.dataUploadFrequency == null
        && body.dataDelayOffset == null
        && body.input == null
        && body.output == null) {
      throw new InvalidRequestException(
          null, "the update changes nothing: give at least one of " + UPDATABLE_FIELDS);
    }
    Instant now = clock.instant();
    UploadFrequency frequency =
        body.dataUploadFrequency == null
            ? current.schedule().frequency()
            : frequency(body.dataUploadFrequency);
    Duration delay = delay(body.dataDelayOffset, current.delay());
    checkDelay(frequency, delay);
    WindowSchedule schedule;
    if (frequency.equals(current.schedule().frequency())) {
      // Resumed from the next due window, should the update restart the scheduler.
      schedule =
          new WindowSchedule(frequency, delay, current.schedule().firstStart()).resumedAt(now);
    } else {
      // Windows of another frequency are aligned differently: they start anew from the start time,
      // or from now when that has passed.
      Instant from = current.startTime().isAfter(now) ? current.startTime() : now;
      schedule = WindowSchedule.starting(from, now, frequency, delay);
    }
    Location input =
        body.input == null
            ? new Location(current.inputBucket(), current.inputPrefix())
            : input(body.input, current);
    FileNaming naming = body.input == null ? current.naming() : naming(body.input, current);
    Location output =
        body.output == null
            ? new Location(current.outputBucket(), current.outputPrefix())
            : output(body.output, current);

    String modelName = current.modelName();
    int version = current.modelVersion();
    if (body.modelName != null || body.modelVersion != null) {
      modelName = body.modelName == null ? current.modelName() : body.modelName;
      String wanted = modelName;
      SchedulerModels.ModelFacts model =
          models
              .find(wanted)
              .orElseThrow(
                  () ->
                      new InvalidRequestException(
                          body.modelName == null ? "modelVersion" : "modelName",
                          "model '" + wanted + "' does not exist"));
      if (!model.datasetName().equals(current.datasetName())) {
        throw new InvalidRequestException(
            "modelName",
            "model '"
                + model.name()
                + "' learns dataset '"
                + model.datasetName()
                + "', not dataset '"
                + current.datasetName()
                + "' of inference scheduler '"
                + name
                + "': a scheduler can only swap to a version of its model or to another model of"
                + " its dataset");
      }
      version =
          body.modelVersion == null
              ? activeVersion(model, "modelName")
              : version(model, body.modelVersion);
    }
    checkOutputUnused(output, current.id());
    boolean swap = !modelName.equals(current.modelName()) || version != current.modelVersion();

    InferenceScheduler updated =
        new InferenceScheduler(
            current.id(),
            current.name(),
            modelName,
            version,
            current.datasetName(),
            swap ? SchedulerStatus.PENDING : SchedulerStatus.STOPPED,
            swap ? null : current.stopReason(),
            swap ? null : current.stopDetail(),
            schedule,
            current.startTime(),
            input.bucket(),
            input.prefix(),
            naming,
            output.bucket(),
            output.prefix(),
            current.createdAt(),
            now);
    if (!repository.replace(updated, SchedulerStatus.STOPPED)) {
      requireStopped(scheduler(name), "updated");
      throw new ConflictException(
          "inference scheduler '" + name + "' changed while it was updated; try again");
    }
    if (swap) {
      engine.schedule(updated.definition());
      LOG.info(
          "inference scheduler {} swapped to model {} version {} and restarted",
          name,
          modelName,
          version);
    }
    return json(updated, now);
  }

  /**
   * Deletes a STOPPED scheduler; its executions and results stay, and the listeners delete what
   * belongs to it alone (its alert configurations).
   */
  public void delete(String name) {
    InferenceScheduler scheduler = scheduler(name);
    requireStopped(scheduler, "deleted");
    requireNoReplay(scheduler, "deleted");
    if (!repository.deleteIfStopped(
        scheduler.id(),
        handle -> listener.schedulerDeleted(handle, scheduler.id(), scheduler.name()))) {
      requireStopped(scheduler(name), "deleted");
    }
    engine.unschedule(scheduler.id());
    LOG.info("inference scheduler {} deleted", name);
  }

  @Override
  public List<SchedulerDefinition> active() {
    return repository.withStatus(ACTIVE).stream().map(InferenceScheduler::definition).toList();
  }

  @Override
  public Optional<String> idOf(String name) {
    return repository.findByName(name).map(InferenceScheduler::id);
  }

  @Override
  public Optional<SchedulerDefinition> find(String schedulerId) {
    return repository.findById(schedulerId).map(InferenceScheduler::definition);
  }

  @Override
  public boolean stopRequested(String schedulerId) {
    return repository
        .findById(schedulerId)
        .map(
            scheduler ->
                scheduler.status() == SchedulerStatus.STOPPING
                    || scheduler.status() == SchedulerStatus.STOPPED)
        .orElse(true);
  }

  /**
   * Schedulers left STOPPING when Vigil stopped had their stop asked for while a window ran: no
   * window runs now, so they are STOPPED (user pause). Called once at start-up, before the engine
   * starts.
   */
  public void finishInterruptedStops() {
    for (InferenceScheduler scheduler :
        repository.withStatus(EnumSet.of(SchedulerStatus.STOPPING))) {
      markStopped(scheduler.id());
      LOG.info(
          "inference scheduler {} was stopping when Vigil stopped: it is stopped",
          scheduler.name());
    }
  }

  /** The scheduler's first execution started: a PENDING scheduler is RUNNING now. */
  public void markRunning(String schedulerId) {
    repository.transition(
        schedulerId,
        EnumSet.of(SchedulerStatus.PENDING),
        SchedulerStatus.RUNNING,
        null,
        null,
        clock.instant());
  }

  @Override
  public void markRunning(Handle transaction, String schedulerId) {
    repository.transition(
        transaction,
        schedulerId,
        EnumSet.of(SchedulerStatus.PENDING),
        SchedulerStatus.RUNNING,
        null,
        null,
        clock.instant());
  }

  @Override
  public void markStopped(String schedulerId) {
    repository.transition(
        schedulerId,
        EnumSet.of(SchedulerStatus.STOPPING),
        SchedulerStatus.STOPPED,
        StopReason.USER,
        null,
        clock.instant());
  }

  @Override
  public void pauseBySystem(String schedulerId, String reason) {
    Objects.requireNonNull(reason, "reason");
    Optional<InferenceScheduler> scheduler = repository.findById(schedulerId);
    if (scheduler.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    SystemPause pause =
        new SystemPause(
            schedulerId,
            scheduler.get().name(),
            scheduler.get().modelName(),
            scheduler.get().modelVersion(),
            reason,
            now);
    if (repository.transition(
        schedulerId,
        ACTIVE,
        SchedulerStatus.STOPPED,
        StopReason.SYSTEM,
        reason,
        now,
        handle -> listener.pausedBySystem(handle, pause))) {
      LOG.warn("inference scheduler {} paused by the system: {}", schedulerId, reason);
    }
  }

  /** The scheduler as the API shows it; optional fields are left out rather than null. */
  private static Map<String, Object> json(InferenceScheduler scheduler, Instant now) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", scheduler.name());
    json.put("id", scheduler.id());
    json.put("modelName", scheduler.modelName());
    json.put("modelVersion", scheduler.modelVersion());
    json.put("datasetName", scheduler.datasetName());
    json.put("status", scheduler.status().name());
    if (scheduler.stopReason() != null) {
      json.put("stopReason", scheduler.stopReason().name());
    }
    if (scheduler.stopDetail() != null) {
      json.put("stopDetail", scheduler.stopDetail());
    }
    json.put("portalStatus", scheduler.portalStatus());
    json.put("dataUploadFrequency", scheduler.schedule().frequency().text());
    json.put("dataDelayOffset", scheduler.delay().toString());
    json.put("startTime", scheduler.startTime().toString());
    json.put("firstWindow", window(scheduler.schedule().first()));
    scheduler.nextWindow(now).ifPresent(window -> json.put("nextWindow", window(window)));
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("bucket", scheduler.inputBucket());
    input.put("prefix", scheduler.inputPrefix());
    input.put("timeZoneOffset", scheduler.naming().zone().text());
    input.put("timestampFormat", scheduler.naming().format().text());
    input.put("delimiter", scheduler.naming().delimiter());
    json.put("input", input);
    Map<String, Object> output = new LinkedHashMap<>();
    output.put("bucket", scheduler.outputBucket());
    output.put("prefix", scheduler.outputPrefix());
    json.put("output", output);
    json.put("createdAt", scheduler.createdAt().toString());
    json.put("updatedAt", scheduler.updatedAt().toString());
    return json;
  }

  private static Map<String, Object> window(Window window) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("start", window.start().toString());
    json.put("end", window.end().toString());
    json.put("wake", window.wake().toString());
    return json;
  }

  private InferenceScheduler scheduler(String name) {
    return repository.existing(name);
  }

  private static void requireStopped(InferenceScheduler scheduler, String what) {
    if (scheduler.status() != SchedulerStatus.STOPPED) {
      throw new ConflictException(
          "inference scheduler '"
              + scheduler.name()
              + "' is "
              + scheduler.status()
              + ": only a stopped scheduler can be "
              + what
              + "; stop it first");
    }
  }

  /** A replay runs with the scheduler's settings: they stay as they are until it ends. */
  private void requireNoReplay(InferenceScheduler scheduler, String what) {
    replays
        .running(scheduler.id())
        .ifPresent(
            replay -> {
              throw new ConflictException(
                  "inference scheduler '"
                      + scheduler.name()
                      + "' cannot be "
                      + what
                      + " while replay "
                      + replay.id()
                      + " runs on it ("
                      + replay.windowsDone()
                      + " of "
                      + replay.windowsTotal()
                      + " windows done); wait until it ends");
            });
  }

  private static ConflictException duplicate(String name) {
    return new ConflictException("inference scheduler '" + name + "' already exists");
  }

  private static String checkName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new InvalidRequestException(
          "name", "name '" + name + "' is not valid: use 1 to 200 letters, digits, '_' and '-'");
    }
    return name;
  }

  /** The active version of a model, which must exist. */
  private static int activeVersion(SchedulerModels.ModelFacts model, String field) {
    Integer active = model.activeVersion();
    if (active == null) {
      String message =
          "model '"
              + model.name()
              + "' has no version that trained successfully; wait until one has";
      if (field != null) {
        throw new InvalidRequestException(field, message);
      }
      throw new ConflictException(message);
    }
    return active;
  }

  /** A version asked for by number: it must exist and have trained successfully. */
  private static int version(SchedulerModels.ModelFacts model, int version) {
    String status = model.versionStatuses().get(version);
    if (status == null) {
      throw new InvalidRequestException(
          "modelVersion", "model '" + model.name() + "' has no version " + version);
    }
    if (!model.canRun(version)) {
      throw new InvalidRequestException(
          "modelVersion",
          "version "
              + version
              + " of model '"
              + model.name()
              + "' is "
              + status
              + ": only a version that trained successfully (SUCCESS) can run");
    }
    return version;
  }

  private static UploadFrequency frequency(String text) {
    try {
      return UploadFrequency.parse(required(text, "dataUploadFrequency"), false);
    } catch (InvalidDataException e) {
      throw new InvalidRequestException("dataUploadFrequency", e.getMessage());
    }
  }

  private static Duration delay(String text, Duration absent) {
    if (text == null) {
      return absent;
    }
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidRequestException(
          "dataDelayOffset",
          "data delay offset '" + text + "' is not an ISO-8601 duration such as PT2M");
    }
  }

  private static void checkDelay(UploadFrequency frequency, Duration delay) {
    try {
      new WindowSchedule(frequency, delay, Instant.EPOCH);
    } catch (InvalidDataException e) {
      throw new InvalidRequestException("dataDelayOffset", e.getMessage());
    }
  }

  private static Instant instant(String field, String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeException e) {
      throw new InvalidRequestException(
          field,
          "start time '"
              + text
              + "' is not an ISO-8601 timestamp with a zone, such as 2026-01-01T10:00:00Z");
    }
  }

  /** The input location; absent fields keep those of {@code current}, if any. */
  private static Location input(SchedulerBodies.Input body, InferenceScheduler current) {
    String bucket = body.bucket != null || current == null ? body.bucket : current.inputBucket();
    String prefix =
        body.prefix != null ? body.prefix : current == null ? "" : current.inputPrefix();
    return location("input", "input", bucket, prefix);
  }

  private static Location output(SchedulerBodies.Output body, InferenceScheduler current) {
    String bucket = body.bucket != null || current == null ? body.bucket : current.outputBucket();
    String prefix =
        body.prefix != null ? body.prefix : current == null ? "" : current.outputPrefix();
    return location("output", "output", bucket, prefix);
  }

  private static Location location(String field, String what, String bucket, String prefix) {
    required(bucket, field + ".bucket");
    try {
      ObjectKeys.requireValidBucket(bucket);
    } catch (InvalidDataException e) {
      throw new InvalidRequestException(field + ".bucket", e.getMessage());
    }
    if (!prefix.isEmpty()) {
      try {
        ObjectKeys.requireSafeKey(prefix);
      } catch (InvalidDataException e) {
        throw new InvalidRequestException(field + ".prefix", e.getMessage());
      }
      if (!prefix.endsWith("/")) {
        throw new InvalidRequestException(
            field + ".prefix",
            what
                + " prefix '"
                + prefix
                + "' is not a folder: it must be empty or end with '/', such as '"
                + prefix
                + "/'");
      }
    }
    return new Location(bucket, prefix);
  }

  /** The file naming; absent fields keep those of {@code current}, or take the defaults. */
  private static FileNaming naming(SchedulerBodies.Input body, InferenceScheduler current) {
    InputTimeZone zone;
    if (body.timeZoneOffset == null && current != null) {
      zone = current.naming().zone();
    } else {
      try {
        zone = InputTimeZone.parse(body.timeZoneOffset);
      } catch (InvalidDataException e) {
        throw new InvalidRequestException("input.timeZoneOffset", e.getMessage());
      }
    }
    String format =
        body.timestampFormat == null && current != null
            ? current.naming().format().text()
            : body.timestampFormat;
    String delimiter =
        body.delimiter == null && current != null ? current.naming().delimiter() : body.delimiter;
    try {
      FileNaming.of(format, null, zone);
    } catch (InvalidDataException e) {
      throw new InvalidRequestException("input.timestampFormat", e.getMessage());
    }
    try {
      return FileNaming.of(format, delimiter, zone);
    } catch (InvalidDataException e) {
      throw new InvalidRequestException("input.delimiter", e.getMessage());
    }
  }

  /** Two schedulers writing results to one place would overwrite each other's results. */
  private void checkOutputUnused(Location output, String ownId) {
    for (InferenceScheduler other : repository.list(null)) {
      if (!other.id().equals(ownId)
          && other.outputBucket().equals(output.bucket())
          && other.outputPrefix().equals(output.prefix())) {
        throw new ConflictException(
            "output location '"
                + output.bucket()
                + "/"
                + output.prefix()
                + "' is the output of inference scheduler '"
                + other.name()
                + "': give each scheduler its own output prefix");
      }
    }
  }

  /** A bucket and a folder in it. */
  private record Location(String bucket, String prefix) {}
}
