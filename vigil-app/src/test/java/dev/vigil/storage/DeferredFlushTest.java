package dev.vigil.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The deferred flush's rules: an action runs only after a flush that began after it was given and
 * that succeeded; the caller never waits for that flush; actions given during a flush share the
 * next one. Tests hold a flush open with a latch and wait for actions on latches, never for a time.
 */
class DeferredFlushTest {

  @Test
  void anActionRunsAfterAFlushThatBeganAfterIt() throws Exception {
    AtomicInteger flushes = new AtomicInteger();
    try (DeferredFlush deferred = deferred(new GroupCommit(flushes::incrementAndGet))) {
      CountDownLatch ran = new CountDownLatch(1);
      AtomicInteger seen = new AtomicInteger(-1);

      deferred.afterFlush(
          () -> {
            seen.set(flushes.get());
            ran.countDown();
          });

      assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(seen).hasValue(1);
    }
  }

  @Test
  void theCallerDoesNotWaitForTheFlushAndActionsGivenDuringOneShareTheNext() throws Exception {
    HeldFlush flush = new HeldFlush(false);
    try (DeferredFlush deferred = deferred(new GroupCommit(flush))) {
      List<String> ran = new CopyOnWriteArrayList<>();
      CountDownLatch all = new CountDownLatch(4);
      deferred.afterFlush(done(ran, "first", all));
      flush.awaitRunning();

      // The first flush is held open: these calls return at once all the same.
      deferred.afterFlush(done(ran, "second", all));
      deferred.afterFlush(done(ran, "third", all));
      deferred.afterFlush(done(ran, "fourth", all));
      assertThat(ran).isEmpty();

      flush.release.countDown();
      assertThat(all.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(ran).containsExactly("first", "second", "third", "fourth");
      assertThat(flush.count).as("one more flush serves the three").hasValue(2);
    }
  }

  @Test
  void anActionWaitsThroughAFailedFlushForOneThatSucceeds() throws Exception {
    HeldFlush flush = new HeldFlush(true);
    try (DeferredFlush deferred = deferred(new GroupCommit(flush))) {
      CountDownLatch ran = new CountDownLatch(1);
      AtomicInteger seen = new AtomicInteger(-1);
      deferred.afterFlush(
          () -> {
            seen.set(flush.count.get());
            ran.countDown();
          });
      flush.awaitRunning();

      flush.release.countDown();

      assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(seen).as("not after the failed flush: after the next").hasValue(2);
    }
  }

  @Test
  void anActionThatThrowsDoesNotStopTheOthers() throws Exception {
    try (DeferredFlush deferred = deferred(new GroupCommit(() -> {}))) {
      CountDownLatch ran = new CountDownLatch(1);
      deferred.afterFlush(
          () -> {
            throw new IllegalStateException("a listener failed");
          });
      deferred.afterFlush(ran::countDown);

      assertThat(ran.await(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void closingRunsWhatWaitsAndLaterActionsRunAtOnceAfterAFlush() throws Exception {
    HeldFlush flush = new HeldFlush(false);
    DeferredFlush deferred = deferred(new GroupCommit(flush));
    List<String> ran = new CopyOnWriteArrayList<>();
    CountDownLatch unused = new CountDownLatch(2);
    deferred.afterFlush(done(ran, "held", unused));
    flush.awaitRunning();
    deferred.afterFlush(done(ran, "waiting", unused));

    flush.release.countDown();
    deferred.close();
    assertThat(ran).containsExactly("held", "waiting");

    deferred.afterFlush(done(ran, "after close", unused));
    assertThat(ran).containsExactly("held", "waiting", "after close");
    assertThat(flush.count).hasValue(3);
  }

  private static DeferredFlush deferred(GroupCommit commit) {
    return new DeferredFlush(commit, Duration.ZERO, "test-flush");
  }

  private static Runnable done(List<String> ran, String name, CountDownLatch latch) {
    return () -> {
      ran.add(name);
      latch.countDown();
    };
  }
}
