package dev.vigil.inference;

import java.time.Instant;
import java.util.Objects;

/**
 * What the name of an input file tells: the component it holds data for and the timestamp in its
 * name. Immutable and thread-safe.
 *
 * @param component a component of the dataset
 * @param timestamp the timestamp of the name, read in the scheduler's input time zone
 */
record NamedFile(String component, Instant timestamp) {
  NamedFile {
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(timestamp, "timestamp");
  }
}
