package dev.vigil.lookout;

import java.util.Optional;

/**
 * The kinds of resources the endpoint keeps Lookout-only state for, with the word their ARNs carry
 * ({@code dataset/<name>/<id>}). Ingestion jobs have no ARN but a RoleArn.
 */
enum ResourceKind {
  DATASET("dataset", "dataset"),
  MODEL("model", "model"),
  INFERENCE_SCHEDULER("inference-scheduler", "inference scheduler"),
  LABEL_GROUP("label-group", "label group"),
  INGESTION_JOB("ingestion-job", "ingestion job");

  private final String arnType;
  private final String noun;

  ResourceKind(String arnType, String noun) {
    this.arnType = arnType;
    this.noun = noun;
  }

  /** The word of the ARN, such as {@code inference-scheduler}. */
  String arnType() {
    return arnType;
  }

  /** How messages name the kind, such as {@code inference scheduler}. */
  String noun() {
    return noun;
  }

  /** The kind whose ARNs carry {@code arnType}; ingestion jobs have no ARN. */
  static Optional<ResourceKind> ofArnType(String arnType) {
    for (ResourceKind kind : values()) {
      if (kind != INGESTION_JOB && kind.arnType.equals(arnType)) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
