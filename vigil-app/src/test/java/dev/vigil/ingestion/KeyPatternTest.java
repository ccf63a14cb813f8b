package dev.vigil.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeyPatternTest {
  @Test
  void the_folder_pattern_is_the_default_and_reaches_into_sub_folders() {
    KeyPattern pattern = KeyPattern.parse("", "keyPattern");

    String start = pattern.keyStart("in/", "pump");

    assertThat(start).isEqualTo("in/pump/");
    assertThat(pattern.matches("in/pump/2024/a.csv", start)).isTrue();
    assertThat(pattern.matches("in/pump/", start)).isFalse();
    assertThat(pattern.matches("in/pumps/a.csv", start)).isFalse();
  }

  @Test
  void delimiter_patterns_match_files_beside_the_prefix_only() {
    KeyPattern pattern = KeyPattern.parse("{prefix}/{component_name}-*", "keyPattern");

    String start = pattern.keyStart("", "pump");

    assertThat(pattern.text()).isEqualTo("{prefix}/{component}-*");
    assertThat(start).isEqualTo("pump-");
    assertThat(pattern.matches("pump-1.csv", start)).isTrue();
    assertThat(pattern.matches("pump-x/1.csv", start)).isFalse();
    assertThat(KeyPattern.parse("{prefix}/{component} *", "k").keyStart("a", "b"))
        .isEqualTo("a/b ");
  }

  @Test
  void other_patterns_are_refused_naming_the_field() {
    assertThatThrownBy(() -> KeyPattern.parse("{prefix}{component}/*", "input.keyPattern"))
        .hasMessageStartingWith("key pattern '{prefix}{component}/*' is not supported");
  }
}
