package dev.vigil.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HtmlTest {
  @Test
  void a_users_value_never_becomes_markup() {
    Html html =
        Html.of(
            "<a title=\"{}\">{}</a>",
            "\" onmouseover=\"alert(1)",
            "<script>alert('x')</script> & co");
    assertThat(html.text())
        .isEqualTo(
            "<a title=\"&quot; onmouseover=&quot;alert(1)\">&lt;script&gt;alert(&#39;x&#39;)"
                + "&lt;/script&gt; &amp; co</a>");
  }

  @Test
  void pieces_of_the_portal_compose_as_they_are_and_lists_go_in_element_by_element() {
    Html item = Html.of("<li>{}</li>", "a<b");
    Html list = Html.of("<ul>{}</ul>", List.of(item, Html.raw("<li>c</li>"), "d&e"));
    assertThat(list.text()).isEqualTo("<ul><li>a&lt;b</li><li>c</li>d&amp;e</ul>");
    assertThat(Html.of("<p>{}{}</p>", null, 42).text()).isEqualTo("<p>42</p>");
    assertThat(Html.when(false, item)).isEqualTo(Html.EMPTY);
  }

  @Test
  void a_template_must_have_as_many_places_as_values() {
    assertThatThrownBy(() -> Html.of("<p>{}</p>", "a", "b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the template has fewer {} than the 2 values: <p>{}</p>");
    assertThatThrownBy(() -> Html.of("<p>{}{}</p>", "a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the template has more {} than the 1 values: <p>{}{}</p>");
  }
}
