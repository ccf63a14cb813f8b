package dev.vigil.engine.evaluation;

/**
 * Normalised NAB scores of all three {@link NabProfile}s, with the counts behind them.
 *
 * <p>Each score is {@code 100 * (S - S_null) / (S_perfect - S_null)}, where S is the raw score
 * summed over files, {@code S_null = windows * A_fn} (a detector that never fires) and {@code
 * S_perfect = windows * A_tp} (one detection at the start of every window, nothing else). So 0
 * means "no better than silence", 100 means perfect, and many false positives push it below 0.
 * Without any window the scores are {@code NaN}: there is nothing to detect.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param standard score under {@link NabProfile#STANDARD}
 * @param lowFp score under {@link NabProfile#LOW_FP}
 * @param lowFn score under {@link NabProfile#LOW_FN}
 * @param windows number of scoring windows, one per true changepoint
 * @param detectedWindows windows holding at least one predicted changepoint
 * @param falsePositives predicted changepoints outside every window
 */
public record NabScores(
    double standard,
    double lowFp,
    double lowFn,
    long windows,
    long detectedWindows,
    long falsePositives) {

  /** The score under {@code profile}. */
  public double score(NabProfile profile) {
    return switch (profile) {
      case STANDARD -> standard;
      case LOW_FP -> lowFp;
      case LOW_FN -> lowFn;
    };
  }
}
