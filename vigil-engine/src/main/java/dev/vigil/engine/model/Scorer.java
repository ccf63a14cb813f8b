package dev.vigil.engine.model;

import dev.vigil.engine.data.InvalidDataException;
import dev.vigil.engine.data.SensorTable;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores a stream of rows with one model, row by row, keeping the state a stream needs: the last
 * {@code window} standardised rows (the model's sliding window), the last valid value of each
 * sensor (a missing value repeats it), and the debounce state of the prediction.
 *
 * <p>Rows before the first one to be judged can be fed with {@link #warmUp} so that the window of
 * the first judged row holds real history; a scorer with less history than its window repeats its
 * oldest row.
 *
 * <p>Debounce: the prediction flips only when the last {@code debounce} judged rows all disagree
 * with it. The published score carries the same rule, so that {@code score > threshold} is exactly
 * {@code prediction == 1}: while the prediction is 0 the score is the smallest of the last {@code
 * debounce} raw scores, while it is 1 the largest.
 *
 * <p>Not thread-safe: one scorer per stream and thread.
 */
public final class Scorer {
  private final TrainedModel model;
  private final int[] usedSensors;
  private final RobustScaler scaler;
  private final PrincipalSubspace subspace;
  private final int window;
  private final int sensors;
  private final ResidualStatistic statistic;
  private final double[] perSensor;
  private final ScoreCalibration calibration;
  private final double thresholdRatio;
  private final double scoreThreshold;

  private final double[][] history;
  private int historyHead = -1;
  private int historySize;
  private final double[] lastValid;

  private final double[] recentRatios;
  private int judgedRows;
  private boolean anomalous;

  private final double[] vector;
  private final double[] residual;
  private final double[] projection;

  Scorer(TrainedModel model, Sensitivity sensitivity) {
    this.model = model;
    this.usedSensors = model.usedSensors();
    this.scaler = model.scaler();
    this.subspace = model.subspace();
    this.window = model.config().window();
    this.sensors = usedSensors.length;
    this.statistic = model.statistic();
    this.perSensor = new double[sensors];
    this.calibration = model.calibration();
    this.scoreThreshold = sensitivity.scoreThreshold();
    this.thresholdRatio = calibration.statisticOf(scoreThreshold);
    this.history = new double[window][sensors];
    this.lastValid = new double[sensors];
    this.recentRatios = new double[model.config().debounce()];
    this.vector = new double[window * sensors];
    this.residual = new double[window * sensors];
    this.projection = new double[subspace.components()];
  }

  /** Adds a row to the window without judging it. */
  public void warmUp(double[] values) {
    push(values);
  }

  /**
   * Adds rows {@code [fromRow, toRow)} of a table to the window without judging them; the table
   * must hold every sensor of the model (by name, in any order; other columns are ignored).
   */
  public void warmUp(SensorTable table, int fromRow, int toRow) {
    int[] columns = columnsOf(table);
    double[] values = new double[columns.length];
    for (int row = Math.max(0, fromRow); row < toRow; row++) {
      copyRow(table, columns, row, values);
      push(values);
    }
  }

  /**
   * Judges rows {@code [fromRow, toRow)} of a table, which must hold every sensor of the model (by
   * name, in any order; other columns are ignored).
   *
   * @param machineOff per row of the table, or null when no off-condition applies
   */
  public List<ScoredRow> score(SensorTable table, int fromRow, int toRow, boolean[] machineOff) {
    int[] columns = columnsOf(table);
    double[] values = new double[columns.length];
    List<ScoredRow> scored = new ArrayList<>(Math.max(0, toRow - fromRow));
    for (int row = fromRow; row < toRow; row++) {
      copyRow(table, columns, row, values);
      scored.add(score(table.timestamp(row), values, machineOff != null && machineOff[row]));
    }
    return scored;
  }

  private int[] columnsOf(SensorTable table) {
    List<String> names = model.sensorNames();
    int[] columns = new int[names.size()];
    List<String> missing = new ArrayList<>();
    for (int s = 0; s < columns.length; s++) {
      columns[s] = table.indexOf(names.get(s));
      if (columns[s] < 0) {
        missing.add(names.get(s));
      }
    }
    if (!missing.isEmpty()) {
      throw new InvalidDataException(
          "the data lacks "
              + (missing.size() == 1 ? "sensor " : "sensors ")
              + missing
              + " that the model reads; it has "
              + table.sensorNames());
    }
    return columns;
  }

  private static void copyRow(SensorTable table, int[] columns, int row, double[] values) {
    for (int s = 0; s < columns.length; s++) {
      values[s] = table.value(columns[s], row);
    }
  }

  /**
   * Judges one row.
   *
   * @param values one value per sensor of the model, in {@link TrainedModel#sensorNames()} order;
   *     NaN where missing
   * @param machineOff true when the off-condition holds: the row is reported as {@code MACHINE_OFF}
   *     and does not enter the window
   */
  public ScoredRow score(long timestampMillis, double[] values, boolean machineOff) {
    int total = model.sensorNames().size();
    if (values.length != total) {
      throw new InvalidDataException(
          "row at "
              + java.time.Instant.ofEpochMilli(timestampMillis)
              + " has "
              + values.length
              + " values; the model reads "
              + total
              + " sensors "
              + model.sensorNames());
    }
    if (machineOff) {
      return new ScoredRow(
          timestampMillis, 0, PredictionReason.MACHINE_OFF, 0, 0, new double[total]);
    }
    push(values);
    for (int lag = 0; lag < window; lag++) {
      int back = Math.min(lag, historySize - 1);
      int slot = Math.floorMod(historyHead - back, window);
      System.arraycopy(history[slot], 0, vector, lag * sensors, sensors);
    }
    subspace.spe(vector, residual, projection);
    double ratio = statistic.of(residual, sensors, window, perSensor);
    double debounced = debounce(ratio);

    double[] diagnostics = new double[total];
    double sum = 0;
    for (int s = 0; s < sensors; s++) {
      diagnostics[usedSensors[s]] = perSensor[s];
      sum += perSensor[s];
    }
    if (sum > 0) {
      for (int s = 0; s < total; s++) {
        diagnostics[s] /= sum;
      }
    } else {
      for (int s = 0; s < sensors; s++) {
        diagnostics[usedSensors[s]] = 1.0 / sensors;
      }
    }
    int prediction = anomalous ? 1 : 0;
    return new ScoredRow(
        timestampMillis,
        prediction,
        anomalous ? PredictionReason.ANOMALY_DETECTED : PredictionReason.NO_ANOMALY_DETECTED,
        anomalous
            ? Math.max(calibration.scoreOf(debounced), Math.nextUp(scoreThreshold))
            : Math.min(calibration.scoreOf(debounced), scoreThreshold),
        calibration.scoreOf(ratio),
        diagnostics);
  }

  /**
   * Applies the debounce to a new ratio, updates the prediction, and returns the ratio that stands
   * for the row: the extreme of the recent ratios that decides whether the prediction flips.
   */
  private double debounce(double ratio) {
    int capacity = recentRatios.length;
    recentRatios[judgedRows % capacity] = ratio;
    judgedRows++;
    int filled = Math.min(judgedRows, capacity);
    double extreme = recentRatios[0];
    for (int i = 1; i < filled; i++) {
      extreme = anomalous ? Math.max(extreme, recentRatios[i]) : Math.min(extreme, recentRatios[i]);
    }
    if (!anomalous && filled < capacity) {
      // Too few judged rows to flip: the row stands at most at the threshold.
      extreme = Math.min(extreme, thresholdRatio);
    }
    anomalous = extreme > thresholdRatio;
    return extreme;
  }

  private void push(double[] values) {
    historyHead = (historyHead + 1) % window;
    double[] slot = history[historyHead];
    for (int s = 0; s < sensors; s++) {
      double value = values[usedSensors[s]];
      if (Double.isFinite(value)) {
        lastValid[s] = scaler.standardize(s, value);
      }
      slot[s] = lastValid[s];
    }
    historySize = Math.min(historySize + 1, window);
  }

  @Override
  public String toString() {
    return "Scorer[judged=" + judgedRows + ", anomalous=" + anomalous + "]";
  }
}
