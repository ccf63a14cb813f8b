package dev.vigil.cli;

/**
 * The published SKAB leaderboard ("proposed leaderboard", SKAB v0.9 README), printed beside Vigil's
 * own figures. These are quoted figures, not measured here.
 */
final class Leaderboard {
  private Leaderboard() {}

  /** Algorithm, F1, FAR %, MAR %. */
  static final String[][] OUTLIER_ROWS = {
    {"Conv-AE", "0.78", "13.55", "28.02"},
    {"MSET", "0.78", "39.73", "14.13"},
    {"T-squared + Q (PCA)", "0.76", "26.62", "24.92"},
    {"LSTM-AE", "0.74", "29.96", "25.92"},
    {"T-squared", "0.66", "19.21", "42.60"},
    {"LSTM-VAE", "0.56", "9.13", "55.03"},
    {"Vanilla LSTM", "0.54", "12.54", "59.53"},
    {"Vanilla AE", "0.39", "2.59", "75.15"},
    {"MSCRED", "0.36", "49.94", "69.88"},
    {"Isolation forest", "0.29", "2.56", "82.89"},
  };

  /** Algorithm, NAB Standard, LowFP, LowFN. */
  static final String[][] CHANGEPOINT_ROWS = {
    {"MSCRED", "32.42", "16.53", "40.28"},
    {"Isolation forest", "26.16", "19.50", "30.82"},
    {"T-squared + Q (PCA)", "25.35", "14.51", "31.33"},
    {"Conv-AE", "23.61", "21.54", "27.55"},
    {"LSTM-AE", "23.51", "20.11", "25.91"},
    {"MSET", "13.84", "10.22", "17.37"},
  };
}
