package dev.vigil.engine.synthetic;

/** Plain statistics for the tests, precise enough for any test data. Stateless, thread-safe. */
final class Stats {
  private Stats() {}

  static double mean(double[] values, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += values[i];
    }
    return sum / (to - from);
  }

  static double std(double[] values, int from, int to) {
    double mean = mean(values, from, to);
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += (values[i] - mean) * (values[i] - mean);
    }
    return Math.sqrt(sum / (to - from));
  }

  static double pearson(double[] x, double[] y) {
    double meanX = mean(x, 0, x.length);
    double meanY = mean(y, 0, y.length);
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - meanX) * (y[i] - meanY);
      sxx += (x[i] - meanX) * (x[i] - meanX);
      syy += (y[i] - meanY) * (y[i] - meanY);
    }
    return sxy / Math.sqrt(sxx * syy);
  }

  /**
   * Residuals {@code y - prediction} on every row of a least-squares fit of {@code y} on an
   * intercept and the predictors, fitted on rows {@code [fitFrom, fitTo)} only.
   */
  static double[] residuals(double[] y, double[][] predictors, int fitFrom, int fitTo) {
    int n = predictors.length + 1;
    double[][] normal = new double[n][n + 1];
    double[] row = new double[n];
    for (int r = fitFrom; r < fitTo; r++) {
      design(predictors, r, row);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          normal[i][j] += row[i] * row[j];
        }
        normal[i][n] += row[i] * y[r];
      }
    }
    double[] coefficients = solve(normal);
    double[] residuals = new double[y.length];
    for (int r = 0; r < y.length; r++) {
      design(predictors, r, row);
      double prediction = 0;
      for (int i = 0; i < n; i++) {
        prediction += coefficients[i] * row[i];
      }
      residuals[r] = y[r] - prediction;
    }
    return residuals;
  }

  private static void design(double[][] predictors, int r, double[] row) {
    row[0] = 1;
    for (int i = 0; i < predictors.length; i++) {
      row[i + 1] = predictors[i][r];
    }
  }

  /** Gaussian elimination with partial pivoting on an augmented n x (n + 1) matrix. */
  private static double[] solve(double[][] augmented) {
    int n = augmented.length;
    for (int column = 0; column < n; column++) {
      int pivot = column;
      for (int r = column + 1; r < n; r++) {
        if (Math.abs(augmented[r][column]) > Math.abs(augmented[pivot][column])) {
          pivot = r;
        }
      }
      double[] swap = augmented[column];
      augmented[column] = augmented[pivot];
      augmented[pivot] = swap;
      for (int r = column + 1; r < n; r++) {
        double factor = augmented[r][column] / augmented[column][column];
        for (int c = column; c <= n; c++) {
          augmented[r][c] -= factor * augmented[column][c];
        }
      }
    }
    double[] solution = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double sum = augmented[r][n];
      for (int c = r + 1; c < n; c++) {
        sum -= augmented[r][c] * solution[c];
      }
      solution[r] = sum / augmented[r][r];
    }
    return solution;
  }

  static double rootMeanSquare(double[] values, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += values[i] * values[i];
    }
    return Math.sqrt(sum / (to - from));
  }
}
