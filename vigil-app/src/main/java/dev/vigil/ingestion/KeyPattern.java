package dev.vigil.ingestion;

import dev.vigil.request.InvalidRequestException;
import java.util.List;

/**
 * Which objects of the input location belong to a component, as Lookout's {@code KeyPattern}: the
 * files under a folder named after the component ({@code {prefix}/{component}/*}, the default), or
 * the files beside it whose names start with the component and a delimiter ({@code
 * {prefix}/{component}_*}, and the same with a hyphen, a dot or a space). Lookout's spelling {@code
 * {component_name}} is accepted too. Immutable and thread-safe.
 *
 * @param text the pattern as given, normalized to the {@code {component}} spelling
 * @param delimiter what follows the component name in a key: {@code /} for the folder pattern
 */
record KeyPattern(String text, char delimiter) {
  /** The pattern used when none is given. */
  static final String DEFAULT = "{prefix}/{component}/*";

  private static final List<Character> DELIMITERS = List.of('/', '_', '-', '.', ' ');

  /**
   * Reads a pattern; an empty one means {@link #DEFAULT}.
   *
   * @throws InvalidRequestException naming {@code field} when the pattern is not one of the
   *     supported ones
   */
  static KeyPattern parse(String pattern, String field) {
    String normalized =
        pattern == null || pattern.isEmpty()
            ? DEFAULT
            : pattern.replace("{component_name}", "{component}");
    for (char delimiter : DELIMITERS) {
      if (normalized.equals("{prefix}/{component}" + delimiter + "*")) {
        return new KeyPattern(normalized, delimiter);
      }
    }
    throw new InvalidRequestException(
        field,
        "key pattern '"
            + pattern
            + "' is not supported: use {prefix}/{component}/*, {prefix}/{component}_*,"
            + " {prefix}/{component}-*, {prefix}/{component}.* or {prefix}/{component} *");
  }

  /** The start every key of the component has: the prefix as a folder, the name, the delimiter. */
  String keyStart(String prefix, String component) {
    String folder = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    return (folder.isEmpty() ? "" : folder + "/") + component + delimiter;
  }

  /**
   * Whether {@code key} matches, given its {@link #keyStart}: something must follow the start, and
   * only the folder pattern reaches into sub-folders. Folder markers (keys ending in {@code /}) are
   * no files.
   */
  boolean matches(String key, String keyStart) {
    if (!key.startsWith(keyStart) || key.length() == keyStart.length() || key.endsWith("/")) {
      return false;
    }
    return delimiter == '/' || key.indexOf('/', keyStart.length()) < 0;
  }
}
