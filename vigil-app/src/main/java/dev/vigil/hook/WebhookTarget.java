package dev.vigil.hook;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A webhook: the URL that receives each alert as an HTTP POST, custom headers, and the secret that
 * signs each body. Header values and the secret are write-only: the API shows header names and
 * whether a secret is set, and {@link #toString()} shows neither. Immutable and thread-safe.
 *
 * @param url an http:// or https:// URL
 * @param headers custom headers sent with every delivery, by name
 * @param secret the HMAC-SHA256 signing key, or null for unsigned deliveries
 */
public record WebhookTarget(URI url, Map<String, String> headers, String secret)
    implements HookTarget {
  public WebhookTarget {
    Objects.requireNonNull(url, "url");
    headers = java.util.Collections.unmodifiableMap(new TreeMap<>(headers));
  }

  @Override
  public HookType type() {
    return HookType.WEBHOOK;
  }

  @Override
  public String toString() {
    return "WebhookTarget[url="
        + url
        + ", headers="
        + headers.keySet()
        + ", secret="
        + (secret == null ? "(none)" : "****")
        + "]";
  }
}
