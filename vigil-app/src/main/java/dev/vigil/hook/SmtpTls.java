package dev.vigil.hook;

import javax.net.ssl.SSLSocketFactory;

/**
 * How email hooks establish TLS (STARTTLS or TLS): which certificates are trusted and whether the
 * server's certificate must name the host. Vigil runs with {@link #DEFAULT}, the JVM's trust store
 * and the host-name check; tests give a factory that trusts a test server's own certificate.
 * Immutable and thread-safe.
 *
 * @param socketFactory makes the TLS sockets, or null for the JVM's default
 * @param checkServerIdentity whether the certificate must match the SMTP host's name
 */
public record SmtpTls(SSLSocketFactory socketFactory, boolean checkServerIdentity) {
  /** The JVM's trust store, with the host-name check. */
  public static final SmtpTls DEFAULT = new SmtpTls(null, true);
}
