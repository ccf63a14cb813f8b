package dev.vigil.alert;

import dev.vigil.hook.HookType;

/**
 * What the alert feature tells metrics: an alert was decided, a delivery attempt ended. Called
 * after the fact (the alert's transaction committed, the attempt was recorded), on the thread that
 * did it: implementations count and return, and must be thread-safe.
 */
public interface AlertStats {
  /** Tells nothing. */
  AlertStats NONE = new AlertStats() {};

  /** An alert of {@code kind} was decided and committed. */
  default void alertDecided(AlertKind kind) {}

  /**
   * A delivery attempt through a hook of {@code type} ended.
   *
   * @param delivered whether the receiver took it
   * @param settled where the delivery stands after it: DELIVERED, PENDING (to be retried) or FAILED
   *     (given up)
   */
  default void deliveryAttempted(HookType type, boolean delivered, DeliveryStatus settled) {}
}
