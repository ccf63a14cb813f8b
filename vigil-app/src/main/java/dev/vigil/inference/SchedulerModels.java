package dev.vigil.inference;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.model.ModelService;
import dev.vigil.request.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the scheduler service needs to know of a model: its dataset, its active version and the
 * status of each version. Read through the model feature's public service, so the model feature
 * stays the only one reading its tables.
 *
 * <p>Thread-safe: it holds only the (thread-safe) model service.
 */
final class SchedulerModels {
  private final ModelService models;

  SchedulerModels(ModelService models) {
    this.models = Objects.requireNonNull(models, "models");
  }

  /** The model of this name, or empty when there is none. */
  Optional<ModelFacts> find(String name) {
    Map<String, Object> described;
    try {
      described = models.describe(name);
    } catch (NotFoundException e) {
      return Optional.empty();
    }
    Map<Integer, String> statuses = new LinkedHashMap<>();
    if (described.get("versions") instanceof List<?> versions) {
      for (Object version : versions) {
        if (version instanceof Map<?, ?> entry
            && entry.get("version") instanceof Number number
            && entry.get("status") != null) {
          statuses.put(number.intValue(), entry.get("status").toString());
        }
      }
    }
    Integer active =
        described.get("activeVersion") instanceof Number number ? number.intValue() : null;
    return Optional.of(
        new ModelFacts(name, String.valueOf(described.get("datasetName")), active, statuses));
  }

  /**
   * The training range of the model's active version divided by the rows it trained on: the typical
   * interval between the data points it learnt from; empty when unknown.
   */
  Optional<Duration> trainingInterval(String name) {
    Map<String, Object> described;
    try {
      described = models.describe(name);
    } catch (NotFoundException e) {
      return Optional.empty();
    }
    if (described.get("request") instanceof JsonNode request
        && described.get("trainingSummary") instanceof JsonNode summary) {
      JsonNode range = request.path("trainingRange");
      long rows = summary.path("trainingRows").asLong(0);
      try {
        Duration span =
            Duration.between(
                Instant.parse(range.path("start").asText()),
                Instant.parse(range.path("end").asText()));
        if (rows > 1 && !span.isNegative() && !span.isZero()) {
          return Optional.of(span.dividedBy(rows));
        }
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * A model as the scheduler service sees it. Immutable and thread-safe.
   *
   * @param name the model's name
   * @param datasetName the dataset it learns
   * @param activeVersion the version that scores, or null before one succeeded
   * @param versionStatuses each version's status ({@code IN_PROGRESS}, {@code SUCCESS}, {@code
   *     FAILED}), by version number
   */
  record ModelFacts(
      String name,
      String datasetName,
      Integer activeVersion,
      Map<Integer, String> versionStatuses) {
    static final String SUCCESS = "SUCCESS";

    ModelFacts {
      versionStatuses = Map.copyOf(versionStatuses);
    }

    /** Whether the version trained successfully, so that it can run. */
    boolean canRun(int version) {
      return SUCCESS.equals(versionStatuses.get(version));
    }
  }
}
