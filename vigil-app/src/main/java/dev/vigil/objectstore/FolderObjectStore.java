package dev.vigil.objectstore;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The embedded object store: bucket {@code b} is the folder {@code <root>/b}, and key {@code
 * a/b.csv} the file {@code <root>/b/a/b.csv}. Writes go to a temporary file in the same folder and
 * are then renamed over the target, so a reader never sees a partial object. Keys are checked so
 * that none can reach outside its bucket.
 *
 * <p>Thread-safe: every operation works on the file system alone.
 */
public final class FolderObjectStore implements ObjectStore {
  private final Path root;

  public FolderObjectStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  @Override
  public List<ObjectInfo> list(String bucket, String prefix) {
    ObjectKeys.requireSafeKey(prefix);
    Path bucketDir = existingBucket(bucket);
    List<ObjectInfo> objects = new ArrayList<>();
    // Walk only the folder the prefix names (up to its last '/'): a bucket holding many
    // schedulers' inputs and outputs is not walked whole for each of them.
    int slash = prefix.lastIndexOf('/');
    Path start = slash < 0 ? bucketDir : bucketDir.resolve(prefix.substring(0, slash));
    if (!Files.isDirectory(start)) {
      return objects;
    }
    try (Stream<Path> files = Files.walk(start)) {
      files
          .filter(Files::isRegularFile)
          .filter(file -> !file.getFileName().toString().startsWith(".vigil-tmp-"))
          .forEach(
              file -> {
                String key = bucketDir.relativize(file).toString().replace('\\', '/');
                if (key.startsWith(prefix)) {
                  objects.add(info(key, file));
                }
              });
    } catch (IOException | UncheckedIOException e) {
      throw new ObjectStoreException(
          "cannot list " + describe(bucket, prefix) + ": " + e.getMessage(), e);
    }
    objects.sort(Comparator.comparing(ObjectInfo::key));
    return objects;
  }

  /**
   * Reads the folder's names only, and looks at a file (one call for its size, time and identity)
   * only when {@code wanted} accepts its key: a window of a scheduler whose input folder keeps
   * weeks of files looks at the few it may read, not at every one of them.
   */
  @Override
  public List<ObjectInfo> listFolder(String bucket, String folder, Predicate<String> wanted) {
    ObjectKeys.requireSafeKey(folder);
    ObjectKeys.requireFolder(folder);
    Path bucketDir = existingBucket(bucket);
    Path dir = folder.isEmpty() ? bucketDir : bucketDir.resolve(folder);
    List<ObjectInfo> objects = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return objects;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        String key = folder + name;
        if (name.startsWith(".vigil-tmp-") || !wanted.test(key)) {
          continue;
        }
        BasicFileAttributes attributes;
        try {
          attributes = Files.readAttributes(entry, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
          continue; // Deleted since the folder was read.
        }
        if (attributes.isRegularFile()) {
          objects.add(info(key, attributes));
        }
      }
    } catch (IOException | UncheckedIOException e) {
      throw new ObjectStoreException(
          "cannot list " + describe(bucket, folder) + ": " + e.getMessage(), e);
    }
    objects.sort(Comparator.comparing(ObjectInfo::key));
    return objects;
  }

  private Path existingBucket(String bucket) {
    Path bucketDir = bucketDirectory(bucket);
    if (!Files.isDirectory(bucketDir)) {
      throw new NoSuchBucketException(bucket);
    }
    return bucketDir;
  }

  private static ObjectInfo info(String key, Path file) {
    try {
      return info(key, Files.readAttributes(file, BasicFileAttributes.class));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectInfo info(String key, BasicFileAttributes attributes) {
    FileTime modified = attributes.lastModifiedTime();
    return new ObjectInfo(
        key,
        attributes.size(),
        modified.toMillis(),
        modified.to(TimeUnit.NANOSECONDS) + "/" + attributes.size() + "/" + attributes.fileKey());
  }

  @Override
  public InputStream open(String bucket, String key) {
    Path file = objectPath(bucket, key);
    try {
      return Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      if (!Files.isDirectory(bucketDirectory(bucket))) {
        throw new NoSuchBucketException(bucket);
      }
      throw new NoSuchObjectException(bucket, key);
    } catch (IOException e) {
      throw new ObjectStoreException(
          "cannot read " + describe(bucket, key) + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void put(String bucket, String key, byte[] content) {
    Path file = objectPath(bucket, key);
    try {
      Files.createDirectories(file.getParent());
      Path temporary = Files.createTempFile(file.getParent(), ".vigil-tmp-", ".part");
      try {
        Files.write(temporary, content);
        try {
          Files.move(
              temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new ObjectStoreException(
          "cannot write " + describe(bucket, key) + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void delete(String bucket, String key) {
    try {
      Files.deleteIfExists(objectPath(bucket, key));
    } catch (IOException e) {
      throw new ObjectStoreException(
          "cannot delete " + describe(bucket, key) + ": " + e.getMessage(), e);
    }
  }

  private Path bucketDirectory(String bucket) {
    ObjectKeys.requireValidBucket(bucket);
    return root.resolve(bucket);
  }

  private Path objectPath(String bucket, String key) {
    ObjectKeys.requireSafeKey(key);
    if (key.isEmpty() || key.endsWith("/")) {
      throw new dev.vigil.engine.data.InvalidDataException(
          "key '" + key + "' names a folder, not an object");
    }
    Path bucketDir = bucketDirectory(bucket);
    Path file = bucketDir.resolve(key).normalize();
    if (!file.startsWith(bucketDir)) {
      throw new dev.vigil.engine.data.InvalidDataException(
          "key '" + key + "' reaches outside bucket '" + bucket + "'");
    }
    return file;
  }
}
