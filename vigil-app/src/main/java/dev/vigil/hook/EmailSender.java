package dev.vigil.hook;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Sends notifications as plain-text emails through an SMTP server with Jakarta Mail (Eclipse
 * Angus): STARTTLS (required, never a silent fallback to plain text) or TLS as the hook says,
 * authenticating when the hook has a username. The message carries {@code X-Vigil-Alert-Id} and a
 * {@code Message-ID} made from the alert's id, so that a duplicate after a crash has the same id.
 * The server's last reply is kept in delivery history. The hook's timeout bounds the connection and
 * each read from the server.
 *
 * <p>Thread-safe: each send opens its own session and connection.
 */
final class EmailSender {
  private final Clock clock;
  private final SmtpTls tls;

  EmailSender(Clock clock, SmtpTls tls) {
    this.clock = clock;
    this.tls = tls;
  }

  DeliveryOutcome send(EmailTarget target, Duration timeout, Notification notification) {
    long start = System.nanoTime();
    Session session = Session.getInstance(properties(target, timeout));
    SMTPTransport transport = null;
    try {
      MimeMessage message = new AlertMessage(session, notification.alertId());
      message.setFrom(new InternetAddress(target.from(), true));
      InternetAddress[] recipients = new InternetAddress[target.to().size()];
      for (int i = 0; i < recipients.length; i++) {
        recipients[i] = new InternetAddress(target.to().get(i), true);
      }
      message.setRecipients(Message.RecipientType.TO, recipients);
      message.setSubject(notification.subject(), StandardCharsets.UTF_8.name());
      message.setText(notification.text(), StandardCharsets.UTF_8.name());
      message.setHeader("X-Vigil-Alert-Id", notification.alertId());
      message.setHeader("X-Vigil-Delivery-Attempt", Integer.toString(notification.attempt()));
      message.setSentDate(Date.from(clock.instant()));
      message.saveChanges();
      transport = (SMTPTransport) session.getTransport("smtp");
      transport.connect(target.host(), target.port(), target.username(), target.password());
      transport.sendMessage(message, recipients);
      return new DeliveryOutcome(
          true,
          null,
          transport.getLastServerResponse(),
          null,
          Duration.ofNanos(System.nanoTime() - start));
    } catch (MessagingException e) {
      String reply = transport == null ? null : transport.getLastServerResponse();
      return new DeliveryOutcome(
          false, null, reply, describe(e, target), Duration.ofNanos(System.nanoTime() - start));
    } finally {
      if (transport != null) {
        try {
          transport.close();
        } catch (MessagingException e) {
          // The message was sent or the failure recorded; a failed QUIT changes neither.
        }
      }
    }
  }

  private Properties properties(EmailTarget target, Duration timeout) {
    Properties properties = new Properties();
    String millis = Long.toString(timeout.toMillis());
    properties.put("mail.smtp.host", target.host());
    properties.put("mail.smtp.port", Integer.toString(target.port()));
    properties.put("mail.smtp.connectiontimeout", millis);
    properties.put("mail.smtp.timeout", millis);
    properties.put("mail.smtp.auth", Boolean.toString(target.username() != null));
    properties.put(
        "mail.smtp.ssl.checkserveridentity", Boolean.toString(tls.checkServerIdentity()));
    if (tls.socketFactory() != null) {
      properties.put("mail.smtp.ssl.socketFactory", tls.socketFactory());
    }
    switch (target.security()) {
      case STARTTLS -> {
        properties.put("mail.smtp.starttls.enable", "true");
        properties.put("mail.smtp.starttls.required", "true");
      }
      case TLS -> properties.put("mail.smtp.ssl.enable", "true");
      case NONE -> {
        // Plain SMTP, as the hook asks.
      }
    }
    return properties;
  }

  private static String describe(MessagingException e, EmailTarget target) {
    StringBuilder message =
        new StringBuilder("SMTP server ")
            .append(target.host())
            .append(':')
            .append(target.port())
            .append(": ")
            .append(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip());
    Throwable cause = e.getCause();
    if (cause != null
        && cause.getMessage() != null
        && !message.toString().contains(cause.getMessage())) {
      message.append(" (").append(cause.getMessage().strip()).append(')');
    }
    return message.toString();
  }

  /** A message whose Message-ID is made from the alert's id, the same at every attempt. */
  private static final class AlertMessage extends MimeMessage {
    private final String alertId;

    AlertMessage(Session session, String alertId) {
      super(session);
      this.alertId = alertId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", "<" + alertId + "@vigil>");
    }
  }
}
