package dev.vigil.label;

import dev.vigil.engine.data.InvalidDataException;
import dev.vigil.engine.data.TimestampParser;
import dev.vigil.objectstore.ObjectStore;
import dev.vigil.objectstore.ObjectStoreException;
import dev.vigil.request.InvalidRequestException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Label files in the object store, as Lookout for Equipment read them: every object under a prefix
 * is a CSV file without header whose lines each hold the start and the end of an abnormal period
 * (further columns are ignored). Timestamps are in any format {@link TimestampParser} reads, UTC
 * unless they carry a zone. A first line whose first cell is no timestamp is taken for a header and
 * skipped; blank lines are skipped. Thread-safe.
 */
final class LabelFiles {
  /** Label files are small; this bounds what one model creation reads. */
  static final int MAX_LABELS = 100_000;

  private final ObjectStore objects;

  LabelFiles(ObjectStore objects) {
    this.objects = objects;
  }

  /**
   * The periods of every file under the prefix, in time order.
   *
   * @throws InvalidRequestException naming {@code field} when the bucket does not exist, there is
   *     no file, or a line cannot be read (naming the file and the line)
   */
  List<KnownAnomaly> read(String bucket, String prefix, String field) {
    List<ObjectStore.ObjectInfo> listed;
    try {
      listed = objects.list(bucket, prefix);
    } catch (ObjectStoreException e) {
      throw new InvalidRequestException(field, "cannot list the label files: " + e.getMessage());
    }
    List<KnownAnomaly> labels = new ArrayList<>();
    int files = 0;
    for (ObjectStore.ObjectInfo object : listed) {
      if (object.key().endsWith("/")) {
        continue;
      }
      files++;
      readFile(bucket, object.key(), field, labels);
    }
    if (files == 0) {
      throw new InvalidRequestException(
          field, "no label file under " + objects.describe(bucket, prefix));
    }
    labels.sort(
        Comparator.comparingLong(KnownAnomaly::startMillis)
            .thenComparingLong(KnownAnomaly::endMillis));
    return labels;
  }

  private void readFile(String bucket, String key, String field, List<KnownAnomaly> labels) {
    String source = objects.describe(bucket, key);
    TimestampParser parser = new TimestampParser();
    try (InputStream in = objects.open(bucket, key);
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int number = 0;
      boolean content = false;
      while ((line = reader.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        String[] cells = line.split(",", -1);
        boolean first = !content;
        content = true;
        if (first && !isTimestamp(cells[0])) {
          continue;
        }
        if (cells.length < 2) {
          throw new InvalidRequestException(
              field, source + " line " + number + ": a label line is a start and an end timestamp");
        }
        long start;
        long end;
        try {
          start = parser.parse(cells[0]);
          end = parser.parse(cells[1]);
        } catch (InvalidDataException e) {
          throw new InvalidRequestException(
              field, source + " line " + number + ": " + e.getMessage());
        }
        if (end <= start) {
          throw new InvalidRequestException(
              field,
              source
                  + " line "
                  + number
                  + ": the end ("
                  + cells[1].trim()
                  + ") must be after the start ("
                  + cells[0].trim()
                  + ")");
        }
        if (labels.size() == MAX_LABELS) {
          throw new InvalidRequestException(
              field, "the label files hold more than " + MAX_LABELS + " labels");
        }
        labels.add(new KnownAnomaly(start, end, null, null));
      }
    } catch (ObjectStoreException e) {
      throw new InvalidRequestException(field, "cannot read " + source + ": " + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
  }

  private static boolean isTimestamp(String cell) {
    try {
      new TimestampParser().parse(cell);
      return true;
    } catch (InvalidDataException e) {
      return false;
    }
  }
}
