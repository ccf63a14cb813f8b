package dev.vigil.inference;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The input files a window reads, chosen by the timestamps in their names: for each component, the
 * files whose name timestamp falls in {@code [start, end)} of the window, plus the latest file
 * before the start and the first file at or after the end, so that rows near the edges of the
 * window are not missed when a file holds data from before its name's timestamp or past the next
 * one. A file whose name lies in the window is chosen whenever it arrives before the selection is
 * made, so a file that arrives late but within the data delay offset is read.
 *
 * <p>Only files directly under the prefix count, as Lookout for Equipment reads {@code
 * <prefix><component><delimiter><timestamp>.csv}: keys in sub-folders, keys of other components and
 * keys that do not fit the naming are ignored. A prefix that does not end with {@code /} is a
 * folder all the same ({@code in} means {@code in/}), as for ingestion.
 *
 * <p>Immutable and thread-safe.
 *
 * @param files per component that has files, in component order, the chosen keys ordered by the
 *     timestamps in their names (then by key)
 * @param missing the components without any file, in component order
 */
record InputSelection(Map<String, List<String>> files, List<MissingInput> missing) {
  InputSelection {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    files.forEach((component, keys) -> copy.put(component, List.copyOf(keys)));
    files = Collections.unmodifiableMap(copy);
    missing = List.copyOf(missing);
  }

  /**
   * Chooses the files of {@code window}.
   *
   * @param bucket the input bucket, for the messages
   * @param prefix the input prefix, possibly empty
   * @param keys the keys listed under the prefix, in any order
   * @param components the components of the dataset
   */
  static InputSelection select(
      String bucket,
      String prefix,
      Collection<String> keys,
      Set<String> components,
      FileNaming naming,
      Window window) {
    String folder =
        prefix == null || prefix.isEmpty() ? "" : prefix.endsWith("/") ? prefix : prefix + "/";
    Map<String, List<Named>> byComponent = new HashMap<>();
    for (String key : new LinkedHashSet<>(keys)) {
      if (!key.startsWith(folder) || key.indexOf('/', folder.length()) >= 0) {
        continue;
      }
      naming
          .parse(key.substring(folder.length()), components)
          .ifPresent(
              file ->
                  byComponent
                      .computeIfAbsent(file.component(), c -> new ArrayList<>())
                      .add(new Named(key, file.timestamp())));
    }
    Map<String, List<String>> files = new LinkedHashMap<>();
    List<MissingInput> missing = new ArrayList<>();
    for (String component : new TreeSet<>(components)) {
      List<Named> named = byComponent.getOrDefault(component, List.of());
      List<String> chosen = choose(named, window);
      if (chosen.isEmpty()) {
        String expected = naming.fileNameFor(component, window.start());
        missing.add(
            new MissingInput(
                component,
                expected,
                "no file for component "
                    + component
                    + " (expected "
                    + expected
                    + " under s3://"
                    + bucket
                    + "/"
                    + folder
                    + ")"));
      } else {
        files.put(component, chosen);
      }
    }
    return new InputSelection(files, missing);
  }

  /** Whether every component has at least one file. */
  boolean complete() {
    return missing.isEmpty();
  }

  private static List<String> choose(List<Named> named, Window window) {
    List<Named> sorted = new ArrayList<>(named);
    sorted.sort(Comparator.comparing(Named::timestamp).thenComparing(Named::key));
    List<String> chosen = new ArrayList<>();
    Named before = null;
    Named after = null;
    for (Named file : sorted) {
      if (file.timestamp().isBefore(window.start())) {
        before = file;
      } else if (window.contains(file.timestamp())) {
        chosen.add(file.key());
      } else if (after == null) {
        after = file;
      }
    }
    if (before != null) {
      chosen.add(0, before.key());
    }
    if (after != null) {
      chosen.add(after.key());
    }
    return chosen;
  }

  private record Named(String key, Instant timestamp) {}
}
