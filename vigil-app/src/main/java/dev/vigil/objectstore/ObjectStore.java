package dev.vigil.objectstore;

import java.io.InputStream;
import java.util.List;
import java.util.function.Predicate;

/**
 * Where input files are read from and results written to: buckets of objects named by keys, as in
 * S3. Two implementations: {@link FolderObjectStore} (the embedded default: a bucket is a folder)
 * and {@link S3ObjectStore} (any S3-compatible store). The same code paths use both.
 *
 * <p>Implementations are thread-safe.
 */
public interface ObjectStore {
  /**
   * One object of a listing.
   *
   * @param version changes whenever the object is written again, even with the same size in the
   *     same millisecond: the ETag of an S3 object; the modification time to the nanosecond and the
   *     file's identity (a put replaces the file by another) in a folder. What was read of an
   *     object can be reused while its version is the same.
   */
  record ObjectInfo(String key, long size, long lastModifiedMillis, String version) {}

  /**
   * Every object whose key starts with {@code prefix}, in key order.
   *
   * @throws NoSuchBucketException when the bucket does not exist
   */
  List<ObjectInfo> list(String bucket, String prefix);

  /**
   * The objects directly in {@code folder} (their key is the folder's and a name without {@code /})
   * whose key {@code wanted} accepts, in key order. {@code wanted} sees the key alone, before
   * anything else of the object is read: a folder that keeps months of input files costs a name for
   * each file it rejects, not a look at the file ({@link FolderObjectStore}).
   *
   * @param folder empty, or ending with {@code /}
   * @throws IllegalArgumentException when {@code folder} is neither
   * @throws NoSuchBucketException when the bucket does not exist
   */
  default List<ObjectInfo> listFolder(String bucket, String folder, Predicate<String> wanted) {
    ObjectKeys.requireFolder(folder);
    return list(bucket, folder).stream()
        .filter(info -> info.key().indexOf('/', folder.length()) < 0)
        .filter(info -> wanted.test(info.key()))
        .toList();
  }

  /**
   * Opens an object for reading; the caller closes the stream.
   *
   * @throws NoSuchObjectException when there is no such object
   */
  InputStream open(String bucket, String key);

  /**
   * Writes an object whole: a reader sees either the previous content or all of the new one, never
   * a part.
   */
  void put(String bucket, String key, byte[] content);

  /** Deletes an object; deleting a missing one is not an error. */
  void delete(String bucket, String key);

  /** A URI naming the object for people and logs, such as {@code s3://bucket/key}. */
  default String describe(String bucket, String key) {
    return "s3://" + bucket + "/" + key;
  }
}
