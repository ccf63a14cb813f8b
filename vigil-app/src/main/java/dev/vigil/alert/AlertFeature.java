package dev.vigil.alert;

import dev.vigil.config.VigilConfig.AlertSettings;
import dev.vigil.hook.HookSenders;
import dev.vigil.hook.HookService;
import dev.vigil.hook.SmtpTls;
import dev.vigil.inference.InferenceListener;
import dev.vigil.inference.SchedulerNames;
import dev.vigil.storage.Database;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Alerts as the rest of Vigil sees them: hooks, alert configurations, the history of alerts and
 * their deliveries, the inference listener that decides alerts as windows are recorded, and the
 * delivery workers. Built once by the composition root, which adds {@link #listener()} to
 * inference's listeners and then {@link #start()}s the workers; {@link #close()} stops them before
 * the database closes.
 *
 * <p>Thread-safe.
 */
public final class AlertFeature implements AutoCloseable {
  private final HookSenders senders;
  private final HookService hooks;
  private final AlertConfigurationService configurations;
  private final AlertHistory history;
  private final AlertListener listener;
  private final DeliveryWorker worker;

  private AlertFeature(
      HookSenders senders,
      HookService hooks,
      AlertConfigurationService configurations,
      AlertHistory history,
      AlertListener listener,
      DeliveryWorker worker) {
    this.senders = senders;
    this.hooks = hooks;
    this.configurations = configurations;
    this.history = history;
    this.listener = listener;
    this.worker = worker;
  }

  /**
   * The feature over the metadata database; nothing is delivered until {@link #start()}.
   *
   * @param schedulers resolves the scheduler a configuration names
   */
  public static AlertFeature create(
      Database database, Clock clock, SchedulerNames schedulers, AlertSettings settings) {
    return create(database, clock, schedulers, settings, AlertStats.NONE);
  }

  /**
   * The feature over the metadata database, telling {@code stats} of the alerts it decides and the
   * deliveries it attempts; nothing is delivered until {@link #start()}.
   *
   * @param schedulers resolves the scheduler a configuration names
   */
  public static AlertFeature create(
      Database database,
      Clock clock,
      SchedulerNames schedulers,
      AlertSettings settings,
      AlertStats stats) {
    return create(
        database,
        clock,
        schedulers,
        settings,
        SmtpTls.DEFAULT,
        Backoff.DEFAULT,
        () -> ThreadLocalRandom.current().nextDouble(),
        stats);
  }

  /**
   * The feature with the TLS trust of email hooks, the backoff and its jitter given: tests trust
   * their SMTP server's certificate and fix the jitter.
   */
  static AlertFeature create(
      Database database,
      Clock clock,
      SchedulerNames schedulers,
      AlertSettings settings,
      SmtpTls tls,
      Backoff backoff,
      DoubleSupplier random) {
    return create(database, clock, schedulers, settings, tls, backoff, random, AlertStats.NONE);
  }

  private static AlertFeature create(
      Database database,
      Clock clock,
      SchedulerNames schedulers,
      AlertSettings settings,
      SmtpTls tls,
      Backoff backoff,
      DoubleSupplier random,
      AlertStats stats) {
    HookSenders senders = new HookSenders(clock, tls);
    AlertConfigurationRepository configurationRepository =
        new AlertConfigurationRepository(database);
    HookService hooks =
        new HookService(database, clock, senders, configurationRepository::usersOfHook);
    OutboxRepository outbox = new OutboxRepository(database);
    DeliveryWorker worker =
        new DeliveryWorker(
            outbox, hooks, clock, backoff, random, settings.deliveryThreads(), stats);
    AlertListener listener =
        new AlertListener(
            configurationRepository,
            new IncidentRepository(),
            outbox,
            new AlertPayloads(settings.publicUrl()),
            clock,
            settings.retryHorizon(),
            worker::nudge,
            stats);
    return new AlertFeature(
        senders,
        hooks,
        new AlertConfigurationService(configurationRepository, clock, schedulers, hooks),
        new AlertHistory(outbox, hooks),
        listener,
        worker);
  }

  /** Starts the delivery workers: deliveries left by an earlier run of Vigil go out first. */
  public void start() {
    worker.start();
  }

  public HookService hooks() {
    return hooks;
  }

  public AlertConfigurationService configurations() {
    return configurations;
  }

  public AlertHistory history() {
    return history;
  }

  /** Decides alerts as inference records windows and system pauses. */
  public InferenceListener listener() {
    return listener;
  }

  /** The delivery workers (tests drive them by hand). */
  DeliveryWorker worker() {
    return worker;
  }

  /** Stops the delivery workers, then the webhook client. */
  @Override
  public void close() {
    worker.close();
    senders.close();
  }
}
