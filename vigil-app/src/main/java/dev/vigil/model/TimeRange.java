package dev.vigil.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A half-open time range {@code [startMillis, endMillis)}, epoch milliseconds UTC. Immutable and
 * thread-safe.
 */
record TimeRange(long startMillis, long endMillis) {
  /** The range as the API writes it: ISO-8601 UTC strings. */
  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("start", Instant.ofEpochMilli(startMillis).toString());
    json.put("end", Instant.ofEpochMilli(endMillis).toString());
    return json;
  }
}
