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

  @Test
  void long_lines_mixing_plain_and_other_values_are_written_as_doubles_are() {
    // Values of every kind on one line, so that the room reserved for the plain ones is taken
    // again after each other one: zero, below 0.001 (exponents), 10 and more, negative.
    SplittableRandom random = new SplittableRandom(11);
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      names.add("component-" + i + "\\sensor with a rather long name " + "x".repeat(i % 7));
    }
    double[] kinds = {0.0, 0.000004, 0.00042, 12.5, -0.75, 1_234.56789, 0.5};
    ResultLineWriter writer = new ResultLineWriter(names);
    for (int line = 0; line < 200; line++) {
      double[] shares = new double[names.size()];
      for (int i = 0; i < shares.length; i++) {
        shares[i] =
            random.nextInt(3) == 0 ? kinds[random.nextInt(kinds.length)] : random.nextDouble();
      }
      ScoredRow row =
          new ScoredRow(
              1_767_261_600_000L, 0, PredictionReason.NO_ANOMALY_DETECTED, 0.5, 1, shares);
      LineBuffer written = new LineBuffer(16);
      writer.appendLine(
          written,
          row.timestampMillis(),
          row.prediction(),
          row.reason(),
          row.anomalyScore(),
          new DiagnosticRanking().encode(row));

      String text = written.text(0, written.length());
      String diagnostics =
          text.substring(text.indexOf("\"diagnostics\":[") + 15, text.length() - 2);
      assertThat(diagnostics).isEqualTo(expectedDiagnostics(names, shares));
    }
  }

  /**
   * The diagnostics as Lookout ranks and writes them: largest rounded value first, ties in order.
   */
  private static String expectedDiagnostics(List<String> names, double[] shares) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < shares.length; i++) {
      order.add(i);
    }
    order.sort(
        (a, b) -> Long.compare(Math.round(shares[b] * 100_000), Math.round(shares[a] * 100_000)));
    StringBuilder expected = new StringBuilder();
    for (int i : order) {
      if (expected.length() > 0) {
        expected.append(',');
      }
      expected
          .append("{\"name\":\"")
          .append(names.get(i).replace("\\", "\\\\"))
          .append("\",\"value\":")
          .append(Double.toString(Math.round(shares[i] * 100_000) / 100_000.0))
          .append('}');
    }
    return expected.toString();
  }
}
