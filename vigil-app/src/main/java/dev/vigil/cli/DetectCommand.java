package dev.vigil.cli;

import dev.vigil.engine.VigilException;
import dev.vigil.engine.data.CsvTableReader;
import dev.vigil.engine.data.LabeledTable;
import dev.vigil.engine.data.SensorTable;
import dev.vigil.engine.model.DetectorConfig;
import dev.vigil.engine.model.ScoredRow;
import dev.vigil.engine.model.Scorer;
import dev.vigil.engine.model.Sensitivity;
import dev.vigil.engine.model.TrainedModel;
import dev.vigil.engine.model.Trainer;
import dev.vigil.engine.preprocess.FillMethod;
import dev.vigil.engine.preprocess.FillPolicy;
import dev.vigil.engine.preprocess.OffCondition;
import dev.vigil.engine.preprocess.PreprocessedTable;
import dev.vigil.engine.preprocess.Preprocessing;
import dev.vigil.results.ResultLineWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code vigil detect}: trains on one CSV file (or the head of another) and writes one Lookout
 * result line for every row to judge.
 */
@Command(
    name = "detect",
    mixinStandardHelpOptions = true,
    description = {
      "Train a model on TRAIN and judge every row of TEST after it, writing one JSON line per row"
          + " in Lookout for Equipment's results format.",
      "Reads SKAB's layout (';', a 'datetime' column) and plain CSV with a timestamp first;"
          + " columns named 'anomaly' or 'changepoint' are labels and are ignored."
    })
public final class DetectCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--train", paramLabel = "TRAIN.csv", description = "History to train on.")
  Path train;

  @Option(
      names = "--test",
      required = true,
      paramLabel = "TEST.csv",
      description = "Rows to judge.")
  Path test;

  @Option(
      names = "--train-rows",
      paramLabel = "N",
      description =
          "Train on the first N rows of TRAIN, or of TEST when --train is not given (then only"
              + " the rows after them are judged).")
  Integer trainRows;

  @Option(
      names = "--sensitivity",
      paramLabel = "S",
      defaultValue = "50",
      description =
          "1 (only clear anomalies) to 100 (anything unusual). Default: ${DEFAULT-VALUE}.")
  int sensitivity;

  @Option(
      names = "--component",
      paramLabel = "NAME",
      description = "Name sensors COMPONENT\\sensor in the diagnostics.")
  String component;

  @Option(names = "--out", paramLabel = "FILE", description = "Write here instead of stdout.")
  Path out;

  @Option(
      names = "--sampling-rate",
      paramLabel = "PERIOD",
      description =
          "Resample to this period first (PT1S, PT5S, PT10S, PT15S, PT30S, PT1M, PT5M, PT10M,"
              + " PT15M, PT30M, PT1H); each bin holds the mean of its rows.")
  Duration samplingRate;

  @Option(
      names = "--fill",
      paramLabel = "METHOD",
      defaultValue = "previous",
      description =
          "How missing values are filled: previous, linear, zero, or fixed:VALUE."
              + " Default: ${DEFAULT-VALUE}.")
  String fill;

  @Option(
      names = "--off-condition",
      paramLabel = "EXPR",
      description =
          "When the machine is off, e.g. 'pump\\Current < 0.5': such rows are not trained on"
              + " and are reported as MACHINE_OFF.")
  String offCondition;

  @Override
  public Integer call() throws IOException {
    if (train == null && trainRows == null) {
      throw new ParameterException(
          spec.commandLine(), "give --train TRAIN.csv, or --train-rows N to train on TEST's head");
    }
    if (trainRows != null && trainRows < 1) {
      throw new ParameterException(
          spec.commandLine(), "--train-rows must be at least 1, got " + trainRows);
    }
    Sensitivity level;
    try {
      level = new Sensitivity(sensitivity);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--sensitivity: " + e.getMessage());
    }
    Preprocessing preprocessing = preprocessing();
    CsvTableReader reader = new CsvTableReader().withComponent(component);
    SensorTable testTable = read(reader, test);
    SensorTable history;
    int firstJudged;
    if (train != null) {
      history = read(reader, train);
      if (trainRows != null) {
        history = history.rows(0, requireRows(history, trainRows, train));
      }
      firstJudged = 0;
    } else {
      firstJudged = requireRows(testTable, trainRows, test);
      if (firstJudged == testTable.rowCount()) {
        throw new VigilException(
            test
                + " has "
                + testTable.rowCount()
                + " rows: none left to judge after --train-rows "
                + trainRows);
      }
      history = testTable.rows(0, firstJudged);
    }

    TrainedModel model = Trainer.train(history, preprocessing, DetectorConfig.DEFAULTS);
    Summary.print(model.summary(), spec.commandLine().getErr());

    Scorer scorer = model.newScorer(level);
    int window = model.config().window();
    PreprocessedTable judged;
    if (train == null) {
      // Preprocess the whole file as one, so that resampling bins and fills run across the
      // boundary between the training rows and the judged ones.
      PreprocessedTable whole = model.preprocess(testTable);
      int firstPrepared = whole.table().firstRowAtOrAfter(testTable.timestamp(firstJudged));
      scorer.warmUp(whole.table(), firstPrepared - window + 1, firstPrepared);
      judged = whole;
      firstJudged = firstPrepared;
    } else {
      judged = model.preprocess(testTable);
      firstJudged = 0;
      if (testTable.timestamp(0) > history.timestamp(history.rowCount() - 1)) {
        // TEST continues TRAIN in time: its first rows get their window from TRAIN's last rows.
        SensorTable preparedHistory = model.preprocess(history).table();
        scorer.warmUp(
            preparedHistory, preparedHistory.rowCount() - window + 1, preparedHistory.rowCount());
      }
    }
    List<ScoredRow> scored =
        scorer.score(judged.table(), firstJudged, judged.table().rowCount(), judged.machineOff());
    if (out == null) {
      writeResults(spec.commandLine().getOut(), model, scored);
    } else {
      try (Writer writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
        writeResults(writer, model, scored);
      }
    }
    long anomalous = scored.stream().filter(r -> r.prediction() == 1).count();
    spec.commandLine()
        .getErr()
        .printf(
            "judged %d rows of %s: %d anomalous at sensitivity %d%s%n",
            scored.size(), test, anomalous, sensitivity, out == null ? "" : "; results in " + out);
    return 0;
  }

  private Preprocessing preprocessing() {
    FillPolicy fillPolicy;
    String method = fill.trim().toLowerCase(Locale.ROOT);
    if (method.startsWith("fixed:")) {
      try {
        fillPolicy = FillPolicy.fixed(Double.parseDouble(method.substring("fixed:".length())));
      } catch (NumberFormatException e) {
        throw new ParameterException(
            spec.commandLine(), "--fill: '" + fill + "' needs a number after 'fixed:'");
      }
    } else {
      try {
        fillPolicy = FillPolicy.of(FillMethod.valueOf(method.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(
            spec.commandLine(),
            "--fill: '" + fill + "' is not one of previous, linear, zero, fixed:VALUE");
      }
    }
    try {
      return new Preprocessing(
          samplingRate, fillPolicy, offCondition == null ? null : OffCondition.parse(offCondition));
    } catch (VigilException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private static SensorTable read(CsvTableReader reader, Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new VigilException(file + ": no such file");
    }
    LabeledTable labeled = reader.read(file);
    return labeled.table();
  }

  private static int requireRows(SensorTable table, int rows, Path file) {
    if (rows > table.rowCount()) {
      throw new VigilException(
          "--train-rows " + rows + " is more than the " + table.rowCount() + " rows of " + file);
    }
    return rows;
  }

  private static void writeResults(Writer writer, TrainedModel model, List<ScoredRow> scored)
      throws IOException {
    try (ResultLineWriter results = new ResultLineWriter(writer, model.sensorNames())) {
      for (ScoredRow row : scored) {
        results.write(row);
      }
    }
  }
}
