package dev.vigil.inference;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * When the alarm rings and how long it sleeps, read at given instants; and that a started alarm
 * rings for a wake that has come, waited for on a latch rather than for a time.
 */
class WakeAlarmTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:06:00Z");
  private static final Clock FIXED = Clock.fixed(NOW, ZoneOffset.UTC);

  @Test
  void itRingsOnceForEveryWakeThatHasComeAndKeepsTheOthers() {
    WakeAlarm alarm = WakeAlarm.silent(FIXED);
    alarm.set(NOW.plusSeconds(300));
    alarm.set(NOW.minusSeconds(5));
    alarm.set(NOW);
    alarm.set(NOW);

    assertThat(alarm.takeDue(NOW.minusSeconds(6))).isFalse();
    assertThat(alarm.takeDue(NOW)).as("the wakes of 10:05:55 and 10:06:00").isTrue();
    assertThat(alarm.takeDue(NOW)).as("each wake rings once").isFalse();
    assertThat(alarm.takeDue(NOW.plusSeconds(299))).isFalse();
    assertThat(alarm.takeDue(NOW.plusSeconds(300))).isTrue();
  }

  @Test
  void itSleepsUntilTheNextWakeButNeverLongerThanASecond() {
    WakeAlarm alarm = WakeAlarm.silent(FIXED);
    assertThat(alarm.sleepBefore(NOW)).as("no wake").isEqualTo(WakeAlarm.LONGEST_SLEEP);

    alarm.set(NOW.plusSeconds(300));
    assertThat(alarm.sleepBefore(NOW))
        .as("a clock set forward meanwhile is read within a second")
        .isEqualTo(Duration.ofSeconds(1));

    alarm.set(NOW.plusMillis(250));
    assertThat(alarm.sleepBefore(NOW)).isEqualTo(Duration.ofMillis(250));
    assertThat(alarm.sleepBefore(NOW.plusSeconds(1))).as("overdue").isEqualTo(Duration.ZERO);
  }

  @Test
  void aStartedAlarmRingsForAWakeThatHasCome() throws Exception {
    CountDownLatch rang = new CountDownLatch(1);
    try (WakeAlarm alarm = WakeAlarm.start(FIXED, rang::countDown)) {
      alarm.set(NOW.plusSeconds(60));
      alarm.set(NOW);

      assertThat(rang.await(30, TimeUnit.SECONDS)).isTrue();
      assertThat(alarm.takeDue(NOW)).as("the alarm took the wake that came").isFalse();
      assertThat(alarm.takeDue(NOW.plusSeconds(60))).as("and kept the other").isTrue();
    }
  }
}
