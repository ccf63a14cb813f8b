package dev.vigil.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.objectstore.FolderObjectStore;
import dev.vigil.request.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Label files in the object store, as Lookout for Equipment's labels in S3. */
class LabelFilesTest {
  @TempDir Path root;

  private static long at(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test
  void every_file_under_the_prefix_is_read_and_its_periods_sorted() {
    FolderObjectStore objects = new FolderObjectStore(root);
    objects.put(
        "plant",
        "labels/2025.csv",
        ("2025-12-03T10:00:00.000000,2025-12-03T15:00:00.000000\n"
                + "\n"
                + "2025-12-01 08:00:00,2025-12-01 09:30:00,ignored\n")
            .getBytes(StandardCharsets.UTF_8));
    objects.put(
        "plant",
        "labels/older/2024.csv",
        "start,end\n2024-06-01T00:00:00Z,2024-06-02T00:00:00Z\n".getBytes(StandardCharsets.UTF_8));
    objects.put("plant", "other/x.csv", "garbage".getBytes(StandardCharsets.UTF_8));

    assertThat(new LabelFiles(objects).read("plant", "labels/", "labelsLocation"))
        .containsExactly(
            new KnownAnomaly(at("2024-06-01T00:00:00Z"), at("2024-06-02T00:00:00Z"), null, null),
            new KnownAnomaly(at("2025-12-01T08:00:00Z"), at("2025-12-01T09:30:00Z"), null, null),
            new KnownAnomaly(at("2025-12-03T10:00:00Z"), at("2025-12-03T15:00:00Z"), null, null));
  }

  @Test
  void a_missing_file_or_an_unreadable_line_is_refused_naming_the_file_and_line() {
    FolderObjectStore objects = new FolderObjectStore(root);
    LabelFiles files = new LabelFiles(objects);
    assertThatThrownBy(() -> files.read("nobucket", "labels/", "labelsLocation"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("cannot list the label files: bucket 'nobucket' does not exist");
    objects.put("plant", "x/readme.txt", "x".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> files.read("plant", "labels/", "labelsLocation"))
        .hasMessage("no label file under s3://plant/labels/");
    objects.put(
        "plant",
        "labels/bad.csv",
        "2025-12-03T10:00:00Z,2025-12-03T15:00:00Z\n2025-12-04T10:00:00Z,soon\n"
            .getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> files.read("plant", "labels/", "labelsLocation"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith("s3://plant/labels/bad.csv line 2: 'soon' is not a timestamp");
    objects.put(
        "plant",
        "labels/bad.csv",
        "2025-12-03T15:00:00Z,2025-12-03T10:00:00Z\n".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> files.read("plant", "labels/", "labelsLocation"))
        .hasMessage(
            "s3://plant/labels/bad.csv line 1: the end (2025-12-03T10:00:00Z) must be after the"
                + " start (2025-12-03T15:00:00Z)");
  }
}
