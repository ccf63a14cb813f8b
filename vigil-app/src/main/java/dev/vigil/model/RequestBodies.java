package dev.vigil.model;

import java.util.List;
import java.util.Map;

/**
 * The JSON bodies the model routes accept, bound by Jackson with Vigil's strict mapper. They are
 * plain classes with public fields rather than records so that an absent optional field stays null
 * instead of being refused; {@link ModelRequests} checks which fields are required. Not
 * thread-safe: each instance belongs to one request.
 */
public final class RequestBodies {
  private RequestBodies() {}

  /** {@code POST /api/v1/models}, and the stored form of a {@link ModelRequest}. */
  public static final class CreateModel {
    public String name;
    public String datasetName;
    public Range trainingRange;
    public Range evaluationRange;
    public String samplingRate;
    public String offCondition;
    public List<LabelBody> labels;

    /** Evaluate on the ANOMALY labels of this label group instead of {@link #labels}. */
    public String labelGroupName;

    /** Evaluate on the label files at this location instead of {@link #labels}. */
    public LabelsLocation labelsLocation;
  }

  /**
   * {@code POST /api/v1/models/{name}/versions}: what a new version changes. At most one of {@code
   * labels}, {@code labelGroupName} and {@code labelsLocation}.
   */
  public static final class NewVersion {
    public Range trainingRange;
    public Range evaluationRange;
    public List<LabelBody> labels;
    public String labelGroupName;
    public LabelsLocation labelsLocation;
  }

  /**
   * {@code PUT /api/v1/models/{name}/labels}: the labels the next versions are evaluated on;
   * exactly one of the fields ({@code "labels": []} for none).
   */
  public static final class Labels {
    public List<LabelBody> labels;
    public String labelGroupName;
    public LabelsLocation labelsLocation;
  }

  /**
   * Label files in the object store: every object under the prefix is a CSV file of start and end
   * timestamps, as Lookout for Equipment's labels.
   */
  public static final class LabelsLocation {
    public String bucket;
    public String prefix;
  }

  /** A time range, ISO-8601 timestamps. */
  public static final class Range {
    public String start;
    public String end;
  }

  /** A known abnormal period. */
  public static final class LabelBody {
    public String start;
    public String end;
    public String faultCode;
    public String notes;
  }

  /** {@code PUT /api/v1/models/{name}/active-version}. */
  public static final class ActiveVersion {
    public Integer version;
  }

  /** {@code POST /api/v1/models/{name}/score}. */
  public static final class Score {
    public List<ScoreRow> rows;
    public Integer sensitivity;
  }

  /** One row to score: a timestamp and a value per sensor ({@code null} for a missing reading). */
  public static final class ScoreRow {
    public String timestamp;
    public Map<String, Double> values;
  }
}
