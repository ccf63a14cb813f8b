package dev.vigil.lookout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.dataset.Dataset;
import dev.vigil.dataset.DatasetService;
import dev.vigil.inference.InferenceResults;
import dev.vigil.inference.SchedulerService;
import dev.vigil.ingestion.IngestionService;
import dev.vigil.label.LabelService;
import dev.vigil.model.ModelService;
import dev.vigil.request.NotFoundException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the operations work on: Vigil's feature services, the endpoint's own store, ARNs, the JSON
 * mapper and the clock, with the small look-ups every group of operations needs. Thread-safe: it
 * holds thread-safe services only.
 */
record Backend(
    DatasetService datasets,
    IngestionService ingestion,
    ModelService models,
    SchedulerService schedulers,
    InferenceResults results,
    LabelService labels,
    LookoutStore store,
    Arns arns,
    ObjectMapper mapper,
    Clock clock) {

  /** The most tags a resource may have, as in Lookout. */
  static final int MAX_TAGS = 200;

  ObjectNode object() {
    return mapper.createObjectNode();
  }

  /** A native JSON answer (a map or a view record) as a tree. */
  JsonNode tree(Object nativeAnswer) {
    return mapper.valueToTree(nativeAnswer);
  }

  /** The dataset's id, if it exists. */
  Optional<String> datasetId(String name) {
    try {
      return Optional.of(datasets.get(name).id());
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  Optional<String> datasetArn(String name) {
    return datasetId(name).map(id -> arns.of(ResourceKind.DATASET, name, id));
  }

  String datasetArn(Dataset dataset) {
    return arns.of(ResourceKind.DATASET, dataset.name(), dataset.id());
  }

  /** The model's id, if it exists. */
  Optional<String> modelId(String name) {
    try {
      return Optional.of(tree(models.describe(name)).get("id").asText());
    } catch (NotFoundException e) {
      return Optional.empty();
    }
  }

  Optional<String> modelArn(String name) {
    return modelId(name).map(id -> arns.of(ResourceKind.MODEL, name, id));
  }

  /** The scheduler's id, if it exists. */
  Optional<String> schedulerId(String name) {
    return schedulers.idOf(name);
  }

  String schedulerArn(String name, String id) {
    return arns.of(ResourceKind.INFERENCE_SCHEDULER, name, id);
  }

  /** Puts a member when its value is not null. */
  static void put(ObjectNode node, String member, String value) {
    if (value != null) {
      node.put(member, value);
    }
  }

  /** Puts a member when its value is not null. */
  static void put(ObjectNode node, String member, JsonNode value) {
    if (value != null && !value.isNull() && !value.isMissingNode()) {
      node.set(member, value);
    }
  }

  /** A text member of a request, or null when absent. */
  static String text(JsonNode input, String member) {
    JsonNode value = input.get(member);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** Stores the Lookout-only settings a creating request gives, and its tags. */
  void remember(LookoutStore.Key key, ObjectNode settings, JsonNode tags) {
    if (!settings.isEmpty()) {
      store.updateSettings(key, settings);
    }
    if (tags != null && tags.isArray() && !tags.isEmpty()) {
      store.tag(key, tagMap(tags), MAX_TAGS);
    }
  }

  /** The {@code Tags} list of a request as a map; a key given twice keeps its last value. */
  static Map<String, String> tagMap(JsonNode tags) {
    Map<String, String> map = new java.util.LinkedHashMap<>();
    for (JsonNode tag : tags) {
      map.put(tag.get("Key").asText(), tag.get("Value").asText());
    }
    return map;
  }

  /** The settings members of a request that are present, copied. */
  ObjectNode settingsOf(JsonNode input, List<String> members) {
    ObjectNode settings = object();
    for (String member : members) {
      JsonNode value = input.get(member);
      if (value != null && !value.isNull()) {
        settings.set(member, value.deepCopy());
      }
    }
    return settings;
  }
}
