package dev.vigil.alert;

/** Where the delivery of an alert to one hook stands. */
public enum DeliveryStatus {
  /** Not delivered yet: due now or at its next attempt. */
  PENDING,
  /** The hook took it. */
  DELIVERED,
  /** Given up after the retry horizon; the attempts say why each failed. */
  FAILED,
  /** Its hook was deleted before it could be delivered. */
  CANCELLED
}
