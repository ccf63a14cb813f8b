package dev.vigil.metrics;

import dev.vigil.alert.AlertKind;
import dev.vigil.alert.AlertStats;
import dev.vigil.alert.DeliveryStatus;
import dev.vigil.hook.HookType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Counts alerts by kind, delivery attempts by hook type and outcome, and deliveries given up. Every
 * series exists from start-up, at zero, so that rates work from the first scrape.
 *
 * <p>Thread-safe: meters are.
 */
final class AlertMetrics implements AlertStats {
  private final Map<AlertKind, Counter> alerts = new EnumMap<>(AlertKind.class);
  private final Map<String, Counter> attempts = new HashMap<>();
  private final Counter gaveUp;

  AlertMetrics(MeterRegistry registry) {
    for (AlertKind kind : AlertKind.values()) {
      alerts.put(
          kind,
          Counter.builder("vigil.alerts")
              .description("Alerts decided, by kind")
              .tag("kind", name(kind))
              .register(registry));
    }
    for (HookType type : HookType.values()) {
      for (boolean delivered : new boolean[] {true, false}) {
        attempts.put(
            key(type, delivered),
            Counter.builder("vigil.alert.delivery.attempts")
                .description("Alert delivery attempts, by hook type and outcome")
                .tag("hook_type", name(type))
                .tag("outcome", delivered ? "delivered" : "failed")
                .register(registry));
      }
    }
    this.gaveUp =
        Counter.builder("vigil.alert.deliveries.given.up")
            .description("Alert deliveries given up at the end of their retry horizon")
            .register(registry);
  }

  @Override
  public void alertDecided(AlertKind kind) {
    alerts.get(kind).increment();
  }

  @Override
  public void deliveryAttempted(HookType type, boolean delivered, DeliveryStatus settled) {
    attempts.get(key(type, delivered)).increment();
    if (settled == DeliveryStatus.FAILED) {
      gaveUp.increment();
    }
  }

  private static String key(HookType type, boolean delivered) {
    return type + "/" + delivered;
  }

  private static String name(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
