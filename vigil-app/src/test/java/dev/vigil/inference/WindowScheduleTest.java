package dev.vigil.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.data.InvalidDataException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WindowScheduleTest {
  private static final Instant NOW = Instant.parse("2026-01-01T09:00:00Z");
  private static final UploadFrequency FIVE_MINUTES = UploadFrequency.parse("PT5M", true);

  private static WindowSchedule schedule(String frequency, String start, Duration delay) {
    return WindowSchedule.starting(
        Instant.parse(start), NOW, UploadFrequency.parse(frequency, false), delay);
  }

  @ParameterizedTest
  @ValueSource(strings = {"PT5M", "PT10M", "PT15M", "PT30M", "PT1H", "PT1S", "PT90S", "P1D"})
  void windows_start_on_multiples_of_the_frequency_since_the_epoch(String text) {
    UploadFrequency frequency = UploadFrequency.parse(text, false);
    Instant startTime = Instant.parse("2026-01-01T10:02:03.500Z");
    WindowSchedule schedule = WindowSchedule.starting(startTime, NOW, frequency, Duration.ZERO);

    Window window = schedule.first();

    assertThat(window.start()).isAfterOrEqualTo(startTime);
    assertThat(window.start().minus(frequency.duration())).isBefore(startTime);
    for (int i = 0; i < 50; i++) {
      assertThat(window.start().getEpochSecond() % frequency.seconds()).isZero();
      assertThat(window.start().getNano()).isZero();
      assertThat(Duration.between(window.start(), window.end())).isEqualTo(frequency.duration());
      assertThat(window.wake()).isEqualTo(window.end());
      Window next = schedule.next(window);
      assertThat(next.start()).isEqualTo(window.end());
      window = next;
    }
  }

  @Test
  void an_aligned_start_time_is_the_start_of_the_first_window() {
    WindowSchedule schedule = schedule("PT15M", "2026-01-01T10:15:00Z", Duration.ZERO);

    assertThat(schedule.first())
        .isEqualTo(
            new Window(
                Instant.parse("2026-01-01T10:15:00Z"),
                Instant.parse("2026-01-01T10:30:00Z"),
                Instant.parse("2026-01-01T10:30:00Z")));
  }

  @Test
  void an_unaligned_start_time_starts_at_the_next_boundary() {
    assertThat(schedule("PT15M", "2026-01-01T10:15:01Z", Duration.ZERO).first().start())
        .isEqualTo("2026-01-01T10:30:00Z");
    assertThat(schedule("PT1H", "2026-01-01T10:00:00.001Z", Duration.ZERO).first().start())
        .isEqualTo("2026-01-01T11:00:00Z");
    assertThat(schedule("PT90S", "2026-01-01T10:00:01Z", Duration.ZERO).first().start())
        .isEqualTo("2026-01-01T10:01:30Z");
    assertThat(schedule("P1D", "2026-01-01T10:00:00Z", Duration.ZERO).first().start())
        .isEqualTo("2026-01-02T00:00:00Z");
  }

  @Test
  void a_start_time_in_the_past_is_refused() {
    assertThatThrownBy(
            () ->
                WindowSchedule.starting(
                    Instant.parse("2026-01-01T08:59:59Z"), NOW, FIVE_MINUTES, Duration.ZERO))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(
            "start time 2026-01-01T08:59:59Z is in the past (it is now 2026-01-01T09:00:00Z):"
                + " use a start time at or after now");
  }

  @Test
  void a_start_time_within_the_current_second_is_not_in_the_past() {
    WindowSchedule schedule =
        WindowSchedule.starting(
            Instant.parse("2026-01-01T09:00:00Z"),
            Instant.parse("2026-01-01T09:00:00.750Z"),
            FIVE_MINUTES,
            Duration.ZERO);

    assertThat(schedule.first().start()).isEqualTo("2026-01-01T09:00:00Z");
  }

  @Test
  void the_scheduler_wakes_at_the_end_of_the_window_plus_the_delay_offset() {
    Window none = schedule("PT5M", "2026-01-01T10:00:00Z", Duration.ZERO).first();
    Window hour = schedule("PT5M", "2026-01-01T10:00:00Z", WindowSchedule.lookoutDelay(60)).first();

    assertThat(none.wake()).isEqualTo("2026-01-01T10:05:00Z");
    assertThat(hour.end()).isEqualTo("2026-01-01T10:05:00Z");
    assertThat(hour.wake()).isEqualTo("2026-01-01T11:05:00Z");
  }

  @Test
  void lookout_delay_offsets_run_from_0_to_60_minutes() {
    assertThat(WindowSchedule.lookoutDelay(0)).isEqualTo(Duration.ZERO);
    assertThat(WindowSchedule.lookoutDelay(60)).isEqualTo(Duration.ofHours(1));
    assertThatThrownBy(() -> WindowSchedule.lookoutDelay(61))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("data delay offset 61 minutes is not supported: use 0 to 60 minutes");
    assertThatThrownBy(() -> WindowSchedule.lookoutDelay(-1))
        .hasMessage("data delay offset -1 minutes is not supported: use 0 to 60 minutes");
  }

  @Test
  void native_delay_offsets_run_to_an_hour_or_to_a_longer_frequency() {
    assertThat(schedule("PT1S", "2026-01-01T10:00:00Z", Duration.ofSeconds(3)).first().wake())
        .isEqualTo("2026-01-01T10:00:04Z");
    assertThat(schedule("PT2H", "2026-01-01T10:00:00Z", Duration.ofHours(2)).first().wake())
        .isEqualTo("2026-01-01T14:00:00Z");
    assertThatThrownBy(() -> schedule("PT5M", "2026-01-01T10:00:00Z", Duration.ofMinutes(61)))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(
            "data delay offset PT1H1M is not supported with data upload frequency PT5M: use a"
                + " whole number of seconds from PT0S to PT1H");
    assertThatThrownBy(() -> schedule("PT2H", "2026-01-01T10:00:00Z", Duration.ofMillis(500)))
        .hasMessage(
            "data delay offset PT0.5S is not supported with data upload frequency PT2H: use a"
                + " whole number of seconds from PT0S to PT2H");
    assertThatThrownBy(() -> schedule("PT5M", "2026-01-01T10:00:00Z", Duration.ofSeconds(-1)))
        .hasMessage(
            "data delay offset PT-1S is not supported with data upload frequency PT5M: use a"
                + " whole number of seconds from PT0S to PT1H");
  }

  @Test
  void windows_due_after_a_three_hour_downtime_come_once_each_in_order() {
    WindowSchedule schedule = schedule("PT5M", "2026-01-01T10:00:00Z", Duration.ZERO);
    Window lastRun = schedule.first();
    Instant backUp = lastRun.wake().plus(Duration.ofHours(3));

    List<Window> due = schedule.dueBetween(lastRun.wake(), backUp, 1000);

    assertThat(due).hasSize(36);
    assertThat(due.get(0)).isEqualTo(schedule.next(lastRun));
    assertThat(due.get(35).wake()).isEqualTo(backUp);
    for (int i = 1; i < due.size(); i++) {
      assertThat(due.get(i)).isEqualTo(schedule.next(due.get(i - 1)));
    }
    assertThat(due.stream().map(Window::id).distinct()).hasSize(36);
  }

  @Test
  void catching_up_in_batches_returns_every_window_once() {
    WindowSchedule schedule = schedule("PT5M", "2026-01-01T10:00:00Z", Duration.ZERO);
    Instant backUp = Instant.parse("2026-01-01T13:05:00Z");
    List<Window> all = new ArrayList<>();
    Instant after = schedule.first().wake();

    while (true) {
      List<Window> batch = schedule.dueBetween(after, backUp, 10);
      if (batch.isEmpty()) {
        break;
      }
      assertThat(batch).hasSizeLessThanOrEqualTo(10);
      all.addAll(batch);
      after = batch.get(batch.size() - 1).wake();
    }

    assertThat(all).hasSize(36).doesNotHaveDuplicates();
    assertThat(all).isEqualTo(schedule.dueBetween(schedule.first().wake(), backUp, 1000));
  }

  @Test
  void due_windows_with_an_hour_of_delay_are_the_ones_whose_wake_has_passed() {
    WindowSchedule schedule =
        schedule("PT5M", "2026-01-01T10:00:00Z", WindowSchedule.lookoutDelay(60));

    List<Window> due =
        schedule.dueBetween(
            Instant.parse("2026-01-01T10:00:00Z"), Instant.parse("2026-01-01T11:17:30Z"), 100);

    assertThat(due)
        .extracting(Window::id)
        .containsExactly("2026-01-01T10:05:00Z", "2026-01-01T10:10:00Z", "2026-01-01T10:15:00Z");
    assertThat(due)
        .extracting(Window::wake)
        .containsExactly(
            Instant.parse("2026-01-01T11:05:00Z"),
            Instant.parse("2026-01-01T11:10:00Z"),
            Instant.parse("2026-01-01T11:15:00Z"));
  }

  @Test
  void nothing_is_due_before_the_first_wake_and_nothing_before_the_first_window() {
    WindowSchedule schedule = schedule("PT5M", "2026-01-01T10:00:00Z", Duration.ZERO);

    assertThat(schedule.dueBetween(NOW, Instant.parse("2026-01-01T10:04:59Z"), 10)).isEmpty();
    assertThat(schedule.dueBetween(NOW, Instant.parse("2026-01-01T10:05:00Z"), 10))
        .containsExactly(schedule.first());
    assertThat(schedule.dueBetween(Instant.MIN, Instant.parse("2026-01-01T10:05:00Z"), 10))
        .containsExactly(schedule.first());
    assertThat(schedule.dueBetween(Instant.parse("2026-01-01T10:10:00Z"), NOW, 10)).isEmpty();
    assertThatThrownBy(() -> schedule.dueBetween(NOW, NOW, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("max must be at least 1, not 0");
  }

  @Test
  void the_latest_due_window_is_the_one_whose_wake_passed_last() {
    WindowSchedule schedule =
        schedule("PT5M", "2026-01-01T10:00:00Z", WindowSchedule.lookoutDelay(10));

    assertThat(schedule.latestDue(Instant.parse("2026-01-01T10:14:59Z"))).isEmpty();
    assertThat(schedule.latestDue(Instant.parse("2026-01-01T10:15:00Z")))
        .contains(schedule.first());
    assertThat(schedule.latestDue(Instant.parse("2026-01-01T12:19:59.999Z")))
        .map(Window::id)
        .isEqualTo(Optional.of("2026-01-01T12:05:00Z"));
  }

  @Test
  void a_window_is_found_by_its_aligned_end_only() {
    WindowSchedule schedule = schedule("PT15M", "2026-01-01T10:00:00Z", Duration.ZERO);

    Window window = schedule.windowEndingAt(Instant.parse("2026-01-01T09:45:00Z"));

    assertThat(window.start()).isEqualTo("2026-01-01T09:30:00Z");
    assertThat(window.id()).isEqualTo("2026-01-01T09:45:00Z");
    assertThatThrownBy(() -> schedule.windowEndingAt(Instant.parse("2026-01-01T09:40:00Z")))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage(
            "window end 2026-01-01T09:40:00Z is not a boundary of data upload frequency PT15M:"
                + " boundaries are multiples of PT15M since midnight UTC");
  }

  @Test
  void the_id_of_a_window_is_its_end_in_utc_to_the_second() {
    Window window = schedule("PT1H", "2026-01-01T10:00:00Z", Duration.ZERO).first();

    assertThat(window.id()).isEqualTo("2026-01-01T11:00:00Z");
    assertThat(window.contains(Instant.parse("2026-01-01T10:00:00Z"))).isTrue();
    assertThat(window.contains(Instant.parse("2026-01-01T10:59:59.999Z"))).isTrue();
    assertThat(window.contains(Instant.parse("2026-01-01T11:00:00Z"))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"2026-03-08", "2026-03-29", "2026-10-25", "2026-11-01"})
  void daylight_saving_days_have_288_five_minute_windows_exactly_five_minutes_apart(String day) {
    Instant midnight = Instant.parse(day + "T00:00:00Z");
    WindowSchedule schedule =
        WindowSchedule.starting(midnight, midnight, FIVE_MINUTES, Duration.ZERO);
    Instant nextMidnight = midnight.plus(Duration.ofDays(1));

    List<Window> windows = new ArrayList<>();
    for (Window w = schedule.first(); w.start().isBefore(nextMidnight); w = schedule.next(w)) {
      windows.add(w);
    }

    assertThat(windows).hasSize(288);
    assertThat(windows.get(0).start()).isEqualTo(midnight);
    assertThat(windows.get(287).end()).isEqualTo(nextMidnight);
    for (int i = 1; i < windows.size(); i++) {
      assertThat(Duration.between(windows.get(i - 1).start(), windows.get(i).start()))
          .isEqualTo(Duration.ofMinutes(5));
    }
    assertThat(schedule.dueBetween(midnight, nextMidnight, 1000)).isEqualTo(windows);
  }

  @Test
  void a_restart_resumes_from_the_next_window_to_wake_not_from_the_pause() {
    UploadFrequency fiveMinutes = UploadFrequency.parse("PT5M", true);
    WindowSchedule schedule =
        new WindowSchedule(
            fiveMinutes, Duration.ofMinutes(2), Instant.parse("2026-01-01T00:00:00Z"));

    // Restarted at 10:06: [10:00, 10:05) woke at 10:07 - not yet - so it is the next to run.
    WindowSchedule resumed = schedule.resumedAt(Instant.parse("2026-01-01T10:06:00Z"));
    assertThat(resumed.first().start()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
    assertThat(resumed.first().wake()).isEqualTo(Instant.parse("2026-01-01T10:07:00Z"));

    // Restarted exactly at a wake: that window has come due; the next one is the first to run.
    assertThat(schedule.resumedAt(Instant.parse("2026-01-01T10:07:00Z")).first().start())
        .isEqualTo(Instant.parse("2026-01-01T10:05:00Z"));

    // A schedule whose first window lies ahead keeps it.
    assertThat(schedule.resumedAt(Instant.parse("2025-12-31T00:00:00Z")).first())
        .isEqualTo(schedule.first());
  }
}
