package dev.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.VigilException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The keys of sign-in ({@code security.*}) and metrics ({@code metrics.public}). */
class SecurityConfigTest {
  private static final String HASH = "$2a$12$" + "a".repeat(53);

  @Test
  void the_defaults_have_no_admin_twelve_hour_sessions_and_public_metrics_on_loopback() {
    VigilConfig config = ConfigLoader.load(null, Map.of(), Map.of());
    assertThat(config.security().configuredAdmin()).isFalse();
    assertThat(config.security().sessionDuration()).isEqualTo(Duration.ofHours(12));
    assertThat(config.security().passwordHashCost()).isEqualTo(12);
    assertThat(config.metrics().publicEndpoint()).isTrue();
    assertThat(
            ConfigLoader.load(
                    null, Map.of(), Map.of("server.bind", "0.0.0.0", "lookout.enabled", "false"))
                .metrics()
                .publicEndpoint())
        .isFalse();
  }

  @Test
  void the_admin_comes_from_the_environment_with_its_hash_masked() {
    VigilConfig config =
        ConfigLoader.load(
            null,
            Map.of(
                "VIGIL_SECURITY_ADMIN_USER", "Root",
                "VIGIL_SECURITY_ADMIN_PASSWORD_HASH", HASH,
                "VIGIL_SECURITY_SESSION_DURATION", "PT8H",
                "VIGIL_METRICS_PUBLIC", "false"),
            Map.of());
    assertThat(config.security().adminUser()).isEqualTo("root");
    assertThat(config.security().adminPasswordHash()).isEqualTo(HASH);
    assertThat(config.security().sessionDuration()).isEqualTo(Duration.ofHours(8));
    assertThat(config.metrics().publicEndpoint()).isFalse();
    assertThat(config.toString())
        .contains(
            "SecuritySettings[adminUser=root, adminPasswordHash=****, sessionDuration=PT8H,"
                + " passwordHashCost=12]")
        .doesNotContain(HASH);
  }

  @Test
  void every_wrong_value_is_reported_with_its_key_and_never_the_hash() {
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    null,
                    Map.of(),
                    Map.of(
                        "security.admin-user", "root",
                        "security.admin-password-hash", "plain-text-password",
                        "security.session-duration", "P60D",
                        "security.password-hash-cost", "4",
                        "metrics.public", "yes")))
        .isInstanceOf(VigilException.class)
        .hasMessage(
            "invalid configuration: security.admin-password-hash must be a bcrypt hash ($2a$,"
                + " $2b$ or $2y$, 60 characters), as `vigil user hash-password` prints it; the"
                + " value given has 19 characters; security.session-duration must be an ISO-8601"
                + " duration from PT5M to P30D, got 'P60D'; security.password-hash-cost must be"
                + " between 10 and 16, got 4; metrics.public must be true or false, got 'yes'")
        .hasMessageNotContaining("plain-text-password");
    assertThatThrownBy(
            () -> ConfigLoader.load(null, Map.of(), Map.of("security.admin-user", "root")))
        .hasMessage(
            "invalid configuration: security.admin-user and security.admin-password-hash go"
                + " together: give both or neither");
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    null,
                    Map.of(),
                    Map.of(
                        "security.admin-user", "no spaces", "security.admin-password-hash", HASH)))
        .hasMessage(
            "invalid configuration: security.admin-user must be 1 to 100 letters, digits and ._@-"
                + " starting with a letter or digit, got 'no spaces'");
  }
}
