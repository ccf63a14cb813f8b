package dev.vigil.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a model's labels are read from when a version is created: a label group (its ANOMALY
 * labels) or label files in the object store, as Lookout for Equipment's {@code
 * LabelsInputConfiguration}. Exactly one of the group and the bucket is set. Immutable and
 * thread-safe.
 *
 * @param groupName the label group, or null
 * @param bucket the bucket of the label files, or null
 * @param prefix the prefix of the label files, empty for the whole bucket; null without a bucket
 */
record LabelsSource(String groupName, String bucket, String prefix) {
  LabelsSource {
    if ((groupName == null) == (bucket == null)) {
      throw new IllegalArgumentException("a labels source is a group or a bucket, not both");
    }
  }

  static LabelsSource group(String name) {
    return new LabelsSource(name, null, null);
  }

  static LabelsSource files(String bucket, String prefix) {
    return new LabelsSource(null, bucket, prefix == null ? "" : prefix);
  }

  /** Adds {@code labelGroupName} or {@code labelsLocation} to a request's JSON. */
  void putJson(Map<String, Object> json) {
    if (groupName != null) {
      json.put("labelGroupName", groupName);
    } else {
      Map<String, Object> location = new LinkedHashMap<>();
      location.put("bucket", bucket);
      location.put("prefix", prefix);
      json.put("labelsLocation", location);
    }
  }
}
