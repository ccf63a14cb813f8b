package dev.vigil.alert;

import static dev.vigil.request.RequiredFields.required;

import dev.vigil.engine.model.Sensitivity;
import dev.vigil.hook.Hook;
import dev.vigil.hook.HookService;
import dev.vigil.hook.HookUsage;
import dev.vigil.inference.SchedulerNames;
import dev.vigil.request.ConflictException;
import dev.vigil.request.InvalidRequestException;
import dev.vigil.request.NotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alert configurations feature: creates, lists, describes, updates and deletes the alert
 * configurations of inference schedulers. A configuration names its scheduler and its hooks; both
 * must exist when it is saved. A hook that a configuration uses cannot be deleted ({@link
 * #hookUsage()}).
 *
 * <p>Thread-safe: state lives in the database.
 */
public final class AlertConfigurationService {
  /** Groups anomalies at most this many data points apart when the request does not say. */
  public static final int DEFAULT_WITHIN_POINTS = 10;

  /** The largest correlation distance, in data points. */
  public static final int MAX_WITHIN_POINTS = 10_000;

  /** The longest snooze. */
  public static final Duration MAX_SNOOZE = Duration.ofDays(7);

  /**
   * Whether a system pause alerts when the request does not say: a paused scheduler watches
   * nothing.
   */
  public static final boolean DEFAULT_NOTIFY_ON_SYSTEM_PAUSE = true;

  private static final Logger LOG = LoggerFactory.getLogger(AlertConfigurationService.class);
  private static final Pattern NAME = Pattern.compile("^[0-9a-zA-Z_-]{1,200}$");
  private static final String UPDATABLE_FIELDS =
      "sensitivity, correlation, snooze, hooks, notifyOnFailure, notifyOnSystemPause";

  private final AlertConfigurationRepository repository;
  private final Clock clock;
  private final SchedulerNames schedulers;
  private final HookService hooks;

  AlertConfigurationService(
      AlertConfigurationRepository repository,
      Clock clock,
      SchedulerNames schedulers,
      HookService hooks) {
    this.repository = repository;
    this.clock = clock;
    this.schedulers = schedulers;
    this.hooks = hooks;
  }

  /** Who uses a hook: the configurations that notify it. */
  public HookUsage hookUsage() {
    return repository::usersOfHook;
  }

  /** Creates a configuration; answers it. */
  public Map<String, Object> create(AlertBodies.Create body) {
    String name = checkName(required(body.name, "name"));
    String schedulerName = required(body.schedulerName, "schedulerName");
    Sensitivity sensitivity = sensitivity(body.sensitivity, Sensitivity.DEFAULT);
    Correlation correlation =
        body.correlation == null
            ? new Correlation(CorrelationMode.GROUP, DEFAULT_WITHIN_POINTS)
            : correlation(body.correlation);
    Duration snooze = snooze(body.snooze, Duration.ZERO);
    List<AlertConfiguration.HookRef> hookRefs = hooks(required(body.hooks, "hooks"));
    String schedulerId =
        schedulers
            .idOf(schedulerName)
            .orElseThrow(
                () ->
                    new InvalidRequestException(
                        "schedulerName",
                        "inference scheduler '" + schedulerName + "' does not exist"));
    if (repository.findByName(name).isPresent()) {
      throw duplicate(name);
    }
    Instant now = clock.instant();
    AlertConfiguration configuration =
        new AlertConfiguration(
            UUID.randomUUID().toString(),
            name,
            schedulerId,
            schedulerName,
            sensitivity,
            correlation.mode(),
            correlation.withinPoints(),
            snooze,
            body.notifyOnFailure != null && body.notifyOnFailure,
            body.notifyOnSystemPause == null
                ? DEFAULT_NOTIFY_ON_SYSTEM_PAUSE
                : body.notifyOnSystemPause,
            hookRefs,
            now,
            now);
    save(repository.insert(configuration), name);
    LOG.info(
        "alert configuration {} created for inference scheduler {} (sensitivity {}, {})",
        name,
        schedulerName,
        sensitivity.value(),
        correlation.describe());
    return json(configuration);
  }

  /** Every configuration, or those of one scheduler, in name order. */
  public Map<String, Object> list(String schedulerName) {
    String schedulerId = null;
    if (schedulerName != null) {
      schedulerId =
          schedulers
              .idOf(schedulerName)
              .orElseThrow(
                  () ->
                      new NotFoundException(
                          "inference scheduler '" + schedulerName + "' does not exist"));
    }
    List<Map<String, Object>> configurations = new ArrayList<>();
    for (AlertConfiguration configuration : repository.list(schedulerId)) {
      configurations.add(json(configuration));
    }
    return Map.of("alertConfigurations", configurations);
  }

  /** One configuration, with the end of its snooze when one runs. */
  public Map<String, Object> describe(String name) {
    AlertConfiguration configuration = configuration(name);
    Map<String, Object> json = json(configuration);
    Optional<Instant> snoozedUntil = repository.snoozedUntil(configuration.id());
    if (snoozedUntil.isPresent() && snoozedUntil.get().isAfter(clock.instant())) {
      json.put("snoozedUntil", snoozedUntil.get().toString());
    }
    return json;
  }

  /** Changes a configuration; absent fields keep their value. Answers it. */
  public Map<String, Object> update(String name, AlertBodies.Update body) {
    AlertConfiguration current = configuration(name);
    if (body.sensitivity == null
        && body.correlation == null
        && body.snooze == null
        && body.hooks == null
        && body.notifyOnFailure == null
        && body.notifyOnSystemPause == null) {
      throw new InvalidRequestException(
          null, "the update changes nothing: give at least one of " + UPDATABLE_FIELDS);
    }
    Correlation correlation =
        body.correlation == null
            ? new Correlation(current.mode(), current.withinPoints())
            : correlation(body.correlation);
    AlertConfiguration updated =
        new AlertConfiguration(
            current.id(),
            current.name(),
            current.schedulerId(),
            current.schedulerName(),
            sensitivity(body.sensitivity, current.sensitivity()),
            correlation.mode(),
            correlation.withinPoints(),
            snooze(body.snooze, current.snooze()),
            body.notifyOnFailure == null ? current.notifyOnFailure() : body.notifyOnFailure,
            body.notifyOnSystemPause == null
                ? current.notifyOnSystemPause()
                : body.notifyOnSystemPause,
            body.hooks == null ? current.hooks() : hooks(body.hooks),
            current.createdAt(),
            clock.instant());
    save(repository.update(updated), name);
    LOG.info("alert configuration {} updated", name);
    return json(updated);
  }

  /** Deletes a configuration; its alerts, and their deliveries still due, stay. */
  public void delete(String name) {
    AlertConfiguration configuration = configuration(name);
    if (!repository.delete(configuration.id())) {
      throw notFound(name);
    }
    LOG.info("alert configuration {} deleted", name);
  }

  private void save(AlertConfigurationRepository.Saved saved, String name) {
    switch (saved) {
      case SAVED -> {
        // Done.
      }
      case DUPLICATE_NAME -> throw duplicate(name);
      case HOOK_GONE ->
          throw new ConflictException(
              "a hook of alert configuration '" + name + "' was deleted meanwhile; try again");
      case GONE -> throw notFound(name);
    }
  }

  private AlertConfiguration configuration(String name) {
    return repository.findByName(name).orElseThrow(() -> notFound(name));
  }

  /** The configuration as the API shows it. */
  static Map<String, Object> json(AlertConfiguration configuration) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", configuration.name());
    json.put("id", configuration.id());
    json.put("schedulerName", configuration.schedulerName());
    json.put("sensitivity", configuration.sensitivity().value());
    json.put("scoreThreshold", configuration.sensitivity().scoreThreshold());
    Map<String, Object> correlation = new LinkedHashMap<>();
    correlation.put("mode", configuration.mode().name());
    if (configuration.mode() == CorrelationMode.GROUP) {
      correlation.put("withinPoints", configuration.withinPoints());
    }
    json.put("correlation", correlation);
    json.put("snooze", configuration.snooze().toString());
    json.put(
        "hooks",
        configuration.hooks().stream()
            .sorted(Comparator.comparing(AlertConfiguration.HookRef::name))
            .map(AlertConfiguration.HookRef::name)
            .toList());
    json.put("notifyOnFailure", configuration.notifyOnFailure());
    json.put("notifyOnSystemPause", configuration.notifyOnSystemPause());
    json.put("createdAt", configuration.createdAt().toString());
    json.put("updatedAt", configuration.updatedAt().toString());
    return json;
  }

  private List<AlertConfiguration.HookRef> hooks(List<String> names) {
    if (names.isEmpty()) {
      throw new InvalidRequestException("hooks", "field 'hooks' needs at least one hook");
    }
    Set<String> seen = new HashSet<>();
    List<AlertConfiguration.HookRef> refs = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      String field = "hooks[" + i + "]";
      if (name == null) {
        throw new InvalidRequestException(field, "a hook name cannot be null");
      }
      if (!seen.add(name)) {
        throw new InvalidRequestException(field, "hook '" + name + "' is listed twice");
      }
      Hook hook;
      try {
        hook = hooks.byName(name);
      } catch (NotFoundException e) {
        throw new InvalidRequestException(
            field, "hook '" + name + "' does not exist; create it first (POST /api/v1/hooks)");
      }
      refs.add(new AlertConfiguration.HookRef(hook.id(), hook.name()));
    }
    return refs;
  }

  private static Sensitivity sensitivity(Integer value, Sensitivity absent) {
    if (value == null) {
      return absent;
    }
    if (value < Sensitivity.MIN || value > Sensitivity.MAX) {
      throw new InvalidRequestException(
          "sensitivity",
          "field 'sensitivity' must be between "
              + Sensitivity.MIN
              + " and "
              + Sensitivity.MAX
              + ", got "
              + value);
    }
    return new Sensitivity(value);
  }

  private static Correlation correlation(AlertBodies.Correlation body) {
    CorrelationMode mode = required(body.mode, "correlation.mode");
    if (mode == CorrelationMode.EACH) {
      if (body.withinPoints != null) {
        throw new InvalidRequestException(
            "correlation.withinPoints",
            "field 'correlation.withinPoints' goes with mode GROUP only: mode EACH sends an alert"
                + " for every anomalous point");
      }
      return new Correlation(mode, 0);
    }
    int points = body.withinPoints == null ? DEFAULT_WITHIN_POINTS : body.withinPoints;
    if (points < 1 || points > MAX_WITHIN_POINTS) {
      throw new InvalidRequestException(
          "correlation.withinPoints",
          "field 'correlation.withinPoints' must be between 1 and "
              + MAX_WITHIN_POINTS
              + ", got "
              + points);
    }
    return new Correlation(mode, points);
  }

  private static Duration snooze(String text, Duration absent) {
    if (text == null) {
      return absent;
    }
    Duration snooze;
    try {
      snooze = Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidRequestException(
          "snooze", "snooze '" + text + "' is not an ISO-8601 duration such as PT1H");
    }
    if (snooze.isNegative() || snooze.compareTo(MAX_SNOOZE) > 0) {
      throw new InvalidRequestException(
          "snooze", "snooze must be between PT0S and P7D (PT168H), got " + snooze);
    }
    return snooze;
  }

  private static String checkName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new InvalidRequestException(
          "name", "name '" + name + "' is not valid: use 1 to 200 letters, digits, '_' and '-'");
    }
    return name;
  }

  private static NotFoundException notFound(String name) {
    return new NotFoundException("alert configuration '" + name + "' does not exist");
  }

  private static ConflictException duplicate(String name) {
    return new ConflictException("alert configuration '" + name + "' already exists");
  }

  /** A correlation mode with its distance in data points (0 with EACH). */
  private record Correlation(CorrelationMode mode, int withinPoints) {
    String describe() {
      return mode == CorrelationMode.GROUP
          ? "one alert per group of anomalies within " + withinPoints + " points"
          : "one alert per anomaly";
    }
  }
}
