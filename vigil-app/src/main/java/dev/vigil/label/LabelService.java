package dev.vigil.label;

import dev.vigil.objectstore.ObjectStore;
import dev.vigil.request.ConflictException;
import dev.vigil.request.InvalidRequestException;
import dev.vigil.request.NotFoundException;
import dev.vigil.request.RequiredFields;
import dev.vigil.storage.Database;
import dev.vigil.storage.SqlStates;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jdbi.v3.core.JdbiException;

/**
 * The labels feature: label groups (named sets of labels with the fault codes they may carry) and
 * their labels, the known periods of an asset's history rated ANOMALY, NO_ANOMALY or NEUTRAL.
 * Models read the ANOMALY labels of a group, or label files in the object store, to evaluate
 * themselves ({@link LabelSource}). The rules are those of Lookout for Equipment, so that both APIs
 * accept the same labels.
 *
 * <p>Thread-safe: state lives in the database; adding a label locks its group's row, so that it is
 * checked against the fault codes the group has when it commits.
 */
public final class LabelService implements LabelSource {
  /** Lookout's rule for label group names. */
  public static final Pattern NAME = Pattern.compile("^[0-9a-zA-Z_-]{1,200}$");

  /** The most fault codes one group may have. */
  public static final int MAX_FAULT_CODES = 50;

  /** The longest fault code. */
  public static final int MAX_FAULT_CODE_LENGTH = 100;

  /** The longest notes of a label. */
  public static final int MAX_NOTES_LENGTH = 2560;

  /** The longest equipment name of a label. */
  public static final int MAX_EQUIPMENT_LENGTH = 200;

  private final Database database;
  private final Clock clock;
  private final LabelFiles files;
  private final LabelRepository repository = new LabelRepository();

  public LabelService(Database database, ObjectStore objects, Clock clock) {
    this.database = Objects.requireNonNull(database, "database");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.files = new LabelFiles(Objects.requireNonNull(objects, "objects"));
  }

  /**
   * Creates a label group without labels.
   *
   * @param faultCodes the fault codes its labels may carry; null for none
   * @throws InvalidRequestException naming the first field that breaks a rule
   * @throws ConflictException when a group of that name exists
   */
  public LabelGroup createGroup(String name, List<String> faultCodes) {
    checkName(RequiredFields.required(name, "name"));
    List<String> codes = faultCodes(faultCodes);
    Instant now = clock.instant();
    LabelGroup group = new LabelGroup(UUID.randomUUID().toString(), name, codes, now, now);
    try {
      database
          .jdbi()
          .useTransaction(
              handle -> {
                if (repository.findGroup(handle, name).isPresent()) {
                  throw groupExists(name);
                }
                repository.insertGroup(handle, group);
              });
    } catch (JdbiException e) {
      // Two creations of the same name at once: the unique constraint decides.
      if (SqlStates.isUniqueViolation(e)) {
        throw groupExists(name);
      }
      throw e;
    }
    return group;
  }

  /**
   * The group of that name.
   *
   * @throws NotFoundException when there is none
   */
  public LabelGroup group(String name) {
    return database
        .jdbi()
        .withHandle(handle -> repository.findGroup(handle, name))
        .orElseThrow(() -> noSuchGroup(name));
  }

  /** Every group, in name order. */
  public List<LabelGroup> groups() {
    return database.jdbi().withHandle(repository::groups);
  }

  /**
   * Replaces the fault codes of a group. Labels keep the fault code they have.
   *
   * @param faultCodes the new fault codes; null or empty for none
   * @throws NotFoundException when there is no such group
   */
  public LabelGroup updateGroup(String name, List<String> faultCodes) {
    List<String> codes = faultCodes(faultCodes);
    Instant now = clock.instant();
    return database
        .jdbi()
        .inTransaction(
            handle -> {
              LabelGroup group =
                  repository.lockGroup(handle, name).orElseThrow(() -> noSuchGroup(name));
              repository.updateGroup(handle, group.id(), codes, now);
              return new LabelGroup(group.id(), group.name(), codes, group.createdAt(), now);
            });
  }

  /**
   * Deletes a group and its labels. Models evaluated with its labels keep their evaluation; a new
   * version of such a model names the group and is refused once it is gone.
   *
   * @throws NotFoundException when there is no such group
   */
  public void deleteGroup(String name) {
    database
        .jdbi()
        .useTransaction(
            handle -> {
              LabelGroup group =
                  repository.lockGroup(handle, name).orElseThrow(() -> noSuchGroup(name));
              repository.deleteGroup(handle, group.id());
            });
  }

  /**
   * Adds a label to a group.
   *
   * @throws NotFoundException when there is no such group
   * @throws InvalidRequestException naming the first field that breaks a rule
   */
  public Label createLabel(String groupName, NewLabel request) {
    Objects.requireNonNull(request, "request");
    Instant start = RequiredFields.required(request.start(), "start");
    Instant end = RequiredFields.required(request.end(), "end");
    LabelRating rating = RequiredFields.required(request.rating(), "rating");
    if (!end.isAfter(start)) {
      throw new InvalidRequestException(
          "end", "end (" + end + ") must be after start (" + start + ")");
    }
    String faultCode = request.faultCode();
    if (faultCode != null) {
      checkLength("faultCode", faultCode, MAX_FAULT_CODE_LENGTH);
    }
    if (request.notes() != null) {
      checkLength("notes", request.notes(), MAX_NOTES_LENGTH);
    }
    if (request.equipment() != null) {
      checkLength("equipment", request.equipment(), MAX_EQUIPMENT_LENGTH);
    }
    Instant now = clock.instant();
    return database
        .jdbi()
        .inTransaction(
            handle -> {
              LabelGroup group =
                  repository.lockGroup(handle, groupName).orElseThrow(() -> noSuchGroup(groupName));
              if (faultCode != null && !group.faultCodes().contains(faultCode)) {
                throw new InvalidRequestException(
                    "faultCode",
                    "fault code '"
                        + faultCode
                        + "' is not one of the fault codes of label group '"
                        + groupName
                        + "' "
                        + group.faultCodes()
                        + "; add it to the group first");
              }
              Label label =
                  new Label(
                      UUID.randomUUID().toString().replace("-", ""),
                      group.name(),
                      start,
                      end,
                      rating,
                      faultCode,
                      request.notes(),
                      request.equipment(),
                      now);
              repository.insertLabel(handle, group.id(), label);
              return label;
            });
  }

  /**
   * A label of a group.
   *
   * @throws NotFoundException when there is no such group or label
   */
  public Label label(String groupName, String labelId) {
    return database
        .jdbi()
        .withHandle(
            handle -> {
              LabelGroup group =
                  repository.findGroup(handle, groupName).orElseThrow(() -> noSuchGroup(groupName));
              return repository
                  .findLabel(handle, group.id(), labelId)
                  .orElseThrow(() -> noSuchLabel(groupName, labelId));
            });
  }

  /**
   * The labels of a group that {@code query} selects, by start time.
   *
   * @throws NotFoundException when there is no such group
   */
  public List<Label> labels(String groupName, LabelQuery query) {
    Objects.requireNonNull(query, "query");
    List<Label> all =
        database
            .jdbi()
            .withHandle(
                handle -> {
                  LabelGroup group =
                      repository
                          .findGroup(handle, groupName)
                          .orElseThrow(() -> noSuchGroup(groupName));
                  return repository.labels(handle, group.id());
                });
    return all.stream().filter(query::matches).toList();
  }

  /**
   * Deletes a label.
   *
   * @throws NotFoundException when there is no such group or label
   */
  public void deleteLabel(String groupName, String labelId) {
    database
        .jdbi()
        .useTransaction(
            handle -> {
              LabelGroup group =
                  repository.findGroup(handle, groupName).orElseThrow(() -> noSuchGroup(groupName));
              if (!repository.deleteLabel(handle, group.id(), labelId)) {
                throw noSuchLabel(groupName, labelId);
              }
            });
  }

  @Override
  public List<KnownAnomaly> anomalies(String labelGroupName) {
    List<KnownAnomaly> anomalies = new ArrayList<>();
    for (Label label : labels(labelGroupName, LabelQuery.ALL)) {
      if (label.rating() == LabelRating.ANOMALY) {
        anomalies.add(
            new KnownAnomaly(
                label.start().toEpochMilli(),
                label.end().toEpochMilli(),
                label.faultCode(),
                label.notes()));
      }
    }
    return anomalies;
  }

  @Override
  public List<KnownAnomaly> anomaliesInFiles(String bucket, String prefix, String field) {
    return files.read(bucket, prefix, field);
  }

  static NotFoundException noSuchGroup(String name) {
    return new NotFoundException("label group '" + name + "' does not exist");
  }

  private static NotFoundException noSuchLabel(String groupName, String labelId) {
    return new NotFoundException(
        "label '" + labelId + "' does not exist in label group '" + groupName + "'");
  }

  private static ConflictException groupExists(String name) {
    return new ConflictException("label group '" + name + "' already exists");
  }

  private static void checkName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new InvalidRequestException(
          "name",
          "name '"
              + name
              + "' must match ^[0-9a-zA-Z_-]{1,200}$ (1 to 200 letters, digits, underscores and"
              + " dashes)");
    }
  }

  /** The fault codes as given, checked: at most 50, each 1 to 100 characters, none twice. */
  private static List<String> faultCodes(List<String> codes) {
    if (codes == null) {
      return List.of();
    }
    if (codes.size() > MAX_FAULT_CODES) {
      throw new InvalidRequestException(
          "faultCodes",
          "a label group has at most " + MAX_FAULT_CODES + " fault codes, got " + codes.size());
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < codes.size(); i++) {
      String field = "faultCodes[" + i + "]";
      String code = RequiredFields.required(codes.get(i), field);
      checkLength(field, code, MAX_FAULT_CODE_LENGTH);
      if (!seen.add(code)) {
        throw new InvalidRequestException(field, "fault code '" + code + "' is given twice");
      }
    }
    return List.copyOf(codes);
  }

  private static void checkLength(String field, String value, int max) {
    int length = value.codePointCount(0, value.length());
    if (length < 1 || length > max) {
      throw new InvalidRequestException(
          field, field + " must have 1 to " + max + " characters, got " + length);
    }
  }
}
