package dev.vigil.inference;

import dev.vigil.objectstore.ObjectStore;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A real object store that counts the objects opened through it, to tell which input files the
 * engine read. Thread-safe.
 */
final class CountingObjectStore implements ObjectStore {
  private final ObjectStore store;
  private final Map<String, Integer> opened = new ConcurrentHashMap<>();

  CountingObjectStore(ObjectStore store) {
    this.store = store;
  }

  /** How many times the key was opened, in any bucket. */
  int opened(String key) {
    return opened.getOrDefault(key, 0);
  }

  @Override
  public List<ObjectInfo> list(String bucket, String prefix) {
    return store.list(bucket, prefix);
  }

  @Override
  public InputStream open(String bucket, String key) {
    opened.merge(key, 1, Integer::sum);
    return store.open(bucket, key);
  }

  @Override
  public void put(String bucket, String key, byte[] content) {
    store.put(bucket, key, content);
  }

  @Override
  public void delete(String bucket, String key) {
    store.delete(bucket, key);
  }
}
