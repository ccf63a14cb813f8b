package dev.vigil.engine.evaluation;

import dev.vigil.engine.VigilException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Accumulates the NAB changepoint score, as SKAB computes it, over any number of files, for all
 * three {@link NabProfile}s at once.
 *
 * <p>Per file:
 *
 * <ul>
 *   <li>The predicted changepoints are the rows where the prediction changes ({@code |p[i] -
 *       p[i-1]| = 1}); the first row is one when its prediction is 1, because the detector then
 *       claims an anomaly began there.
 *   <li>Each true changepoint t opens the scoring window [t, t + window], <b>inclusive at both
 *       ends</b>: a detection exactly one window length late still counts, scoring A_fp (the
 *       formula's value at r = 1), not a false positive.
 *   <li>A window holding no predicted changepoint is a miss, worth A_fn. A window holding some
 *       earns {@link NabProfile#detectionScore} for the earliest of them only; later ones in the
 *       same window are neither rewarded nor counted as false positives.
 *   <li>A predicted changepoint outside every window is a false positive, worth A_fp.
 *   <li>Windows may overlap when true changepoints are closer than the window length. Each window
 *       holding a predicted changepoint counts it, as the protocol's text reads ("a window holding
 *       predicted changepoints earns ..."), so one detection in the overlap scores for both
 *       windows, each by its own position in it.
 * </ul>
 *
 * The raw scores S and the number of windows are summed over files; {@link #scores()} normalises
 * them as described in {@link NabScores}.
 *
 * <p>Not thread-safe: use one instance per thread, or synchronize externally.
 */
public final class NabScorer {
  /** SKAB's window length. */
  public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(60);

  private static final NabProfile[] PROFILES = NabProfile.values();

  private final long windowMillis;
  private final double[] rawScoreByProfile = new double[PROFILES.length];
  private long windows;
  private long detectedWindows;
  private long falsePositives;

  /** A scorer with SKAB's 60-second window. */
  public NabScorer() {
    this(DEFAULT_WINDOW);
  }

  /**
   * A scorer with another window length.
   *
   * @throws IllegalArgumentException if the window is shorter than one millisecond
   */
  public NabScorer(Duration window) {
    Objects.requireNonNull(window, "window");
    if (window.toMillis() < 1) {
      throw new IllegalArgumentException(
          "the NAB window must be at least 1 ms long, got " + window);
    }
    this.windowMillis = window.toMillis();
  }

  /** The window length in milliseconds. */
  public long windowMillis() {
    return windowMillis;
  }

  /**
   * The timestamps of the rows whose {@code changepoint} label is 1: SKAB's true changepoints.
   *
   * @throws dev.vigil.engine.VigilException if the arrays differ in length or the labels hold
   *     anything but 0 and 1
   */
  public static long[] changepointTimes(long[] timestampsMillis, int[] changepointLabels) {
    Objects.requireNonNull(timestampsMillis, "timestampsMillis");
    Objects.requireNonNull(changepointLabels, "changepointLabels");
    EvaluationInputs.requireSameLength(
        "timestampsMillis", timestampsMillis.length, "changepointLabels", changepointLabels.length);
    EvaluationInputs.requireBinary("changepointLabels", changepointLabels);
    return IntStream.range(0, changepointLabels.length)
        .filter(i -> changepointLabels[i] == 1)
        .mapToLong(i -> timestampsMillis[i])
        .toArray();
  }

  /**
   * Scores one file.
   *
   * @param timestampsMillis the time of each scored row, epoch milliseconds, strictly increasing
   * @param trueChangepointsMillis the true changepoints, epoch milliseconds, in any order, no
   *     duplicates; they need not coincide with a row
   * @param predictions the predicted anomaly label of each row, 0 or 1
   * @throws dev.vigil.engine.VigilException if the row arrays differ in length, the timestamps do
   *     not strictly increase, a changepoint repeats or a prediction is not 0 or 1; the scorer is
   *     then unchanged
   */
  public void add(long[] timestampsMillis, long[] trueChangepointsMillis, int[] predictions) {
    Objects.requireNonNull(trueChangepointsMillis, "trueChangepointsMillis");
    Objects.requireNonNull(predictions, "predictions");
    EvaluationInputs.requireStrictlyIncreasing("timestampsMillis", timestampsMillis);
    EvaluationInputs.requireSameLength(
        "timestampsMillis", timestampsMillis.length, "predictions", predictions.length);
    EvaluationInputs.requireBinary("predictions", predictions);
    long[] windowStarts = trueChangepointsMillis.clone();
    Arrays.sort(windowStarts);
    for (int k = 1; k < windowStarts.length; k++) {
      if (windowStarts[k] == windowStarts[k - 1]) {
        throw new VigilException(
            "true changepoint "
                + Instant.ofEpochMilli(windowStarts[k])
                + " is given twice; each changepoint opens one window");
      }
    }

    // Rows are in time order, so the first detection recorded for a window is its earliest.
    long[] firstDetection = new long[windowStarts.length];
    boolean[] detected = new boolean[windowStarts.length];
    long fileFalsePositives = 0;
    for (int i = 0; i < predictions.length; i++) {
      // Before the first row the detector is taken to say "normal", so a first row of 1 opens an
      // alarm and counts as a changepoint.
      int previous = i == 0 ? 0 : predictions[i - 1];
      if (predictions[i] == previous) {
        continue;
      }
      // Every window that holds the changepoint counts it, as the protocol reads: windows of
      // changepoints less than a window apart overlap, and one detection serves both.
      long time = timestampsMillis[i];
      int window = firstWindowContaining(windowStarts, time);
      if (window < 0) {
        fileFalsePositives++;
      }
      for (;
          window >= 0 && window < windowStarts.length && windowStarts[window] <= time;
          window++) {
        if (!detected[window]) {
          detected[window] = true;
          firstDetection[window] = time;
        }
      }
    }

    for (NabProfile profile : PROFILES) {
      double raw = fileFalsePositives * profile.falsePositiveWeight();
      for (int k = 0; k < windowStarts.length; k++) {
        raw +=
            detected[k]
                ? profile.detectionScore(
                    (double) (firstDetection[k] - windowStarts[k]) / windowMillis)
                : profile.falseNegativeWeight();
      }
      rawScoreByProfile[profile.ordinal()] += raw;
    }
    windows += windowStarts.length;
    for (boolean hit : detected) {
      if (hit) {
        detectedWindows++;
      }
    }
    falsePositives += fileFalsePositives;
  }

  /**
   * The index of the earliest-starting window [start, start + window] holding {@code time}, or -1;
   * the windows after it that also hold it follow it in {@code sortedStarts}. All windows have the
   * same length, so that is the first window starting at or after {@code time - window}, provided
   * it starts no later than {@code time}.
   */
  private int firstWindowContaining(long[] sortedStarts, long time) {
    int found = Arrays.binarySearch(sortedStarts, time - windowMillis);
    int first = found >= 0 ? found : -found - 1;
    return first < sortedStarts.length && sortedStarts[first] <= time ? first : -1;
  }

  /** The raw, unnormalised score S summed over the files added so far. */
  public double rawScore(NabProfile profile) {
    return rawScoreByProfile[profile.ordinal()];
  }

  /** The normalised scores of everything added so far; {@code NaN} while there is no window. */
  public NabScores scores() {
    return new NabScores(
        normalised(NabProfile.STANDARD),
        normalised(NabProfile.LOW_FP),
        normalised(NabProfile.LOW_FN),
        windows,
        detectedWindows,
        falsePositives);
  }

  private double normalised(NabProfile profile) {
    if (windows == 0) {
      return Double.NaN;
    }
    double nullScore = windows * profile.falseNegativeWeight();
    double perfectScore = windows * profile.truePositiveWeight();
    return 100 * (rawScore(profile) - nullScore) / (perfectScore - nullScore);
  }
}
