package dev.vigil.objectstore;

/** The object named does not exist. */
public class NoSuchObjectException extends ObjectStoreException {
  private static final long serialVersionUID = 1L;

  public NoSuchObjectException(String bucket, String key) {
    super("no object s3://" + bucket + "/" + key);
  }
}
