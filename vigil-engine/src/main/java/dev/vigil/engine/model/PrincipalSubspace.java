package dev.vigil.engine.model;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The principal subspace of a set of vectors: their mean, and the leading eigenvectors of their
 * covariance that together keep a given fraction of the variance. A vector's squared prediction
 * error (SPE, or Q statistic) is the squared length of what the subspace cannot explain.
 *
 * <p>Immutable and thread-safe; {@link #spe} takes caller-owned scratch buffers so that scoring
 * allocates nothing. The arrays it is built from are taken over: callers must not change them.
 */
final class PrincipalSubspace {
  private final double[] mean;
  private final double[] loadings;
  private final double[] eigenvalues;
  private final double totalVariance;

  /** The loadings transposed, {@code [dimension][component]}: the layout scoring reads. */
  private final double[] loadingsByDimension;

  /**
   * @param mean the mean vector, length {@code dimension}
   * @param loadings the kept eigenvectors, row-major {@code [component][dimension]}, orthonormal
   * @param eigenvalues the variance along each kept eigenvector, descending
   * @param totalVariance the trace of the covariance
   */
  PrincipalSubspace(double[] mean, double[] loadings, double[] eigenvalues, double totalVariance) {
    if (eigenvalues.length == 0 || loadings.length != eigenvalues.length * mean.length) {
      throw new IllegalArgumentException(
          loadings.length
              + " loadings for "
              + eigenvalues.length
              + " components of dimension "
              + mean.length);
    }
    this.mean = mean;
    this.loadings = loadings;
    this.eigenvalues = eigenvalues;
    this.totalVariance = totalVariance;
    int dimension = mean.length;
    int components = eigenvalues.length;
    this.loadingsByDimension = new double[loadings.length];
    for (int c = 0; c < components; c++) {
      for (int j = 0; j < dimension; j++) {
        loadingsByDimension[j * components + c] = loadings[c * dimension + j];
      }
    }
  }

  double[] mean() {
    return mean;
  }

  double[] loadings() {
    return loadings;
  }

  double[] eigenvalues() {
    return eigenvalues;
  }

  double totalVariance() {
    return totalVariance;
  }

  /**
   * From this many components on, the projection runs over the transposed loadings; below it, the
   * inner loop over components would be too short to pay (measured with ScoringBenchmark).
   */
  private static final int COLUMN_FORM_MIN_COMPONENTS = 16;

  /** Vectors are accumulated into the covariance in blocks of this many rows. */
  private static final int BLOCK_ROWS = 2048;

  int dimension() {
    return mean.length;
  }

  int components() {
    return eigenvalues.length;
  }

  /** Source of training vectors, so that the full lagged matrix is never held in memory. */
  interface VectorSource {
    int count();

    void vector(int index, double[] out);
  }

  /**
   * Fits the subspace keeping the fewest components whose eigenvalues sum to at least {@code
   * varianceRetained} of the total, and always at least one and at most {@code dimension - 1}.
   */
  static PrincipalSubspace fit(VectorSource source, int dimension, double varianceRetained) {
    int count = source.count();
    if (count < 2) {
      throw new IllegalArgumentException("need at least 2 vectors, got " + count);
    }
    double[] mean = new double[dimension];
    double[] vector = new double[dimension];
    for (int i = 0; i < count; i++) {
      source.vector(i, vector);
      for (int j = 0; j < dimension; j++) {
        mean[j] += vector[j];
      }
    }
    for (int j = 0; j < dimension; j++) {
      mean[j] /= count;
    }

    DMatrixRMaj covariance = new DMatrixRMaj(dimension, dimension);
    DMatrixRMaj block = new DMatrixRMaj(Math.min(BLOCK_ROWS, count), dimension);
    DMatrixRMaj product = new DMatrixRMaj(dimension, dimension);
    for (int start = 0; start < count; start += BLOCK_ROWS) {
      int rows = Math.min(BLOCK_ROWS, count - start);
      block.reshape(rows, dimension);
      for (int r = 0; r < rows; r++) {
        source.vector(start + r, vector);
        int offset = r * dimension;
        for (int j = 0; j < dimension; j++) {
          block.data[offset + j] = vector[j] - mean[j];
        }
      }
      CommonOps_DDRM.multTransA(block, block, product);
      CommonOps_DDRM.addEquals(covariance, product);
    }
    CommonOps_DDRM.scale(1.0 / (count - 1), covariance);

    EigenDecomposition_F64<DMatrixRMaj> eigen =
        DecompositionFactory_DDRM.eig(dimension, true, true);
    if (!eigen.decompose(covariance)) {
      throw new IllegalStateException("eigen-decomposition of the covariance did not converge");
    }
    Integer[] order = new Integer[dimension];
    double[] values = new double[dimension];
    double total = 0;
    for (int i = 0; i < dimension; i++) {
      order[i] = i;
      values[i] = Math.max(0, eigen.getEigenvalue(i).getReal());
      total += values[i];
    }
    Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));

    int kept = 0;
    double cumulative = 0;
    while (kept < dimension - 1 && (kept == 0 || cumulative < varianceRetained * total)) {
      cumulative += values[order[kept]];
      kept++;
    }
    double[] loadings = new double[kept * dimension];
    double[] keptValues = new double[kept];
    for (int c = 0; c < kept; c++) {
      DMatrixRMaj eigenvector = eigen.getEigenVector(order[c]);
      double norm = 0;
      for (int j = 0; j < dimension; j++) {
        norm += eigenvector.data[j] * eigenvector.data[j];
      }
      norm = Math.sqrt(norm);
      for (int j = 0; j < dimension; j++) {
        loadings[c * dimension + j] = eigenvector.data[j] / norm;
      }
      keptValues[c] = values[order[c]];
    }
    return new PrincipalSubspace(mean, loadings, keptValues, total);
  }

  /**
   * Computes the residual of {@code vector} (written into {@code residual}) and returns its squared
   * length, the SPE.
   *
   * @param projection scratch of length {@link #components()}
   */
  double spe(double[] vector, double[] residual, double[] projection) {
    int dimension = mean.length;
    int components = eigenvalues.length;
    for (int j = 0; j < dimension; j++) {
      residual[j] = vector[j] - mean[j];
    }
    if (components < COLUMN_FORM_MIN_COMPONENTS) {
      for (int c = 0; c < components; c++) {
        double dot = 0;
        int offset = c * dimension;
        for (int j = 0; j < dimension; j++) {
          dot += loadings[offset + j] * residual[j];
        }
        projection[c] = dot;
      }
    } else {
      // Many components: accumulate scaled columns rather than dot products. The JIT vectorises
      // this form (a dot product is a reduction it must keep in order).
      java.util.Arrays.fill(projection, 0, components, 0);
      for (int j = 0; j < dimension; j++) {
        double value = residual[j];
        int offset = j * components;
        for (int c = 0; c < components; c++) {
          projection[c] += value * loadingsByDimension[offset + c];
        }
      }
    }
    for (int c = 0; c < components; c++) {
      double weight = projection[c];
      int offset = c * dimension;
      for (int j = 0; j < dimension; j++) {
        residual[j] -= weight * loadings[offset + j];
      }
    }
    double spe = 0;
    for (int j = 0; j < dimension; j++) {
      spe += residual[j] * residual[j];
    }
    return spe;
  }

  /** The fraction of the training variance the kept components explain. */
  double explainedVariance() {
    double kept = 0;
    for (double value : eigenvalues) {
      kept += value;
    }
    return totalVariance > 0 ? kept / totalVariance : 1;
  }
}
