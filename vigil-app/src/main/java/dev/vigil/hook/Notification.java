package dev.vigil.hook;

import java.util.Objects;

/**
 * One message to deliver through a hook: a webhook posts {@code json}, an email hook sends {@code
 * subject} and {@code text}. Immutable and thread-safe.
 *
 * @param alertId the alert's id, the same at every attempt so that receivers can drop duplicates
 * @param attempt which attempt this is, from 1
 * @param json the JSON document a webhook posts, byte for byte the same at every attempt
 * @param subject the email's subject
 * @param text the email's plain-text body, with the same facts as the JSON document
 */
public record Notification(String alertId, int attempt, String json, String subject, String text) {
  public Notification {
    Objects.requireNonNull(alertId, "alertId");
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(text, "text");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1, got " + attempt);
    }
  }
}
