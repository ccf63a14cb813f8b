package dev.vigil.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {
  @Test
  void await_idle_returns_once_every_job_has_finished() throws Exception {
    AtomicInteger done = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    try (WorkerPool pool = new WorkerPool(2)) {
      for (int i = 0; i < 5; i++) {
        pool.submit(
            "job " + i,
            () -> {
              try {
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              done.incrementAndGet();
            });
      }
      // Held back by the latch: not idle yet.
      assertThat(pool.awaitIdle(Duration.ofMillis(1))).isFalse();
      release.countDown();
      assertThat(pool.awaitIdle(Duration.ofSeconds(30))).isTrue();
      assertThat(done.get()).isEqualTo(5);
    }
  }

  @Test
  void a_job_that_throws_is_counted_and_the_pool_keeps_going() throws Exception {
    AtomicInteger ran = new AtomicInteger();
    try (WorkerPool pool = new WorkerPool(1)) {
      pool.submit(
          "broken",
          () -> {
            throw new IllegalStateException("boom");
          });
      pool.submit("fine", ran::incrementAndGet);
      assertThat(pool.awaitIdle(Duration.ofSeconds(30))).isTrue();
      assertThat(pool.failures()).isEqualTo(1);
      assertThat(ran.get()).isEqualTo(1);
    }
  }

  @Test
  void what_runs_after_each_job_runs_after_failed_ones_too_and_before_the_job_counts_finished()
      throws Exception {
    StringBuffer order = new StringBuffer();
    try (WorkerPool pool = new WorkerPool(1, () -> order.append("durable;"))) {
      pool.submit("fine", () -> order.append("fine;"));
      pool.submit(
          "broken",
          () -> {
            order.append("broken;");
            throw new IllegalStateException("boom");
          });
      assertThat(pool.awaitIdle(Duration.ofSeconds(30))).isTrue();
      assertThat(order).hasToString("fine;durable;broken;durable;");
      assertThat(pool.failures()).isEqualTo(1);
    }
  }

  @Test
  void a_closed_pool_refuses_jobs_and_stays_idle() throws Exception {
    WorkerPool pool = new WorkerPool(1);
    pool.close();
    assertThatThrownBy(() -> pool.submit("late", () -> {}))
        .isInstanceOf(RejectedExecutionException.class);
    assertThat(pool.awaitIdle(Duration.ZERO)).isTrue();
  }
}
