package dev.vigil.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

/**
 * An inference whose input never arrives fails window after window until Vigil pauses it; its page
 * says "System pause" and, under "View details", the reason and the failed executions, as the API
 * has them; it offers restart and delete. The overview and the scheduler health count it.
 */
class PortalSystemPauseTest {
  private static final ObjectMapper JSON = new ObjectMapper();

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
    vigil.api(
        "POST",
        "/api/v1/inference-schedulers",
        JSON.readTree(
            """
            {"name": "pump-7-dry", "modelName": "pump-7-model", "dataUploadFrequency": "PT5M",
             "startTime": "2024-01-01T06:00:00Z",
             "input": {"bucket": "plant", "prefix": "nothing/"},
             "output": {"bucket": "results", "prefix": "dry/"}}"""),
        201);
    browser = new Browser(vigil.url(), profile).signIn(PortalServer.ADMIN, PortalServer.PASSWORD);
  }

  @AfterEach
  void stop() {
    if (browser != null) {
      browser.screenshot("system-pause");
      browser.close();
    }
    if (vigil != null) {
      vigil.close();
    }
  }

  @Test
  void a_system_pause_shows_its_reason_and_the_failed_executions() {
    vigil.setClock(PortalServer.SIX.plus(Duration.ofMinutes(31)));
    browser.waitFor(
        d ->
            vigil
                .api("/api/v1/inference-schedulers/pump-7-dry")
                .path("stopReason")
                .asText()
                .equals("SYSTEM"));
    JsonNode scheduler = vigil.api("/api/v1/inference-schedulers/pump-7-dry");
    JsonNode executions =
        vigil.api("/api/v1/inference-schedulers/pump-7-dry/executions").get("executions");

    browser.open("/inferences/pump-7-dry");
    assertThat(browser.text("[data-fact=status] dd")).contains("System pause");
    assertThat(browser.find("#view-details").getAttribute("open")).isNotNull();
    assertThat(browser.text("#status-reason"))
        .isEqualTo(
            "Paused by Vigil after repeated failures: " + scheduler.get("stopDetail").asText());
    List<WebElement> failed = browser.all("#failed-executions tbody tr");
    assertThat(failed).hasSize(executions.size()).hasSize(5);
    for (int i = 0; i < failed.size(); i++) {
      JsonNode execution = executions.get(executions.size() - 1 - i);
      assertThat(execution.get("status").asText()).isEqualTo("FAILED");
      assertThat(failed.get(i).getText()).contains(execution.get("failedReason").asText());
    }
    assertThat(browser.present("#restart-pump-7-dry")).isTrue();
    assertThat(browser.present("#delete-pump-7-dry")).isTrue();

    browser.open("/");
    assertThat(browser.text("#counts a[href='/scheduler-health']")).isEqualTo("1\nin system pause");
    browser.open("/scheduler-health");
    assertThat(browser.find("#health tr[data-inference=pump-7-dry]").getAttribute("data-failed"))
        .isEqualTo("5");
    browser.open("/inferences/pump-7-dry");
  }
}
