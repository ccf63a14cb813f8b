package dev.vigil.engine.preprocess;

import static dev.vigil.engine.preprocess.Tables.NaN;
import static dev.vigil.engine.preprocess.Tables.seconds;
import static dev.vigil.engine.preprocess.Tables.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vigil.engine.data.InvalidDataException;
import dev.vigil.engine.data.SensorTable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MissingValueFillerTest {

  private static final long[] SIX_SECONDS = seconds(0, 1, 2, 3, 4, 5);

  @Test
  void previous_fill_carries_the_last_value_forward_and_backfills_a_leading_gap() {
    SensorTable table = single("s", SIX_SECONDS, NaN, NaN, 1, NaN, 3, NaN);

    FillResult result = MissingValueFiller.fillCounting(table, FillPolicy.of(FillMethod.PREVIOUS));

    assertThat(result.table().column(0)).containsExactly(1, 1, 1, 1, 3, 3);
    assertThat(result.filledValues()).containsExactly(entry("s", 4));
  }

  @Test
  void linear_fill_interpolates_by_time_not_by_row() {
    // By row the two gaps would be 10/3 and 20/3; by time they sit at 1 s and 4 s of 10 s.
    SensorTable table = single("s", seconds(0, 1, 4, 10), 0, NaN, NaN, 10);

    SensorTable filled = MissingValueFiller.fill(table, FillPolicy.of(FillMethod.LINEAR));

    assertThat(filled.column(0)[0]).isEqualTo(0);
    assertThat(filled.column(0)[1]).isCloseTo(1.0, within(1e-12));
    assertThat(filled.column(0)[2]).isCloseTo(4.0, within(1e-12));
    assertThat(filled.column(0)[3]).isEqualTo(10);
  }

  @Test
  void linear_fill_takes_the_nearest_valid_value_at_both_edges() {
    SensorTable table = single("s", SIX_SECONDS, NaN, 2, NaN, 6, NaN, NaN);

    FillResult result = MissingValueFiller.fillCounting(table, FillPolicy.of(FillMethod.LINEAR));

    assertThat(result.table().column(0)).containsExactly(2, 2, 4, 6, 6, 6);
    assertThat(result.filledValues()).containsExactly(entry("s", 4));
  }

  @Test
  void linear_fill_bridges_several_gaps_in_one_column() {
    SensorTable table = single("s", SIX_SECONDS, 1, NaN, 3, NaN, NaN, 0);

    SensorTable filled = MissingValueFiller.fill(table, FillPolicy.of(FillMethod.LINEAR));

    assertThat(filled.column(0)).containsExactly(new double[] {1, 2, 3, 2, 1, 0}, within(1e-12));
  }

  @Test
  void zero_fill_writes_zero_into_every_gap_including_the_edges() {
    SensorTable table = single("s", SIX_SECONDS, NaN, 2, NaN, 6, NaN, NaN);

    FillResult result = MissingValueFiller.fillCounting(table, FillPolicy.of(FillMethod.ZERO));

    assertThat(result.table().column(0)).containsExactly(0, 2, 0, 6, 0, 0);
    assertThat(result.filledValues()).containsExactly(entry("s", 4));
  }

  @Test
  void fixed_fill_writes_the_fixed_value_into_every_gap() {
    SensorTable table = single("s", seconds(0, 1, 2), NaN, 1, NaN);

    SensorTable filled = MissingValueFiller.fill(table, FillPolicy.fixed(-1.5));

    assertThat(filled.column(0)).containsExactly(-1.5, 1, -1.5);
  }

  @ParameterizedTest
  @EnumSource(FillMethod.class)
  void an_all_missing_column_stays_missing_and_counts_no_fill(FillMethod method) {
    FillPolicy policy = method == FillMethod.FIXED ? FillPolicy.fixed(7) : FillPolicy.of(method);
    SensorTable table =
        SensorTable.of(
            seconds(0, 1, 2),
            List.of("dead", "alive"),
            new double[][] {{NaN, NaN, NaN}, {1, NaN, 3}});

    FillResult result = MissingValueFiller.fillCounting(table, policy);

    assertThat(result.table().column(0)).containsOnly(NaN);
    assertThat(result.table().column(1)).doesNotContain(NaN);
    assertThat(result.filledValues()).containsExactly(entry("dead", 0), entry("alive", 1));
    assertThat(result.totalFilled()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(FillMethod.class)
  void fill_leaves_the_input_table_untouched(FillMethod method) {
    FillPolicy policy = method == FillMethod.FIXED ? FillPolicy.fixed(7) : FillPolicy.of(method);
    SensorTable table = single("s", seconds(0, 1, 2), NaN, 1, NaN);

    SensorTable filled = MissingValueFiller.fill(table, policy);

    assertThat(table.column(0)).containsExactly(NaN, 1, NaN);
    assertThat(filled.column(0)).isNotSameAs(table.column(0));
    assertThat(filled.timestamps()).containsExactly(table.timestamps());
    assertThat(filled.sensorNames()).isEqualTo(table.sensorNames());
  }

  @Test
  void a_column_without_gaps_is_copied_unchanged_and_counts_no_fill() {
    SensorTable table = single("s", seconds(0, 1, 2), 4, 5, 6);

    FillResult result = MissingValueFiller.fillCounting(table, FillPolicy.of(FillMethod.LINEAR));

    assertThat(result.table().column(0)).containsExactly(4, 5, 6);
    assertThat(result.filledValues()).containsExactly(entry("s", 0));
  }

  @Test
  void an_empty_table_stays_empty() {
    SensorTable table = single("s", new long[0]);

    FillResult result = MissingValueFiller.fillCounting(table, FillPolicy.of(FillMethod.PREVIOUS));

    assertThat(result.table().rowCount()).isZero();
    assertThat(result.filledValues()).containsExactly(entry("s", 0));
  }

  @Test
  void fixed_policy_needs_a_finite_value() {
    assertThatThrownBy(() -> FillPolicy.fixed(Double.NaN))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("fill method FIXED needs a finite fixed value, got NaN");
    assertThatThrownBy(() -> FillPolicy.fixed(Double.POSITIVE_INFINITY))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("fill method FIXED needs a finite fixed value, got Infinity");
    assertThatThrownBy(() -> FillPolicy.of(FillMethod.FIXED))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("fill method FIXED needs a fixed value");
  }

  @Test
  void policy_needs_a_method() {
    assertThatThrownBy(() -> new FillPolicy(null, 0))
        .isInstanceOf(InvalidDataException.class)
        .hasMessage("fill method is missing; use one of [PREVIOUS, LINEAR, ZERO, FIXED]");
  }

  @Test
  void policies_other_than_fixed_ignore_the_fixed_value() {
    assertThat(new FillPolicy(FillMethod.LINEAR, 0)).isEqualTo(FillPolicy.of(FillMethod.LINEAR));
    assertThat(new FillPolicy(FillMethod.LINEAR, 0).fixedValue()).isNaN();
  }

  private static Map.Entry<String, Integer> entry(String name, int count) {
    return Map.entry(name, count);
  }
}
