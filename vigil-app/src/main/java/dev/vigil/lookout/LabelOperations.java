package dev.vigil.lookout;

import static dev.vigil.lookout.Backend.put;
import static dev.vigil.lookout.Backend.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.label.Label;
import dev.vigil.label.LabelGroup;
import dev.vigil.label.LabelQuery;
import dev.vigil.label.LabelRating;
import dev.vigil.label.NewLabel;
import dev.vigil.request.NotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * CreateLabelGroup, DescribeLabelGroup, ListLabelGroups, UpdateLabelGroup, DeleteLabelGroup,
 * CreateLabel, DescribeLabel, ListLabels and DeleteLabel on Vigil's labels feature. Thread-safe.
 */
final class LabelOperations {
  private final Backend backend;

  LabelOperations(Backend backend) {
    this.backend = backend;
  }

  void register(Map<String, Operation> operations) {
    operations.put("CreateLabelGroup", this::createGroup);
    operations.put("DescribeLabelGroup", this::describeGroup);
    operations.put("ListLabelGroups", this::listGroups);
    operations.put("UpdateLabelGroup", this::updateGroup);
    operations.put("DeleteLabelGroup", this::deleteGroup);
    operations.put("CreateLabel", this::createLabel);
    operations.put("DescribeLabel", this::describeLabel);
    operations.put("ListLabels", this::listLabels);
    operations.put("DeleteLabel", this::deleteLabel);
  }

  private ObjectNode createGroup(JsonNode input) {
    LabelGroup group =
        backend.labels().createGroup(input.get("LabelGroupName").asText(), faultCodes(input));
    backend.remember(key(group), backend.object(), input.get("Tags"));
    ObjectNode output = backend.object();
    output.put("LabelGroupName", group.name());
    output.put("LabelGroupArn", arn(group));
    return output;
  }

  private static List<String> faultCodes(JsonNode input) {
    if (!input.hasNonNull("FaultCodes")) {
      return null;
    }
    List<String> codes = new ArrayList<>();
    input.get("FaultCodes").forEach(code -> codes.add(code.asText()));
    return codes;
  }

  private ObjectNode describeGroup(JsonNode input) {
    LabelGroup group = backend.labels().group(input.get("LabelGroupName").asText());
    ObjectNode output = backend.object();
    output.put("LabelGroupName", group.name());
    output.put("LabelGroupArn", arn(group));
    ArrayNode codes = output.putArray("FaultCodes");
    group.faultCodes().forEach(codes::add);
    output.set("CreatedAt", Timestamps.node(group.createdAt()));
    output.set("UpdatedAt", Timestamps.node(group.updatedAt()));
    return output;
  }

  private ObjectNode listGroups(JsonNode input) {
    String prefix = text(input, "LabelGroupNameBeginsWith");
    List<LabelGroup> groups =
        backend.labels().groups().stream()
            .filter(group -> prefix == null || group.name().startsWith(prefix))
            .toList();
    Pages.Page<LabelGroup> page = Pages.page("ListLabelGroups", groups, LabelGroup::name, input);
    ObjectNode output = backend.object();
    ArrayNode summaries = output.putArray("LabelGroupSummaries");
    for (LabelGroup group : page.items()) {
      ObjectNode summary = summaries.addObject();
      summary.put("LabelGroupName", group.name());
      summary.put("LabelGroupArn", arn(group));
      summary.set("CreatedAt", Timestamps.node(group.createdAt()));
      summary.set("UpdatedAt", Timestamps.node(group.updatedAt()));
    }
    put(output, "NextToken", page.nextToken());
    return output;
  }

  private ObjectNode updateGroup(JsonNode input) {
    List<String> codes = faultCodes(input);
    String name = input.get("LabelGroupName").asText();
    if (codes == null) {
      backend.labels().group(name);
    } else {
      backend.labels().updateGroup(name, codes);
    }
    return backend.object();
  }

  private ObjectNode deleteGroup(JsonNode input) {
    LabelGroup group = backend.labels().group(input.get("LabelGroupName").asText());
    backend.labels().deleteGroup(group.name());
    backend.store().forget(key(group));
    return backend.object();
  }

  private ObjectNode createLabel(JsonNode input) {
    Label label =
        backend
            .labels()
            .createLabel(
                input.get("LabelGroupName").asText(),
                new NewLabel(
                    Timestamps.instant(input.get("StartTime")),
                    Timestamps.instant(input.get("EndTime")),
                    LabelRating.valueOf(input.get("Rating").asText()),
                    text(input, "FaultCode"),
                    text(input, "Notes"),
                    text(input, "Equipment")));
    ObjectNode output = backend.object();
    output.put("LabelId", label.id());
    return output;
  }

  private ObjectNode describeLabel(JsonNode input) {
    String groupName = input.get("LabelGroupName").asText();
    Label label = backend.labels().label(groupName, labelId(input));
    ObjectNode output = backend.object();
    LabelGroup group = backend.labels().group(groupName);
    output.put("LabelGroupName", group.name());
    output.put("LabelGroupArn", arn(group));
    output.put("LabelId", label.id());
    output.set("StartTime", Timestamps.node(label.start()));
    output.set("EndTime", Timestamps.node(label.end()));
    output.put("Rating", label.rating().name());
    put(output, "FaultCode", label.faultCode());
    put(output, "Notes", label.notes());
    put(output, "Equipment", label.equipment());
    output.set("CreatedAt", Timestamps.node(label.createdAt()));
    return output;
  }

  /** Label ids are lower-case hexadecimal; Lookout's pattern allows either case. */
  private static String labelId(JsonNode input) {
    return input.get("LabelId").asText().toLowerCase(java.util.Locale.ROOT);
  }

  private ObjectNode listLabels(JsonNode input) {
    String groupName = input.get("LabelGroupName").asText();
    LabelGroup group;
    try {
      group = backend.labels().group(groupName);
    } catch (NotFoundException e) {
      // ListLabels declares no ResourceNotFoundException: an unknown group has no labels.
      ObjectNode output = backend.object();
      output.putArray("LabelSummaries");
      return output;
    }
    LabelQuery query =
        new LabelQuery(
            input.hasNonNull("IntervalStartTime")
                ? Timestamps.instant(input.get("IntervalStartTime"))
                : null,
            input.hasNonNull("IntervalEndTime")
                ? Timestamps.instant(input.get("IntervalEndTime"))
                : null,
            text(input, "FaultCode"),
            text(input, "Equipment"));
    List<Label> labels = backend.labels().labels(groupName, query);
    Pages.Page<Label> page =
        Pages.page(
            "ListLabels",
            labels,
            label -> Pages.sortable(label.start().toEpochMilli()) + label.id(),
            input);
    ObjectNode output = backend.object();
    ArrayNode summaries = output.putArray("LabelSummaries");
    for (Label label : page.items()) {
      ObjectNode summary = summaries.addObject();
      summary.put("LabelGroupName", group.name());
      summary.put("LabelId", label.id());
      summary.put("LabelGroupArn", arn(group));
      summary.set("StartTime", Timestamps.node(label.start()));
      summary.set("EndTime", Timestamps.node(label.end()));
      summary.put("Rating", label.rating().name());
      put(summary, "FaultCode", label.faultCode());
      put(summary, "Equipment", label.equipment());
      summary.set("CreatedAt", Timestamps.node(label.createdAt()));
    }
    put(output, "NextToken", page.nextToken());
    return output;
  }

  private ObjectNode deleteLabel(JsonNode input) {
    backend.labels().deleteLabel(input.get("LabelGroupName").asText(), labelId(input));
    return backend.object();
  }

  private String arn(LabelGroup group) {
    return backend.arns().of(ResourceKind.LABEL_GROUP, group.name(), group.id());
  }

  private static LookoutStore.Key key(LabelGroup group) {
    return new LookoutStore.Key(ResourceKind.LABEL_GROUP, group.id());
  }
}
