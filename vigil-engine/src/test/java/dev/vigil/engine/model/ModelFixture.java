package dev.vigil.engine.model;

import dev.vigil.engine.data.SensorTable;
import dev.vigil.engine.preprocess.FillPolicy;
import dev.vigil.engine.preprocess.OffCondition;
import dev.vigil.engine.preprocess.Preprocessing;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The saved model of each released format version, with the rows it scores and the scores it gave
 * when it was saved. {@link #main} wrote the version-1 files once; they are never regenerated, so
 * that a change which breaks reading an old model fails {@link ModelFormatTest}.
 */
final class ModelFixture {
  static final String DIRECTORY = "src/test/resources/dev/vigil/engine/model/";

  /** The preprocessing of the saved models: every field set, so that each is read back. */
  static final Preprocessing PREPROCESSING =
      new Preprocessing(
          Duration.ofSeconds(1), FillPolicy.fixed(2.5), OffCondition.parse("pump\\flow < 22"));

  private ModelFixture() {}

  /** Writes the fixture of the current format version into {@link #DIRECTORY}. */
  public static void main(String[] args) throws IOException {
    int version = ModelFormat.CURRENT_VERSION;
    SensorTable series = TestSeries.normal(1200, 99);
    TrainedModel model = Trainer.train(series.rows(0, 800), PREPROCESSING, DetectorConfig.DEFAULTS);
    Path dir = Path.of(DIRECTORY);
    Files.createDirectories(dir);
    try (OutputStream out = Files.newOutputStream(dir.resolve("model-v" + version + ".bin"))) {
      ModelFormat.write(model, out);
    }
    SensorTable input = TestSeries.withOffset(series.rows(800, 1200), 1, 200, 260, 1.5);
    List<String> inputLines = new ArrayList<>();
    List<String> expectedLines = new ArrayList<>();
    Scorer scorer = model.newScorer();
    for (int row = 0; row < input.rowCount(); row++) {
      double[] values = TestSeries.row(input, row);
      StringBuilder line = new StringBuilder(Long.toString(input.timestamp(row)));
      for (double value : values) {
        line.append(',').append(value);
      }
      inputLines.add(line.toString());
      expectedLines.add(describe(scorer.score(input.timestamp(row), values, false)));
    }
    Files.write(
        dir.resolve("model-v" + version + "-input.csv"), inputLines, StandardCharsets.UTF_8);
    Files.write(
        dir.resolve("model-v" + version + "-expected.csv"), expectedLines, StandardCharsets.UTF_8);
  }

  /** A scored row as text that round-trips every double exactly. */
  static String describe(ScoredRow row) {
    StringBuilder line =
        new StringBuilder()
            .append(row.timestampMillis())
            .append(',')
            .append(row.prediction())
            .append(',')
            .append(row.anomalyScore())
            .append(',')
            .append(row.rawScore());
    for (double share : row.diagnostics()) {
      line.append(',').append(share);
    }
    return line.toString();
  }
}
