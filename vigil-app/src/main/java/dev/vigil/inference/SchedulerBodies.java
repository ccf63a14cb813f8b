package dev.vigil.inference;

import dev.vigil.model.RequestBodies;
import java.util.List;

/**
 * The JSON bodies the inference scheduler routes accept, bound by Jackson with Vigil's strict
 * mapper. They are plain classes with public fields rather than records so that an absent optional
 * field stays null; {@link SchedulerService} checks which fields are required and applies the
 * defaults. Not thread-safe: each instance belongs to one request.
 */
public final class SchedulerBodies {
  private SchedulerBodies() {}

  /** {@code POST /api/v1/inference-schedulers}. */
  public static final class Create {
    public String name;
    public String modelName;
    public Integer modelVersion;
    public String dataUploadFrequency;
    public String dataDelayOffset;
    public String startTime;
    public Input input;
    public Output output;
  }

  /**
   * {@code PUT /api/v1/inference-schedulers/{name}}: what changes; absent fields (and absent fields
   * of {@code input} and {@code output}) keep their value.
   */
  public static final class Update {
    public String modelName;
    public Integer modelVersion;
    public String dataUploadFrequency;
    public String dataDelayOffset;
    public Input input;
    public Output output;
  }

  /** Where input files are and how they are named. */
  public static final class Input {
    public String bucket;
    public String prefix;
    public String timeZoneOffset;
    public String timestampFormat;
    public String delimiter;
  }

  /** Where results go. */
  public static final class Output {
    public String bucket;
    public String prefix;
  }

  /**
   * {@code POST /api/v1/inference-schedulers/{name}/replays}: the past range {@code [start, end)}
   * to run again, as ISO-8601 instants.
   */
  public static final class Replay {
    public String start;
    public String end;
  }

  /**
   * {@code POST /api/v1/inference-schedulers/{name}/data}: rows pushed as input, in time order,
   * each with a value for every sensor of the scheduler's model.
   */
  public static final class Push {
    public List<RequestBodies.ScoreRow> rows;
  }
}
