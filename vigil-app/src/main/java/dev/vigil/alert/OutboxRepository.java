package dev.vigil.alert;

import dev.vigil.storage.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Alerts, the outbox of their deliveries, and every delivery attempt (tables {@code alerts}, {@code
 * alert_deliveries} and {@code alert_delivery_attempts} of {@code V7__alerts_and_hooks.sql}).
 *
 * <p>Alerts and deliveries are inserted on the handle of the transaction that records their cause.
 * Workers then claim deliveries one at a time with a conditional update and a lease ({@link
 * #claimNext}): only the oldest PENDING delivery of a configuration to a hook can be claimed, so a
 * configuration's alerts reach each hook in the order they were decided, and a delivery is sent by
 * one worker at a time, on one node or several. The outcome of an attempt and the attempt itself
 * are recorded in one transaction.
 *
 * <p>Thread-safe: each call takes its own connection from the pool, or works on the handle given.
 */
final class OutboxRepository {
  private static final String ALERT_COLUMNS =
      "id, configuration_id, configuration_name, scheduler_id, scheduler_name, kind, replay_id,"
          + " window_end, range_start, range_end, peak_score, reason, payload, created_at";

  private static final String DELIVERY_COLUMNS =
      "seq, alert_id, configuration_id, hook_id, hook_name, status, attempts, next_attempt_at,"
          + " give_up_at, last_error, delivered_at, created_at";

  private static final String ATTEMPT_COLUMNS =
      "delivery_seq, alert_id, hook_name, attempt, started_at, duration_millis, delivered,"
          + " http_status, reply, error";

  /**
   * The condition that delivery {@code d} heads its queue: no older PENDING delivery of its
   * configuration to its hook.
   */
  private static final String HEAD =
      " AND NOT EXISTS (SELECT 1 FROM alert_deliveries e WHERE e.hook_id = d.hook_id"
          + " AND e.configuration_id = d.configuration_id AND e.status = 'PENDING'"
          + " AND e.seq < d.seq)";

  private final Jdbi jdbi;
  private final Database database;

  OutboxRepository(Database database) {
    this.jdbi = database.jdbi();
    this.database = database;
  }

  /** A delivery claimed by a worker, with the document to send. */
  record Claim(Delivery delivery, String payload) {
    Claim {
      Objects.requireNonNull(delivery, "delivery");
      Objects.requireNonNull(payload, "payload");
    }
  }

  /**
   * Inserts an alert and one PENDING delivery per hook, due at once, on the caller's transaction.
   */
  void insert(
      Handle handle, AlertRecord alert, List<AlertConfiguration.HookRef> hooks, Instant giveUpAt) {
    handle
        .createUpdate(
            "INSERT INTO alerts ("
                + ALERT_COLUMNS
                + ") VALUES (:id, :configurationId, :configurationName, :schedulerId,"
                + " :schedulerName, :kind, :replayId, :windowEnd, :rangeStart, :rangeEnd,"
                + " :peakScore, :reason, :payload, :createdAt)")
        .bind("id", alert.id())
        .bind("configurationId", alert.configurationId())
        .bind("configurationName", alert.configurationName())
        .bind("schedulerId", alert.schedulerId())
        .bind("schedulerName", alert.schedulerName())
        .bind("kind", alert.kind().name())
        .bind("replayId", alert.replayId())
        .bind("windowEnd", millis(alert.windowEnd()))
        .bind("rangeStart", millis(alert.rangeStart()))
        .bind("rangeEnd", millis(alert.rangeEnd()))
        .bind("peakScore", alert.peakScore())
        .bind("reason", alert.reason())
        .bind("payload", alert.payload())
        .bind("createdAt", alert.createdAt().toEpochMilli())
        .execute();
    for (AlertConfiguration.HookRef hook : hooks) {
      handle
          .createUpdate(
              "INSERT INTO alert_deliveries (alert_id, configuration_id, hook_id, hook_name,"
                  + " status, attempts, next_attempt_at, give_up_at, created_at) VALUES (:alert,"
                  + " :configuration, :hook, :hookName, 'PENDING', 0, :now, :giveUpAt, :now)")
          .bind("alert", alert.id())
          .bind("configuration", alert.configurationId())
          .bind("hook", hook.id())
          .bind("hookName", hook.name())
          .bind("now", alert.createdAt().toEpochMilli())
          .bind("giveUpAt", giveUpAt.toEpochMilli())
          .execute();
    }
  }

  /** The hooks that have a delivery due at {@code now}, not claimed, at the head of its queue. */
  List<String> hooksWithDueDeliveries(Instant now) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT DISTINCT d.hook_id FROM alert_deliveries d WHERE d.status = 'PENDING'"
                        + " AND d.next_attempt_at <= :now"
                        + " AND (d.claimed_until IS NULL OR d.claimed_until <= :now)"
                        + HEAD)
                .bind("now", now.toEpochMilli())
                .mapTo(String.class)
                .list());
  }

  /**
   * Claims the oldest due delivery to a hook that heads its configuration's queue to that hook:
   * until {@code leaseUntil}, no other worker claims it. The claim is on disk when it is returned,
   * and with it the alert and the window that decided it: a crash after the alert is sent cannot
   * make Vigil forget it and decide it again.
   *
   * @return the claim, empty when nothing is due or another worker claimed it first
   */
  Optional<Claim> claimNext(String hookId, String node, Instant now, Instant leaseUntil) {
    Optional<Claim> claim = claim(hookId, node, now, leaseUntil);
    if (claim.isPresent()) {
      database.makeDurable();
    }
    return claim;
  }

  private Optional<Claim> claim(String hookId, String node, Instant now, Instant leaseUntil) {
    return jdbi.withHandle(
        handle -> {
          Optional<Long> candidate =
              handle
                  .createQuery(
                      "SELECT d.seq FROM alert_deliveries d WHERE d.hook_id = :hook"
                          + " AND d.status = 'PENDING' AND d.next_attempt_at <= :now"
                          + " AND (d.claimed_until IS NULL OR d.claimed_until <= :now)"
                          + HEAD
                          + " ORDER BY d.seq LIMIT 1")
                  .bind("hook", hookId)
                  .bind("now", now.toEpochMilli())
                  .mapTo(Long.class)
                  .findOne();
          if (candidate.isEmpty()) {
            return Optional.empty();
          }
          int claimed =
              handle
                  .createUpdate(
                      "UPDATE alert_deliveries SET claimed_by = :node, claimed_until = :until"
                          + " WHERE seq = :seq AND status = 'PENDING'"
                          + " AND (claimed_until IS NULL OR claimed_until <= :now)")
                  .bind("node", node)
                  .bind("until", leaseUntil.toEpochMilli())
                  .bind("seq", candidate.get())
                  .bind("now", now.toEpochMilli())
                  .execute();
          if (claimed == 0) {
            return Optional.empty();
          }
          return handle
              .createQuery(
                  "SELECT "
                      + prefixed("d.", DELIVERY_COLUMNS)
                      + ", a.payload FROM alert_deliveries d JOIN alerts a ON a.id = d.alert_id"
                      + " WHERE d.seq = :seq")
              .bind("seq", candidate.get())
              .map((row, context) -> new Claim(delivery(row, context), row.getString("payload")))
              .findOne();
        });
  }

  /**
   * How an attempt leaves its delivery.
   *
   * @param status PENDING (to be tried again), DELIVERED or FAILED (given up)
   * @param at when PENDING, when it is due again; otherwise when it ended
   * @param lastError why the delivery is not delivered yet, or why it was given up; null when
   *     DELIVERED
   */
  record Settlement(DeliveryStatus status, Instant at, String lastError) {
    Settlement {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(at, "at");
    }
  }

  /**
   * Records an attempt and what it leaves of its delivery, in one transaction, and releases the
   * claim. When the lease ran out and another worker claimed the delivery meanwhile, only the
   * attempt is recorded.
   */
  void recordAttempt(Claim claim, String node, Attempt attempt, Settlement settlement) {
    Delivery delivery = claim.delivery();
    jdbi.useTransaction(
        handle -> {
          handle
              .createUpdate(
                  "INSERT INTO alert_delivery_attempts (delivery_seq, alert_id, hook_id, hook_name,"
                      + " attempt, started_at, duration_millis, delivered, http_status, reply,"
                      + " error) VALUES (:seq, :alert, :hook, :hookName, :attempt, :startedAt,"
                      + " :duration, :delivered, :httpStatus, :reply, :error)")
              .bind("seq", delivery.seq())
              .bind("alert", delivery.alertId())
              .bind("hook", delivery.hookId())
              .bind("hookName", attempt.hookName())
              .bind("attempt", attempt.attempt())
              .bind("startedAt", attempt.startedAt().toEpochMilli())
              .bind("duration", attempt.durationMillis())
              .bind("delivered", attempt.delivered())
              .bind("httpStatus", attempt.httpStatus())
              .bind("reply", attempt.reply())
              .bind("error", attempt.error())
              .execute();
          handle
              .createUpdate(
                  "UPDATE alert_deliveries SET status = :status, attempts = :attempts,"
                      + " next_attempt_at = :next, last_error = :error,"
                      + " delivered_at = :deliveredAt, claimed_by = NULL, claimed_until = NULL"
                      + " WHERE seq = :seq AND claimed_by = :node")
              .bind("status", settlement.status().name())
              .bind("attempts", attempt.attempt())
              .bind("next", settlement.at().toEpochMilli())
              .bind("error", settlement.lastError())
              .bind(
                  "deliveredAt",
                  settlement.status() == DeliveryStatus.DELIVERED
                      ? settlement.at().toEpochMilli()
                      : null)
              .bind("seq", delivery.seq())
              .bind("node", node)
              .execute();
        });
  }

  /** Cancels the PENDING deliveries to a hook that was deleted; answers how many. */
  int cancelPending(String hookId, String reason) {
    return jdbi.withHandle(
        handle ->
            handle
                .createUpdate(
                    "UPDATE alert_deliveries SET status = 'CANCELLED', last_error = :reason,"
                        + " claimed_by = NULL, claimed_until = NULL"
                        + " WHERE hook_id = :hook AND status = 'PENDING'")
                .bind("reason", reason)
                .bind("hook", hookId)
                .execute());
  }

  /** A filter of the alert history; null fields do not filter. */
  record AlertFilter(
      String configurationName, String schedulerName, Instant from, Instant to, int limit) {}

  /** Alerts, newest first. */
  List<AlertRecord> alerts(AlertFilter filter) {
    return jdbi.withHandle(
        handle -> {
          StringBuilder sql =
              new StringBuilder("SELECT " + ALERT_COLUMNS + " FROM alerts WHERE 1 = 1");
          if (filter.configurationName() != null) {
            sql.append(" AND configuration_name = :configuration");
          }
          if (filter.schedulerName() != null) {
            sql.append(" AND scheduler_name = :scheduler");
          }
          if (filter.from() != null) {
            sql.append(" AND created_at >= :from");
          }
          if (filter.to() != null) {
            sql.append(" AND created_at < :to");
          }
          sql.append(" ORDER BY created_at DESC, seq DESC LIMIT :limit");
          Query query = handle.createQuery(sql.toString()).bind("limit", filter.limit());
          if (filter.configurationName() != null) {
            query.bind("configuration", filter.configurationName());
          }
          if (filter.schedulerName() != null) {
            query.bind("scheduler", filter.schedulerName());
          }
          if (filter.from() != null) {
            query.bind("from", filter.from().toEpochMilli());
          }
          if (filter.to() != null) {
            query.bind("to", filter.to().toEpochMilli());
          }
          return query.map(OutboxRepository::alert).list();
        });
  }

  Optional<AlertRecord> alert(String id) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT " + ALERT_COLUMNS + " FROM alerts WHERE id = :id")
                .bind("id", id)
                .map(OutboxRepository::alert)
                .findOne());
  }

  /** The deliveries of some alerts, in outbox order. */
  List<Delivery> deliveriesOf(Collection<String> alertIds) {
    if (alertIds.isEmpty()) {
      return List.of();
    }
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT "
                        + DELIVERY_COLUMNS
                        + " FROM alert_deliveries WHERE alert_id IN (<ids>) ORDER BY seq")
                .bindList("ids", List.copyOf(alertIds))
                .map(OutboxRepository::delivery)
                .list());
  }

  /** Every delivery, in outbox order (tests and diagnostics). */
  List<Delivery> deliveries() {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery("SELECT " + DELIVERY_COLUMNS + " FROM alert_deliveries ORDER BY seq")
                .map(OutboxRepository::delivery)
                .list());
  }

  /** Every attempt to deliver an alert, oldest first. */
  List<Attempt> attemptsOf(String alertId) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT "
                        + ATTEMPT_COLUMNS
                        + " FROM alert_delivery_attempts WHERE alert_id = :alert"
                        + " ORDER BY started_at, id")
                .bind("alert", alertId)
                .map(OutboxRepository::attempt)
                .list());
  }

  /** The latest attempts through a hook, newest first. */
  List<Attempt> attemptsOfHook(String hookId, int limit) {
    return jdbi.withHandle(
        handle ->
            handle
                .createQuery(
                    "SELECT "
                        + ATTEMPT_COLUMNS
                        + " FROM alert_delivery_attempts WHERE hook_id = :hook"
                        + " ORDER BY started_at DESC, id DESC LIMIT :limit")
                .bind("hook", hookId)
                .bind("limit", limit)
                .map(OutboxRepository::attempt)
                .list());
  }

  private static String prefixed(String prefix, String columns) {
    return prefix + columns.replace(", ", ", " + prefix);
  }

  private static Long millis(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    long value = row.getLong(column);
    return row.wasNull() ? null : Instant.ofEpochMilli(value);
  }

  private static AlertRecord alert(ResultSet row, StatementContext context) throws SQLException {
    double peak = row.getDouble("peak_score");
    Double peakScore = row.wasNull() ? null : peak;
    return new AlertRecord(
        row.getString("id"),
        row.getString("configuration_id"),
        row.getString("configuration_name"),
        row.getString("scheduler_id"),
        row.getString("scheduler_name"),
        AlertKind.valueOf(row.getString("kind")),
        row.getString("replay_id"),
        instant(row, "window_end"),
        instant(row, "range_start"),
        instant(row, "range_end"),
        peakScore,
        row.getString("reason"),
        row.getString("payload"),
        Instant.ofEpochMilli(row.getLong("created_at")));
  }

  private static Delivery delivery(ResultSet row, StatementContext context) throws SQLException {
    return new Delivery(
        row.getLong("seq"),
        row.getString("alert_id"),
        row.getString("configuration_id"),
        row.getString("hook_id"),
        row.getString("hook_name"),
        DeliveryStatus.valueOf(row.getString("status")),
        row.getInt("attempts"),
        Instant.ofEpochMilli(row.getLong("next_attempt_at")),
        Instant.ofEpochMilli(row.getLong("give_up_at")),
        row.getString("last_error"),
        instant(row, "delivered_at"),
        Instant.ofEpochMilli(row.getLong("created_at")));
  }

  private static Attempt attempt(ResultSet row, StatementContext context) throws SQLException {
    int status = row.getInt("http_status");
    Integer httpStatus = row.wasNull() ? null : status;
    return new Attempt(
        row.getLong("delivery_seq"),
        row.getString("alert_id"),
        row.getString("hook_name"),
        row.getInt("attempt"),
        Instant.ofEpochMilli(row.getLong("started_at")),
        row.getLong("duration_millis"),
        row.getBoolean("delivered"),
        httpStatus,
        row.getString("reply"),
        row.getString("error"));
  }
}
