package dev.vigil.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.hook.Hook;
import dev.vigil.hook.HookService;
import dev.vigil.json.Json;
import dev.vigil.request.InvalidRequestException;
import dev.vigil.request.NotFoundException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The history of alerts for the API: alerts with where each delivery stands, one alert with its
 * document and every delivery attempt, and the latest attempts through a hook. Alerts outlive the
 * configuration that decided them. Thread-safe.
 */
public final class AlertHistory {
  /** Alerts or attempts listed when the request does not say. */
  public static final int DEFAULT_LIMIT = 100;

  /** The most alerts or attempts one request lists. */
  public static final int MAX_LIMIT = 1_000;

  private static final ObjectMapper JSON = Json.mapper();

  private final OutboxRepository outbox;
  private final HookService hooks;

  AlertHistory(OutboxRepository outbox, HookService hooks) {
    this.outbox = outbox;
    this.hooks = hooks;
  }

  /**
   * {@code {"alerts": [...]}}, newest first, each with its deliveries.
   *
   * @param configurationName only the alerts of this configuration, or null
   * @param schedulerName only the alerts about this scheduler, or null
   * @param from only alerts decided at or after this ISO-8601 instant, or null
   * @param to only alerts decided before this one, or null
   * @param limit at most this many, or null for {@value #DEFAULT_LIMIT}
   */
  public Map<String, Object> alerts(
      String configurationName, String schedulerName, String from, String to, String limit) {
    List<AlertRecord> alerts =
        outbox.alerts(
            new OutboxRepository.AlertFilter(
                blankToNull(configurationName),
                blankToNull(schedulerName),
                instant("from", from),
                instant("to", to),
                limit(limit)));
    Map<String, List<Delivery>> deliveries = new LinkedHashMap<>();
    for (Delivery delivery : outbox.deliveriesOf(alerts.stream().map(AlertRecord::id).toList())) {
      deliveries.computeIfAbsent(delivery.alertId(), id -> new ArrayList<>()).add(delivery);
    }
    List<Map<String, Object>> list = new ArrayList<>();
    for (AlertRecord alert : alerts) {
      list.add(json(alert, deliveries.getOrDefault(alert.id(), List.of())));
    }
    return Map.of("alerts", list);
  }

  /** One alert: its deliveries, every attempt (oldest first) and the document sent. */
  public Map<String, Object> describe(String id) {
    AlertRecord alert =
        outbox
            .alert(id)
            .orElseThrow(() -> new NotFoundException("alert '" + id + "' does not exist"));
    Map<String, Object> json = json(alert, outbox.deliveriesOf(List.of(id)));
    List<Map<String, Object>> attempts = new ArrayList<>();
    for (Attempt attempt : outbox.attemptsOf(id)) {
      Map<String, Object> entry = attempt(attempt);
      entry.put("hook", attempt.hookName());
      attempts.add(entry);
    }
    json.put("attempts", attempts);
    try {
      json.put("payload", JSON.readTree(alert.payload()));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("a stored alert payload is not JSON", e);
    }
    return json;
  }

  /**
   * {@code {"hook": name, "attempts": [...]}}: the latest attempts through a hook, newest first.
   */
  public Map<String, Object> attemptsOfHook(String hookName, String limit) {
    Hook hook = hooks.byName(hookName);
    List<Map<String, Object>> attempts = new ArrayList<>();
    for (Attempt attempt : outbox.attemptsOfHook(hook.id(), limit(limit))) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("alertId", attempt.alertId());
      entry.putAll(attempt(attempt));
      attempts.add(entry);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("hook", hook.name());
    json.put("attempts", attempts);
    return json;
  }

  private static Map<String, Object> json(AlertRecord alert, List<Delivery> deliveries) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", alert.id());
    json.put("type", alert.kind().name());
    json.put("configurationName", alert.configurationName());
    json.put("schedulerName", alert.schedulerName());
    json.put("replay", alert.replayId() != null);
    if (alert.replayId() != null) {
      json.put("replayId", alert.replayId());
    }
    json.put("createdAt", alert.createdAt().toString());
    if (alert.windowEnd() != null) {
      json.put("windowEnd", alert.windowEnd().toString());
    }
    if (alert.rangeStart() != null) {
      json.put("anomalyStart", alert.rangeStart().toString());
      json.put("anomalyEnd", alert.rangeEnd().toString());
    }
    if (alert.peakScore() != null) {
      json.put("peakScore", Math.round(alert.peakScore() * 1e5) / 1e5);
    }
    if (alert.reason() != null) {
      json.put("reason", alert.reason());
    }
    List<Map<String, Object>> list = new ArrayList<>();
    for (Delivery delivery : deliveries) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("hook", delivery.hookName());
      entry.put("status", delivery.status().name());
      entry.put("attempts", delivery.attempts());
      if (delivery.status() == DeliveryStatus.PENDING) {
        entry.put("nextAttemptAt", delivery.nextAttemptAt().toString());
      }
      if (delivery.deliveredAt() != null) {
        entry.put("deliveredAt", delivery.deliveredAt().toString());
      }
      if (delivery.lastError() != null) {
        entry.put("lastError", delivery.lastError());
      }
      list.add(entry);
    }
    json.put("deliveries", list);
    return json;
  }

  private static Map<String, Object> attempt(Attempt attempt) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("attempt", attempt.attempt());
    json.put("startedAt", attempt.startedAt().toString());
    json.put("durationMillis", attempt.durationMillis());
    json.put("delivered", attempt.delivered());
    if (attempt.httpStatus() != null) {
      json.put("httpStatus", attempt.httpStatus());
    }
    if (attempt.reply() != null) {
      json.put("reply", attempt.reply());
    }
    if (attempt.error() != null) {
      json.put("error", attempt.error());
    }
    return json;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }

  private static Instant instant(String field, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidRequestException(
          field, field + " '" + text + "' is not an ISO-8601 instant such as 2026-01-01T10:00:00Z");
    }
  }

  private static int limit(String text) {
    if (text == null || text.isBlank()) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(text.strip());
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // Refused below with the rule.
    }
    throw new InvalidRequestException(
        "limit", "limit must be a whole number from 1 to " + MAX_LIMIT + ", got '" + text + "'");
  }
}
