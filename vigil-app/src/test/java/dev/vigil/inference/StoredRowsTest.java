package dev.vigil.inference;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.engine.model.PredictionReason;
import dev.vigil.engine.model.ScoredRow;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoredRowsTest {
  private static final List<ScoredRow> ROWS =
      List.of(
          new ScoredRow(
              1_000, 0, PredictionReason.NO_ANOMALY_DETECTED, 0.1, 1.0, new double[] {0.7, 0.3}),
          new ScoredRow(
              2_000, 1, PredictionReason.ANOMALY_DETECTED, 0.9, 9.0, new double[] {0.2, 0.8}),
          new ScoredRow(3_000, 0, PredictionReason.MACHINE_OFF, 0.0, 0.0, new double[] {0, 0}));

  @Test
  void rows_come_back_as_they_were_written_and_a_range_selects_some() {
    byte[] encoded = StoredRows.encode(ROWS);

    List<StoredRows.Row> all = StoredRows.decode(encoded, Long.MIN_VALUE, Long.MAX_VALUE);
    assertThat(all)
        .extracting(
            StoredRows.Row::timestampMillis, StoredRows.Row::prediction, StoredRows.Row::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1_000L, 0, PredictionReason.NO_ANOMALY_DETECTED),
            org.assertj.core.groups.Tuple.tuple(2_000L, 1, PredictionReason.ANOMALY_DETECTED),
            org.assertj.core.groups.Tuple.tuple(3_000L, 0, PredictionReason.MACHINE_OFF));
    assertThat(all.get(1).anomalyScore()).isEqualTo(0.9);
    assertThat(all.get(2).diagnostics()).isEmpty();
    assertThat(StoredRows.decode(encoded, 2_000, 3_000))
        .extracting(StoredRows.Row::timestampMillis)
        .containsExactly(2_000L);
  }

  @Test
  void rows_of_a_range_are_removed_and_the_others_kept_intact() {
    byte[] encoded = StoredRows.encode(ROWS);

    byte[] kept = StoredRows.without(encoded, 1_500, 2_500);

    assertThat(StoredRows.decode(kept, Long.MIN_VALUE, Long.MAX_VALUE))
        .extracting(StoredRows.Row::timestampMillis)
        .containsExactly(1_000L, 3_000L);
    assertThat(StoredRows.without(encoded, 0, 10_000)).isEmpty();
    assertThat(StoredRows.without(encoded, 5_000, 6_000)).isEqualTo(encoded);
  }
}
