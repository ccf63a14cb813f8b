package dev.vigil.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.storage.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of {@link SchedulerRepository} on any database: subclasses give an empty, migrated
 * {@link Database} (embedded H2, and a real PostgreSQL).
 */
abstract class SchedulerRepositoryContract {
  private static final Instant NOW = Instant.parse("2026-01-01T10:02:30Z");

  private SchedulerRepository repository;

  /** A migrated database with no schedulers, one per test. */
  abstract Database database();

  @BeforeEach
  void createRepository() {
    repository = new SchedulerRepository(database());
  }

  private static InferenceScheduler scheduler(String name) {
    return new InferenceScheduler(
        UUID.randomUUID().toString(),
        name,
        "pump-model",
        2,
        "pump-7",
        SchedulerStatus.PENDING,
        null,
        null,
        WindowSchedule.starting(
            NOW, NOW, UploadFrequency.parse("PT90S", false), Duration.ofSeconds(15)),
        NOW,
        "plant-data",
        "",
        FileNaming.of("EPOCH", "", InputTimeZone.parse("-03:30")),
        "plant-results",
        name + "/",
        NOW,
        NOW);
  }

  @Test
  void aSchedulerIsStoredAndReadBackWithEverySetting() {
    InferenceScheduler stored = scheduler("pump-7-live");
    assertThat(repository.insert(stored)).isTrue();

    assertThat(repository.findByName("pump-7-live")).contains(stored);
    assertThat(repository.findById(stored.id())).contains(stored);
    assertThat(repository.findByName("other")).isEmpty();
  }

  @Test
  void aSecondSchedulerWithTheSameNameIsRefused() {
    assertThat(repository.insert(scheduler("twice"))).isTrue();
    assertThat(repository.insert(scheduler("twice"))).isFalse();
  }

  @Test
  void aStatusChangesOnlyFromTheExpectedStatuses() {
    InferenceScheduler stored = scheduler("moving");
    repository.insert(stored);
    Instant later = NOW.plusSeconds(60);

    assertThat(
            repository.transition(
                stored.id(),
                EnumSet.of(SchedulerStatus.STOPPING),
                SchedulerStatus.STOPPED,
                StopReason.USER,
                null,
                later))
        .isFalse();
    assertThat(
            repository.transition(
                stored.id(),
                EnumSet.of(SchedulerStatus.PENDING, SchedulerStatus.RUNNING),
                SchedulerStatus.STOPPED,
                StopReason.SYSTEM,
                "no data",
                later))
        .isTrue();

    InferenceScheduler paused = repository.findById(stored.id()).orElseThrow();
    assertThat(paused)
        .isEqualTo(stored.withStatus(SchedulerStatus.STOPPED, StopReason.SYSTEM, "no data", later));
    assertThat(repository.withStatus(EnumSet.of(SchedulerStatus.PENDING))).isEmpty();
    assertThat(repository.withStatus(EnumSet.of(SchedulerStatus.STOPPED))).containsExactly(paused);
  }

  @Test
  void aReplacementAndADeletionNeedTheExpectedStatus() {
    InferenceScheduler stored = scheduler("replaced");
    repository.insert(stored);
    InferenceScheduler swapped =
        new InferenceScheduler(
            stored.id(),
            stored.name(),
            "pump-model-b",
            1,
            stored.datasetName(),
            SchedulerStatus.PENDING,
            null,
            null,
            stored.schedule(),
            stored.startTime(),
            "other-data",
            "in/",
            FileNaming.of(null, " ", InputTimeZone.UTC),
            "other-results",
            "out/",
            stored.createdAt(),
            NOW.plusSeconds(5));

    assertThat(repository.replace(swapped, SchedulerStatus.STOPPED)).isFalse();
    assertThat(repository.deleteIfStopped(stored.id(), handle -> {})).isFalse();
    assertThat(repository.replace(swapped, SchedulerStatus.PENDING)).isTrue();
    assertThat(repository.findById(stored.id())).contains(swapped);

    repository.transition(
        stored.id(),
        EnumSet.of(SchedulerStatus.PENDING),
        SchedulerStatus.STOPPED,
        StopReason.USER,
        null,
        NOW);
    assertThat(repository.deleteIfStopped(stored.id(), handle -> {})).isTrue();
    assertThat(repository.findById(stored.id())).isEmpty();
  }

  @Test
  void schedulersAreListedInNameOrderAndByModel() {
    repository.insert(scheduler("b"));
    repository.insert(scheduler("a"));

    assertThat(repository.list(null))
        .extracting(InferenceScheduler::name)
        .containsExactly("a", "b");
    assertThat(repository.list("pump-model")).hasSize(2);
    assertThat(repository.list("fan-model")).isEmpty();
  }
}
