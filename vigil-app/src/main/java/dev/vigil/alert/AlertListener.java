package dev.vigil.alert;

import dev.vigil.inference.ExecutionStatus;
import dev.vigil.inference.FinishedWindow;
import dev.vigil.inference.InferenceListener;
import dev.vigil.inference.SystemPause;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides alerts as inference records its windows, inside the transaction that records each: the
 * alerts and their outbox rows commit with the window's results or not at all, and nothing here
 * calls out of the process (delivery workers send after the commit, woken by it).
 *
 * <p>For each alert configuration of the window's scheduler:
 *
 * <ul>
 *   <li>A scored window is judged at the configuration's sensitivity ({@link IncidentTracker}):
 *       each incident that is new (or was held back by a snooze) sends one alert if the
 *       configuration is not snoozed, and then starts its snooze. The windows in which the
 *       configuration saw anomalies are recorded.
 *   <li>A window a replay re-ran is judged in a stream of its own (the replay's), so the schedule's
 *       correlation is left alone. Anomalies in windows the configuration judged before never alert
 *       again; anomalies in windows that newly turn anomalous alert, flagged as replay.
 *   <li>A failed window of the schedule alerts when the configuration asks for it and it starts a
 *       streak of failures (the first failure after a success, or ever): a scheduler failing window
 *       after window, or missing a night of windows, sends one alert, then one at its system pause.
 *       Snooze holds back anomaly alerts only.
 * </ul>
 *
 * <p>Thread-safe: the state is in the database, on the transaction given. Windows of one stream of
 * one scheduler are recorded one after the other; the snooze is claimed by a conditional update, so
 * the schedule and a replay of one scheduler never both fire through it.
 */
final class AlertListener implements InferenceListener {
  private static final Logger LOG = LoggerFactory.getLogger(AlertListener.class);

  private final AlertConfigurationRepository configurations;
  private final IncidentRepository incidents;
  private final OutboxRepository outbox;
  private final AlertPayloads payloads;
  private final Clock clock;
  private final Duration retryHorizon;
  private final Runnable afterCommit;
  private final AlertStats stats;

  /**
   * @param retryHorizon deliveries are tried until this long after the alert
   * @param afterCommit runs after a transaction that decided alerts commits: wakes the workers
   * @param stats hears of each alert once its transaction commits
   */
  AlertListener(
      AlertConfigurationRepository configurations,
      IncidentRepository incidents,
      OutboxRepository outbox,
      AlertPayloads payloads,
      Clock clock,
      Duration retryHorizon,
      Runnable afterCommit,
      AlertStats stats) {
    this.configurations = configurations;
    this.incidents = incidents;
    this.outbox = outbox;
    this.payloads = payloads;
    this.clock = clock;
    this.retryHorizon = retryHorizon;
    this.afterCommit = afterCommit;
    this.stats = stats;
  }

  /**
   * The scheduler's alert configurations go with it; the alerts they raised stay in the history.
   */
  @Override
  public void schedulerDeleted(Handle transaction, String schedulerId, String schedulerName) {
    for (AlertConfiguration configuration : configurations.forScheduler(transaction, schedulerId)) {
      AlertConfigurationRepository.delete(transaction, configuration.id());
      LOG.info(
          "alert configuration {} deleted with inference scheduler {}",
          configuration.name(),
          schedulerName);
    }
  }

  @Override
  public void windowFinished(Handle transaction, FinishedWindow window) {
    List<AlertConfiguration> found = configurations.forScheduler(transaction, window.schedulerId());
    if (found.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    List<AlertRecord> decided = new ArrayList<>();
    for (AlertConfiguration configuration : found) {
      if (window.status() == ExecutionStatus.SUCCESS) {
        judge(transaction, configuration, window, now, decided);
      } else if (window.status() == ExecutionStatus.FAILED && !window.replay()) {
        failed(transaction, configuration, window, now, decided);
      }
    }
    announce(transaction, decided);
  }

  @Override
  public void pausedBySystem(Handle transaction, SystemPause pause) {
    Instant now = clock.instant();
    List<AlertRecord> decided = new ArrayList<>();
    for (AlertConfiguration configuration :
        configurations.forScheduler(transaction, pause.schedulerId())) {
      if (configuration.notifyOnSystemPause()) {
        String id = UUID.randomUUID().toString();
        decided.add(
            store(
                transaction,
                configuration,
                trouble(
                    id,
                    configuration,
                    AlertKind.SYSTEM_PAUSE,
                    null,
                    pause.reason(),
                    payloads.systemPause(id, configuration, pause, now),
                    now)));
      }
    }
    announce(transaction, decided);
  }

  private void judge(
      Handle transaction,
      AlertConfiguration configuration,
      FinishedWindow window,
      Instant now,
      List<AlertRecord> decided) {
    if (!window.replay()) {
      configurations.recordFailure(transaction, configuration.id(), false);
    }
    String stream = window.replay() ? window.replayId() : IncidentRepository.LIVE;
    Incident previous = incidents.find(transaction, configuration.id(), stream).orElse(null);
    IncidentTracker.Outcome outcome =
        IncidentTracker.judge(
            previous,
            window.results(),
            configuration.sensitivity().scoreThreshold(),
            configuration.mode(),
            configuration.withinPoints());
    if (outcome.touched().isEmpty()) {
      if (outcome.latest() != null && !outcome.latest().equals(previous)) {
        incidents.save(transaction, configuration.id(), stream, outcome.latest());
      }
      return;
    }
    boolean judgedBefore =
        window.replay()
            && incidents.windowJudged(transaction, configuration.id(), window.windowEnd());
    String firstAlert = null;
    Incident last = null;
    for (Incident incident : outcome.touched()) {
      if (!incident.settled()) {
        if (judgedBefore) {
          incident = incident.settledBy(null);
        } else if (configurations.claimSnooze(
            transaction, configuration.id(), now, now.plus(configuration.snooze()))) {
          AlertRecord alert = anomaly(configuration, window, incident, now);
          decided.add(store(transaction, configuration, alert));
          incident = incident.settledBy(alert.id());
          firstAlert = firstAlert == null ? alert.id() : firstAlert;
        }
      }
      last = incident;
    }
    if (!judgedBefore) {
      incidents.recordWindow(transaction, configuration.id(), window.windowEnd(), firstAlert);
    }
    Incident latest = outcome.latest();
    if (outcome.latestTouched() && last.settled()) {
      latest = latest.settledBy(last.alertId());
    }
    incidents.save(transaction, configuration.id(), stream, latest);
  }

  private AlertRecord anomaly(
      AlertConfiguration configuration, FinishedWindow window, Incident incident, Instant now) {
    String id = UUID.randomUUID().toString();
    return new AlertRecord(
        id,
        configuration.id(),
        configuration.name(),
        configuration.schedulerId(),
        configuration.schedulerName(),
        AlertKind.ANOMALY,
        window.replayId(),
        window.windowEnd(),
        Instant.ofEpochMilli(incident.startMillis()),
        Instant.ofEpochMilli(incident.lastAnomalyMillis()),
        incident.peakScore(),
        null,
        payloads.anomaly(id, configuration, window, incident, now),
        now);
  }

  private void failed(
      Handle transaction,
      AlertConfiguration configuration,
      FinishedWindow window,
      Instant now,
      List<AlertRecord> decided) {
    boolean streakStarts = configurations.recordFailure(transaction, configuration.id(), true);
    if (!streakStarts || !configuration.notifyOnFailure()) {
      return;
    }
    String id = UUID.randomUUID().toString();
    decided.add(
        store(
            transaction,
            configuration,
            trouble(
                id,
                configuration,
                AlertKind.EXECUTION_FAILED,
                window.windowEnd(),
                window.failedReason(),
                payloads.executionFailed(id, configuration, window, now),
                now)));
  }

  /** An alert about the scheduler's trouble (a failure or a pause) rather than anomalies. */
  private static AlertRecord trouble(
      String id,
      AlertConfiguration configuration,
      AlertKind kind,
      Instant windowEnd,
      String reason,
      String payload,
      Instant now) {
    return new AlertRecord(
        id,
        configuration.id(),
        configuration.name(),
        configuration.schedulerId(),
        configuration.schedulerName(),
        kind,
        null,
        windowEnd,
        null,
        null,
        null,
        reason,
        payload,
        now);
  }

  private AlertRecord store(
      Handle transaction, AlertConfiguration configuration, AlertRecord alert) {
    outbox.insert(transaction, alert, configuration.hooks(), alert.createdAt().plus(retryHorizon));
    return alert;
  }

  /** Once the transaction commits: logs the alerts decided and wakes the workers. */
  private void announce(Handle transaction, List<AlertRecord> decided) {
    if (decided.isEmpty()) {
      return;
    }
    transaction.afterCommit(
        () -> {
          for (AlertRecord alert : decided) {
            LOG.info(
                "alert {} ({}{}) of alert configuration {} on inference scheduler {}: {}",
                alert.id(),
                alert.kind(),
                alert.replayId() == null ? "" : ", replay " + alert.replayId(),
                alert.configurationName(),
                alert.schedulerName(),
                alert.kind() == AlertKind.ANOMALY
                    ? alert.rangeStart()
                        + " to "
                        + alert.rangeEnd()
                        + ", peak score "
                        + alert.peakScore()
                    : alert.reason());
            stats.alertDecided(alert.kind());
          }
          afterCommit.run();
        });
  }
}
