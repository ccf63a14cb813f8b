package dev.vigil.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.alert.AlertConfigurationService;
import dev.vigil.alert.AlertHistory;
import dev.vigil.dataset.DatasetService;
import dev.vigil.hook.HookService;
import dev.vigil.inference.InferenceResults;
import dev.vigil.inference.ReplayService;
import dev.vigil.inference.SchedulerService;
import dev.vigil.inference.ScoreChart;
import dev.vigil.ingestion.IngestionService;
import dev.vigil.json.Json;
import dev.vigil.label.LabelService;
import dev.vigil.model.ModelService;
import java.time.Clock;
import java.util.Objects;

/**
 * The feature services the portal's pages call, all thread-safe, and Vigil's clock. The services
 * answer the JSON-shaped maps of the API; {@link #tree} turns them into JSON trees for the pages to
 * read. Immutable and thread-safe.
 */
record Services(
    DatasetService datasets,
    IngestionService ingestion,
    ModelService models,
    LabelService labels,
    SchedulerService schedulers,
    ReplayService replays,
    InferenceResults results,
    ScoreChart chart,
    AlertConfigurationService alertConfigurations,
    HookService hooks,
    AlertHistory alerts,
    Clock clock) {
  private static final ObjectMapper JSON = Json.mapper();

  Services {
    Objects.requireNonNull(datasets, "datasets");
    Objects.requireNonNull(ingestion, "ingestion");
    Objects.requireNonNull(models, "models");
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(schedulers, "schedulers");
    Objects.requireNonNull(replays, "replays");
    Objects.requireNonNull(results, "results");
    Objects.requireNonNull(chart, "chart");
    Objects.requireNonNull(alertConfigurations, "alertConfigurations");
    Objects.requireNonNull(hooks, "hooks");
    Objects.requireNonNull(alerts, "alerts");
    Objects.requireNonNull(clock, "clock");
  }

  /** A service's answer as a JSON tree. */
  static JsonNode tree(Object answer) {
    return JSON.valueToTree(answer);
  }

  /** The JSON text of a value, for data attributes and script-readable answers. */
  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}
