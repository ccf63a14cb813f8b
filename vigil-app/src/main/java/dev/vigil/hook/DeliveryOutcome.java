package dev.vigil.hook;

import java.time.Duration;
import java.util.Objects;

/**
 * What one delivery attempt came to, as delivery history shows it. Immutable and thread-safe.
 *
 * @param delivered whether the receiver took the message (HTTP 2xx, or the SMTP server accepted it)
 * @param httpStatus the webhook's HTTP status, null for email or when no answer came
 * @param reply what the receiver said: the start of the HTTP body, or the SMTP server's last reply;
 *     null when nothing came back
 * @param error why the attempt failed, null when delivered
 * @param duration how long the attempt took
 */
public record DeliveryOutcome(
    boolean delivered, Integer httpStatus, String reply, String error, Duration duration) {
  /** Longest receiver reply kept in history. */
  public static final int MAX_REPLY = 500;

  public DeliveryOutcome {
    Objects.requireNonNull(duration, "duration");
    if (delivered != (error == null)) {
      throw new IllegalArgumentException("an outcome has an error exactly when not delivered");
    }
    reply = shorten(reply);
  }

  static String shorten(String text) {
    if (text == null) {
      return null;
    }
    String flat = text.strip();
    return flat.length() <= MAX_REPLY ? flat : flat.substring(0, MAX_REPLY) + "...";
  }
}
