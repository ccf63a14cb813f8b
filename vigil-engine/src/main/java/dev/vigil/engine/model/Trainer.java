package dev.vigil.engine.model;

import dev.vigil.engine.data.InvalidDataException;
import dev.vigil.engine.data.SensorTable;
import dev.vigil.engine.preprocess.PreprocessedTable;
import dev.vigil.engine.preprocess.Preprocessing;
import dev.vigil.engine.preprocess.Preprocessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Trains a {@link TrainedModel} on history that is mostly normal.
 *
 * <p>The method, in short (details in {@code docs/detection.md}): standardise each sensor; stack
 * each row with the {@code window - 1} rows before it into one lagged vector; find the principal
 * subspace that keeps most of the variance of these vectors; score a vector by the squared length
 * of what the subspace cannot explain (SPE), divided by its in-sample high quantile. The threshold
 * is set honestly, on data the model has not seen: a first model is fitted on the leading part of
 * the history and scores the trailing part; a high quantile of those scores is the threshold. The
 * final model is then refitted on all the history.
 *
 * <p>Stateless and thread-safe.
 */
public final class Trainer {
  /** Fewer held-back vectors than this cannot place a high quantile with any confidence. */
  static final int MIN_HOLDOUT_VECTORS = 20;

  private Trainer() {}

  /**
   * Preprocesses raw history (resampling, missing-value filling, off-condition) and trains on it;
   * the model keeps the preprocessing so that scoring applies the same.
   *
   * @throws InvalidDataException when the data cannot train a model, naming why
   */
  public static TrainedModel train(
      SensorTable raw, Preprocessing preprocessing, DetectorConfig config) {
    PreprocessedTable prepared = new Preprocessor(preprocessing).apply(raw);
    return train(prepared.table(), prepared.machineOff(), config, preprocessing);
  }

  /**
   * Trains on every row of {@code table} as it is, with no preprocessing but the repetition of the
   * last valid value for a missing one.
   *
   * @param machineOff rows where the equipment is off (never trained on); null when no
   *     off-condition applies
   * @throws InvalidDataException when the data cannot train a model, naming why
   */
  public static TrainedModel trainPrepared(
      SensorTable table, boolean[] machineOff, DetectorConfig config) {
    return train(table, machineOff, config, Preprocessing.defaults());
  }

  /** Trains on raw history with the default preprocessing (see {@link Preprocessing#defaults}). */
  public static TrainedModel train(SensorTable raw, DetectorConfig config) {
    return train(raw, Preprocessing.defaults(), config);
  }

  private static TrainedModel train(
      SensorTable table, boolean[] machineOff, DetectorConfig config, Preprocessing preprocessing) {
    int rows = table.rowCount();
    boolean[] on = new boolean[rows];
    int onRows = 0;
    for (int row = 0; row < rows; row++) {
      on[row] = machineOff == null || !machineOff[row];
      if (on[row]) {
        onRows++;
      }
    }
    if (machineOff != null && machineOff.length != rows) {
      throw new IllegalArgumentException(
          machineOff.length + " machine-off flags for " + rows + " rows");
    }
    if (onRows < config.minimumTrainingRows()) {
      throw new InvalidDataException(
          "training data has "
              + rows
              + " rows"
              + (onRows < rows ? " (" + onRows + " with the machine on)" : "")
              + "; the model needs at least "
              + config.minimumTrainingRows()
              + " for its window of "
              + config.window()
              + " rows and its calibration");
    }
    SensorScreening.Result screening = SensorScreening.screen(table, on);
    if (screening.kept().isEmpty()) {
      throw new InvalidDataException(
          "no sensor can be trained on: "
              + screening.excluded().stream()
                  .map(e -> e.name() + " (" + e.reason() + ")")
                  .collect(Collectors.joining(", ")));
    }
    int[] used = screening.kept().stream().mapToInt(table::indexOf).toArray();

    int splitRow = rows - (int) Math.round(config.holdoutFraction() * rows);
    Fit first = Fit.of(table, on, used, 0, splitRow, config);
    double[] holdoutRatios = first.holdoutStatistics(splitRow, rows);
    if (holdoutRatios.length < MIN_HOLDOUT_VECTORS) {
      throw new InvalidDataException(
          "training data leaves "
              + holdoutRatios.length
              + " rows with the machine on and a full window in its last "
              + Math.round(100 * config.holdoutFraction())
              + "% to calibrate the threshold, fewer than "
              + MIN_HOLDOUT_VECTORS
              + "; give more history");
    }
    double threshold =
        Math.max(
            RobustScaler.quantile(holdoutRatios, config.thresholdQuantile()), Double.MIN_NORMAL);
    double median = RobustScaler.quantile(holdoutRatios, 0.5);
    ScoreCalibration calibration = ScoreCalibration.anchored(threshold, median);

    Fit last = Fit.of(table, on, used, 0, rows, config);
    TrainingSummary summary =
        summarise(table, onRows, last, screening, holdoutRatios, calibration, threshold);
    return new TrainedModel(
        table.sensorNames(),
        used,
        last.scaler,
        last.subspace,
        last.statistic,
        calibration,
        config,
        summary,
        preprocessing);
  }

  private static TrainingSummary summarise(
      SensorTable table,
      int onRows,
      Fit fit,
      SensorScreening.Result screening,
      double[] holdoutRatios,
      ScoreCalibration calibration,
      double threshold) {
    // The score is a monotone map of the ratio: take quantiles of ratios, then map them.
    double[] sorted = holdoutRatios.clone();
    Arrays.sort(sorted);
    long flagged = Arrays.stream(holdoutRatios).filter(r -> r > threshold).count();
    return new TrainingSummary(
        table.rowCount(),
        table.rowCount() - onRows,
        fit.vectorRows.length,
        screening.kept().size(),
        new ArrayList<>(screening.excluded()),
        fit.subspace.components(),
        fit.subspace.explainedVariance(),
        holdoutRatios.length,
        calibration.scoreOf(RobustScaler.quantileOfSorted(sorted, 0.5)),
        calibration.scoreOf(RobustScaler.quantileOfSorted(sorted, 0.9)),
        calibration.scoreOf(RobustScaler.quantileOfSorted(sorted, 0.99)),
        calibration.scoreOf(sorted[sorted.length - 1]),
        (double) flagged / holdoutRatios.length,
        threshold);
  }

  /** One model fitted on rows {@code [from, to)}, able to score rows after them. */
  private static final class Fit {
    final RobustScaler scaler;
    final double[][] standardized;
    final int[] vectorRows;
    final PrincipalSubspace subspace;
    final ResidualStatistic statistic;
    final boolean[] on;
    final int window;

    private Fit(
        RobustScaler scaler,
        double[][] standardized,
        int[] vectorRows,
        PrincipalSubspace subspace,
        ResidualStatistic statistic,
        boolean[] on,
        int window) {
      this.scaler = scaler;
      this.standardized = standardized;
      this.vectorRows = vectorRows;
      this.subspace = subspace;
      this.statistic = statistic;
      this.on = on;
      this.window = window;
    }

    static Fit of(
        SensorTable table, boolean[] on, int[] used, int from, int to, DetectorConfig config) {
      int sensors = used.length;
      double[] center = new double[sensors];
      double[] scale = new double[sensors];
      for (int s = 0; s < sensors; s++) {
        double[] column = table.column(used[s]);
        double[] onValues = new double[to - from];
        int count = 0;
        for (int row = from; row < to; row++) {
          if (on[row]) {
            onValues[count++] = column[row];
          }
        }
        double[] moments = RobustScaler.fitOne(Arrays.copyOf(onValues, count));
        center[s] = moments[0];
        // A sensor that varies over all the history may be flat over the leading part: give it
        // the smallest scale that keeps it finite rather than dropping it from one fit only.
        scale[s] = moments[1] > 0 ? moments[1] : Math.max(1e-12, Math.abs(moments[0]) * 1e-9);
      }
      RobustScaler scaler = new RobustScaler(center, scale);
      double[][] standardized = standardize(table, on, used, scaler);
      int window = config.window();
      int[] vectorRows = vectorRows(on, from, to, window);
      if (vectorRows.length < 2) {
        throw new InvalidDataException(
            "training data has too few runs of "
                + window
                + " consecutive rows with the machine on to fit the model");
      }
      int[] sampled = evenSample(vectorRows, config.maxCovarianceRows());
      int dimension = sensors * window;
      PrincipalSubspace subspace =
          PrincipalSubspace.fit(
              new PrincipalSubspace.VectorSource() {
                @Override
                public int count() {
                  return sampled.length;
                }

                @Override
                public void vector(int index, double[] out) {
                  LaggedFeatures.vector(standardized, sampled[index], 0, window, out);
                }
              },
              dimension,
              config.varianceRetained());
      ResidualStatistic statistic =
          limits(
              standardized,
              sampled,
              subspace,
              window,
              config.limitQuantile(),
              config.perSensorStatistic());
      return new Fit(scaler, standardized, vectorRows, subspace, statistic, on, window);
    }

    /** Scores the on rows of {@code [from, to)} whose window reaches back over on rows only. */
    double[] holdoutStatistics(int from, int to) {
      int[] rows = vectorRows(on, from, to, window);
      int sensors = standardized.length == 0 ? 0 : standardized[0].length;
      double[] vector = new double[subspace.dimension()];
      double[] residual = new double[subspace.dimension()];
      double[] projection = new double[subspace.components()];
      double[] perSensor = new double[sensors];
      double[] values = new double[rows.length];
      for (int i = 0; i < rows.length; i++) {
        LaggedFeatures.vector(standardized, rows[i], 0, window, vector);
        subspace.spe(vector, residual, projection);
        values[i] = statistic.of(residual, sensors, window, perSensor);
      }
      return values;
    }
  }

  /** In-sample high quantiles of the SPE and, when asked, of each sensor's share of it. */
  private static ResidualStatistic limits(
      double[][] standardized,
      int[] rows,
      PrincipalSubspace subspace,
      int window,
      double quantile,
      boolean perSensor) {
    int sensors = standardized[0].length;
    double[] vector = new double[subspace.dimension()];
    double[] residual = new double[subspace.dimension()];
    double[] projection = new double[subspace.components()];
    double[] squares = new double[sensors];
    double[] totals = new double[rows.length];
    double[][] bySensor = new double[perSensor ? sensors : 0][rows.length];
    for (int i = 0; i < rows.length; i++) {
      LaggedFeatures.vector(standardized, rows[i], 0, window, vector);
      subspace.spe(vector, residual, projection);
      totals[i] = ResidualStatistic.sensorSquares(residual, sensors, window, squares);
      for (int s = 0; s < bySensor.length; s++) {
        bySensor[s][i] = squares[s];
      }
    }
    // A residual that is zero in-sample (a sensor the subspace explains exactly) gets a tiny
    // positive limit, so that any departure from that exactness counts.
    double floor = Math.max(1e-12 * subspace.totalVariance(), Double.MIN_NORMAL);
    double totalLimit = Math.max(floor, RobustScaler.quantile(totals, quantile));
    double[] sensorLimits = new double[bySensor.length];
    for (int s = 0; s < bySensor.length; s++) {
      sensorLimits[s] = Math.max(floor, RobustScaler.quantile(bySensor[s], quantile));
    }
    return new ResidualStatistic(totalLimit, sensorLimits);
  }

  private static double[][] standardize(
      SensorTable table, boolean[] on, int[] used, RobustScaler scaler) {
    int rows = table.rowCount();
    int sensors = used.length;
    double[][] standardized = new double[rows][sensors];
    double[] last = new double[sensors];
    for (int row = 0; row < rows; row++) {
      double[] target = standardized[row];
      for (int s = 0; s < sensors; s++) {
        double value = table.value(used[s], row);
        if (Double.isFinite(value) && on[row]) {
          last[s] = scaler.standardize(s, value);
        }
        target[s] = last[s];
      }
    }
    return standardized;
  }

  /** Rows in {@code [from, to)} whose whole window (from the start of the data) is on. */
  private static int[] vectorRows(boolean[] on, int from, int to, int window) {
    int[] rows = new int[Math.max(0, to - from)];
    int count = 0;
    int consecutiveOn = 0;
    for (int row = 0; row < to; row++) {
      consecutiveOn = on[row] ? consecutiveOn + 1 : 0;
      if (row >= from && consecutiveOn >= window) {
        rows[count++] = row;
      }
    }
    return Arrays.copyOf(rows, count);
  }

  /** At most {@code max} of the rows, spread evenly over them. */
  private static int[] evenSample(int[] rows, int max) {
    if (rows.length <= max) {
      return rows;
    }
    int[] sampled = new int[max];
    for (int i = 0; i < max; i++) {
      sampled[i] = rows[(int) ((long) i * rows.length / max)];
    }
    return sampled;
  }
}
