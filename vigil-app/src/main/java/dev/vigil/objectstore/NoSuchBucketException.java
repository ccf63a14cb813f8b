package dev.vigil.objectstore;

/** The bucket named does not exist. */
public class NoSuchBucketException extends ObjectStoreException {
  private static final long serialVersionUID = 1L;

  public NoSuchBucketException(String bucket) {
    super("bucket '" + bucket + "' does not exist");
  }
}
