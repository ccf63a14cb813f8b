package dev.vigil.engine.model;

import dev.vigil.engine.VigilException;
import dev.vigil.engine.preprocess.FillMethod;
import dev.vigil.engine.preprocess.FillPolicy;
import dev.vigil.engine.preprocess.OffCondition;
import dev.vigil.engine.preprocess.Preprocessing;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * Writes and reads the state of a {@link TrainedModel}: a versioned binary format, documented field
 * by field in {@code docs/model-format.md}. Doubles are written bit for bit, so a model read back
 * scores exactly as the one written. Every format version ever released stays readable; the tests
 * keep a saved model of each as a fixture.
 *
 * <p>Layout of version 1: the 8-byte magic {@code VIGILMDL}, the format version (int), then the
 * fields in the order of {@link #writeVersion1}, then a CRC-32 of everything before it (int).
 * Integers and doubles are big-endian as {@link DataOutputStream} writes them; strings are modified
 * UTF-8 with a 2-byte length.
 *
 * <p>Stateless and thread-safe.
 */
public final class ModelFormat {
  /** The first bytes of every model file. */
  static final byte[] MAGIC = "VIGILMDL".getBytes(StandardCharsets.US_ASCII);

  /** The version {@link #write} produces. */
  public static final int CURRENT_VERSION = 1;

  private ModelFormat() {}

  /** Writes the model; the stream is flushed, not closed. */
  public static void write(TrainedModel model, OutputStream out) throws IOException {
    CheckedOutputStream checked = new CheckedOutputStream(out, new CRC32());
    DataOutputStream data = new DataOutputStream(new BufferedOutputStream(checked));
    data.write(MAGIC);
    data.writeInt(CURRENT_VERSION);
    writeVersion1(model, data);
    data.flush();
    new DataOutputStream(out).writeInt((int) checked.getChecksum().getValue());
    out.flush();
  }

  /** The model as bytes. */
  public static byte[] toBytes(TrainedModel model) {
    var bytes = new java.io.ByteArrayOutputStream();
    try {
      write(model, bytes);
    } catch (IOException e) {
      throw new VigilException("cannot serialise model: " + e.getMessage(), e);
    }
    return bytes.toByteArray();
  }

  /** Reads a model written by any released version of this format. */
  public static TrainedModel fromBytes(byte[] bytes) {
    try {
      return read(new java.io.ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new VigilException("cannot read model: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a model written by any released version of this format.
   *
   * @throws VigilException when the bytes are not a model, are damaged, or come from a newer
   *     version of Vigil
   */
  public static TrainedModel read(InputStream in) throws IOException {
    CheckedInputStream checked = new CheckedInputStream(new BufferedInputStream(in), new CRC32());
    DataInputStream data = new DataInputStream(checked);
    byte[] magic = new byte[MAGIC.length];
    try {
      data.readFully(magic);
    } catch (java.io.EOFException e) {
      throw new VigilException("not a Vigil model: the data is shorter than the header");
    }
    if (!Arrays.equals(magic, MAGIC)) {
      throw new VigilException("not a Vigil model: the data does not start with 'VIGILMDL'");
    }
    int version = data.readInt();
    TrainedModel model;
    try {
      model =
          switch (version) {
            case 1 -> readVersion1(data);
            default ->
                throw new VigilException(
                    "model format version "
                        + version
                        + " is newer than this Vigil reads (up to "
                        + CURRENT_VERSION
                        + "); upgrade Vigil");
          };
    } catch (java.io.EOFException e) {
      throw new VigilException("damaged model: the data ends before the model does", e);
    } catch (IllegalArgumentException e) {
      throw new VigilException("damaged model: " + e.getMessage(), e);
    }
    int expected = (int) checked.getChecksum().getValue();
    int stored;
    try {
      stored = data.readInt();
    } catch (java.io.EOFException e) {
      throw new VigilException("damaged model: the checksum at the end is missing", e);
    }
    if (stored != expected) {
      throw new VigilException("damaged model: checksum mismatch");
    }
    return model;
  }

  private static void writeVersion1(TrainedModel model, DataOutputStream out) throws IOException {
    DetectorConfig config = model.config();
    out.writeInt(config.window());
    out.writeDouble(config.varianceRetained());
    out.writeDouble(config.limitQuantile());
    out.writeDouble(config.holdoutFraction());
    out.writeDouble(config.thresholdQuantile());
    out.writeInt(config.debounce());
    out.writeInt(config.maxCovarianceRows());
    out.writeBoolean(config.perSensorStatistic());

    writeStrings(out, model.sensorNames());
    writeInts(out, model.usedSensors());
    writeDoubles(out, model.scaler().center());
    writeDoubles(out, model.scaler().scale());

    PrincipalSubspace subspace = model.subspace();
    writeDoubles(out, subspace.mean());
    writeDoubles(out, subspace.loadings());
    writeDoubles(out, subspace.eigenvalues());
    out.writeDouble(subspace.totalVariance());
    out.writeDouble(model.statistic().totalLimit());
    writeDoubles(out, model.statistic().sensorLimits());
    out.writeDouble(model.calibration().threshold());
    out.writeDouble(model.calibration().steepness());

    Preprocessing preprocessing = model.preprocessing();
    out.writeLong(
        preprocessing.targetSamplingPeriodIfSet().map(java.time.Duration::toMillis).orElse(-1L));
    out.writeUTF(preprocessing.fillPolicy().method().name());
    out.writeDouble(preprocessing.fillPolicy().fixedValue());
    out.writeUTF(preprocessing.offConditionIfSet().map(OffCondition::expression).orElse(""));

    TrainingSummary summary = model.summary();
    out.writeInt(summary.trainingRows());
    out.writeInt(summary.machineOffRows());
    out.writeInt(summary.vectors());
    out.writeInt(summary.sensorsUsed());
    out.writeInt(summary.excludedSensors().size());
    for (ExcludedSensor excluded : summary.excludedSensors()) {
      out.writeUTF(excluded.name());
      out.writeUTF(excluded.reason());
    }
    out.writeInt(summary.components());
    out.writeDouble(summary.explainedVariance());
    out.writeInt(summary.holdoutRows());
    out.writeDouble(summary.holdoutScoreMedian());
    out.writeDouble(summary.holdoutScoreP90());
    out.writeDouble(summary.holdoutScoreP99());
    out.writeDouble(summary.holdoutScoreMax());
    out.writeDouble(summary.holdoutFlaggedFraction());
    out.writeDouble(summary.threshold());
  }

  private static TrainedModel readVersion1(DataInputStream in) throws IOException {
    DetectorConfig config =
        new DetectorConfig(
            in.readInt(),
            in.readDouble(),
            in.readDouble(),
            in.readDouble(),
            in.readDouble(),
            in.readInt(),
            in.readInt(),
            in.readBoolean());
    List<String> names = readStrings(in);
    int[] used = readInts(in);
    RobustScaler scaler = new RobustScaler(readDoubles(in), readDoubles(in));
    PrincipalSubspace subspace =
        new PrincipalSubspace(readDoubles(in), readDoubles(in), readDoubles(in), in.readDouble());
    ResidualStatistic statistic = new ResidualStatistic(in.readDouble(), readDoubles(in));
    ScoreCalibration calibration = new ScoreCalibration(in.readDouble(), in.readDouble());

    long periodMillis = in.readLong();
    FillMethod fillMethod = FillMethod.valueOf(in.readUTF());
    double fixedValue = in.readDouble();
    String offCondition = in.readUTF();
    Preprocessing preprocessing =
        new Preprocessing(
            periodMillis < 0 ? null : java.time.Duration.ofMillis(periodMillis),
            fillMethod == FillMethod.FIXED
                ? FillPolicy.fixed(fixedValue)
                : FillPolicy.of(fillMethod),
            offCondition.isEmpty() ? null : OffCondition.parse(offCondition));

    int trainingRows = in.readInt();
    int machineOffRows = in.readInt();
    int vectors = in.readInt();
    int sensorsUsed = in.readInt();
    int excludedCount = checkedCount(in.readInt());
    List<ExcludedSensor> excluded = new ArrayList<>();
    for (int i = 0; i < excludedCount; i++) {
      excluded.add(new ExcludedSensor(in.readUTF(), in.readUTF()));
    }
    TrainingSummary summary =
        new TrainingSummary(
            trainingRows,
            machineOffRows,
            vectors,
            sensorsUsed,
            excluded,
            in.readInt(),
            in.readDouble(),
            in.readInt(),
            in.readDouble(),
            in.readDouble(),
            in.readDouble(),
            in.readDouble(),
            in.readDouble(),
            in.readDouble());
    if (subspace.loadings().length != subspace.components() * subspace.dimension()) {
      throw new IllegalArgumentException(
          subspace.loadings().length
              + " loadings for "
              + subspace.components()
              + " components of dimension "
              + subspace.dimension());
    }
    for (int index : used) {
      if (index < 0 || index >= names.size()) {
        throw new IllegalArgumentException("sensor index " + index + " out of range");
      }
    }
    return new TrainedModel(
        names, used, scaler, subspace, statistic, calibration, config, summary, preprocessing);
  }

  /** Arrays are never longer than this; a larger count means the bytes are not a model. */
  private static final int MAX_ARRAY_LENGTH = 64 * 1024 * 1024;

  private static int checkedCount(int count) {
    if (count < 0 || count > MAX_ARRAY_LENGTH) {
      throw new IllegalArgumentException("implausible array length " + count);
    }
    return count;
  }

  private static void writeStrings(DataOutputStream out, List<String> values) throws IOException {
    out.writeInt(values.size());
    for (String value : values) {
      out.writeUTF(value);
    }
  }

  private static List<String> readStrings(DataInputStream in) throws IOException {
    int count = checkedCount(in.readInt());
    List<String> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      values.add(in.readUTF());
    }
    return values;
  }

  private static void writeInts(DataOutputStream out, int[] values) throws IOException {
    out.writeInt(values.length);
    for (int value : values) {
      out.writeInt(value);
    }
  }

  private static int[] readInts(DataInputStream in) throws IOException {
    int[] values = new int[checkedCount(in.readInt())];
    for (int i = 0; i < values.length; i++) {
      values[i] = in.readInt();
    }
    return values;
  }

  private static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
    out.writeInt(values.length);
    for (double value : values) {
      out.writeDouble(value);
    }
  }

  private static double[] readDoubles(DataInputStream in) throws IOException {
    double[] values = new double[checkedCount(in.readInt())];
    for (int i = 0; i < values.length; i++) {
      values[i] = in.readDouble();
    }
    return values;
  }
}
