package dev.vigil.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The waits between delivery attempts. */
class BackoffTest {
  @Test
  void waits_double_from_ten_seconds_up_to_ten_minutes() {
    // random 0.5 places each wait in the middle of its jitter: the wait itself.
    assertThat(
            java.util.stream.IntStream.rangeClosed(1, 9)
                .mapToObj(attempt -> Backoff.DEFAULT.after(attempt, 0.5).toSeconds())
                .toList())
        .containsExactly(10L, 20L, 40L, 80L, 160L, 320L, 600L, 600L, 600L);
    assertThat(Backoff.DEFAULT.after(10_000, 0.5)).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void jitter_spreads_each_wait_by_up_to_a_fifth_either_way() {
    assertThat(Backoff.DEFAULT.after(1, 0.0)).isEqualTo(Duration.ofSeconds(8));
    assertThat(Backoff.DEFAULT.after(1, 0.999_999))
        .isBetween(Duration.ofMillis(11_999), Duration.ofSeconds(12));
    assertThat(Backoff.DEFAULT.after(3, 0.25)).isEqualTo(Duration.ofSeconds(36));
    assertThat(Backoff.DEFAULT.after(20, 0.0)).isEqualTo(Duration.ofMinutes(8));
  }

  @Test
  void a_day_of_retries_makes_a_hundred_and_forty_nine_attempts() {
    // Attempts 1 to 7 start at 0, 10, 30, 70, 150, 310 and 630 s; then one every 10 minutes while
    // it starts within the day: 630 + 600 k < 86,400 for k = 1 to 142, so 7 + 142 attempts.
    long elapsed = 0;
    int attempts = 1;
    while (elapsed + Backoff.DEFAULT.after(attempts, 0.5).toSeconds() < 86_400) {
      elapsed += Backoff.DEFAULT.after(attempts, 0.5).toSeconds();
      attempts++;
    }
    assertThat(attempts).isEqualTo(149);
  }

  @Test
  void bad_settings_are_refused() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofMinutes(1), 0.2))
        .hasMessage("need 0 < first <= max, not PT0S, PT1M");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1), 1.0))
        .hasMessage("jitter must be in [0, 1), got 1.0");
    assertThatThrownBy(() -> Backoff.DEFAULT.after(0, 0.5))
        .hasMessage("attempt must be at least 1, got 0");
  }
}
