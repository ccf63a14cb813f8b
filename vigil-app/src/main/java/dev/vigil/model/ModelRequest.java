package dev.vigil.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a model version is trained from: the creation fields of the API, checked for syntax and
 * order by {@link ModelRequests}. Immutable and thread-safe.
 *
 * @param name the model's name
 * @param datasetName the dataset it learns from
 * @param trainingRange the rows it learns from
 * @param evaluationRange the rows it is evaluated on, or null
 * @param samplingRate the period to resample to, or null to keep the data's timestamps
 * @param offCondition the off-condition expression, or null
 * @param labels known abnormal periods, in time order; those given inline never overlap, those read
 *     from {@code labelsSource} may
 * @param labelsSource where the labels are read from when a version is created, or null when they
 *     are given inline
 */
record ModelRequest(
    String name,
    String datasetName,
    TimeRange trainingRange,
    TimeRange evaluationRange,
    Duration samplingRate,
    String offCondition,
    List<Label> labels,
    LabelsSource labelsSource) {
  ModelRequest {
    labels = List.copyOf(labels);
  }

  /** The same request with another training range, evaluation range and labels. */
  ModelRequest retrained(
      TimeRange training, TimeRange evaluation, List<Label> newLabels, LabelsSource source) {
    return new ModelRequest(
        name, datasetName, training, evaluation, samplingRate, offCondition, newLabels, source);
  }

  /** The same request with the labels read from its source. */
  ModelRequest withLabels(List<Label> newLabels) {
    return retrained(trainingRange, evaluationRange, newLabels, labelsSource);
  }

  /** The request as the API writes it and as it is stored. */
  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", name);
    json.put("datasetName", datasetName);
    json.put("trainingRange", trainingRange.toJson());
    if (evaluationRange != null) {
      json.put("evaluationRange", evaluationRange.toJson());
    }
    if (samplingRate != null) {
      json.put("samplingRate", samplingRate.toString());
    }
    if (offCondition != null) {
      json.put("offCondition", offCondition);
    }
    if (labelsSource != null) {
      labelsSource.putJson(json);
    }
    List<Map<String, Object>> labelJson = new ArrayList<>();
    for (Label label : labels) {
      labelJson.add(label.toJson());
    }
    json.put("labels", labelJson);
    return json;
  }
}
