package dev.vigil.objectstore;

import dev.vigil.engine.VigilException;

/** An object store operation that failed; the message names the bucket and key. */
public class ObjectStoreException extends VigilException {
  private static final long serialVersionUID = 1L;

  public ObjectStoreException(String message) {
    super(message);
  }

  public ObjectStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
