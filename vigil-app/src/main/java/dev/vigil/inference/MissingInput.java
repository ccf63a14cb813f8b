package dev.vigil.inference;

import java.util.Objects;

/**
 * A component with no input file for a window: none in the window, none before and none after it.
 * Immutable and thread-safe.
 *
 * @param component the component
 * @param expectedFileName the name a file for the start of the window would have
 * @param message for the user: names the component, the expected file name and the location
 */
record MissingInput(String component, String expectedFileName, String message) {
  MissingInput {
    Objects.requireNonNull(component, "component");
    Objects.requireNonNull(expectedFileName, "expectedFileName");
    Objects.requireNonNull(message, "message");
  }
}
