package dev.vigil.lookout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The table of docs/lookout.md lists every operation of the service model, and tells truly which.
 */
class LookoutDocsTest {
  private static final Pattern ROW =
      Pattern.compile("^\\| (\\w+) \\| (yes|no) \\|.*$", Pattern.MULTILINE);

  @Test
  void the_docs_list_every_operation_of_the_model_and_which_vigil_implements() throws IOException {
    String docs = Files.readString(Path.of("..", "docs", "lookout.md"));
    Map<String, Boolean> documented = new TreeMap<>();
    Matcher row = ROW.matcher(docs);
    while (row.find()) {
      assertThat(documented.put(row.group(1), row.group(2).equals("yes")))
          .as(row.group(1) + " is listed once")
          .isNull();
    }
    Map<String, Boolean> actual = new TreeMap<>();
    for (String operation : ServiceModel.load().operations().keySet()) {
      actual.put(operation, LookoutProtocolTest.SUPPORTED.contains(operation));
    }
    assertThat(documented).isEqualTo(actual);
  }
}
