package dev.vigil.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.storage.Database;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of {@link ModelRepository} on any database: subclasses give an empty, migrated
 * {@link Database} (embedded H2 here, PostgreSQL where a server is available).
 */
abstract class ModelRepositoryContract {
  private static final long NOW = 1_700_000_000_000L;

  private ModelRepository repository;

  /** A migrated database with no models, one per test. */
  abstract Database database();

  @BeforeEach
  void createRepository() {
    repository = new ModelRepository(database());
  }

  private ModelRecord insert(String name) {
    String id = UUID.randomUUID().toString();
    ModelRecord model =
        new ModelRecord(id, name, "dataset-id", "pump-7", "{\"name\":\"x\"}", null, 1, NOW, NOW);
    assertThat(repository.insertModel(model, firstVersion(id))).isTrue();
    return model;
  }

  private static VersionRecord firstVersion(String modelId) {
    return new VersionRecord(
        modelId, 1, ModelStatus.IN_PROGRESS, 0, null, "{}", null, null, NOW, NOW);
  }

  @Test
  void aModelIsFoundByNameWithItsFirstVersionInProgress() {
    ModelRecord model = insert("pump-7-model");

    ModelRecord found = repository.findModel("pump-7-model").orElseThrow();
    assertThat(found.id()).isEqualTo(model.id());
    assertThat(found.activeVersion()).isNull();
    assertThat(found.latestVersion()).isEqualTo(1);
    assertThat(repository.listVersions(model.id()))
        .extracting(VersionRecord::status)
        .containsExactly(ModelStatus.IN_PROGRESS);
  }

  @Test
  void aSecondModelWithTheSameNameIsRefused() {
    insert("twice");
    String otherId = UUID.randomUUID().toString();
    ModelRecord other =
        new ModelRecord(otherId, "twice", "dataset-id", "pump-7", "{}", null, 1, NOW, NOW);

    assertThat(repository.insertModel(other, firstVersion(otherId))).isFalse();
    assertThat(repository.listModels()).hasSize(1);
  }

  @Test
  void completingAVersionStoresItsBytesAndMakesItActive() {
    ModelRecord model = insert("complete");

    assertThat(repository.completeVersion(model.id(), 1, new byte[] {1, 2, 3}, "{}", null, NOW + 5))
        .isTrue();

    assertThat(repository.modelBytes(model.id(), 1))
        .hasValueSatisfying(bytes -> assertThat(bytes).containsExactly(1, 2, 3));
    assertThat(repository.findModel("complete").orElseThrow().activeVersion()).isEqualTo(1);
    VersionRecord version = repository.findVersion(model.id(), 1).orElseThrow();
    assertThat(version.status()).isEqualTo(ModelStatus.SUCCESS);
    assertThat(version.progress()).isEqualTo(1.0);
  }

  @Test
  void aVersionThatFailedCannotBeCompletedLater() {
    ModelRecord model = insert("failed");
    repository.failVersion(model.id(), 1, "no data", NOW);

    assertThat(repository.completeVersion(model.id(), 1, new byte[] {1}, "{}", null, NOW))
        .isFalse();
    assertThat(repository.modelBytes(model.id(), 1)).isEmpty();
    assertThat(repository.findVersion(model.id(), 1).orElseThrow().failedReason())
        .isEqualTo("no data");
  }

  @Test
  void aNewVersionWaitsUntilNoVersionIsTraining() {
    ModelRecord model = insert("versions");

    assertThat(repository.insertNextVersion(model.id(), "{}", NOW)).isEmpty();

    repository.completeVersion(model.id(), 1, new byte[] {1}, "{}", null, NOW);
    assertThat(repository.insertNextVersion(model.id(), "{}", NOW)).contains(2);
    assertThat(repository.findModel("versions").orElseThrow().latestVersion()).isEqualTo(2);
  }

  @Test
  void onlyASuccessfulVersionCanBeActivated() {
    ModelRecord model = insert("activate");
    assertThat(repository.activate(model.id(), 1, NOW)).isFalse();

    repository.completeVersion(model.id(), 1, new byte[] {1}, "{}", null, NOW);
    repository.insertNextVersion(model.id(), "{}", NOW);
    repository.completeVersion(model.id(), 2, new byte[] {2}, "{}", null, NOW);
    assertThat(repository.findModel("activate").orElseThrow().activeVersion()).isEqualTo(2);

    assertThat(repository.activate(model.id(), 1, NOW)).isTrue();
    assertThat(repository.findModel("activate").orElseThrow().activeVersion()).isEqualTo(1);
  }

  @Test
  void versionsLeftInProgressAreAllFailedWithTheReason() {
    ModelRecord model = insert("interrupted");

    assertThat(repository.failAllInProgress("stopped", NOW + 1)).isEqualTo(1);

    VersionRecord version = repository.findVersion(model.id(), 1).orElseThrow();
    assertThat(version.status()).isEqualTo(ModelStatus.FAILED);
    assertThat(version.failedReason()).isEqualTo("stopped");
    assertThat(repository.findModel("interrupted").orElseThrow().updatedAtMillis())
        .isEqualTo(NOW + 1);
  }

  @Test
  void aModelIsDeletedWithItsVersionsOnlyWhenNoneIsTraining() {
    ModelRecord model = insert("deleted");
    assertThat(repository.deleteUnlessTraining(model.id())).isFalse();

    repository.completeVersion(model.id(), 1, new byte[] {1}, "{}", null, NOW);
    assertThat(repository.deleteUnlessTraining(model.id())).isTrue();

    assertThat(repository.findModel("deleted")).isEmpty();
    assertThat(repository.listVersions(model.id())).isEmpty();
  }

  @Test
  void theModelsOfADatasetAreItsUsers() {
    insert("b-model");
    insert("a-model");

    assertThat(new ModelDatasetUsage(repository).usersOf("dataset-id"))
        .containsExactly("model a-model", "model b-model");
    assertThat(new ModelDatasetUsage(repository).usersOf("other")).isEmpty();
  }
}
