package dev.vigil.engine.synthetic;

import dev.vigil.engine.VigilException;
import dev.vigil.engine.data.SensorTable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A synthetic industrial plant: components whose sensors, named {@code component\sensor}, follow a
 * few shared latent operating factors, sampled at a fixed period, with faults of known type, sensor
 * and rows injected on demand.
 *
 * <p>The model: latent factors are slow AR(1) processes (factor 0, the plant load, also jumps
 * between setpoints at irregular intervals, and all factors can follow a daily cycle). Each sensor
 * mixes the factors with fixed loadings, lags the mix by its own first-order time constant, adds
 * white noise and maps the result to its own offset and scale, from 0.01 to 1000. Loadings of one
 * component point in similar directions, so its sensors are strongly correlated; every sensor also
 * loads on the plant load, so setpoint changes move all of them. Everything is drawn from the seed:
 * the same plant and row count give the same data, and a shorter generation is a prefix of a longer
 * one.
 *
 * <p>Faults never change the random streams of the fault-free data: outside its sensor and rows, a
 * faulty generation equals the fault-free one bit for bit.
 *
 * <p>Instances are immutable and thread-safe; every call to {@link #generate} draws from fresh
 * generators seeded from the plant's seed.
 */
public final class SyntheticPlant {

  /** Components in a plant built without {@link Builder#components(int)}. */
  public static final int DEFAULT_COMPONENTS = 5;

  /** Sensors per component unless {@link Builder#sensorsPerComponent(int)} says otherwise. */
  public static final int DEFAULT_SENSORS_PER_COMPONENT = 10;

  /** Time between rows unless {@link Builder#samplePeriod(Duration)} says otherwise. */
  public static final Duration DEFAULT_SAMPLE_PERIOD = Duration.ofSeconds(1);

  /** Timestamp of the first row unless {@link Builder#start(Instant)} says otherwise. */
  public static final Instant DEFAULT_START = Instant.parse("2024-01-01T00:00:00Z");

  /** Seed of all random draws unless {@link Builder#seed(long)} says otherwise. */
  public static final long DEFAULT_SEED = 42L;

  /** Number of latent operating factors unless {@link Builder#latentFactors(int)} says so. */
  public static final int DEFAULT_LATENT_FACTORS = 3;

  /** Time constant of the factors' AR(1) processes, in rows. */
  public static final double DEFAULT_FACTOR_TIME_CONSTANT_ROWS = 2_000;

  /** Mean number of rows between setpoint changes of the plant load. */
  public static final int DEFAULT_SETPOINT_INTERVAL_ROWS = 600;

  /** Largest sensor lag time constant, in rows; each sensor draws its own below it. */
  public static final double DEFAULT_MAX_SENSOR_LAG_ROWS = 20;

  /** Mean white-noise std as a fraction of the signal std; sensors draw 0.5x to 1.5x of it. */
  public static final double DEFAULT_NOISE_LEVEL = 0.1;

  /** Whether factors follow a daily cycle unless {@link Builder#dailyCycle(boolean)} says so. */
  public static final boolean DEFAULT_DAILY_CYCLE = false;

  /** Naming of components and sensors unless {@link Builder#naming(SensorNaming)} says so. */
  public static final SensorNaming DEFAULT_NAMING = SensorNaming.NUMBERED;

  // Each factor has unit nominal variance, shared out between its parts below, so that a sensor's
  // signal std is about its scale and fault magnitudes in std units mean the same on every sensor.
  private static final double SETPOINT_VARIANCE_SHARE = 0.5;
  private static final double DAILY_VARIANCE_SHARE = 0.2;
  // A setpoint change moves the load by at least this fraction of the setpoint half range h, so
  // that every change is visible on every sensor, which is what makes STUCK faults detectable.
  private static final double MIN_SETPOINT_STEP_FRACTION = 0.7;
  // New setpoints are uniform on [-h, h] outside the band of the minimum step around the old one.
  // That pushes levels outwards: the chain's stationary variance is 0.415 h^2 rather than the
  // h^2 / 3 of a plain uniform draw (simulated over 10^7 changes).
  private static final double SETPOINT_VARIANCE_PER_SQUARED_HALF_RANGE = 0.415;
  private static final double SETPOINT_HALF_RANGE =
      Math.sqrt(SETPOINT_VARIANCE_SHARE / SETPOINT_VARIANCE_PER_SQUARED_HALF_RANGE);
  private static final double MIN_SETPOINT_STEP = MIN_SETPOINT_STEP_FRACTION * SETPOINT_HALF_RANGE;
  // Share of each sensor's loading vector on the plant load; the rest follows its component.
  private static final double MIN_LOAD_SHARE = 0.4;
  private static final double MAX_LOAD_SHARE = 0.7;
  // How far a sensor's loadings stray from its component's direction, at most: small keeps a
  // component's sensors correlated, non-zero keeps them from being copies of each other. Bounded,
  // not Gaussian, because one sensor in a thousand pointing elsewhere breaks "correlated".
  private static final double MAX_SENSOR_LOADING_SPREAD = 0.5;
  // Physical magnitudes: scales log-uniform in [0.01, 1000], offsets a few to many scales above 0
  // so that most sensors stay positive like pressures, speeds and temperatures.
  private static final double MIN_LOG10_SCALE = -2;
  private static final double MAX_LOG10_SCALE = 3;
  private static final double MIN_OFFSET_IN_SCALES = 3;
  private static final double MAX_OFFSET_IN_SCALES = 20;
  private static final double SECONDS_PER_DAY = 86_400;
  // A broken-correlation process wanders through its whole range during the fault when its time
  // constant is a small fraction of the fault length.
  private static final double BROKEN_CORRELATION_TIME_CONSTANT_FRACTION = 0.05;
  // Random faults: gap kept free on each side of a fault, as a fraction of its slot, and lengths.
  private static final double RANDOM_FAULT_MARGIN_FRACTION = 0.1;
  private static final int MIN_RANDOM_FAULT_SLOT_ROWS = 20;
  private static final int MAX_SPIKE_ROWS = 10;
  private static final int MIN_SLOW_FAULT_ROWS = 200;
  private static final int MAX_SLOW_FAULT_ROWS = 2_000;
  private static final int SENSOR_NAMES_IN_MESSAGES = 5;

  private final int components;
  private final int sensorsPerComponent;
  private final Duration samplePeriod;
  private final Instant start;
  private final long seed;
  private final int latentFactors;
  private final double factorTimeConstantRows;
  private final int setpointIntervalRows;
  private final boolean dailyCycle;

  private final List<String> componentNames;
  private final List<String> sensorNames;
  private final Map<String, Integer> sensorIndex;
  private final double[][] loadings;
  private final double[] offsets;
  private final double[] scales;
  private final double[] lagCoefficients;
  private final double[] noiseStds;
  private final double[] dailyPhases;
  private final long setpointSeed;
  private final long[] factorSeeds;
  private final long[] sensorSeeds;
  private final long faultSeed;

  private SyntheticPlant(Builder builder) {
    this.components = builder.components;
    this.sensorsPerComponent = builder.sensorsPerComponent;
    this.samplePeriod = builder.samplePeriod;
    this.start = builder.start;
    this.seed = builder.seed;
    this.latentFactors = builder.latentFactors;
    this.factorTimeConstantRows = builder.factorTimeConstantRows;
    this.setpointIntervalRows = builder.setpointIntervalRows;
    this.dailyCycle = builder.dailyCycle;

    this.componentNames = List.copyOf(builder.naming.componentNames(components));
    List<String> shortNames = builder.naming.sensorNames(sensorsPerComponent);
    int sensorCount = Math.multiplyExact(components, sensorsPerComponent);
    List<String> names = new ArrayList<>(sensorCount);
    for (String component : componentNames) {
      for (String sensor : shortNames) {
        names.add(component + "\\" + sensor);
      }
    }
    this.sensorNames = List.copyOf(names);
    this.sensorIndex = new HashMap<>();
    for (int s = 0; s < sensorCount; s++) {
      sensorIndex.put(sensorNames.get(s), s);
    }

    // Each random stream gets its own seed so that, e.g., adding a fault or generating more rows
    // never shifts the draws of another stream.
    SplittableRandom root = new SplittableRandom(seed);
    SplittableRandom structure = root.split();
    this.setpointSeed = root.nextLong();
    this.faultSeed = root.nextLong();
    this.factorSeeds = new long[latentFactors];
    for (int k = 0; k < latentFactors; k++) {
      factorSeeds[k] = root.nextLong();
    }
    this.sensorSeeds = new long[sensorCount];
    for (int s = 0; s < sensorCount; s++) {
      sensorSeeds[s] = root.nextLong();
    }

    this.dailyPhases = new double[latentFactors];
    for (int k = 0; k < latentFactors; k++) {
      dailyPhases[k] = structure.nextDouble(2 * Math.PI);
    }
    this.loadings = new double[sensorCount][latentFactors];
    this.offsets = new double[sensorCount];
    this.scales = new double[sensorCount];
    this.lagCoefficients = new double[sensorCount];
    this.noiseStds = new double[sensorCount];
    int secondaryFactors = latentFactors - 1;
    for (int c = 0; c < components; c++) {
      // Normalized so that a sensor's spread around it has the same meaning in every component.
      double[] componentDirection = gaussianVector(structure, secondaryFactors);
      normalize(componentDirection);
      for (int j = 0; j < sensorsPerComponent; j++) {
        int s = c * sensorsPerComponent + j;
        double loadShare =
            secondaryFactors == 0 ? 1 : structure.nextDouble(MIN_LOAD_SHARE, MAX_LOAD_SHARE);
        double[] secondary = gaussianVector(structure, secondaryFactors);
        normalize(secondary);
        double spread = structure.nextDouble() * MAX_SENSOR_LOADING_SPREAD;
        for (int k = 0; k < secondaryFactors; k++) {
          secondary[k] = componentDirection[k] + spread * secondary[k];
        }
        normalize(secondary);
        // Some sensors fall as the load rises (e.g. a suction pressure): negative correlations.
        double sign = structure.nextBoolean() ? 1 : -1;
        loadings[s][0] = sign * Math.sqrt(loadShare);
        for (int k = 0; k < secondaryFactors; k++) {
          loadings[s][k + 1] = sign * Math.sqrt(1 - loadShare) * secondary[k];
        }
        scales[s] = Math.pow(10, structure.nextDouble(MIN_LOG10_SCALE, MAX_LOG10_SCALE));
        offsets[s] = scales[s] * structure.nextDouble(MIN_OFFSET_IN_SCALES, MAX_OFFSET_IN_SCALES);
        double lagRows = structure.nextDouble() * builder.maxSensorLagRows;
        lagCoefficients[s] = lagRows == 0 ? 0 : Math.exp(-1 / lagRows);
        noiseStds[s] = builder.noiseLevel * structure.nextDouble(0.5, 1.5);
      }
    }
  }

  private static double[] gaussianVector(SplittableRandom random, int length) {
    double[] vector = new double[length];
    for (int i = 0; i < length; i++) {
      vector[i] = random.nextGaussian();
    }
    return vector;
  }

  private static void normalize(double[] vector) {
    double norm = 0;
    for (double v : vector) {
      norm += v * v;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) {
      for (int i = 0; i < vector.length; i++) {
        vector[i] /= norm;
      }
    }
  }

  /** A builder with every setting at its {@code DEFAULT_} value. */
  public static Builder builder() {
    return new Builder();
  }

  /** Full sensor names, {@code component\sensor}, component by component. */
  public List<String> sensorNames() {
    return sensorNames;
  }

  /** Component names in plant order. */
  public List<String> componentNames() {
    return componentNames;
  }

  /** The number of sensors, components times sensors per component. */
  public int sensorCount() {
    return sensorNames.size();
  }

  /** The index of a sensor in {@link #sensorNames()}, or -1 when the plant has no such sensor. */
  public int indexOf(String sensorName) {
    Integer index = sensorIndex.get(sensorName);
    return index == null ? -1 : index;
  }

  /** The sensor's nominal mean, the value its readings center on. */
  public double nominalMean(int sensor) {
    return offsets[sensor];
  }

  /**
   * The sensor's nominal standard deviation, signal and noise together: the unit of fault
   * magnitudes. Sample std of generated data is close to it but varies with the setpoints visited.
   */
  public double nominalStd(int sensor) {
    return scales[sensor] * Math.sqrt(1 + noiseStds[sensor] * noiseStds[sensor]);
  }

  /** The time between rows. */
  public Duration samplePeriod() {
    return samplePeriod;
  }

  /** The timestamp of the first row. */
  public Instant start() {
    return start;
  }

  /** The seed every random draw derives from. */
  public long seed() {
    return seed;
  }

  /** Fault-free data of {@code rows} rows. */
  public SyntheticData generate(int rows) {
    return generate(rows, List.of());
  }

  /**
   * Data of {@code rows} rows with the given faults injected.
   *
   * @throws VigilException if rows is negative, the timestamps would overflow, or a fault names an
   *     unknown sensor, reaches past the data, overlaps another fault or is a STUCK fault without a
   *     setpoint change in its range
   */
  public SyntheticData generate(int rows, List<Fault> faults) {
    Objects.requireNonNull(faults, "faults");
    if (rows < 0) {
      throw new VigilException("cannot generate " + rows + " rows; the row count must be >= 0");
    }
    long[] timestamps = timestamps(rows);
    SetpointSchedule schedule = setpointSchedule(rows);
    List<Fault> sortedFaults = checkFaults(rows, faults, schedule);

    double[][] factors = new double[latentFactors][];
    for (int k = 0; k < latentFactors; k++) {
      factors[k] = factor(k, rows, timestamps, schedule);
    }
    double[][] columns = new double[sensorCount()][];
    for (int s = 0; s < columns.length; s++) {
      columns[s] = sensor(s, rows, factors);
    }

    int[] labels = new int[rows];
    for (Fault fault : sortedFaults) {
      inject(fault, columns[indexOf(fault.sensor())], indexOf(fault.sensor()));
      Arrays.fill(labels, fault.startRow(), fault.endRow(), 1);
    }
    return new SyntheticData(
        SensorTable.of(timestamps, sensorNames, columns), labels, sortedFaults);
  }

  private long[] timestamps(int rows) {
    long startMillis = start.toEpochMilli();
    long periodMillis = samplePeriod.toMillis();
    long[] timestamps = new long[rows];
    try {
      if (rows > 0) {
        Math.addExact(startMillis, Math.multiplyExact(periodMillis, (long) rows - 1));
      }
    } catch (ArithmeticException e) {
      throw new VigilException(
          rows + " rows every " + samplePeriod + " from " + start + " overflow the timestamp range",
          e);
    }
    for (int row = 0; row < rows; row++) {
      timestamps[row] = startMillis + periodMillis * row;
    }
    return timestamps;
  }

  private List<Fault> checkFaults(int rows, List<Fault> faults, SetpointSchedule schedule) {
    List<Fault> sorted = new ArrayList<>(faults.size());
    for (Fault fault : faults) {
      Objects.requireNonNull(fault, "faults must not contain null");
      if (indexOf(fault.sensor()) < 0) {
        throw new VigilException(
            "fault "
                + fault.describe()
                + " names unknown sensor '"
                + fault.sensor()
                + "'; the plant's "
                + sensorCount()
                + " sensors are "
                + sensorNamesForMessage());
      }
      if (fault.endRow() > rows) {
        throw new VigilException(
            "fault "
                + fault.describe()
                + " ends at row "
                + fault.endRow()
                + " but the data has only "
                + rows
                + " rows");
      }
      if (fault.type() == FaultType.STUCK
          && !schedule.changesWithin(fault.startRow() + 1, fault.endRow())) {
        throw new VigilException(
            "STUCK fault "
                + fault.describe()
                + " would be undetectable: the plant load has no setpoint change after its first"
                + " row; choose a range around a row of setpointChangeRows("
                + rows
                + "), or one longer than "
                + (setpointIntervalRows * 3 / 2)
                + " rows");
      }
      sorted.add(fault);
    }
    sorted.sort(Comparator.comparingInt(Fault::startRow));
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i - 1).endRow() > sorted.get(i).startRow()) {
        throw new VigilException(
            "faults "
                + sorted.get(i - 1).describe()
                + " and "
                + sorted.get(i).describe()
                + " overlap; each row may belong to one fault only, so that the faulty sensor of a"
                + " row is known");
      }
    }
    return sorted;
  }

  private String sensorNamesForMessage() {
    if (sensorCount() <= SENSOR_NAMES_IN_MESSAGES) {
      return String.join(", ", sensorNames);
    }
    return String.join(", ", sensorNames.subList(0, SENSOR_NAMES_IN_MESSAGES))
        + ", ... "
        + sensorNames.get(sensorCount() - 1);
  }

  private double[] factor(int k, int rows, long[] timestamps, SetpointSchedule schedule) {
    double dailyShare = dailyCycle ? DAILY_VARIANCE_SHARE : 0;
    double setpointShare = k == 0 ? SETPOINT_VARIANCE_SHARE : 0;
    double arStd = Math.sqrt(1 - dailyShare - setpointShare);
    double dailyAmplitude = Math.sqrt(2 * dailyShare);
    double persistence = Math.exp(-1 / factorTimeConstantRows);
    double innovationStd = arStd * Math.sqrt(1 - persistence * persistence);
    SplittableRandom random = new SplittableRandom(factorSeeds[k]);
    double[] values = new double[rows];
    // Start in the stationary distribution so that the first rows are as normal as any others.
    double ar = arStd * random.nextGaussian();
    for (int row = 0; row < rows; row++) {
      if (row > 0) {
        ar = persistence * ar + innovationStd * random.nextGaussian();
      }
      values[row] = ar;
    }
    if (k == 0) {
      schedule.addLevels(values);
    }
    if (dailyCycle) {
      for (int row = 0; row < rows; row++) {
        double secondOfDay = Math.floorMod(timestamps[row], 86_400_000L) / 1000.0;
        values[row] +=
            dailyAmplitude * Math.sin(2 * Math.PI * secondOfDay / SECONDS_PER_DAY + dailyPhases[k]);
      }
    }
    return values;
  }

  private double[] sensor(int s, int rows, double[][] factors) {
    double[] values = new double[rows];
    // Mix factor by factor: simple array passes the JIT vectorizes.
    for (int k = 0; k < latentFactors; k++) {
      double loading = loadings[s][k];
      double[] factor = factors[k];
      for (int row = 0; row < rows; row++) {
        values[row] += loading * factor[row];
      }
    }
    SplittableRandom random = new SplittableRandom(sensorSeeds[s]);
    double lag = lagCoefficients[s];
    double noiseStd = noiseStds[s];
    double scale = scales[s];
    double offset = offsets[s];
    // Start the lag at steady state: no start-up transient.
    double lagged = rows > 0 ? values[0] : 0;
    for (int row = 0; row < rows; row++) {
      lagged = lag * lagged + (1 - lag) * values[row];
      values[row] = offset + scale * (lagged + noiseStd * random.nextGaussian());
    }
    return values;
  }

  private void inject(Fault fault, double[] column, int sensor) {
    SplittableRandom random = new SplittableRandom(faultStreamSeed(fault));
    double std = nominalStd(sensor);
    double size = fault.magnitude() * std;
    int from = fault.startRow();
    int to = fault.endRow();
    switch (fault.type()) {
      case SPIKE -> {
        double sign = random.nextBoolean() ? 1 : -1;
        for (int row = from; row < to; row++) {
          column[row] += sign * size * random.nextDouble(0.75, 1.25);
        }
      }
      case DRIFT -> {
        double sign = random.nextBoolean() ? 1 : -1;
        double length = fault.length();
        for (int row = from; row < to; row++) {
          column[row] += sign * size * (row - from + 1) / length;
        }
      }
      case STUCK -> Arrays.fill(column, from, to, column[from]);
      case BROKEN_CORRELATION -> {
        double timeConstant =
            Math.max(2, BROKEN_CORRELATION_TIME_CONSTANT_FRACTION * fault.length());
        double persistence = Math.exp(-1 / timeConstant);
        double innovationStd = Math.sqrt(1 - persistence * persistence);
        double signalScale = fault.magnitude() * scales[sensor];
        double noiseStd = noiseStds[sensor];
        double offset = offsets[sensor];
        // Continue from the last normal value so that the fault shows no jump, only a departure
        // from the other sensors.
        double previous = column[Math.max(0, from - 1)];
        double wander = (previous - offset) / signalScale;
        for (int row = from; row < to; row++) {
          wander = persistence * wander + innovationStd * random.nextGaussian();
          column[row] = offset + signalScale * (wander + noiseStd * random.nextGaussian());
        }
      }
    }
  }

  // A fault's draws depend on the plant seed and the fault itself only, not on the other faults.
  // Built from stable hashes: enum hashCode differs between JVM runs.
  private long faultStreamSeed(Fault fault) {
    long hash = fault.type().ordinal();
    hash = 31 * hash + fault.sensor().hashCode();
    hash = 31 * hash + fault.startRow();
    hash = 31 * hash + fault.endRow();
    hash = 31 * hash + Double.hashCode(fault.magnitude());
    return faultSeed ^ (hash * 0x9E3779B97F4A7C15L);
  }

  /**
   * The rows in {@code [0, rows)} at which the plant load jumps to a new setpoint. A STUCK fault
   * must contain one after its first row; the intervals between them are random, from half to one
   * and a half times the setpoint interval.
   */
  public int[] setpointChangeRows(int rows) {
    if (rows < 0) {
      throw new VigilException("row count " + rows + " is negative");
    }
    return setpointSchedule(rows).changeRows.clone();
  }

  private SetpointSchedule setpointSchedule(int rows) {
    SplittableRandom random = new SplittableRandom(setpointSeed);
    int minInterval = Math.max(1, setpointIntervalRows / 2);
    int maxInterval = setpointIntervalRows * 3 / 2;
    List<Integer> changeRows = new ArrayList<>();
    List<Double> levels = new ArrayList<>();
    double level = random.nextDouble(-SETPOINT_HALF_RANGE, SETPOINT_HALF_RANGE);
    levels.add(level);
    long row = random.nextInt(minInterval, maxInterval + 1);
    while (row < rows) {
      // Uniform on [-h, h] without the band of width MIN_SETPOINT_STEP around the current level.
      double below = Math.max(0, level - MIN_SETPOINT_STEP + SETPOINT_HALF_RANGE);
      double above = Math.max(0, SETPOINT_HALF_RANGE - level - MIN_SETPOINT_STEP);
      double draw = random.nextDouble() * (below + above);
      level =
          draw < below ? -SETPOINT_HALF_RANGE + draw : level + MIN_SETPOINT_STEP + (draw - below);
      changeRows.add((int) row);
      levels.add(level);
      row += random.nextInt(minInterval, maxInterval + 1);
    }
    return new SetpointSchedule(
        changeRows.stream().mapToInt(Integer::intValue).toArray(),
        levels.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /**
   * Piecewise-constant load setpoints: {@code levels[0]} until {@code changeRows[0]}, then {@code
   * levels[i + 1]} from {@code changeRows[i]}.
   */
  private record SetpointSchedule(int[] changeRows, double[] levels) {

    void addLevels(double[] values) {
      int segment = 0;
      for (int row = 0; row < values.length; row++) {
        while (segment < changeRows.length && changeRows[segment] <= row) {
          segment++;
        }
        values[row] += levels[segment];
      }
    }

    /** Whether a change happens at a row in {@code [from, to)}. */
    boolean changesWithin(int from, int to) {
      return firstChangeAtOrAfter(from) < to;
    }

    int firstChangeAtOrAfter(int row) {
      int index = Arrays.binarySearch(changeRows, row);
      int position = index >= 0 ? index : -index - 1;
      return position < changeRows.length ? changeRows[position] : Integer.MAX_VALUE;
    }
  }

  /**
   * A random fault scenario of every fault type; see {@link #randomFaults(int, int, int, long,
   * Set)}.
   */
  public List<Fault> randomFaults(int count, int fromRow, int toRow, long scenarioSeed) {
    return randomFaults(count, fromRow, toRow, scenarioSeed, EnumSet.allOf(FaultType.class));
  }

  /**
   * A random fault scenario, the same for the same plant and arguments: {@code count} faults of the
   * given types on random sensors within rows {@code [fromRow, toRow)}, one in each of {@code
   * count} equal slots with a free gap either side, at type default magnitudes. Types take turns in
   * a shuffled order so that each is about equally frequent. Spikes last 1 to 10 rows, other faults
   * 200 to 2,000 rows or as much as the slot allows. A STUCK fault is placed around a setpoint
   * change; where its slot has none it becomes a fault of another of the given types.
   *
   * @throws VigilException if count is negative, the row range is empty, negative or too short for
   *     {@code count} faults of at least 20 rows each, or only STUCK faults are asked for and a
   *     slot has no setpoint change
   */
  public List<Fault> randomFaults(
      int count, int fromRow, int toRow, long scenarioSeed, Set<FaultType> types) {
    Objects.requireNonNull(types, "types");
    if (types.isEmpty()) {
      throw new VigilException("no fault types given for a random fault scenario");
    }
    if (count < 0) {
      throw new VigilException("fault count " + count + " is negative");
    }
    if (fromRow < 0 || toRow <= fromRow) {
      throw new VigilException(
          "row range [" + fromRow + ", " + toRow + ") for random faults is empty or negative");
    }
    if (count == 0) {
      return List.of();
    }
    int slotRows = (toRow - fromRow) / count;
    if (slotRows < MIN_RANDOM_FAULT_SLOT_ROWS) {
      throw new VigilException(
          "rows ["
              + fromRow
              + ", "
              + toRow
              + ") are too few for "
              + count
              + " faults: each needs at least "
              + MIN_RANDOM_FAULT_SLOT_ROWS
              + " rows");
    }
    SplittableRandom random = new SplittableRandom(scenarioSeed);
    SetpointSchedule schedule = setpointSchedule(toRow);
    // In declaration order whatever the set's own order: a hash set of enums iterates in an order
    // that changes between JVM runs, which would break reproducibility.
    List<FaultType> turns = new ArrayList<>(EnumSet.copyOf(types));
    List<Fault> faults = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      if (i % turns.size() == 0) {
        shuffle(turns, random);
      }
      int margin = (int) (RANDOM_FAULT_MARGIN_FRACTION * slotRows);
      int usableFrom = fromRow + i * slotRows + margin;
      int usableTo = fromRow + (i + 1) * slotRows - margin;
      FaultType type = turns.get(i % turns.size());
      String sensor = sensorNames.get(random.nextInt(sensorCount()));
      int[] range = null;
      if (type == FaultType.STUCK) {
        range = stuckRange(schedule, usableFrom, usableTo, random);
        if (range == null) {
          type = substituteForStuck(types, random, usableFrom, usableTo);
        }
      }
      if (range == null) {
        range = faultRange(type, usableFrom, usableTo, random);
      }
      faults.add(Fault.of(type, sensor, range[0], range[1]));
    }
    return List.copyOf(faults);
  }

  private static void shuffle(List<FaultType> types, SplittableRandom random) {
    for (int i = types.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      types.set(i, types.set(j, types.get(i)));
    }
  }

  private static FaultType substituteForStuck(
      Set<FaultType> types, SplittableRandom random, int usableFrom, int usableTo) {
    List<FaultType> others = new ArrayList<>(EnumSet.copyOf(types));
    others.remove(FaultType.STUCK);
    if (others.isEmpty()) {
      throw new VigilException(
          "no setpoint change in rows ["
              + usableFrom
              + ", "
              + usableTo
              + ") to place a STUCK fault around; use fewer faults, a longer row range, a shorter"
              + " setpoint interval or other fault types too");
    }
    return others.get(random.nextInt(others.size()));
  }

  private static int[] faultRange(
      FaultType type, int usableFrom, int usableTo, SplittableRandom random) {
    int usable = usableTo - usableFrom;
    int length =
        type == FaultType.SPIKE
            ? random.nextInt(1, Math.min(MAX_SPIKE_ROWS, usable) + 1)
            : slowFaultLength(usable, random);
    int start = usableFrom + random.nextInt(usable - length + 1);
    return new int[] {start, start + length};
  }

  private static int slowFaultLength(int usable, SplittableRandom random) {
    int shortest = Math.min(MIN_SLOW_FAULT_ROWS, usable);
    int longest = Math.min(MAX_SLOW_FAULT_ROWS, usable);
    return random.nextInt(shortest, longest + 1);
  }

  /** A range around a random setpoint change of the slot, or null when the slot has none. */
  private static int[] stuckRange(
      SetpointSchedule schedule, int usableFrom, int usableTo, SplittableRandom random) {
    // The change must leave at least one frozen row before it.
    int first = schedule.firstChangeAtOrAfter(usableFrom + 1);
    if (first >= usableTo) {
      return null;
    }
    List<Integer> candidates = new ArrayList<>();
    for (int change : schedule.changeRows) {
      if (change >= first && change < usableTo) {
        candidates.add(change);
      }
    }
    int change = candidates.get(random.nextInt(candidates.size()));
    int length = slowFaultLength(usableTo - usableFrom, random);
    // Put the change in the first third so that most frozen rows see the process move.
    int before = random.nextInt(1, Math.max(1, length / 3) + 1);
    int start = Math.max(usableFrom, change - before);
    int end = Math.min(usableTo, start + length);
    return new int[] {start, Math.max(end, change + 1)};
  }

  @Override
  public String toString() {
    return "SyntheticPlant["
        + components
        + " components x "
        + sensorsPerComponent
        + " sensors, every "
        + samplePeriod
        + " from "
        + start
        + ", seed "
        + seed
        + "]";
  }

  /**
   * Settings of a {@link SyntheticPlant}, each starting at its {@code DEFAULT_} constant. Not
   * thread-safe; meant to be used by one thread and discarded.
   */
  public static final class Builder {
    private int components = DEFAULT_COMPONENTS;
    private int sensorsPerComponent = DEFAULT_SENSORS_PER_COMPONENT;
    private Duration samplePeriod = DEFAULT_SAMPLE_PERIOD;
    private Instant start = DEFAULT_START;
    private long seed = DEFAULT_SEED;
    private int latentFactors = DEFAULT_LATENT_FACTORS;
    private double factorTimeConstantRows = DEFAULT_FACTOR_TIME_CONSTANT_ROWS;
    private int setpointIntervalRows = DEFAULT_SETPOINT_INTERVAL_ROWS;
    private double maxSensorLagRows = DEFAULT_MAX_SENSOR_LAG_ROWS;
    private double noiseLevel = DEFAULT_NOISE_LEVEL;
    private boolean dailyCycle = DEFAULT_DAILY_CYCLE;
    private SensorNaming naming = DEFAULT_NAMING;

    private Builder() {}

    /** The number of components, at least 1. */
    public Builder components(int components) {
      this.components = requireAtLeast(components, 1, "component count");
      return this;
    }

    /** The number of sensors of each component, at least 1. */
    public Builder sensorsPerComponent(int sensorsPerComponent) {
      this.sensorsPerComponent = requireAtLeast(sensorsPerComponent, 1, "sensors per component");
      return this;
    }

    /** The time between rows: positive, whole milliseconds. */
    public Builder samplePeriod(Duration samplePeriod) {
      Objects.requireNonNull(samplePeriod, "samplePeriod");
      if (samplePeriod.isNegative()
          || samplePeriod.isZero()
          || samplePeriod.getNano() % 1_000_000 != 0) {
        throw new VigilException(
            "sample period " + samplePeriod + " must be positive and a whole number of ms");
      }
      this.samplePeriod = samplePeriod;
      return this;
    }

    /** The timestamp of the first row, whole milliseconds. */
    public Builder start(Instant start) {
      Objects.requireNonNull(start, "start");
      if (start.getNano() % 1_000_000 != 0) {
        throw new VigilException("start " + start + " must be a whole number of milliseconds");
      }
      this.start = start;
      return this;
    }

    /** The seed of every random draw: the same seed and settings give the same data. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** The number of latent operating factors, at least 1; factor 0 is the plant load. */
    public Builder latentFactors(int latentFactors) {
      this.latentFactors = requireAtLeast(latentFactors, 1, "latent factor count");
      return this;
    }

    /** The time constant of the factors' AR(1) processes in rows, at least 1. */
    public Builder factorTimeConstantRows(double rows) {
      if (!(rows >= 1) || Double.isInfinite(rows)) {
        throw new VigilException("factor time constant " + rows + " rows must be finite and >= 1");
      }
      this.factorTimeConstantRows = rows;
      return this;
    }

    /** The mean number of rows between setpoint changes, at least 2. */
    public Builder setpointIntervalRows(int rows) {
      this.setpointIntervalRows = requireAtLeast(rows, 2, "setpoint interval");
      return this;
    }

    /** The largest sensor lag time constant in rows, 0 for sensors without lag. */
    public Builder maxSensorLagRows(double rows) {
      if (!(rows >= 0) || Double.isInfinite(rows)) {
        throw new VigilException("maximum sensor lag " + rows + " rows must be finite and >= 0");
      }
      this.maxSensorLagRows = rows;
      return this;
    }

    /** The mean noise std as a fraction of the signal std, in [0, 1]. */
    public Builder noiseLevel(double noiseLevel) {
      if (!(noiseLevel >= 0 && noiseLevel <= 1)) {
        throw new VigilException("noise level " + noiseLevel + " must be between 0 and 1");
      }
      this.noiseLevel = noiseLevel;
      return this;
    }

    /** Whether the factors follow a daily cycle (by UTC time of day). */
    public Builder dailyCycle(boolean dailyCycle) {
      this.dailyCycle = dailyCycle;
      return this;
    }

    /** How components and sensors are named. */
    public Builder naming(SensorNaming naming) {
      this.naming = Objects.requireNonNull(naming, "naming");
      return this;
    }

    /**
     * The plant.
     *
     * @throws VigilException if the naming has too few names for the plant's size, or the plant has
     *     more sensors than an {@code int} counts
     */
    public SyntheticPlant build() {
      if ((long) components * sensorsPerComponent > Integer.MAX_VALUE) {
        throw new VigilException(
            components + " components x " + sensorsPerComponent + " sensors are too many sensors");
      }
      return new SyntheticPlant(this);
    }

    private static int requireAtLeast(int value, int minimum, String what) {
      if (value < minimum) {
        throw new VigilException(what + " is " + value + "; it must be at least " + minimum);
      }
      return value;
    }
  }
}
