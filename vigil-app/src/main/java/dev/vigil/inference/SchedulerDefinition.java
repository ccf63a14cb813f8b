package dev.vigil.inference;

import java.util.Objects;

/**
 * An inference scheduler as the execution engine sees it: which model version to run, when, on
 * which input and into which output. Written by the scheduler service, read by the engine.
 *
 * @param id stable identifier
 * @param name unique name
 * @param modelName the model whose version runs
 * @param modelVersion the version that runs now (changed by a model swap while stopped)
 * @param schedule clock-aligned windows: frequency, delay offset, first window
 * @param inputBucket where input files are read
 * @param inputPrefix folder of the input files ({@code <component><delimiter><timestamp>.csv})
 * @param naming how input file names carry their timestamp, and the input time zone
 * @param outputBucket where results are written
 * @param outputPrefix results go to {@code <outputPrefix><window end>/results.jsonl}
 */
record SchedulerDefinition(
    String id,
    String name,
    String modelName,
    int modelVersion,
    WindowSchedule schedule,
    String inputBucket,
    String inputPrefix,
    FileNaming naming,
    String outputBucket,
    String outputPrefix) {
  SchedulerDefinition {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(modelName, "modelName");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(inputBucket, "inputBucket");
    Objects.requireNonNull(inputPrefix, "inputPrefix");
    Objects.requireNonNull(naming, "naming");
    Objects.requireNonNull(outputBucket, "outputBucket");
    Objects.requireNonNull(outputPrefix, "outputPrefix");
  }
}
