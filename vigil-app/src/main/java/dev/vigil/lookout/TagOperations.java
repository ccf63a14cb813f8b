package dev.vigil.lookout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.request.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * TagResource, UntagResource and ListTagsForResource on datasets, models, inference schedulers and
 * label groups, named by their ARNs. An ARN names one resource: one deleted and created again under
 * its name has a new ARN, and the old ARN names nothing. A resource has at most {@value
 * Backend#MAX_TAGS} tags. Thread-safe.
 */
final class TagOperations {
  private final Backend backend;

  TagOperations(Backend backend) {
    this.backend = backend;
  }

  void register(Map<String, Operation> operations) {
    operations.put("TagResource", this::tag);
    operations.put("UntagResource", this::untag);
    operations.put("ListTagsForResource", this::list);
  }

  private ObjectNode tag(JsonNode input) {
    backend.store().tag(resource(input), Backend.tagMap(input.get("Tags")), Backend.MAX_TAGS);
    return backend.object();
  }

  private ObjectNode untag(JsonNode input) {
    List<String> keys = new ArrayList<>();
    input.get("TagKeys").forEach(key -> keys.add(key.asText()));
    backend.store().untag(resource(input), keys);
    return backend.object();
  }

  private ObjectNode list(JsonNode input) {
    ObjectNode output = backend.object();
    ArrayNode tags = output.putArray("Tags");
    backend
        .store()
        .tags(resource(input))
        .forEach((key, value) -> tags.addObject().put("Key", key).put("Value", value));
    return output;
  }

  /**
   * The resource a request's ResourceArn names.
   *
   * @throws LookoutException a ValidationException for an ARN of no taggable kind, a
   *     ResourceNotFoundException for one that names no resource here
   */
  private LookoutStore.Key resource(JsonNode input) {
    String arn = input.get("ResourceArn").asText();
    if (!arn.startsWith("arn:")) {
      throw LookoutException.validation(
          "ResourceArn '"
              + arn
              + "' is not an ARN such as "
              + backend.arns().of(ResourceKind.DATASET, "pump", "<id>"));
    }
    if (!backend.arns().isLocal(arn)) {
      throw LookoutException.notFound(
          "no resource has ARN '"
              + arn
              + "': Vigil's resources are in region "
              + backend.arns().region()
              + " and account "
              + backend.arns().account());
    }
    Arns.Parsed parsed =
        backend
            .arns()
            .parse(arn)
            .orElseThrow(
                () ->
                    LookoutException.validation(
                        "ResourceArn '"
                            + arn
                            + "' is not the ARN of a dataset, model, inference-scheduler or"
                            + " label-group"));
    Optional<String> id = currentId(parsed);
    if (id.isEmpty() || !id.get().equals(parsed.id())) {
      throw LookoutException.notFound("no " + parsed.kind().noun() + " has ARN '" + arn + "'");
    }
    return new LookoutStore.Key(parsed.kind(), parsed.id());
  }

  private Optional<String> currentId(Arns.Parsed parsed) {
    return switch (parsed.kind()) {
      case DATASET -> backend.datasetId(parsed.name());
      case MODEL -> backend.modelId(parsed.name());
      case INFERENCE_SCHEDULER -> backend.schedulerId(parsed.name());
      case LABEL_GROUP -> {
        try {
          yield Optional.of(backend.labels().group(parsed.name()).id());
        } catch (NotFoundException e) {
          yield Optional.empty();
        }
      }
      case INGESTION_JOB -> Optional.empty();
    };
  }
}
