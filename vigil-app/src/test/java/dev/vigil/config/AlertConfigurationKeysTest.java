package dev.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.VigilException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code alerts.*} keys: defaults, the environment, and each rule with its message. */
class AlertConfigurationKeysTest {
  @Test
  void by_default_links_point_at_the_bound_address_and_deliveries_retry_for_a_day() {
    VigilConfig config = ConfigLoader.load(null, Map.of(), Map.of("server.port", "9090"));

    assertThat(config.alerts())
        .isEqualTo(new VigilConfig.AlertSettings("http://127.0.0.1:9090", Duration.ofHours(24), 4));
    assertThat(ConfigLoader.load(null, Map.of(), Map.of("server.bind", "::1")).alerts().publicUrl())
        .isEqualTo("http://[::1]:8080");
  }

  @Test
  void the_alert_keys_are_read_from_the_environment_and_a_trailing_slash_is_dropped() {
    VigilConfig config =
        ConfigLoader.load(
            null,
            Map.of(
                "VIGIL_ALERTS_PUBLIC_URL", "https://vigil.plant.example/",
                "VIGIL_ALERTS_RETRY_HORIZON", "PT6H",
                "VIGIL_ALERTS_DELIVERY_THREADS", "8"),
            Map.of());

    assertThat(config.alerts().publicUrl()).isEqualTo("https://vigil.plant.example");
    assertThat(config.alerts().retryHorizon()).isEqualTo(Duration.ofHours(6));
    assertThat(config.alerts().deliveryThreads()).isEqualTo(8);
  }

  @Test
  void bad_alert_values_are_all_reported_with_their_keys() {
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    null,
                    Map.of(),
                    Map.of(
                        "alerts.public-url", "vigil.plant.example",
                        "alerts.retry-horizon", "P90D",
                        "alerts.delivery-threads", "0")))
        .isInstanceOf(VigilException.class)
        .hasMessage(
            "invalid configuration: alerts.public-url must be an http:// or https:// URL with a"
                + " host, got 'vigil.plant.example'; alerts.retry-horizon must be an ISO-8601"
                + " duration from PT1M to P30D, got 'P90D'; alerts.delivery-threads must be between"
                + " 1 and 64, got 0");
    assertThatThrownBy(
            () -> ConfigLoader.load(null, Map.of(), Map.of("alerts.retry-horizon", "a day")))
        .hasMessage(
            "invalid configuration: alerts.retry-horizon must be an ISO-8601 duration from PT1M to"
                + " P30D, got 'a day'");
  }
}
