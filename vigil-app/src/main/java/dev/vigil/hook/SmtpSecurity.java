package dev.vigil.hook;

/** How an email hook protects its connection to the SMTP server. */
public enum SmtpSecurity {
  /** Plain SMTP: only for a relay on a trusted network. Default port 25. */
  NONE,
  /**
   * Plain connection upgraded with STARTTLS before anything is sent; a server that does not offer
   * STARTTLS is refused rather than used in the clear. Default port 587.
   */
  STARTTLS,
  /** TLS from the first byte (SMTPS). Default port 465. */
  TLS;

  /** The port used when none is given. */
  int defaultPort() {
    return switch (this) {
      case NONE -> 25;
      case STARTTLS -> 587;
      case TLS -> 465;
    };
  }
}
