package dev.vigil.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A flush for tests that counts its runs: its first run holds until the test releases it, then
 * fails if asked to. Tests wait on its latches, never for a time.
 */
final class HeldFlush implements Runnable {
  final AtomicInteger count = new AtomicInteger();
  final CountDownLatch running = new CountDownLatch(1);
  final CountDownLatch release = new CountDownLatch(1);
  private final boolean firstFails;

  HeldFlush(boolean firstFails) {
    this.firstFails = firstFails;
  }

  @Override
  public void run() {
    if (count.incrementAndGet() == 1) {
      running.countDown();
      awaitLatch(release);
      if (firstFails) {
        throw new IllegalStateException("disk full");
      }
    }
  }

  void awaitRunning() throws InterruptedException {
    assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
  }

  private static void awaitLatch(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new AssertionError("the test never released the flush");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
