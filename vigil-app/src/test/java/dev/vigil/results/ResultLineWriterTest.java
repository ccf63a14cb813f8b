package dev.vigil.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.model.PredictionReason;
import dev.vigil.engine.model.ScoredRow;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ResultLineWriterTest {
  @Test
  void every_rounded_value_is_written_as_double_to_string_writes_it() {
    // Every value a score or a contribution can take after rounding to 5 decimals, and beyond.
    for (long scaled = 0; scaled <= 2_000_000; scaled++) {
      double rounded = scaled / 100_000.0;
      if (scaled > 0 && scaled < 1_000_000) {
        assertThat(ResultLineWriter.plainDecimal(scaled))
            .as("%d", scaled)
            .isEqualTo(Double.toString(rounded));
      }
    }
  }

  @Test
  void timestamps_are_written_as_the_lookout_formatter_writes_them() {
    SplittableRandom random = new SplittableRandom(7);
    List<Long> millis = new ArrayList<>();
    // Before 1970, a leap day, the last millisecond of 9999 and the years beyond, then any.
    millis.addAll(
        List.of(
            -1L,
            -86_400_001L,
            Instant.parse("2024-02-29T23:59:59.999Z").toEpochMilli(),
            Instant.parse("0000-01-01T00:00:00Z").toEpochMilli(),
            Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli(),
            Instant.parse("+10000-01-01T00:00:00.001Z").toEpochMilli(),
            Instant.parse("-0001-12-31T23:59:59Z").toEpochMilli()));
    for (int i = 0; i < 200_000; i++) {
      millis.add(random.nextLong(-80_000_000_000_000L, 300_000_000_000_000L));
    }
    for (long at : millis) {
      LineBuffer written = new LineBuffer(32);
      ResultLineWriter.appendTimestamp(written, at);
      assertThat(written.text(0, written.length()))
          .as("%d", at)
          .isEqualTo(ResultLineWriter.TIMESTAMP.format(Instant.ofEpochMilli(at)));
    }
  }

  @Test
  void a_line_holds_the_lookout_fields_with_diagnostics_ranked() throws Exception {
    StringWriter out = new StringWriter();
    try (ResultLineWriter writer =
        new ResultLineWriter(out, List.of("pump\\Current", "motor\\Rpm"))) {
      writer.write(
          new ScoredRow(
              1_767_261_600_000L,
              1,
              PredictionReason.ANOMALY_DETECTED,
              0.832144,
              9.1,
              new double[] {0.000004, 0.999996}));
      writer.write(
          new ScoredRow(
              1_767_261_601_000L, 0, PredictionReason.MACHINE_OFF, 0.0, 0.0, new double[] {0, 0}));
    }
    assertThat(out.toString())
        .isEqualTo(
            "{\"timestamp\":\"2026-01-01T10:00:00.000000\",\"prediction\":1,"
                + "\"prediction_reason\":\"ANOMALY_DETECTED\",\"anomaly_score\":0.83214,"
                + "\"diagnostics\":[{\"name\":\"motor\\\\Rpm\",\"value\":1.0},"
                + "{\"name\":\"pump\\\\Current\",\"value\":0.0}]}\n"
                + "{\"timestamp\":\"2026-01-01T10:00:01.000000\",\"prediction\":0,"
                + "\"prediction_reason\":\"MACHINE_OFF\",\"anomaly_score\":0.0,"
                + "\"diagnostics\":[]}\n");
  }
}
