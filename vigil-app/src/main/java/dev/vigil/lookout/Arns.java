package dev.vigil.lookout;

import java.util.Objects;
import java.util.Optional;

/**
 * The ARNs of Lookout for Equipment's documented forms, in the configured region and account:
 * {@code arn:aws:lookoutequipment:<region>:<account>:dataset/<name>/<id>}, and the same for {@code
 * model}, {@code inference-scheduler} and {@code label-group}; a model version is {@code <model
 * ARN>/model-version/<n>}. The id is the one Vigil gave the resource, so that a resource deleted
 * and created again under its name has a new ARN, as in Lookout. KMS key ids given without an ARN
 * are written as ARNs of the same region and account. Immutable and thread-safe.
 */
final class Arns {
  private static final String SERVICE = "lookoutequipment";

  private final String region;
  private final String account;

  Arns(String region, String account) {
    this.region = Objects.requireNonNull(region, "region");
    this.account = Objects.requireNonNull(account, "account");
  }

  /** A resource an ARN names. */
  record Parsed(ResourceKind kind, String name, String id) {}

  String of(ResourceKind kind, String name, String id) {
    return prefix() + kind.arnType() + "/" + name + "/" + id;
  }

  String modelVersion(String modelName, String modelId, long version) {
    return of(ResourceKind.MODEL, modelName, modelId) + "/model-version/" + version;
  }

  /**
   * The resource an ARN of this region and account names; empty when it is no ARN of a dataset,
   * model, inference scheduler or label group here.
   */
  Optional<Parsed> parse(String arn) {
    String prefix = prefix();
    if (!arn.startsWith(prefix)) {
      return Optional.empty();
    }
    String[] parts = arn.substring(prefix.length()).split("/", -1);
    if (parts.length != 3 || parts[1].isEmpty() || parts[2].isEmpty()) {
      return Optional.empty();
    }
    return ResourceKind.ofArnType(parts[0]).map(kind -> new Parsed(kind, parts[1], parts[2]));
  }

  /** Whether an ARN is of this service, region and account at all. */
  boolean isLocal(String arn) {
    return arn.startsWith(prefix());
  }

  /** The ARN of a KMS key given as an ARN, an alias ({@code alias/name}) or a key id. */
  String kmsKey(String key) {
    if (key.startsWith("arn:")) {
      return key;
    }
    return "arn:aws:kms:"
        + region
        + ":"
        + account
        + ":"
        + (key.startsWith("alias/") ? key : "key/" + key);
  }

  String region() {
    return region;
  }

  String account() {
    return account;
  }

  private String prefix() {
    return "arn:aws:" + SERVICE + ":" + region + ":" + account + ":";
  }
}
