package dev.vigil.inference;

import dev.vigil.engine.data.SensorTable;
import dev.vigil.engine.model.TrainedModel;
import dev.vigil.model.SensorRows;
import dev.vigil.objectstore.NoSuchBucketException;
import dev.vigil.objectstore.NoSuchObjectException;
import dev.vigil.objectstore.ObjectStore;
import dev.vigil.request.ConflictException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Input pushed over the API, for sources that are not files: the rows are written into the
 * scheduler's input location as one CSV file per component, named as the scheduler reads names
 * ({@code <component><delimiter><first row's timestamp>.csv}), so that the windows they fall in
 * read them exactly like files that arrived from a pipeline, with the same delay, before-and-after
 * files and failure reasons. Rows of windows that have run already are written too, and the answer
 * says that only a replay scores them.
 *
 * <p>Thread-safe.
 */
public final class InputPushService {
  private static final Logger LOG = LoggerFactory.getLogger(InputPushService.class);

  /** The most rows one push may hold. */
  public static final int MAX_ROWS = 100_000;

  private final SchedulerRepository schedulers;
  private final ExecutionRepository executions;
  private final ModelLoader models;
  private final ObjectStore objects;

  InputPushService(
      SchedulerRepository schedulers,
      ExecutionRepository executions,
      ModelLoader models,
      ObjectStore objects) {
    this.schedulers = schedulers;
    this.executions = executions;
    this.models = models;
    this.objects = objects;
  }

  /** Writes the rows as input files; answers the files and the windows they fall in. */
  public Map<String, Object> push(String schedulerName, SchedulerBodies.Push body) {
    InferenceScheduler scheduler = schedulers.existing(schedulerName);
    TrainedModel model = models.load(scheduler.modelName(), scheduler.modelVersion());
    SensorTable rows = SensorRows.table(model.sensorNames(), body.rows, MAX_ROWS);
    Instant first = Instant.ofEpochMilli(rows.timestamp(0));
    Instant last = Instant.ofEpochMilli(rows.timestamp(rows.rowCount() - 1));
    String folder = WindowScoring.folder(scheduler.inputPrefix());

    // Check every file first, so that a refused push writes none.
    Map<String, List<String>> byComponent = WindowScoring.sensorsByComponent(model.sensorNames());
    Map<String, String> keys = new LinkedHashMap<>();
    Map<String, byte[]> contents = new LinkedHashMap<>();
    List<String> unchanged = new ArrayList<>();
    for (Map.Entry<String, List<String>> component : byComponent.entrySet()) {
      String key = folder + scheduler.naming().fileNameFor(component.getKey(), first);
      byte[] content = csv(rows, component.getValue(), component.getKey());
      Optional<byte[]> existing = read(scheduler.inputBucket(), key);
      if (existing.isPresent()) {
        if (!Arrays.equals(existing.get(), content)) {
          throw new ConflictException(
              objects.describe(scheduler.inputBucket(), key)
                  + " exists already with other rows: rows pushed earlier start at the same"
                  + " second ("
                  + first
                  + "); push rows that start at another second");
        }
        unchanged.add(key);
      }
      keys.put(component.getKey(), key);
      contents.put(component.getKey(), content);
    }
    List<Map<String, Object>> files = new ArrayList<>();
    for (Map.Entry<String, String> entry : keys.entrySet()) {
      String key = entry.getValue();
      if (!unchanged.contains(key)) {
        objects.put(scheduler.inputBucket(), key, contents.get(entry.getKey()));
      }
      Map<String, Object> file = new LinkedHashMap<>();
      file.put("component", entry.getKey());
      file.put("bucket", scheduler.inputBucket());
      file.put("key", key);
      file.put("rows", rows.rowCount());
      file.put("written", !unchanged.contains(key));
      files.add(file);
    }

    Map<String, Object> json = new LinkedHashMap<>();
    json.put("schedulerName", scheduler.name());
    json.put("rows", rows.rowCount());
    json.put("firstTimestamp", first.toString());
    json.put("lastTimestamp", last.toString());
    json.put("files", files);
    TreeSet<String> windows = new TreeSet<>();
    for (Window window : scheduler.schedule().covering(first, last.plusMillis(1))) {
      windows.add(window.id());
    }
    json.put("windows", List.copyOf(windows));
    List<String> warnings = new ArrayList<>();
    Optional<Instant> lastRun = executions.lastFinishedWindowEnd(scheduler.id());
    if (lastRun.isPresent() && first.isBefore(lastRun.get())) {
      warnings.add(
          "rows before "
              + lastRun.get()
              + " fall in windows that have run already: they are kept as input, and a replay"
              + " of their range scores them");
    }
    json.put("warnings", warnings);
    LOG.info(
        "inference scheduler {}: {} rows pushed from {} to {} into {} files",
        scheduler.name(),
        rows.rowCount(),
        first,
        last,
        files.size());
    return json;
  }

  private Optional<byte[]> read(String bucket, String key) {
    try (InputStream in = objects.open(bucket, key)) {
      return Optional.of(in.readAllBytes());
    } catch (NoSuchBucketException e) {
      throw new ConflictException(
          "the input bucket '"
              + bucket
              + "' of the scheduler does not exist: create it, or update the scheduler's input");
    } catch (NoSuchObjectException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read " + objects.describe(bucket, key) + ": " + e.getMessage(), e);
    }
  }

  /**
   * A component's columns as CSV: the timestamp first, as an ISO-8601 instant that no input time
   * zone can shift, then one column per sensor named without its component; a missing value is an
   * empty cell.
   */
  private static byte[] csv(SensorTable rows, List<String> sensors, String component) {
    StringBuilder out = new StringBuilder("Timestamp");
    int[] columns = new int[sensors.size()];
    for (int s = 0; s < sensors.size(); s++) {
      String sensor = sensors.get(s);
      columns[s] = rows.indexOf(sensor);
      out.append(',')
          .append(component.isEmpty() ? sensor : sensor.substring(component.length() + 1));
    }
    out.append('\n');
    for (int row = 0; row < rows.rowCount(); row++) {
      out.append(Instant.ofEpochMilli(rows.timestamp(row)));
      for (int column : columns) {
        double value = rows.value(column, row);
        out.append(',');
        if (!Double.isNaN(value)) {
          out.append(value);
        }
      }
      out.append('\n');
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }
}
