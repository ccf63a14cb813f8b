package dev.vigil.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.request.ConflictException;
import dev.vigil.request.InvalidRequestException;
import org.junit.jupiter.api.Test;

class FormErrorsTest {
  @Test
  void a_field_shows_the_messages_of_the_fields_under_it() {
    FormErrors errors =
        FormErrors.of(
            new InvalidRequestException("labels[2].end", "labels[2].end is required"), f -> f);
    assertThat(errors.of("labels")).isEqualTo("labels[2].end is required");
    assertThat(errors.of("labelsFrom")).isNull();
    assertThat(errors.general()).isNull();
  }

  @Test
  void a_refusal_of_no_field_is_the_forms_and_a_taken_name_goes_to_the_name() {
    assertThat(
            FormErrors.of(new InvalidRequestException(null, "give exactly one"), f -> f).general())
        .isEqualTo("give exactly one");
    FormErrors taken =
        FormErrors.of(new ConflictException("hook 'a' already exists"), f -> f, "hook.name");
    assertThat(taken.of("hook.name")).isEqualTo("hook 'a' already exists");
    assertThat(taken.summary().text()).contains("href=\"#f-hook-name\"");
  }
}
