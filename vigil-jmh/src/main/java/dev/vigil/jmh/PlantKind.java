package dev.vigil.jmh;

/**
 * The two 50-sensor plants the benchmarks run on: the default one, whose few operating factors the
 * model captures in 2 to 3 principal components, and a harder one (20 factors, noise half the
 * signal) that makes it keep about 50. Scoring cost grows with the components kept. Public because
 * JMH's generated code reads it as a parameter.
 */
public enum PlantKind {
  DEFAULT,
  NOISY
}
