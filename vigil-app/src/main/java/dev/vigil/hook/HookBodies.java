package dev.vigil.hook;

import java.util.List;
import java.util.Map;

/**
 * The JSON bodies the hook routes accept, bound by Jackson with Vigil's strict mapper. Plain
 * classes with public fields, so that an absent field stays null; {@link HookService} checks them.
 * Secrets ({@code webhook.secret}, {@code email.password}) are write-only: accepted here, never
 * answered. Not thread-safe: each instance belongs to one request.
 */
public final class HookBodies {
  private HookBodies() {}

  /** {@code POST /api/v1/hooks}: a name and exactly one of {@code webhook} and {@code email}. */
  public static final class Create {
    public String name;
    public Webhook webhook;
    public Email email;
    public String timeout;
  }

  /**
   * {@code PUT /api/v1/hooks/{name}}: what changes. Absent fields keep their value; {@code headers}
   * replaces every custom header; an empty {@code secret} or {@code password} removes it.
   */
  public static final class Update {
    public Webhook webhook;
    public Email email;
    public String timeout;
  }

  /** A webhook's settings. */
  public static final class Webhook {
    public String url;
    public Map<String, String> headers;
    public String secret;
  }

  /** An email hook's settings. */
  public static final class Email {
    public String host;
    public Integer port;
    public SmtpSecurity security;
    public String username;
    public String password;
    public String from;
    public List<String> to;
  }
}
