package dev.vigil.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.data.InvalidDataException;
import dev.vigil.objectstore.ObjectStore.ObjectInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every {@link ObjectStore} promises, run against each implementation by a subclass. Each test
 * gets a fresh, empty bucket from {@link #createBucket}.
 */
abstract class ObjectStoreContractTest {
  private static final AtomicInteger BUCKETS = new AtomicInteger();

  /** A bucket name that is valid and never created. */
  static final String MISSING_BUCKET = "no-such-bucket";

  /** More than one page of a listing: S3 returns at most 1000 keys a page. */
  private static final int MORE_THAN_A_PAGE = 1003;

  /** The store under test, the same for every test of the class. */
  protected abstract ObjectStore store();

  /** Creates an empty bucket named {@code bucket} in the store under test. */
  protected abstract void createBucket(String bucket) throws Exception;

  /** A fresh, empty bucket for the current test. */
  protected String bucket;

  @BeforeEach
  void createFreshBucket() throws Exception {
    bucket = "contract-" + BUCKETS.incrementAndGet();
    createBucket(bucket);
  }

  @Test
  void putThenOpenReturnsTheSameBytes() throws IOException {
    byte[] content = new byte[70_000];
    for (int i = 0; i < content.length; i++) {
      content[i] = (byte) (i * 31 + i / 256);
    }
    store().put(bucket, "plant/pump-1.csv", content);
    store().put(bucket, "empty.csv", new byte[0]);

    assertThat(read(bucket, "plant/pump-1.csv")).isEqualTo(content);
    assertThat(read(bucket, "empty.csv")).isEmpty();
  }

  @Test
  void putReplacesTheWholeObject() throws IOException {
    store()
        .put(bucket, "result.json", "a much longer first version".getBytes(StandardCharsets.UTF_8));
    store().put(bucket, "result.json", "short".getBytes(StandardCharsets.UTF_8));

    assertThat(new String(read(bucket, "result.json"), StandardCharsets.UTF_8)).isEqualTo("short");
    assertThat(store().list(bucket, "result.json"))
        .singleElement()
        .extracting(ObjectInfo::size)
        .isEqualTo(5L);
  }

  @Test
  void listReturnsTheObjectsUnderThePrefixInKeyOrder() {
    long before = System.currentTimeMillis();
    for (String key : List.of("b.csv", "a/2.csv", "a/1.csv", "a10.csv", "a/sub/3.csv", "ab.csv")) {
      store().put(bucket, key, key.getBytes(StandardCharsets.UTF_8));
    }
    long after = System.currentTimeMillis();

    assertThat(store().list(bucket, "a/"))
        .extracting(ObjectInfo::key)
        .containsExactly("a/1.csv", "a/2.csv", "a/sub/3.csv");
    assertThat(store().list(bucket, "a"))
        .extracting(ObjectInfo::key)
        .containsExactly("a/1.csv", "a/2.csv", "a/sub/3.csv", "a10.csv", "ab.csv");
    assertThat(store().list(bucket, "")).extracting(ObjectInfo::key).hasSize(6).isSorted();
    assertThat(store().list(bucket, "c")).isEmpty();

    ObjectInfo info = store().list(bucket, "a/sub/").get(0);
    assertThat(info.size()).isEqualTo("a/sub/3.csv".length());
    // Some S3 servers keep whole seconds only.
    assertThat(info.lastModifiedMillis()).isBetween(before - 2_000, after + 2_000);
  }

  @Test
  void listFolderReturnsTheWantedObjectsDirectlyInTheFolderInKeyOrder() {
    for (String key :
        List.of(
            "in/b_2.csv", "in/a_2.csv", "in/a_1.csv", "in/sub/a_3.csv", "in2/a_4.csv", "a_5.csv")) {
      store().put(bucket, key, key.getBytes(StandardCharsets.UTF_8));
    }

    assertThat(store().listFolder(bucket, "in/", key -> key.startsWith("in/a_")))
        .extracting(ObjectInfo::key)
        .containsExactly("in/a_1.csv", "in/a_2.csv");
    assertThat(store().listFolder(bucket, "in/", key -> true))
        .extracting(ObjectInfo::key)
        .containsExactly("in/a_1.csv", "in/a_2.csv", "in/b_2.csv");
    assertThat(store().listFolder(bucket, "", key -> true))
        .extracting(ObjectInfo::key)
        .containsExactly("a_5.csv");
    assertThat(store().listFolder(bucket, "in/", key -> false)).isEmpty();
    assertThat(store().listFolder(bucket, "none/", key -> true)).isEmpty();
    ObjectInfo info = store().listFolder(bucket, "in/", "in/b_2.csv"::equals).get(0);
    assertThat(info).isEqualTo(store().list(bucket, "in/b_2.csv").get(0));
  }

  @Test
  void listFolderRefusesAPrefixThatIsNotAFolderAndAMissingBucket() {
    assertThatThrownBy(() -> store().listFolder(bucket, "in", key -> true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'in'");
    assertThatThrownBy(() -> store().listFolder(MISSING_BUCKET, "in/", key -> true))
        .isInstanceOf(NoSuchBucketException.class);
  }

  @Test
  void anObjectWrittenAgainHasAnotherVersionEvenWithTheSameSizeAtOnce() {
    store().put(bucket, "in/pump.csv", "a,1\n".getBytes(StandardCharsets.UTF_8));
    ObjectInfo first = store().list(bucket, "in/").get(0);
    assertThat(store().list(bucket, "in/").get(0).version()).isEqualTo(first.version());

    // Same size, well within the same second: what a cached read of the object must notice.
    store().put(bucket, "in/pump.csv", "b,2\n".getBytes(StandardCharsets.UTF_8));
    ObjectInfo second = store().list(bucket, "in/").get(0);

    assertThat(second.size()).isEqualTo(first.size());
    assertThat(second.version()).isNotEqualTo(first.version());
  }

  @Test
  void listReturnsEveryObjectWhenThereIsMoreThanOnePage() throws Exception {
    List<String> keys =
        IntStream.range(0, MORE_THAN_A_PAGE).mapToObj(i -> "many/" + i + ".csv").toList();
    ExecutorService writers = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> writes = new ArrayList<>();
      for (String key : keys) {
        writes.add(writers.submit(() -> store().put(bucket, key, new byte[] {1})));
      }
      for (Future<?> write : writes) {
        write.get();
      }
    } finally {
      writers.shutdown();
    }
    store().put(bucket, "other.csv", new byte[] {2});

    assertThat(store().list(bucket, "many/"))
        .extracting(ObjectInfo::key)
        .containsExactlyElementsOf(keys.stream().sorted().toList());
    assertThat(store().list(bucket, "")).hasSize(MORE_THAN_A_PAGE + 1);
  }

  @Test
  void openingAMissingObjectNamesIt() {
    store().put(bucket, "present.csv", new byte[] {1});

    assertThatThrownBy(() -> store().open(bucket, "absent.csv"))
        .isInstanceOf(NoSuchObjectException.class)
        .hasMessage("no object s3://" + bucket + "/absent.csv");
  }

  @Test
  void aMissingBucketIsReportedAsSuch() {
    assertThatThrownBy(() -> store().list(MISSING_BUCKET, ""))
        .isInstanceOf(NoSuchBucketException.class)
        .hasMessage("bucket 'no-such-bucket' does not exist");
    assertThatThrownBy(() -> store().open(MISSING_BUCKET, "x.csv"))
        .isInstanceOf(NoSuchBucketException.class)
        .hasMessage("bucket 'no-such-bucket' does not exist");
  }

  @Test
  void deleteRemovesTheObjectAndIsIdempotent() {
    store().put(bucket, "a.csv", new byte[] {1});
    store().put(bucket, "b.csv", new byte[] {2});

    store().delete(bucket, "a.csv");
    store().delete(bucket, "a.csv");
    store().delete(bucket, "never-written.csv");
    store().delete(MISSING_BUCKET, "never-written.csv");

    assertThat(store().list(bucket, "")).extracting(ObjectInfo::key).containsExactly("b.csv");
    assertThatThrownBy(() -> store().open(bucket, "a.csv"))
        .isInstanceOf(NoSuchObjectException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"../x", "a/../../b", "./a", "a/./b", "a/.."})
  void keysWithDotSegmentsAreRefused(String key) {
    assertRefused(key, "key '" + key + "' must not contain '.' or '..' segments");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/abs", "/", "a\\b", "..\\x"})
  void absoluteAndBackslashKeysAreRefused(String key) {
    assertRefused(key, "key '" + key + "' must be relative, with forward slashes only");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "folder/"})
  void keysNamingAFolderAreRefusedForObjects(String key) {
    String message = "key '" + key + "' names a folder, not an object";
    assertThatThrownBy(() -> store().put(bucket, key, new byte[] {1}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(message);
    assertThatThrownBy(() -> store().open(bucket, key))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(message);
    assertThatThrownBy(() -> store().delete(bucket, key))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(message);
  }

  @Test
  void invalidBucketNamesAreRefused() {
    String message =
        "bucket 'Bad_Bucket' is not a valid bucket name"
            + " (3 to 63 lower-case letters, digits, dots and dashes)";
    assertThatThrownBy(() -> store().list("Bad_Bucket", ""))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(message);
    assertThatThrownBy(() -> store().put("Bad_Bucket", "a.csv", new byte[0]))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(message);
  }

  private void assertRefused(String key, String message) {
    store().put(bucket, "x", new byte[] {1});
    assertThatThrownBy(() -> store().put(bucket, key, new byte[] {1}))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(message);
    assertThatThrownBy(() -> store().open(bucket, key))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(message);
    assertThatThrownBy(() -> store().delete(bucket, key))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(message);
    assertThatThrownBy(() -> store().list(bucket, key))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(message);
    assertThat(store().list(bucket, "")).extracting(ObjectInfo::key).containsExactly("x");
  }

  /** The whole content of an object. */
  protected byte[] read(String bucket, String key) throws IOException {
    try (InputStream in = store().open(bucket, key)) {
      return in.readAllBytes();
    }
  }
}
