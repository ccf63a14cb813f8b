package dev.vigil.alert;

import dev.vigil.config.VigilConfig;
import dev.vigil.hook.HookBodies;
import dev.vigil.hook.SmtpTls;
import dev.vigil.inference.ExecutionStatus;
import dev.vigil.inference.FinishedWindow;
import dev.vigil.inference.StoredResult;
import dev.vigil.inference.SystemPause;
import dev.vigil.storage.Database;
import dev.vigil.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The alert feature over a real database, with a clock the test moves by hand, the jitter of
 * retries fixed (0.5: every wait exactly the backoff's), and schedulers known by name without the
 * inference feature. Windows are fed to the real listener inside real transactions, as inference
 * does. The delivery workers are not started: tests call {@link #deliverDue()}.
 *
 * <p>Not thread-safe: one test drives it.
 */
final class AlertTestBed implements AutoCloseable {
  static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  static final Duration POINT = Duration.ofSeconds(10);
  static final String PUBLIC_URL = "http://vigil.test:8080";

  final Database database;
  final ManualClock clock = new ManualClock(T0);
  final Map<String, String> schedulerIds = new ConcurrentHashMap<>();
  SmtpTls tls = SmtpTls.DEFAULT;
  Duration retryHorizon = Duration.ofHours(24);
  AlertFeature feature;

  AlertTestBed(Database database) {
    this.database = database;
    schedulerIds.put("pump-live", "scheduler-pump");
    schedulerIds.put("fan-live", "scheduler-fan");
    start();
  }

  /** Starts a new feature over the database, as a restarted Vigil would. */
  AlertTestBed start() {
    feature =
        AlertFeature.create(
            database,
            clock,
            name -> Optional.ofNullable(schedulerIds.get(name)),
            new VigilConfig.AlertSettings(PUBLIC_URL, retryHorizon, 4),
            tls,
            Backoff.DEFAULT,
            () -> 0.5);
    return this;
  }

  /** Stops the feature (its workers and clients); the database stays. */
  void stop() {
    feature.close();
  }

  Map<String, Object> webhook(String name, String url, String secret) {
    HookBodies.Create body = new HookBodies.Create();
    body.name = name;
    body.webhook = new HookBodies.Webhook();
    body.webhook.url = url;
    body.webhook.secret = secret;
    body.timeout = "PT2S";
    return feature.hooks().create(body);
  }

  /** A configuration of scheduler {@code pump-live} notifying {@code hooks}, then adjusted. */
  Map<String, Object> configure(
      String name, List<String> hooks, Consumer<AlertBodies.Create> adjust) {
    AlertBodies.Create body = new AlertBodies.Create();
    body.name = name;
    body.schedulerName = "pump-live";
    body.hooks = hooks;
    adjust.accept(body);
    return feature.configurations().create(body);
  }

  static AlertBodies.Correlation group(int points) {
    AlertBodies.Correlation correlation = new AlertBodies.Correlation();
    correlation.mode = CorrelationMode.GROUP;
    correlation.withinPoints = points;
    return correlation;
  }

  static AlertBodies.Correlation each() {
    AlertBodies.Correlation correlation = new AlertBodies.Correlation();
    correlation.mode = CorrelationMode.EACH;
    return correlation;
  }

  /**
   * A scored window of scheduler {@code pump-live} starting at {@code start}: one point every 10
   * seconds with the scores given (prediction as results at the default sensitivity have it).
   */
  static FinishedWindow window(Instant start, double... scores) {
    List<StoredResult> results = new ArrayList<>();
    Instant end = start.plus(POINT.multipliedBy(scores.length));
    for (int i = 0; i < scores.length; i++) {
      results.add(
          result(start.plus(POINT.multipliedBy(i)), end, scores[i], scores[i] > 0.5 ? 1 : 0));
    }
    return scored(start, end, results, null);
  }

  static FinishedWindow scored(
      Instant start, Instant end, List<StoredResult> results, String replayId) {
    return new FinishedWindow(
        "scheduler-pump",
        "pump-live",
        "pump-model",
        2,
        start,
        end,
        ExecutionStatus.SUCCESS,
        null,
        false,
        results,
        replayId);
  }

  /** The same window as a replay re-ran it. */
  static FinishedWindow replayed(FinishedWindow window, String replayId) {
    return scored(window.windowStart(), window.windowEnd(), window.results(), replayId);
  }

  static FinishedWindow failed(Instant start, Instant end, String reason, boolean missed) {
    return new FinishedWindow(
        "scheduler-pump",
        "pump-live",
        "pump-model",
        2,
        start,
        end,
        ExecutionStatus.FAILED,
        reason,
        missed,
        List.of(),
        null);
  }

  /** A results row with the Lookout line, comp01\s01 leading the diagnostics. */
  static StoredResult result(Instant timestamp, Instant windowEnd, double score, int prediction) {
    String line =
        String.format(
            Locale.ROOT,
            "{\"timestamp\":\"%s\",\"prediction\":%d,\"prediction_reason\":\"%s\","
                + "\"anomaly_score\":%.5f,\"diagnostics\":[{\"name\":\"comp01\\\\s01\","
                + "\"value\":0.61},{\"name\":\"comp02\\\\s03\",\"value\":0.22},"
                + "{\"name\":\"comp01\\\\s02\",\"value\":0.17}]}",
            timestamp,
            prediction,
            prediction == 1 ? "ANOMALY_DETECTED" : "NO_ANOMALY_DETECTED",
            score);
    return new StoredResult(
        timestamp.toEpochMilli(), windowEnd.toEpochMilli(), 2, prediction, score, line);
  }

  /** Records a window as inference does: the listener runs in the transaction that commits it. */
  void record(FinishedWindow window) {
    database.jdbi().useTransaction(handle -> feature.listener().windowFinished(handle, window));
  }

  void pause(String reason) {
    database
        .jdbi()
        .useTransaction(
            handle ->
                feature
                    .listener()
                    .pausedBySystem(
                        handle,
                        new SystemPause(
                            "scheduler-pump",
                            "pump-live",
                            "pump-model",
                            2,
                            reason,
                            clock.instant())));
  }

  /** Deletes the scheduler as inference does: the listener runs in the deleting transaction. */
  void deleteScheduler(String schedulerId, String schedulerName) {
    database
        .jdbi()
        .useTransaction(
            handle -> feature.listener().schedulerDeleted(handle, schedulerId, schedulerName));
  }

  /** Every alert, oldest first. */
  List<AlertRecord> alerts() {
    List<AlertRecord> alerts =
        new ArrayList<>(
            new OutboxRepository(database)
                .alerts(new OutboxRepository.AlertFilter(null, null, null, null, 1_000)));
    java.util.Collections.reverse(alerts);
    return alerts;
  }

  List<Delivery> deliveries() {
    return new OutboxRepository(database).deliveries();
  }

  List<Attempt> attempts(String alertId) {
    return new OutboxRepository(database).attemptsOf(alertId);
  }

  int deliverDue() {
    return feature.worker().deliverDue();
  }

  @Override
  public void close() {
    feature.close();
  }
}
