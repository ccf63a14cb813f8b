package dev.vigil.hook;

import java.time.Clock;
import java.time.Duration;

/**
 * Delivers a notification through a hook, whatever its type, and never throws: every failure is an
 * outcome with its reason. Thread-safe; {@link #close()} stops the webhook client's threads.
 */
public final class HookSenders implements AutoCloseable {
  private final WebhookSender webhooks;
  private final EmailSender emails;

  /**
   * @param tls how email hooks trust SMTP servers' certificates ({@link SmtpTls#DEFAULT} in Vigil)
   */
  public HookSenders(Clock clock, SmtpTls tls) {
    this.webhooks = new WebhookSender(clock);
    this.emails = new EmailSender(clock, tls);
  }

  /** One attempt to deliver {@code notification} through {@code hook}. */
  public DeliveryOutcome send(Hook hook, Notification notification) {
    long start = System.nanoTime();
    try {
      if (hook.target() instanceof WebhookTarget webhook) {
        return webhooks.send(webhook, hook.timeout(), notification);
      }
      return emails.send((EmailTarget) hook.target(), hook.timeout(), notification);
    } catch (RuntimeException e) {
      return new DeliveryOutcome(
          false,
          null,
          null,
          "the delivery failed unexpectedly: " + e,
          Duration.ofNanos(System.nanoTime() - start));
    }
  }

  @Override
  public void close() {
    webhooks.close();
  }
}
