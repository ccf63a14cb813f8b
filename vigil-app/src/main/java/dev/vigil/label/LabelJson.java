package dev.vigil.label;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Label groups and labels as the native API writes them: ISO-8601 instants, absent fields left out.
 * Stateless and thread-safe.
 */
public final class LabelJson {
  private LabelJson() {}

  public static Map<String, Object> group(LabelGroup group) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", group.name());
    json.put("id", group.id());
    json.put("faultCodes", group.faultCodes());
    json.put("createdAt", group.createdAt().toString());
    json.put("updatedAt", group.updatedAt().toString());
    return json;
  }

  public static Map<String, Object> label(Label label) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", label.id());
    json.put("groupName", label.groupName());
    json.put("start", label.start().toString());
    json.put("end", label.end().toString());
    json.put("rating", label.rating().name());
    if (label.faultCode() != null) {
      json.put("faultCode", label.faultCode());
    }
    if (label.notes() != null) {
      json.put("notes", label.notes());
    }
    if (label.equipment() != null) {
      json.put("equipment", label.equipment());
    }
    json.put("createdAt", label.createdAt().toString());
    return json;
  }
}
