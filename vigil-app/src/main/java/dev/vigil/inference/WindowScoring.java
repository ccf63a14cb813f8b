package dev.vigil.inference;

import dev.vigil.engine.data.CsvTableReader;
import dev.vigil.engine.data.InvalidDataException;
import dev.vigil.engine.data.SensorTable;
import dev.vigil.engine.model.ScoredRow;
import dev.vigil.engine.model.Scorer;
import dev.vigil.engine.model.TrainedModel;
import dev.vigil.engine.preprocess.PreprocessedTable;
import dev.vigil.engine.preprocess.TableAligner;
import dev.vigil.objectstore.NoSuchBucketException;
import dev.vigil.objectstore.NoSuchObjectException;
import dev.vigil.objectstore.ObjectStore;
import dev.vigil.objectstore.ObjectStoreException;
import dev.vigil.results.LineBuffer;
import dev.vigil.results.ResultLineWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Scores one window of one scheduler, without touching the database: chooses the input files
 * ({@link InputSelection}), reads them per component in the input time zone, aligns the components,
 * preprocesses the rows as training did, warms the model's sliding window up on the rows before the
 * window and scores the rows in it. Every problem of the data is a {@link Failed} outcome whose
 * reason names the component, the file and what is wrong; problems of the infrastructure (the
 * object store is unreachable) are thrown, so that the run is retried.
 *
 * <p>Stateless and thread-safe.
 */
final class WindowScoring {
  private final ObjectStore objects;

  WindowScoring(ObjectStore objects) {
    this.objects = objects;
  }

  /** What scoring a window gave. */
  sealed interface Outcome permits Scored, Failed {}

  /**
   * The window was scored.
   *
   * @param window the scored rows, at least one, in time order, with their encoded diagnostics
   * @param content the content of results.jsonl: the rows' Lookout results lines, in the same
   *     order, each ended by a line break
   * @param lineStarts where each row's line starts in {@code content}
   */
  record Scored(ScoredWindow window, byte[] content, int[] lineStarts) implements Outcome {
    List<ScoredRow> rows() {
      return window.rows();
    }

    /** The results line of row {@code row}, without its line break. */
    String line(int row) {
      int end = row + 1 < lineStarts.length ? lineStarts[row + 1] : content.length;
      return new String(
          content, lineStarts[row], end - 1 - lineStarts[row], StandardCharsets.UTF_8);
    }
  }

  /**
   * The window cannot be scored.
   *
   * @param reason for the user: what is wrong, naming the component and the file
   */
  record Failed(String reason) implements Outcome {}

  /**
   * Scores {@code window} of {@code scheduler} with {@code model}.
   *
   * @param recent the files read for the scheduler's window before, reused where unchanged; the
   *     latest file of each component read here replaces its entry
   */
  Outcome score(
      SchedulerDefinition scheduler, Window window, TrainedModel model, RecentInputs recent) {
    Map<String, List<String>> sensorsByComponent = sensorsByComponent(model.sensorNames());
    String folder = folder(scheduler.inputPrefix());
    Map<String, ObjectStore.ObjectInfo> listed;
    try {
      listed = listed(scheduler, folder, window, sensorsByComponent.keySet());
    } catch (NoSuchBucketException e) {
      // The user's input location is wrong: the window fails with the reason, and repeated
      // failures pause the scheduler, rather than retrying as if the store were down.
      return new Failed(
          "input bucket '"
              + scheduler.inputBucket()
              + "' does not exist (expected files under "
              + objects.describe(scheduler.inputBucket(), folder)
              + ")");
    }
    InputSelection selection =
        InputSelection.select(
            scheduler.inputBucket(),
            folder,
            listed.keySet(),
            sensorsByComponent.keySet(),
            scheduler.naming(),
            window);
    if (!selection.complete()) {
      return new Failed(
          selection.missing().stream()
              .map(MissingInput::message)
              .collect(Collectors.joining("; ")));
    }
    List<SensorTable> components = new ArrayList<>();
    List<String> read = new ArrayList<>();
    List<String> withoutRows = new ArrayList<>();
    for (Map.Entry<String, List<String>> entry : selection.files().entrySet()) {
      String component = entry.getKey();
      List<String> sensors = sensorsByComponent.get(component);
      List<SensorTable> files = new ArrayList<>();
      List<String> keys = entry.getValue();
      for (int i = 0; i < keys.size(); i++) {
        String key = keys.get(i);
        String source = objects.describe(scheduler.inputBucket(), key);
        read.add(source);
        SensorTable table;
        try {
          table =
              table(
                  scheduler,
                  window,
                  component,
                  listed.get(key),
                  source,
                  recent,
                  i == keys.size() - 1);
        } catch (InvalidDataException e) {
          return new Failed(e.getMessage());
        } catch (NoSuchObjectException e) {
          return new Failed(source + " was listed but is gone: it was deleted while being read");
        }
        for (String sensor : sensors) {
          if (table.indexOf(sensor) < 0) {
            return new Failed(
                source
                    + ": no column for sensor "
                    + sensor
                    + " of component "
                    + component
                    + " that model "
                    + scheduler.modelName()
                    + " version "
                    + scheduler.modelVersion()
                    + " reads; the file has "
                    + table.sensorNames());
          }
        }
        files.add(table.select(sensors));
      }
      SensorTable merged = merge(files, sensors, window.end().toEpochMilli());
      if (!hasRowIn(merged, window)) {
        List<String> sources = read.subList(read.size() - entry.getValue().size(), read.size());
        withoutRows.add(
            "no row of component "
                + component
                + " in window ["
                + window.start()
                + ", "
                + window.end()
                + "): the files read for it ("
                + String.join(", ", sources)
                + ") hold none (expected "
                + scheduler.naming().fileNameFor(component, window.start())
                + " under "
                + objects.describe(scheduler.inputBucket(), folder)
                + ")");
      }
      components.add(merged);
    }
    if (withoutRows.size() == components.size()) {
      return noData(window, read);
    }
    if (!withoutRows.isEmpty()) {
      // Filling a whole window of a component from an older file would score made-up data.
      return new Failed(String.join("; ", withoutRows));
    }
    SensorTable aligned = TableAligner.align(components);
    long startMillis = window.start().toEpochMilli();
    long endMillis = window.end().toEpochMilli();
    SensorTable upToEnd = aligned.rows(0, aligned.firstRowAtOrAfter(endMillis));
    if (upToEnd.firstRowAtOrAfter(startMillis) >= upToEnd.rowCount()) {
      return noData(window, read);
    }
    PreprocessedTable prepared;
    try {
      prepared = model.preprocess(upToEnd);
    } catch (InvalidDataException e) {
      return new Failed("cannot preprocess the rows of the window: " + e.getMessage());
    }
    SensorTable table = prepared.table();
    int from = table.firstRowAtOrAfter(startMillis);
    int to = table.firstRowAtOrAfter(endMillis);
    if (from >= to) {
      return noData(window, read);
    }
    Scorer scorer = model.newScorer();
    // The rows just before the window fill the model's sliding window and are judged, unseen, so
    // that the debounce starts from the state the stream was in rather than from "normal": an
    // anomaly that began in the previous window stays one across the boundary.
    int judgedFrom = Math.max(0, from - model.config().debounce());
    scorer.warmUp(table, Math.max(0, judgedFrom - model.config().window()), judgedFrom);
    scorer.score(table, judgedFrom, from, prepared.machineOff());
    List<ScoredRow> rows = scorer.score(table, from, to, prepared.machineOff());
    return rendered(ScoredWindow.of(model.sensorNames(), rows));
  }

  /**
   * Reads ahead of {@code window}'s wake what it will reuse: for each component, the latest of the
   * files it would open that are there already (usually the file before it, as the data of the
   * window itself is still arriving), kept in {@code recent} as the window keeps them. A window due
   * right after a start then parses what it would have anyway, not twice as much. Problems are left
   * for the window to report: this reads nothing that is missing or invalid.
   */
  void readAhead(
      SchedulerDefinition scheduler, Window window, TrainedModel model, RecentInputs recent) {
    Set<String> components = sensorsByComponent(model.sensorNames()).keySet();
    String folder = folder(scheduler.inputPrefix());
    Map<String, ObjectStore.ObjectInfo> listed;
    try {
      listed = listed(scheduler, folder, window, components);
    } catch (NoSuchBucketException e) {
      return;
    }
    InputSelection selection =
        InputSelection.select(
            scheduler.inputBucket(),
            folder,
            listed.keySet(),
            components,
            scheduler.naming(),
            window);
    for (Map.Entry<String, List<String>> entry : selection.files().entrySet()) {
      List<String> keys = entry.getValue();
      String latest = keys.get(keys.size() - 1);
      try {
        table(
            scheduler,
            window,
            entry.getKey(),
            listed.get(latest),
            objects.describe(scheduler.inputBucket(), latest),
            recent,
            true);
      } catch (InvalidDataException | NoSuchObjectException e) {
        // The window reads it again and reports it.
      }
    }
  }

  /**
   * The files of the scheduler's input folder that {@code window} may open, by key in key order:
   * the files of its components named from the start of the window before on. A folder that keeps
   * weeks of files costs a name for each older one, not a look at it. The file before the window is
   * usually the window before's own; a component that has none since then (its data logger writes
   * files less often than the scheduler wakes, or stopped for a while) has its older files listed
   * too, so that its latest file before the window is still found.
   *
   * @throws NoSuchBucketException when the input bucket does not exist
   */
  private Map<String, ObjectStore.ObjectInfo> listed(
      SchedulerDefinition scheduler, String folder, Window window, Set<String> components) {
    FileNaming naming = scheduler.naming();
    Instant since = window.start().minus(Duration.between(window.start(), window.end()));
    Predicate<String> namedSince = naming.namedAtOrAfter(components, since);
    Predicate<String> recent =
        key -> {
          String name = key.substring(folder.length());
          return namedSince.test(name)
              && naming
                  .parse(name, components)
                  .filter(file -> !file.timestamp().isBefore(since))
                  .isPresent();
        };
    List<ObjectStore.ObjectInfo> found =
        objects.listFolder(scheduler.inputBucket(), folder, recent);
    Set<String> withFileBefore = new HashSet<>();
    for (ObjectStore.ObjectInfo info : found) {
      naming
          .parse(info.key().substring(folder.length()), components)
          .filter(file -> file.timestamp().isBefore(window.start()))
          .ifPresent(file -> withFileBefore.add(file.component()));
    }
    if (!withFileBefore.containsAll(components)) {
      found = objects.listFolder(scheduler.inputBucket(), folder, key -> true);
    }
    Map<String, ObjectStore.ObjectInfo> listed = new LinkedHashMap<>();
    for (ObjectStore.ObjectInfo info : found) {
      listed.put(info.key(), info);
    }
    return listed;
  }

  private static boolean hasRowIn(SensorTable table, Window window) {
    int first = table.firstRowAtOrAfter(window.start().toEpochMilli());
    return first < table.rowCount() && table.timestamp(first) < window.end().toEpochMilli();
  }

  private static Failed noData(Window window, List<String> read) {
    return new Failed(
        "no data in window ["
            + window.start()
            + ", "
            + window.end()
            + "): the files read ("
            + String.join(", ", read)
            + ") hold no row with a timestamp in it");
  }

  /**
   * The rows of a file that a window reads: as kept in {@code recent} when it has not changed
   * since. The latest file of a component is read whole and kept, since the next window opens it as
   * its file before; of the others, only the rows before the window's end are read.
   */
  private SensorTable table(
      SchedulerDefinition scheduler,
      Window window,
      String component,
      ObjectStore.ObjectInfo file,
      String source,
      RecentInputs recent,
      boolean latest) {
    ZoneOffset zone = scheduler.naming().zone().offset();
    Optional<SensorTable> kept = recent.find(scheduler.id(), component, file, zone);
    if (kept.isPresent()) {
      return kept.get();
    }
    long endMillis = window.end().toEpochMilli();
    if (!latest) {
      return read(scheduler, component, file.key(), source, endMillis);
    }
    SensorTable table;
    try {
      table = read(scheduler, component, file.key(), source, Long.MAX_VALUE);
    } catch (InvalidDataException e) {
      // What is wrong may be a row after the window: that is the next window's to report, so
      // this one reads its rows alone, as if the file had not been read whole.
      return read(scheduler, component, file.key(), source, endMillis);
    }
    recent.keep(scheduler.id(), component, file, zone, table);
    return table;
  }

  /** The rows of a file before {@code endMillis}: the cells of later rows are not even parsed. */
  private SensorTable read(
      SchedulerDefinition scheduler, String component, String key, String source, long endMillis) {
    CsvTableReader reader =
        new CsvTableReader()
            .withComponent(component)
            .withZone(scheduler.naming().zone().offset())
            .withSortRows(true)
            .withRowsBefore(endMillis);
    try (InputStream in = objects.open(scheduler.inputBucket(), key);
        InputStreamReader text = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return reader.read(text, source).table();
    } catch (IOException e) {
      throw new ObjectStoreException("cannot read " + source + ": " + e.getMessage(), e);
    }
  }

  /**
   * The rows of several files of one component before {@code endMillis}, in time order; where files
   * share a timestamp, the file later in the selection (the later name) wins. Rows at or after the
   * end belong to later windows and are dropped first.
   */
  static SensorTable merge(List<SensorTable> files, List<String> sensors, long endMillis) {
    List<SensorTable> parts = new ArrayList<>(files.size());
    int total = 0;
    for (SensorTable file : files) {
      SensorTable part = file.rows(0, file.firstRowAtOrAfter(endMillis));
      parts.add(part);
      total += part.rowCount();
    }
    if (parts.size() == 1) {
      return parts.get(0);
    }
    SensorTable concatenated = concatenatedIfApart(parts, sensors, total);
    if (concatenated != null) {
      return concatenated;
    }
    // (timestamp, file, row) sorted by timestamp then file: the last of equal timestamps wins.
    long[] timestamps = new long[total];
    int[] fileOf = new int[total];
    int[] rowOf = new int[total];
    Integer[] order = new Integer[total];
    int at = 0;
    for (int f = 0; f < parts.size(); f++) {
      SensorTable part = parts.get(f);
      for (int row = 0; row < part.rowCount(); row++) {
        timestamps[at] = part.timestamp(row);
        fileOf[at] = f;
        rowOf[at] = row;
        order[at] = at;
        at++;
      }
    }
    Arrays.sort(
        order,
        (x, y) ->
            timestamps[x] != timestamps[y]
                ? Long.compare(timestamps[x], timestamps[y])
                : Integer.compare(fileOf[x], fileOf[y]));
    int kept = 0;
    int[] keep = new int[total];
    for (int i = 0; i < total; i++) {
      int entry = order[i];
      if (i + 1 < total && timestamps[order[i + 1]] == timestamps[entry]) {
        continue;
      }
      keep[kept++] = entry;
    }
    long[] merged = new long[kept];
    double[][] columns = new double[sensors.size()][kept];
    for (int i = 0; i < kept; i++) {
      int entry = keep[i];
      merged[i] = timestamps[entry];
      SensorTable part = parts.get(fileOf[entry]);
      for (int s = 0; s < columns.length; s++) {
        columns[s][i] = part.value(s, rowOf[entry]);
      }
    }
    return SensorTable.of(merged, sensors, columns);
  }

  /**
   * The files' rows one file after the other, when their time ranges do not overlap (as a data
   * logger writes them: each file after the one before): what merging them gives, without sorting
   * every row. Null when two of them overlap, or when none has a row. Each table's timestamps are
   * strictly increasing already.
   */
  private static SensorTable concatenatedIfApart(
      List<SensorTable> parts, List<String> sensors, int total) {
    List<SensorTable> byStart = new ArrayList<>(parts.size());
    for (SensorTable part : parts) {
      if (part.rowCount() > 0) {
        byStart.add(part);
      }
    }
    if (byStart.isEmpty()) {
      return null;
    }
    byStart.sort(Comparator.comparingLong(part -> part.timestamp(0)));
    for (int i = 1; i < byStart.size(); i++) {
      SensorTable before = byStart.get(i - 1);
      if (before.timestamp(before.rowCount() - 1) >= byStart.get(i).timestamp(0)) {
        return null;
      }
    }
    long[] timestamps = new long[total];
    double[][] columns = new double[sensors.size()][total];
    int at = 0;
    for (SensorTable part : byStart) {
      int rows = part.rowCount();
      for (int row = 0; row < rows; row++) {
        timestamps[at + row] = part.timestamp(row);
      }
      for (int s = 0; s < columns.length; s++) {
        for (int row = 0; row < rows; row++) {
          columns[s][at + row] = part.value(s, row);
        }
      }
      at += rows;
    }
    return SensorTable.of(timestamps, sensors, columns);
  }

  /**
   * The window with its results lines, rendered once as the bytes of results.jsonl, from the
   * diagnostics as ranked once for the database too; a line's text is cut from those bytes when
   * asked for.
   */
  private static Scored rendered(ScoredWindow scored) {
    List<ScoredRow> rows = scored.rows();
    ResultLineWriter writer = new ResultLineWriter(scored.sensorNames());
    LineBuffer content = new LineBuffer(rows.size() * (128 + 40 * scored.sensorNames().size()));
    int[] lineStarts = new int[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      ScoredRow row = rows.get(i);
      lineStarts[i] = content.length();
      writer.appendLine(
          content,
          row.timestampMillis(),
          row.prediction(),
          row.reason(),
          row.anomalyScore(),
          scored.diagnostics().get(i));
      content.endLine();
    }
    return new Scored(scored, content.toByteArray(), lineStarts);
  }

  /** Component to its sensors ({@code component\sensor}), in the model's order. */
  static Map<String, List<String>> sensorsByComponent(List<String> sensorNames) {
    Map<String, List<String>> byComponent = new LinkedHashMap<>();
    for (String name : sensorNames) {
      int separator = name.indexOf('\\');
      String component = separator > 0 ? name.substring(0, separator) : "";
      byComponent.computeIfAbsent(component, c -> new ArrayList<>()).add(name);
    }
    return byComponent;
  }

  /** The prefix as a folder: empty, or ending with {@code /}. */
  static String folder(String prefix) {
    return prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
  }

  /** Where the results of {@code window} go. */
  static String resultKey(SchedulerDefinition scheduler, Window window) {
    return folder(scheduler.outputPrefix()) + window.id() + "/results.jsonl";
  }
}
