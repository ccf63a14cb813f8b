package dev.vigil.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.inference.ResultHistory;
import dev.vigil.storage.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The results chart stays responsive with a month of 1-minute results (43,200): the server reduces
 * them to at most 2,000 entries that keep every peak, the page draws them at once, and what it
 * draws is what the API answers for the same range; a click on the one anomalous minute shows its
 * contributions as the API has them. It reads well on a tablet.
 */
class PortalChartTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant MONTH_START = Instant.parse("2023-12-01T00:00:00Z");
  private static final int MINUTES = 30 * 24 * 60;
  private static final int SPIKE = 31_000;

  @TempDir Path dataDir;
  @TempDir Path work;
  @TempDir Path profile;

  private PortalServer vigil;
  private Browser browser;

  @BeforeEach
  void start() throws Exception {
    Assumptions.assumeTrue(Browser.unavailable().isEmpty(), Browser.unavailable().orElse(""));
    vigil = PortalServer.start(dataDir, work, PortalServer.SIX.minus(Duration.ofMinutes(1)));
    vigil.prepareModel();
    String id = vigil.createInference("pump-7-month").get("id").asText();
    // The same embedded database as the server's, in the same JVM.
    try (Database database = Database.open(Database.embeddedUrl(dataDir), "sa", "")) {
      ResultHistory.write(
          database,
          id,
          "pump-7-model",
          1,
          MONTH_START,
          Duration.ofMinutes(1),
          MINUTES,
          Duration.ofHours(1),
          i -> i == SPIKE ? 0.96421 : 0.15 + 0.1 * Math.sin(i / 90.0));
    }
    browser = new Browser(vigil.url(), profile).signIn(PortalServer.ADMIN, PortalServer.PASSWORD);
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.screenshot("chart-month");
      browser.close();
    }
    if (vigil != null) {
      vigil.close();
    }
  }

  @Test
  void a_month_of_minute_results_draws_at_once_and_shows_what_the_api_answers() {
    long started = System.nanoTime();
    browser.open("/inferences/pump-7-month?range=all");
    long pageMillis = (System.nanoTime() - started) / 1_000_000;
    WebElement chart =
        browser.waitFor(
            d -> {
              WebElement element = browser.find("#score-chart");
              return "loaded".equals(element.getAttribute("data-state")) ? element : null;
            });
    long loadedAfter = Long.parseLong(chart.getAttribute("data-loaded-after-ms"));
    System.out.printf(
        "month of %d results: page in %d ms, chart drawn %d ms after navigation started%n",
        MINUTES, pageMillis, loadedAfter);
    // Generous bounds for a shared 2-core build machine: measured about a second.
    assertThat(loadedAfter).isLessThan(10_000);

    assertThat(chart.getAttribute("data-data-points")).isEqualTo(Integer.toString(MINUTES));
    assertThat(Integer.parseInt(chart.getAttribute("data-entries"))).isLessThanOrEqualTo(2000);
    @SuppressWarnings("unchecked")
    Map<String, Object> shown =
        (Map<String, Object>)
            browser.script("return document.querySelector('#score-chart').vigilData;");
    JsonNode api = vigil.api("/api/v1/inference-schedulers/pump-7-month/chart?sensitivity=50");
    assertThat(Json.same(JSON.valueToTree(shown), api)).isTrue();
    assertThat(api.get("downsampled").asBoolean()).isTrue();

    // The one anomalous minute is kept: it is the largest entry, and the only anomalous range.
    JsonNode max = api.at("/series/max");
    int top = 0;
    for (int i = 0; i < max.size(); i++) {
      if (max.get(i).asDouble() > max.get(top).asDouble()) {
        top = i;
      }
    }
    Instant spike = MONTH_START.plus(Duration.ofMinutes(SPIKE));
    assertThat(max.get(top).asDouble()).isEqualTo(0.96421);
    assertThat(api.at("/series/peakAt").get(top).asLong()).isEqualTo(spike.toEpochMilli());
    assertThat(api.get("anomalies")).hasSize(1);
    assertThat(api.at("/anomalies/0/start").asText()).isEqualTo(spike.toString());

    // Its contributions, from a click on the chart: the results line of that minute.
    WebElement over = chart.findElement(By.cssSelector(".u-over"));
    Number x =
        (Number)
            browser.script(
                "const u = arguments[0].vigilPlot; return u.valToPos(u.data[0][arguments[1]], 'x');",
                chart,
                top);
    new Actions(browser.driver())
        .moveToElement(over, (int) Math.round(x.doubleValue() - over.getSize().getWidth() / 2.0), 0)
        .click()
        .perform();
    browser.waitFor(d -> browser.present("#contributions [data-at]"));
    assertThat(browser.find("#contributions [data-at]").getAttribute("data-at"))
        .isEqualTo(spike.toString());
    JsonNode line =
        vigil
            .api(
                "/api/v1/inference-schedulers/pump-7-month/results?from="
                    + spike
                    + "&to="
                    + spike.plusSeconds(1))
            .at("/results/0/diagnostics");
    List<WebElement> bars = browser.all("#contributions li.bar");
    assertThat(bars).hasSize(line.size());
    for (int i = 0; i < bars.size(); i++) {
      assertThat(bars.get(i).getAttribute("data-sensor"))
          .isEqualTo(line.get(i).get("name").asText());
      assertThat(Double.parseDouble(bars.get(i).getAttribute("data-value")))
          .isEqualTo(line.get(i).get("value").asDouble());
    }
    assertThat(browser.text("#contributions h3")).contains("score 0.964");
    browser.assertNoSidewaysScroll();

    // On a tablet held upright the page reads without scrolling sideways; the chart fits.
    browser.size(Browser.TABLET);
    browser.open("/inferences/pump-7-month?range=all");
    browser.waitFor(d -> "loaded".equals(browser.find("#score-chart").getAttribute("data-state")));
    browser.assertNoSidewaysScroll();
    Number chartWidth =
        (Number)
            browser.script("return document.querySelector('#score-chart canvas').clientWidth;");
    assertThat(chartWidth.intValue()).isLessThanOrEqualTo(Browser.TABLET.getWidth());
    browser.screenshot("chart-month-tablet");
    browser.assertNoScriptErrors();
    browser.size(Browser.LAPTOP);
  }
}
