package dev.vigil.objectstore;

import dev.vigil.engine.data.InvalidDataException;
import java.util.regex.Pattern;

/**
 * Validation of bucket names and keys, shared by both stores so that a key the folder store refuses
 * is refused by S3 too: a key must not escape its bucket ({@code ..} segments, absolute paths,
 * backslashes) whatever the store.
 */
public final class ObjectKeys {
  /** S3's bucket naming rules, simplified: 3-63 lower-case letters, digits, dots and dashes. */
  private static final Pattern BUCKET = Pattern.compile("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$");

  private ObjectKeys() {}

  /**
   * @throws InvalidDataException naming the bucket and the rule
   */
  public static void requireValidBucket(String bucket) {
    if (bucket == null || !BUCKET.matcher(bucket).matches()) {
      throw new InvalidDataException(
          "bucket '"
              + bucket
              + "' is not a valid bucket name (3 to 63 lower-case letters, digits, dots and dashes)");
    }
  }

  /**
   * Checks a key or a prefix: relative, forward slashes, no {@code .} or {@code ..} segment.
   *
   * @throws InvalidDataException naming the key and the rule
   */
  public static void requireSafeKey(String key) {
    if (key == null) {
      throw new InvalidDataException("key is missing");
    }
    if (key.startsWith("/") || key.contains("\\") || key.indexOf('\0') >= 0) {
      throw new InvalidDataException(
          "key '" + key + "' must be relative, with forward slashes only");
    }
    for (String segment : key.split("/", -1)) {
      if (segment.equals("..") || segment.equals(".")) {
        throw new InvalidDataException("key '" + key + "' must not contain '.' or '..' segments");
      }
    }
  }

  /**
   * Checks that {@code folder} names a folder: empty (the bucket's top) or ending with {@code /}. A
   * caller's mistake, not a user's: users' prefixes are checked where they are entered.
   *
   * @throws IllegalArgumentException naming the folder
   */
  static void requireFolder(String folder) {
    if (!folder.isEmpty() && !folder.endsWith("/")) {
      throw new IllegalArgumentException("folder '" + folder + "' must be empty or end with /");
    }
  }
}
