package dev.vigil.hook;

import java.util.List;
import java.util.Objects;

/**
 * An email hook: the SMTP server, how the connection is protected, the account, the sender and the
 * recipients. The password is write-only: the API says whether one is set, and {@link #toString()}
 * never shows it. Immutable and thread-safe.
 *
 * @param host the SMTP server
 * @param port its port
 * @param security plain, STARTTLS or TLS
 * @param username the account, or null to send without authenticating
 * @param password its password, or null
 * @param from the sender address
 * @param to the recipient addresses, at least one
 */
public record EmailTarget(
    String host,
    int port,
    SmtpSecurity security,
    String username,
    String password,
    String from,
    List<String> to)
    implements HookTarget {
  public EmailTarget {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(from, "from");
    to = List.copyOf(to);
    if (to.isEmpty()) {
      throw new IllegalArgumentException("an email hook needs at least one recipient");
    }
  }

  @Override
  public HookType type() {
    return HookType.EMAIL;
  }

  @Override
  public String toString() {
    return "EmailTarget[host="
        + host
        + ", port="
        + port
        + ", security="
        + security
        + ", username="
        + username
        + ", password="
        + (password == null ? "(none)" : "****")
        + ", from="
        + from
        + ", to="
        + to
        + "]";
  }
}
