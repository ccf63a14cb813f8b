package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableTest {
  private final StringWriter text = new StringWriter();
  private final PrintWriter out = new PrintWriter(text);

  @Test
  void text_columns_align_left_and_number_columns_align_right() {
    new Table("NAME", "ROWS", "NOTE")
        .add("a", 5, "short")
        .add("longer-name", 12345, null)
        .print(out);

    assertThat(text.toString().replace("\r\n", "\n"))
        .isEqualTo(
            """
            NAME          ROWS  NOTE
            a                5  short
            longer-name  12345  -
            """);
  }

  @Test
  void a_table_without_rows_prints_its_header() {
    new Table("A", "B").print(out);

    assertThat(text.toString().strip()).isEqualTo("A  B");
  }

  @Test
  void fields_align_their_values_and_leave_out_nulls() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("Name", "pump");
    fields.put("Failed reason", null);
    fields.put("Status", "ACTIVE");

    Table.fields(out, fields);

    assertThat(text.toString().replace("\r\n", "\n")).isEqualTo("Name:   pump\nStatus: ACTIVE\n");
  }

  @Test
  void numbers_keep_six_significant_digits_without_trailing_zeros() {
    assertThat(Render.number(8.123456789)).isEqualTo("8.12346");
    assertThat(Render.number(230.0)).isEqualTo("230");
    assertThat(Render.number(0.5)).isEqualTo("0.5");
    assertThat(Render.number(0.0)).isEqualTo("0");
    assertThat(Render.number(1.5e-7)).isEqualTo("1.500e-07");
  }
}
