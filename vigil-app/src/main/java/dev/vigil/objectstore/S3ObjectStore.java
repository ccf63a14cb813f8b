package dev.vigil.objectstore;

import dev.vigil.config.VigilConfig;
import dev.vigil.engine.VigilException;

/** The S3-compatible object store (being written). */
public final class S3ObjectStore {
  private S3ObjectStore() {}

  public static ObjectStore create(VigilConfig.ObjectStoreSettings settings) {
    throw new VigilException(
        "objectstore.type=s3 is not available in this build; use objectstore.type=folder");
  }
}
