package dev.vigil.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A period known to be abnormal, used to evaluate a model (never to train it). Immutable and
 * thread-safe.
 *
 * @param range when the equipment was abnormal
 * @param faultCode the user's code for the fault, or null
 * @param notes free text, or null
 */
record Label(TimeRange range, String faultCode, String notes) {
  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("start", Instant.ofEpochMilli(range.startMillis()).toString());
    json.put("end", Instant.ofEpochMilli(range.endMillis()).toString());
    if (faultCode != null) {
      json.put("faultCode", faultCode);
    }
    if (notes != null) {
      json.put("notes", notes);
    }
    return json;
  }
}
