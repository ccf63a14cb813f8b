package dev.vigil.hook;

/** Where a hook sends alerts. */
public enum HookType {
  /** An HTTP POST of the alert's JSON document, signed. */
  WEBHOOK,
  /** An email through an SMTP server. */
  EMAIL
}
