package dev.vigil.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The group commit's rules: a caller always gets a flush that began after its call, and callers
 * that come while one runs share the next. Flushes are counted by a plain counter; the concurrent
 * cases hold a flush open with a latch and wait for the callers to be waiting, never for a time.
 */
class GroupCommitTest {
  private final ExecutorService callers = Executors.newFixedThreadPool(4);

  @AfterEach
  void stop() {
    callers.shutdownNow();
  }

  @Test
  void eachCallAloneRunsAFlushOfItsOwn() {
    AtomicInteger flushes = new AtomicInteger();
    GroupCommit commit = new GroupCommit(flushes::incrementAndGet);

    commit.await();
    commit.await();
    commit.await();

    assertThat(flushes).hasValue(3);
  }

  @Test
  void callersThatComeDuringAFlushShareTheNextOne() throws Exception {
    HeldFlush flush = new HeldFlush(false);
    GroupCommit commit = new GroupCommit(flush);
    Future<?> first = callers.submit(commit::await);
    flush.awaitRunning();

    // Three callers arrive while the first flush runs: it may have begun before their commits.
    List<Future<?>> later = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      later.add(callers.submit(commit::await));
    }
    awaitCondition(() -> commit.waiting() == 3);
    assertThat(flush.count).hasValue(1);

    flush.release.countDown();
    first.get(30, TimeUnit.SECONDS);
    for (Future<?> caller : later) {
      caller.get(30, TimeUnit.SECONDS);
    }
    assertThat(flush.count).as("one more flush serves all three").hasValue(2);
  }

  @Test
  void aFailedFlushFailsItsCallerAndTheNextCallFlushesAgain() {
    AtomicInteger flushes = new AtomicInteger();
    GroupCommit commit =
        new GroupCommit(
            () -> {
              if (flushes.incrementAndGet() == 1) {
                throw new IllegalStateException("disk full");
              }
            });

    assertThatThrownBy(commit::await).hasMessage("disk full");
    commit.await();

    assertThat(flushes).hasValue(2);
  }

  @Test
  void aCallerWaitingOnAFlushThatFailsRunsTheNextOne() throws Exception {
    HeldFlush flush = new HeldFlush(true);
    GroupCommit commit = new GroupCommit(flush);
    Future<?> first = callers.submit(commit::await);
    flush.awaitRunning();
    Future<?> second = callers.submit(commit::await);
    awaitCondition(() -> commit.waiting() == 1);

    flush.release.countDown();

    assertThatThrownBy(() -> first.get(30, TimeUnit.SECONDS)).hasRootCauseMessage("disk full");
    second.get(30, TimeUnit.SECONDS);
    assertThat(flush.count).hasValue(2);
  }

  private static void awaitCondition(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the callers never came to wait");
      }
      Thread.onSpinWait();
    }
  }
}
