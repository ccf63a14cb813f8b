package dev.vigil.label;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.objectstore.FolderObjectStore;
import dev.vigil.request.ConflictException;
import dev.vigil.request.InvalidRequestException;
import dev.vigil.request.NotFoundException;
import dev.vigil.storage.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The labels feature against a database; subclasses give the database (the embedded H2 and a real
 * PostgreSQL), so the same tests run on both.
 */
abstract class LabelStorageContract {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant DAY = Instant.parse("2025-12-01T00:00:00Z");

  @TempDir Path objects;

  private Database database;
  private LabelService labels;

  /** Opens a freshly migrated database; the test closes it. */
  abstract Database openDatabase();

  @BeforeEach
  void open() {
    database = openDatabase();
    labels =
        new LabelService(
            database, new FolderObjectStore(objects), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void close() {
    database.close();
  }

  private static NewLabel label(int fromHour, int toHour, LabelRating rating, String faultCode) {
    return new NewLabel(
        DAY.plus(Duration.ofHours(fromHour)),
        DAY.plus(Duration.ofHours(toHour)),
        rating,
        faultCode,
        null,
        null);
  }

  @Test
  void a_group_is_created_listed_updated_and_deleted_with_its_labels() {
    LabelGroup created = labels.createGroup("pump-faults", List.of("bearing", "seal"));
    assertThat(created.faultCodes()).containsExactly("bearing", "seal");
    assertThat(created.createdAt()).isEqualTo(NOW);
    labels.createGroup("fan-faults", null);
    assertThat(labels.groups())
        .extracting(LabelGroup::name)
        .containsExactly("fan-faults", "pump-faults");
    assertThat(labels.group("fan-faults").faultCodes()).isEmpty();

    Label label =
        labels.createLabel(
            "pump-faults",
            new NewLabel(
                DAY, DAY.plus(Duration.ofHours(6)), LabelRating.ANOMALY, "seal", "leak", "pump-7"));
    assertThat(label.id()).matches("[0-9a-f]{32}");
    assertThat(labels.label("pump-faults", label.id())).isEqualTo(label);

    LabelGroup updated = labels.updateGroup("pump-faults", List.of("bearing"));
    assertThat(updated.faultCodes()).containsExactly("bearing");
    assertThat(labels.group("pump-faults")).isEqualTo(updated);
    // The label keeps the fault code it has.
    assertThat(labels.label("pump-faults", label.id()).faultCode()).isEqualTo("seal");

    labels.deleteLabel("pump-faults", label.id());
    assertThat(labels.labels("pump-faults", LabelQuery.ALL)).isEmpty();
    labels.createLabel("pump-faults", label(0, 1, LabelRating.NEUTRAL, null));
    labels.deleteGroup("pump-faults");
    assertThat(labels.groups()).extracting(LabelGroup::name).containsExactly("fan-faults");
    assertThatThrownBy(() -> labels.labels("pump-faults", LabelQuery.ALL))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("label group 'pump-faults' does not exist");
  }

  @Test
  void labels_are_listed_by_start_and_filtered_by_interval_fault_code_and_equipment() {
    labels.createGroup("g", List.of("a", "b"));
    Label third = labels.createLabel("g", label(20, 22, LabelRating.ANOMALY, "b"));
    Label first = labels.createLabel("g", label(0, 2, LabelRating.ANOMALY, "a"));
    Label second =
        labels.createLabel(
            "g",
            new NewLabel(
                DAY.plus(Duration.ofHours(10)),
                DAY.plus(Duration.ofHours(12)),
                LabelRating.NO_ANOMALY,
                null,
                null,
                "motor"));

    assertThat(labels.labels("g", LabelQuery.ALL)).containsExactly(first, second, third);
    assertThat(
            labels.labels(
                "g",
                new LabelQuery(
                    DAY.plus(Duration.ofHours(2)), DAY.plus(Duration.ofHours(20)), null, null)))
        .as("ends at or after the interval's start, starts before its end")
        .containsExactly(first, second);
    assertThat(labels.labels("g", new LabelQuery(null, null, "b", null))).containsExactly(third);
    assertThat(labels.labels("g", new LabelQuery(null, null, null, "motor")))
        .containsExactly(second);
  }

  @Test
  void the_anomalies_of_a_group_are_its_anomaly_labels_in_time_order() {
    labels.createGroup("g", List.of("drift"));
    labels.createLabel("g", label(5, 8, LabelRating.ANOMALY, "drift"));
    labels.createLabel("g", label(1, 3, LabelRating.NEUTRAL, null));
    labels.createLabel("g", label(0, 2, LabelRating.ANOMALY, null));
    labels.createLabel("g", label(6, 9, LabelRating.NO_ANOMALY, null));

    assertThat(labels.anomalies("g"))
        .containsExactly(
            new KnownAnomaly(
                DAY.toEpochMilli(), DAY.plus(Duration.ofHours(2)).toEpochMilli(), null, null),
            new KnownAnomaly(
                DAY.plus(Duration.ofHours(5)).toEpochMilli(),
                DAY.plus(Duration.ofHours(8)).toEpochMilli(),
                "drift",
                null));
    assertThatThrownBy(() -> labels.anomalies("nope"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("label group 'nope' does not exist");
  }

  @Test
  void the_rules_of_groups_and_labels_are_refused_naming_the_field() {
    labels.createGroup("g", List.of("bearing"));
    assertRefused(
        () -> labels.createGroup("g h", null),
        "name",
        "name 'g h' must match ^[0-9a-zA-Z_-]{1,200}$ (1 to 200 letters, digits, underscores and"
            + " dashes)");
    assertThatThrownBy(() -> labels.createGroup("g", null))
        .isInstanceOf(ConflictException.class)
        .hasMessage("label group 'g' already exists");
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 51; i++) {
      many.add("code" + i);
    }
    assertRefused(
        () -> labels.createGroup("many", many),
        "faultCodes",
        "a label group has at most 50 fault codes, got 51");
    assertRefused(
        () -> labels.createGroup("twice", List.of("a", "a")),
        "faultCodes[1]",
        "fault code 'a' is given twice");
    assertRefused(
        () -> labels.updateGroup("g", List.of("x".repeat(101))),
        "faultCodes[0]",
        "faultCodes[0] must have 1 to 100 characters, got 101");

    assertRefused(
        () -> labels.createLabel("g", label(3, 3, LabelRating.ANOMALY, null)),
        "end",
        "end (2025-12-01T03:00:00Z) must be after start (2025-12-01T03:00:00Z)");
    assertRefused(
        () -> labels.createLabel("g", label(0, 1, LabelRating.ANOMALY, "seal")),
        "faultCode",
        "fault code 'seal' is not one of the fault codes of label group 'g' [bearing]; add it to"
            + " the group first");
    assertRefused(
        () ->
            labels.createLabel("g", new NewLabel(DAY, null, LabelRating.ANOMALY, null, null, null)),
        "end",
        "field 'end' is required");
    assertRefused(
        () ->
            labels.createLabel(
                "g",
                new NewLabel(
                    DAY, DAY.plusSeconds(1), LabelRating.ANOMALY, null, "n".repeat(2561), null)),
        "notes",
        "notes must have 1 to 2560 characters, got 2561");
    assertThatThrownBy(() -> labels.createLabel("nope", label(0, 1, LabelRating.ANOMALY, null)))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("label group 'nope' does not exist");
    assertThatThrownBy(() -> labels.label("g", "0123"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("label '0123' does not exist in label group 'g'");
    assertThatThrownBy(() -> labels.deleteLabel("g", "0123"))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("label '0123' does not exist in label group 'g'");
  }

  private static void assertRefused(Runnable call, String field, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage(message)
        .extracting(e -> ((InvalidRequestException) e).field())
        .isEqualTo(field);
  }
}
