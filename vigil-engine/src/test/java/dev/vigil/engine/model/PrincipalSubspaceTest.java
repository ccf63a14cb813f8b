package dev.vigil.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class PrincipalSubspaceTest {
  /** Points on the line y = 2x plus a little noise across it. */
  private static PrincipalSubspace lineSubspace() {
    Random random = new Random(1);
    double[][] points = new double[2000][];
    for (int i = 0; i < points.length; i++) {
      double x = random.nextGaussian();
      double across = 0.01 * random.nextGaussian();
      points[i] = new double[] {x - 2 * across, 2 * x + across};
    }
    return PrincipalSubspace.fit(
        new PrincipalSubspace.VectorSource() {
          @Override
          public int count() {
            return points.length;
          }

          @Override
          public void vector(int index, double[] out) {
            System.arraycopy(points[index], 0, out, 0, 2);
          }
        },
        2,
        0.9);
  }

  @Test
  void the_kept_direction_is_the_line_the_data_lies_on() {
    PrincipalSubspace subspace = lineSubspace();
    assertThat(subspace.components()).isEqualTo(1);
    double[] loading = {subspace.loadings()[0], subspace.loadings()[1]};
    // The unit vector along (1, 2), up to sign; the noise is 1% of the spread: tolerance 1e-3.
    double sign = Math.signum(loading[0]);
    assertThat(sign * loading[0]).isCloseTo(1 / Math.sqrt(5), within(1e-3));
    assertThat(sign * loading[1]).isCloseTo(2 / Math.sqrt(5), within(1e-3));
    assertThat(subspace.explainedVariance()).isGreaterThan(0.999);
  }

  @Test
  void spe_is_the_squared_distance_from_the_line() {
    PrincipalSubspace subspace = lineSubspace();
    double[] residual = new double[2];
    double[] projection = new double[1];
    // On the line (through the mean, which is about 0): no residual.
    assertThat(subspace.spe(new double[] {1, 2}, residual, projection)).isCloseTo(0, within(1e-4));
    // Half a unit off the line, along the unit vector across it, (-2, 1) / sqrt(5): SPE 0.25.
    // The fitted line is tilted by the noise, about 1e-3 rad over 2000 points, and the point lies
    // about 2.2 units along it: the distance moves by a few 1e-3 at most.
    double across = 0.5 / Math.sqrt(5);
    double spe = subspace.spe(new double[] {1 - 2 * across, 2 + across}, residual, projection);
    assertThat(spe).isCloseTo(0.25, within(5e-3));
  }

  @Test
  void lagged_vectors_repeat_the_first_row_before_the_start() {
    double[][] rows = {{1, 10}, {2, 20}, {3, 30}};
    double[] out = new double[6];
    LaggedFeatures.vector(rows, 1, 0, 3, out);
    assertThat(out).containsExactly(2, 20, 1, 10, 1, 10);
    LaggedFeatures.vector(rows, 2, 0, 3, out);
    assertThat(out).containsExactly(3, 30, 2, 20, 1, 10);
  }
}
