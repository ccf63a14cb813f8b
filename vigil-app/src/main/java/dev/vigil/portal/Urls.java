package dev.vigil.portal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Values in the query strings of portal links. Stateless and thread-safe. */
final class Urls {
  private Urls() {}

  /** The value encoded for a query string. */
  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
