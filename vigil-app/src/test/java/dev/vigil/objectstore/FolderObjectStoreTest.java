package dev.vigil.objectstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderObjectStoreTest extends ObjectStoreContractTest {
  @TempDir Path root;

  private FolderObjectStore store;

  @Override
  protected ObjectStore store() {
    if (store == null) {
      store = new FolderObjectStore(root);
    }
    return store;
  }

  @Override
  protected void createBucket(String bucket) throws IOException {
    Files.createDirectories(root.resolve(bucket));
  }

  @Test
  void objectsAreFilesUnderTheirBucketFolder() throws IOException {
    store().put(bucket, "plant/a.csv", new byte[] {1, 2});

    assertThat(root.resolve(bucket).resolve("plant").resolve("a.csv"))
        .hasBinaryContent(new byte[] {1, 2});
    try (var files = Files.list(root.resolve(bucket).resolve("plant"))) {
      assertThat(files).extracting(file -> file.getFileName().toString()).containsExactly("a.csv");
    }
  }

  @Test
  void putIntoAMissingBucketCreatesItsFolder() throws IOException {
    store().put(MISSING_BUCKET, "a.csv", new byte[] {1});

    assertThat(read(MISSING_BUCKET, "a.csv")).containsExactly(1);
  }

  @Test
  void aReaderSeesEitherTheOldOrTheNewContentNeverAPart() throws Exception {
    byte[] first = filled('a', 200_000);
    byte[] second = filled('b', 300_000);
    store().put(bucket, "result.bin", first);
    int writes = 200;
    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(
            () -> {
              for (int i = 0; i < writes; i++) {
                store().put(bucket, "result.bin", i % 2 == 0 ? second : first);
              }
            });
    int reads = 0;
    while (!writer.isDone() || reads == 0) {
      byte[] seen = read(bucket, "result.bin");
      assertThat(Arrays.equals(seen, first) || Arrays.equals(seen, second))
          .as("read %d: %d bytes, a whole version", reads, seen.length)
          .isTrue();
      reads++;
    }
    writer.join();
    assertThat(reads).isPositive();
    assertThat(read(bucket, "result.bin")).isEqualTo(first);
    try (var files = Files.list(root.resolve(bucket))) {
      assertThat(files)
          .extracting(file -> file.getFileName().toString())
          .containsExactly("result.bin");
    }
  }

  private static byte[] filled(char value, int length) {
    byte[] content = new byte[length];
    Arrays.fill(content, (byte) value);
    return content;
  }
}
