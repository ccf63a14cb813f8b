package dev.vigil.inference;

import dev.vigil.engine.model.ScoredRow;
import dev.vigil.engine.model.TrainedModel;
import dev.vigil.objectstore.ObjectStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work on one window that scheduled runs and replays share: load the scheduler's model version,
 * score the window ({@link WindowScoring}) and write its {@code results.jsonl} (an atomic put, so a
 * reader never sees part of it). Recording the outcome in the database is the caller's.
 *
 * <p>Thread-safe.
 */
final class WindowWork {
  private static final Logger LOG = LoggerFactory.getLogger(WindowWork.class);

  private final WindowScoring scoring;
  private final ObjectStore objects;
  private final ModelLoader models;

  WindowWork(ObjectStore objects, ModelLoader models) {
    this.scoring = new WindowScoring(objects);
    this.objects = objects;
    this.models = models;
  }

  /** What the work on a window gave. */
  sealed interface Done permits Written, Failed {}

  /**
   * The window was scored and its results written.
   *
   * @param bucket where results.jsonl is
   * @param key its key
   * @param dataStart the first scored timestamp
   * @param dataEnd the last one
   * @param scored the scored rows, to store
   * @param results the same rows with their results lines, for the listeners
   */
  record Written(
      String bucket,
      String key,
      Instant dataStart,
      Instant dataEnd,
      ScoredWindow scored,
      List<StoredResult> results)
      implements Done {
    Written {
      results = List.copyOf(results);
    }
  }

  /**
   * The window cannot be scored.
   *
   * @param reason for users: what is wrong, naming the component and the file
   */
  record Failed(String reason) implements Done {}

  /**
   * Scores {@code window} with the scheduler's model version and writes its results. Problems of
   * the data or the model are a {@link Failed}; problems of the infrastructure are thrown.
   *
   * @param recent the input files the caller read for the scheduler's earlier windows, to reuse
   */
  Done run(SchedulerDefinition scheduler, Window window, RecentInputs recent) {
    TrainedModel model;
    try {
      model = models.load(scheduler.modelName(), scheduler.modelVersion());
    } catch (RuntimeException e) {
      return new Failed(
          "cannot load version "
              + scheduler.modelVersion()
              + " of model "
              + scheduler.modelName()
              + ": "
              + e.getMessage());
    }
    WindowScoring.Outcome outcome = scoring.score(scheduler, window, model, recent);
    if (outcome instanceof WindowScoring.Failed failed) {
      return new Failed(failed.reason());
    }
    WindowScoring.Scored scored = (WindowScoring.Scored) outcome;
    String key = WindowScoring.resultKey(scheduler, window);
    objects.put(scheduler.outputBucket(), key, scored.content());
    List<ScoredRow> rows = scored.rows();
    LOG.info(
        "scheduler {}: window {} scored {} rows into {}",
        scheduler.name(),
        window.id(),
        rows.size(),
        objects.describe(scheduler.outputBucket(), key));
    return new Written(
        scheduler.outputBucket(),
        key,
        Instant.ofEpochMilli(rows.get(0).timestampMillis()),
        Instant.ofEpochMilli(rows.get(rows.size() - 1).timestampMillis()),
        scored.window(),
        stored(scheduler, window, scored));
  }

  /**
   * Reads ahead of {@code window}'s wake the input files it will reuse ({@link
   * WindowScoring#readAhead}); a model that cannot be loaded is left for the window to report.
   */
  void readAhead(SchedulerDefinition scheduler, Window window, RecentInputs recent) {
    TrainedModel model;
    try {
      model = models.load(scheduler.modelName(), scheduler.modelVersion());
    } catch (RuntimeException e) {
      return;
    }
    scoring.readAhead(scheduler, window, model, recent);
  }

  private static List<StoredResult> stored(
      SchedulerDefinition scheduler, Window window, WindowScoring.Scored scored) {
    List<StoredResult> results = new ArrayList<>(scored.rows().size());
    for (int i = 0; i < scored.rows().size(); i++) {
      ScoredRow row = scored.rows().get(i);
      int index = i;
      results.add(
          new StoredResult(
              row.timestampMillis(),
              window.end().toEpochMilli(),
              scheduler.modelVersion(),
              row.prediction(),
              row.anomalyScore(),
              () -> scored.line(index)));
    }
    return results;
  }

  /** {@code started}, finished now as {@code done} says. */
  static ExecutionRecord finished(ExecutionRecord started, Done done, Instant now) {
    if (done instanceof Written written) {
      return started.succeeded(
          written.dataStart(),
          written.dataEnd(),
          written.bucket(),
          written.key(),
          written.results().size(),
          now);
    }
    return started.failed(((Failed) done).reason(), false, now);
  }

  /** The results lines of {@code done}: none when it failed. */
  static List<StoredResult> results(Done done) {
    return done instanceof Written written ? written.results() : List.of();
  }

  /** The rows of {@code done} to store: none when it failed. */
  static ScoredWindow scored(Done done) {
    return done instanceof Written written ? written.scored() : ScoredWindow.NONE;
  }
}
