/**
 * JMH benchmarks of the engine on the 50-sensor synthetic plant: scoring throughput ({@link
 * dev.vigil.jmh.ScoringBenchmark}), training time ({@link dev.vigil.jmh.TrainingBenchmark}) and
 * model write/read time ({@link dev.vigil.jmh.RoundTripBenchmark}), plus the model size check
 * {@link dev.vigil.jmh.ModelSize}. See {@code vigil-jmh/README.md} for how to run them and the
 * targets.
 */
package dev.vigil.jmh;
