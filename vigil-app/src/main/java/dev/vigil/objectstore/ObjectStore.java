package dev.vigil.objectstore;

import java.io.InputStream;
import java.util.List;

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
