package dev.vigil.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.model.PredictionReason;
import dev.vigil.engine.model.ScoredRow;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DiagnosticRankingTest {
  @Test
  void successive_rows_rank_as_a_sort_from_scratch_whether_their_ranking_moves_little_or_much() {
    Random random = new Random(42);
    for (int sensors : new int[] {1, 2, 3, 50, 400}) {
      DiagnosticRanking ranking = new DiagnosticRanking();
      double[] shares = random.doubles(sensors).toArray();
      for (int row = 0; row < 200; row++) {
        if (row % 50 == 49) {
          // A jump: the ranking is shuffled whole, more than insertion may fix.
          shares = random.doubles(sensors).toArray();
        } else {
          // A sample later: every share moves a little, some overtake their neighbours.
          for (int s = 0; s < sensors; s++) {
            shares[s] = Math.max(0, shares[s] + random.nextGaussian() * 0.01);
          }
        }
        if (row % 7 == 3 && sensors > 2) {
          // Ties, to the 5th decimal: sensor order decides.
          shares[1] = shares[2] + 0.000_001;
        }
        ScoredRow scored = row(PredictionReason.NO_ANOMALY_DETECTED, shares.clone());
        assertThat(decoded(ranking.encode(scored)))
            .as("%d sensors, row %d", sensors, row)
            .isEqualTo(reference(scored.diagnostics()));
      }
    }
  }

  @Test
  void a_row_of_another_sensor_count_and_a_machine_off_row_change_nothing_for_the_next() {
    DiagnosticRanking ranking = new DiagnosticRanking();
    double[] five = {0.1, 0.4, 0.2, 0.25, 0.05};
    double[] three = {0.5, 0.2, 0.3};

    assertThat(decoded(ranking.encode(row(PredictionReason.ANOMALY_DETECTED, five))))
        .isEqualTo(reference(five));
    assertThat(ranking.encode(row(PredictionReason.MACHINE_OFF, five))).isEmpty();
    assertThat(decoded(ranking.encode(row(PredictionReason.ANOMALY_DETECTED, three))))
        .isEqualTo(reference(three));
    assertThat(decoded(ranking.encode(row(PredictionReason.ANOMALY_DETECTED, five))))
        .isEqualTo(reference(five));
  }

  @Test
  void more_sensors_than_two_bytes_index_are_refused() {
    ScoredRow huge = row(PredictionReason.NO_ANOMALY_DETECTED, new double[(1 << 16) + 1]);

    assertThatThrownBy(() -> new DiagnosticRanking().encode(huge))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("65537 sensors: at most 65536 can be ranked");
  }

  private static ScoredRow row(PredictionReason reason, double[] shares) {
    return new ScoredRow(
        1_700_000_000_000L,
        reason == PredictionReason.ANOMALY_DETECTED ? 1 : 0,
        reason,
        0.5,
        0.5,
        shares);
  }

  /**
   * Lookout's ranking, sorted from scratch by comparator (largest first, ties in sensor order), as
   * "sensor=scaled value" entries.
   */
  private static List<String> reference(double[] shares) {
    long[] scaled = new long[shares.length];
    for (int i = 0; i < shares.length; i++) {
      scaled[i] = Math.round(shares[i] * 100_000);
    }
    return IntStream.range(0, shares.length)
        .boxed()
        .sorted(Comparator.<Integer>comparingLong(i -> -scaled[i]).thenComparingInt(i -> i))
        .map(i -> i + "=" + scaled[i])
        .toList();
  }

  /** The stored bytes read back as "sensor=scaled value" entries: 2 bytes, then 4. */
  private static List<String> decoded(byte[] stored) {
    ByteBuffer buffer = ByteBuffer.wrap(stored);
    List<String> entries = new ArrayList<>();
    while (buffer.hasRemaining()) {
      int sensor = Short.toUnsignedInt(buffer.getShort());
      entries.add(sensor + "=" + buffer.getInt());
    }
    return entries;
  }
}
