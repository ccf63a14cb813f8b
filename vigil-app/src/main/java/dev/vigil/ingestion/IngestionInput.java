package dev.vigil.ingestion;

import dev.vigil.engine.data.InvalidDataException;
import dev.vigil.objectstore.ObjectKeys;
import dev.vigil.request.InvalidRequestException;
import dev.vigil.request.RequiredFields;

/**
 * Where an ingestion reads its files: a bucket, a prefix (empty for the whole bucket) and a key
 * pattern (empty for {@link KeyPattern#DEFAULT}).
 */
public record IngestionInput(String bucket, String prefix, String keyPattern) {

  /** Lookout's limit on the prefix length. */
  static final int MAX_PREFIX_LENGTH = 1024;

  /**
   * The same input with the default key pattern written out.
   *
   * @throws InvalidRequestException naming the first field under {@code field} that breaks a rule
   */
  IngestionInput validated(String field) {
    RequiredFields.required(bucket, field + ".bucket");
    String prefix = this.prefix == null ? "" : this.prefix;
    try {
      ObjectKeys.requireValidBucket(bucket);
    } catch (InvalidDataException e) {
      throw new InvalidRequestException(field + ".bucket", e.getMessage());
    }
    if (prefix.length() > MAX_PREFIX_LENGTH) {
      throw new InvalidRequestException(
          field + ".prefix", "prefix must have at most " + MAX_PREFIX_LENGTH + " characters");
    }
    try {
      ObjectKeys.requireSafeKey(prefix);
    } catch (InvalidDataException e) {
      throw new InvalidRequestException(field + ".prefix", e.getMessage());
    }
    KeyPattern pattern = KeyPattern.parse(keyPattern, field + ".keyPattern");
    return new IngestionInput(bucket, prefix, pattern.text());
  }
}
