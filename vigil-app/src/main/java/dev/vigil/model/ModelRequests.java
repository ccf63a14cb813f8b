package dev.vigil.model;

import dev.vigil.engine.data.InvalidDataException;
import dev.vigil.engine.preprocess.OffCondition;
import dev.vigil.engine.preprocess.Resampler;
import dev.vigil.request.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns request bodies into checked values: every rule that needs no database or dataset (required
 * fields, the name pattern, timestamps, ranges in order, the sampling rate, the off-condition's
 * syntax, labels in order). Each refusal is an {@link InvalidRequestException} naming the field.
 * Stateless and thread-safe.
 */
final class ModelRequests {
  /** The names a model may have, those of Lookout for Equipment. */
  static final Pattern NAME = Pattern.compile("^[0-9a-zA-Z_-]{1,200}$");

  private ModelRequests() {}

  /** Checks a creation body. */
  static ModelRequest create(RequestBodies.CreateModel body) {
    if (body.name == null) {
      throw new InvalidRequestException("name", "name is required");
    }
    if (!NAME.matcher(body.name).matches()) {
      throw new InvalidRequestException(
          "name", "name must match " + NAME.pattern() + ", got '" + body.name + "'");
    }
    if (body.datasetName == null || body.datasetName.isEmpty()) {
      throw new InvalidRequestException("datasetName", "datasetName is required");
    }
    TimeRange training = range("trainingRange", body.trainingRange);
    if (training == null) {
      throw new InvalidRequestException("trainingRange", "trainingRange is required");
    }
    TimeRange evaluation = evaluationRange(training, body.evaluationRange);
    Duration samplingRate = samplingRate(body.samplingRate);
    String offCondition = null;
    if (body.offCondition != null) {
      try {
        offCondition = OffCondition.parse(body.offCondition).expression();
      } catch (InvalidDataException e) {
        throw new InvalidRequestException("offCondition", e.getMessage());
      }
    }
    LabelsSource source = labelsSource(body.labels, body.labelGroupName, body.labelsLocation);
    return new ModelRequest(
        body.name,
        body.datasetName,
        training,
        evaluation,
        samplingRate,
        offCondition,
        labels(body.labels),
        source);
  }

  /**
   * Where labels come from when a body names a source: null for labels given inline.
   *
   * @throws InvalidRequestException when the body gives several of labels, labelGroupName and
   *     labelsLocation, or a location without a bucket
   */
  static LabelsSource labelsSource(
      List<RequestBodies.LabelBody> labels,
      String labelGroupName,
      RequestBodies.LabelsLocation location) {
    int given =
        (labels != null ? 1 : 0) + (labelGroupName != null ? 1 : 0) + (location != null ? 1 : 0);
    if (given > 1) {
      throw new InvalidRequestException(
          labelGroupName != null ? "labelGroupName" : "labelsLocation",
          "give the labels one way: labels, labelGroupName or labelsLocation, not several");
    }
    if (labelGroupName != null) {
      if (labelGroupName.isBlank()) {
        throw new InvalidRequestException("labelGroupName", "labelGroupName must not be empty");
      }
      return LabelsSource.group(labelGroupName);
    }
    if (location != null) {
      if (location.bucket == null || location.bucket.isBlank()) {
        throw new InvalidRequestException(
            "labelsLocation.bucket", "labelsLocation.bucket is required");
      }
      return LabelsSource.files(location.bucket, location.prefix);
    }
    return null;
  }

  /**
   * The labels a {@code PUT .../labels} body gives the next versions: exactly one of its fields.
   *
   * @throws InvalidRequestException when it gives none or several
   */
  static ModelRequest relabelled(ModelRequest current, RequestBodies.Labels body) {
    if (body.labels == null && body.labelGroupName == null && body.labelsLocation == null) {
      throw new InvalidRequestException(
          null,
          "give the labels: labels (an empty array for none), labelGroupName or labelsLocation");
    }
    LabelsSource source = labelsSource(body.labels, body.labelGroupName, body.labelsLocation);
    return current.retrained(
        current.trainingRange(), current.evaluationRange(), labels(body.labels), source);
  }

  /** Checks a new-version body against the model's current request; absent fields are kept. */
  static ModelRequest newVersion(ModelRequest current, RequestBodies.NewVersion body) {
    if (body == null) {
      return current;
    }
    TimeRange training = range("trainingRange", body.trainingRange);
    if (training == null) {
      training = current.trainingRange();
    }
    TimeRange evaluation =
        body.evaluationRange == null
            ? current.evaluationRange()
            : evaluationRange(training, body.evaluationRange);
    if (evaluation != null && body.evaluationRange == null) {
      checkEvaluationAfterTraining(training, evaluation);
    }
    LabelsSource source = labelsSource(body.labels, body.labelGroupName, body.labelsLocation);
    if (source != null || body.labels != null) {
      return current.retrained(training, evaluation, labels(body.labels), source);
    }
    return current.retrained(training, evaluation, current.labels(), current.labelsSource());
  }

  private static TimeRange evaluationRange(TimeRange training, RequestBodies.Range body) {
    TimeRange evaluation = range("evaluationRange", body);
    if (evaluation != null) {
      checkEvaluationAfterTraining(training, evaluation);
    }
    return evaluation;
  }

  private static void checkEvaluationAfterTraining(TimeRange training, TimeRange evaluation) {
    if (evaluation.startMillis() < training.endMillis()) {
      throw new InvalidRequestException(
          "evaluationRange.start",
          "evaluationRange.start ("
              + Instant.ofEpochMilli(evaluation.startMillis())
              + ") must be at or after trainingRange.end ("
              + Instant.ofEpochMilli(training.endMillis())
              + ")");
    }
  }

  /** The checked range, or null when the body has none. */
  static TimeRange range(String field, RequestBodies.Range body) {
    if (body == null) {
      return null;
    }
    long start = requiredTimestamp(field + ".start", body.start);
    long end = requiredTimestamp(field + ".end", body.end);
    if (start >= end) {
      throw new InvalidRequestException(
          field,
          field
              + ".start ("
              + body.start
              + ") must be before "
              + field
              + ".end ("
              + body.end
              + ")");
    }
    return new TimeRange(start, end);
  }

  private static Duration samplingRate(String text) {
    if (text == null) {
      return null;
    }
    String allowed =
        Resampler.SUPPORTED_PERIODS.stream()
            .map(Duration::toString)
            .collect(Collectors.joining(", "));
    String message = "samplingRate must be one of " + allowed + ", got '" + text + "'";
    Duration period;
    try {
      period = Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidRequestException("samplingRate", message);
    }
    if (!Resampler.SUPPORTED_PERIODS.contains(period)) {
      throw new InvalidRequestException("samplingRate", message);
    }
    return period;
  }

  private static List<Label> labels(List<RequestBodies.LabelBody> bodies) {
    List<Label> labels = new ArrayList<>();
    if (bodies == null) {
      return labels;
    }
    for (int i = 0; i < bodies.size(); i++) {
      String field = "labels[" + i + "]";
      RequestBodies.LabelBody body = bodies.get(i);
      if (body == null) {
        throw new InvalidRequestException(field, field + " must be an object with start and end");
      }
      long start = requiredTimestamp(field + ".start", body.start);
      long end = requiredTimestamp(field + ".end", body.end);
      if (start >= end) {
        throw new InvalidRequestException(
            field,
            field
                + ".start ("
                + body.start
                + ") must be before "
                + field
                + ".end ("
                + body.end
                + ")");
      }
      if (!labels.isEmpty() && start < labels.get(labels.size() - 1).range().endMillis()) {
        throw new InvalidRequestException(
            field + ".start",
            field
                + " must start at or after the end of labels["
                + (i - 1)
                + "]: labels are in time order and do not overlap");
      }
      labels.add(new Label(new TimeRange(start, end), body.faultCode, body.notes));
    }
    return labels;
  }

  /** Reads a required timestamp field. */
  static long requiredTimestamp(String field, String text) {
    if (text == null) {
      throw new InvalidRequestException(field, field + " is required");
    }
    return timestamp(field, text);
  }

  /**
   * Reads an ISO-8601 timestamp: an instant such as {@code 2024-01-01T00:00:00Z} or with an offset,
   * or a local date-time, read as UTC, such as the {@code 2024-01-01T00:00:00.000000} of results.
   */
  static long timestamp(String field, String text) {
    try {
      return Instant.parse(text).toEpochMilli();
    } catch (DateTimeParseException notInstant) {
      try {
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC).toEpochMilli();
      } catch (DateTimeParseException notLocal) {
        throw new InvalidRequestException(
            field,
            field
                + " must be an ISO-8601 timestamp such as 2024-01-01T00:00:00Z, got '"
                + text
                + "'");
      }
    }
  }
}
