package dev.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.engine.VigilException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private Path file(String... lines) throws IOException {
    Path file = dir.resolve("vigil.properties");
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void withNothingSetEveryValueIsItsDefault() {
    VigilConfig config = ConfigLoader.load(null, Map.of(), Map.of());

    assertThat(config.bindAddress()).isEqualTo("127.0.0.1");
    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.dataDirectory()).isEqualTo(Path.of("vigil-data"));
    assertThat(config.objectsDirectory()).isEqualTo(Path.of("vigil-data", "objects"));
    assertThat(config.database()).isEqualTo(new VigilConfig.DatabaseSettings("", "", ""));
    assertThat(config.database().embedded()).isTrue();
    assertThat(config.objectStore())
        .isEqualTo(new VigilConfig.ObjectStoreSettings("folder", "", "us-east-1", true, "", ""));
    assertThat(config.objectStore().s3()).isFalse();
    assertThat(config.workerThreads())
        .isEqualTo(ConfigLoader.DEFAULT_WORKERS)
        .isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
  }

  @Test
  void theEnvironmentOverridesTheFileAndTheCommandLineOverridesBoth() throws IOException {
    Path file =
        file(
            "server.port=1001",
            "workers=2",
            "data.dir=/srv/from-file",
            "objectstore.type=s3",
            "objectstore.region=eu-west-1");
    Map<String, String> environment =
        Map.of(
            "VIGIL_SERVER_PORT", "1002",
            "VIGIL_WORKERS", "3",
            "VIGIL_OBJECTSTORE_PATH_STYLE", "false",
            "VIGIL_OBJECTSTORE_ACCESS_KEY_ID", "from-environment",
            "SERVER_PORT", "9999");
    Map<String, String> overrides = new HashMap<>();
    overrides.put("server.port", "1003");
    overrides.put("workers", null);

    VigilConfig config = ConfigLoader.load(file, environment, overrides);

    assertThat(config.port()).isEqualTo(1003);
    assertThat(config.workerThreads()).isEqualTo(3);
    assertThat(config.dataDirectory()).isEqualTo(Path.of("/srv/from-file"));
    assertThat(config.objectStore())
        .isEqualTo(
            new VigilConfig.ObjectStoreSettings(
                "s3", "", "eu-west-1", false, "from-environment", ""));
  }

  @Test
  void environmentNamesAreTheKeysInUpperCaseWithUnderscores() {
    assertThat(ConfigLoader.environmentName("database.url")).isEqualTo("VIGIL_DATABASE_URL");
    assertThat(ConfigLoader.environmentName("objectstore.secret-access-key"))
        .isEqualTo("VIGIL_OBJECTSTORE_SECRET_ACCESS_KEY");
  }

  @Test
  void unknownKeysInTheFileAreRefusedListingTheKnownOnes() throws IOException {
    Path file = file("server.prot=9000", "wrokers=2", "server.bind=0.0.0.0");

    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of(), Map.of()))
        .isInstanceOf(VigilException.class)
        .hasMessage(
            "configuration file "
                + file
                + " has unknown keys [server.prot, wrokers]; known keys: "
                + new java.util.TreeSet<>(ConfigLoader.KEYS));
    assertThat(ConfigLoader.KEYS)
        .contains(
            "server.port",
            "workers",
            "inference.threads",
            "alerts.public-url",
            "lookout.access-keys");
  }

  @Test
  void everyInvalidValueIsReportedTogetherWithItsKey() throws IOException {
    Path file =
        file(
            "server.port=70000",
            "database.url=mysql://db/vigil",
            "objectstore.type=ftp",
            "objectstore.endpoint=minio:9000",
            "objectstore.path-style=yes");

    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of("VIGIL_WORKERS", "many"), Map.of()))
        .isInstanceOf(VigilException.class)
        .hasMessage(
            "invalid configuration: server.port must be between 0 and 65535, got 70000;"
                + " database.url must be a jdbc:postgresql: or jdbc:h2: URL, got"
                + " 'mysql://db/vigil'; objectstore.type must be 'folder' or 's3', got 'ftp';"
                + " objectstore.endpoint must be an http:// or https:// URL, got 'minio:9000';"
                + " objectstore.path-style must be true or false, got 'yes';"
                + " workers must be a whole number, got 'many'");
  }

  @Test
  void numbersOutOfRangeNameTheRange() {
    assertThatThrownBy(
            () -> ConfigLoader.load(null, Map.of(), Map.of("workers", "0", "server.port", "x")))
        .isInstanceOf(VigilException.class)
        .hasMessage(
            "invalid configuration: server.port must be a whole number, got 'x';"
                + " workers must be between 1 and 64, got 0");
  }

  @Test
  void inferenceSettingsAreReadAndCheckedWithTheirKeys() {
    VigilConfig config =
        ConfigLoader.load(
            null,
            Map.of("VIGIL_INFERENCE_REPLAY_MAX_POINTS", "5000"),
            Map.of(
                "inference.catch-up-horizon", "PT6H",
                "inference.max-consecutive-failures", "3",
                "inference.threads", "8"));
    assertThat(config.inference())
        .isEqualTo(new VigilConfig.InferenceSettings(Duration.ofHours(6), 3, 5000, 8));
    assertThat(ConfigLoader.load(null, Map.of(), Map.of()).inference())
        .isEqualTo(VigilConfig.InferenceSettings.DEFAULTS);

    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    null,
                    Map.of(),
                    Map.of(
                        "inference.catch-up-horizon", "a day",
                        "inference.max-consecutive-failures", "0",
                        "inference.replay-max-points", "lots",
                        "inference.threads", "65")))
        .isInstanceOf(VigilException.class)
        .hasMessage(
            "invalid configuration: inference.catch-up-horizon must be an ISO-8601 duration such"
                + " as PT24H, got 'a day'; inference.max-consecutive-failures must be between 1"
                + " and 1000, got 0; inference.replay-max-points must be a whole number, got"
                + " 'lots'; inference.threads must be between 1 and 64, got 65");
    assertThatThrownBy(
            () -> ConfigLoader.load(null, Map.of(), Map.of("inference.catch-up-horizon", "-PT1H")))
        .hasMessage(
            "invalid configuration: inference.catch-up-horizon must not be negative, got -PT1H");
  }

  @Test
  void valuesAreTrimmed() {
    VigilConfig config =
        ConfigLoader.load(
            null,
            Map.of(),
            Map.of("server.port", " 9000 ", "database.url", " jdbc:h2:mem:x ", "workers", "4 "));

    assertThat(config.port()).isEqualTo(9000);
    assertThat(config.database().url()).isEqualTo("jdbc:h2:mem:x");
    assertThat(config.workerThreads()).isEqualTo(4);
  }

  @Test
  void aMissingFileIsNamed() {
    Path missing = dir.resolve("absent.properties");

    assertThatThrownBy(() -> ConfigLoader.load(missing, Map.of(), Map.of()))
        .isInstanceOf(VigilException.class)
        .hasMessageStartingWith("cannot read configuration file " + missing + ": ");
  }

  @Test
  void secretsNeverAppearInToString() throws IOException {
    Path file =
        file(
            "database.url=jdbc:postgresql://db:5432/vigil",
            "database.user=vigil",
            "database.password=db-Secret-1",
            "objectstore.type=s3",
            "objectstore.endpoint=http://minio:9000",
            "objectstore.access-key-id=AKIAEXAMPLE",
            "objectstore.secret-access-key=s3-Secret-2");

    String text = ConfigLoader.load(file, Map.of(), Map.of()).toString();

    assertThat(text)
        .doesNotContain("db-Secret-1")
        .doesNotContain("s3-Secret-2")
        .contains(
            "DatabaseSettings[url=jdbc:postgresql://db:5432/vigil, user=vigil, password=****]")
        .contains(
            "ObjectStoreSettings[type=s3, endpoint=http://minio:9000, region=us-east-1,"
                + " pathStyleAccess=true, accessKeyId=AKIAEXAMPLE, secretAccessKey=****]");
  }

  @Test
  void unsetSecretsAreShownAsNone() {
    VigilConfig config = ConfigLoader.load(null, Map.of(), Map.of("objectstore.type", "s3"));

    assertThat(config.database().toString())
        .isEqualTo("DatabaseSettings[url=(embedded), user=, password=(none)]");
    assertThat(config.objectStore().toString()).endsWith("secretAccessKey=(none)]");
    assertThat(ConfigLoader.load(null, Map.of(), Map.of()).objectStore().toString())
        .isEqualTo("ObjectStoreSettings[type=folder]");
  }

  @Test
  void the_lookout_endpoint_defaults_to_development_mode_on_loopback() {
    VigilConfig.LookoutSettings lookout = ConfigLoader.load(null, Map.of(), Map.of()).lookout();

    assertThat(lookout).isEqualTo(VigilConfig.LookoutSettings.DEFAULTS);
    assertThat(lookout.enabled()).isTrue();
    assertThat(lookout.region()).isEqualTo("us-east-1");
    assertThat(lookout.accountId()).isEqualTo("000000000000");
    assertThat(lookout.developmentMode()).isTrue();
  }

  @Test
  void lookout_access_keys_are_read_with_their_principals_and_their_secrets_never_shown() {
    VigilConfig config =
        ConfigLoader.load(
            null,
            Map.of(
                "VIGIL_LOOKOUT_ACCESS_KEYS",
                "AKIAPLANT0001:s3cr3t/One+:plant-team, AKIAPLANT0002:s3cr3t-two"),
            Map.of("lookout.region", "eu-west-1", "lookout.account-id", "123456789012"));

    assertThat(config.lookout().accessKeys())
        .containsExactly(
            new VigilConfig.AccessKey("AKIAPLANT0001", "s3cr3t/One+", "plant-team"),
            new VigilConfig.AccessKey("AKIAPLANT0002", "s3cr3t-two", "AKIAPLANT0002"));
    assertThat(config.lookout().developmentMode()).isFalse();
    assertThat(config.lookout().region()).isEqualTo("eu-west-1");
    assertThat(config.toString())
        .contains("AKIAPLANT0001 (plant-team, secret ****)")
        .doesNotContain("s3cr3t");
  }

  @Test
  void invalid_lookout_settings_are_reported_with_their_keys() {
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    null,
                    Map.of(),
                    Map.of(
                        "lookout.enabled", "maybe",
                        "lookout.region", "EU_WEST",
                        "lookout.account-id", "1234",
                        "lookout.access-keys",
                            "AKIAONE1:x,nokey,AKIAONE1:y,AKIATWO2:z:bad principal")))
        .isInstanceOf(VigilException.class)
        .hasMessage(
            "invalid configuration: lookout.enabled must be true or false, got 'maybe';"
                + " lookout.region must be a region name of lower-case letters, digits and dashes"
                + " such as eu-west-1, got 'EU_WEST'; lookout.account-id must be 12 digits, got"
                + " '1234'; lookout.access-keys must be KEY_ID:SECRET[:PRINCIPAL] entries"
                + " separated by commas; entry 2 (key id 'nokey') is not; lookout.access-keys: key"
                + " id 'AKIAONE1' is given twice; lookout.access-keys: principal 'bad principal' of"
                + " key id 'AKIATWO2' must be 1 to 200 letters, digits and ._@/+=-");
  }

  @Test
  void a_server_reachable_from_the_network_refuses_to_start_a_lookout_endpoint_without_keys() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("server.bind", "0.0.0.0")))
        .isInstanceOf(VigilException.class)
        .hasMessage(
            "invalid configuration: lookout.access-keys is empty while server.bind is 0.0.0.0:"
                + " the Lookout-compatible endpoint would accept unsigned requests from the"
                + " network; configure lookout.access-keys (KEY_ID:SECRET[:PRINCIPAL]), bind to"
                + " 127.0.0.1, or set lookout.enabled=false");
    assertThatThrownBy(
            () -> ConfigLoader.load(null, Map.of(), Map.of("server.bind", "plant.example.com")))
        .hasMessageContaining(
            "lookout.access-keys is empty while server.bind is plant.example.com");

    assertThat(
            ConfigLoader.load(
                    null,
                    Map.of(),
                    Map.of("server.bind", "0.0.0.0", "lookout.access-keys", "AKIAPLANT0001:secret"))
                .lookout()
                .developmentMode())
        .isFalse();
    assertThat(
            ConfigLoader.load(
                    null, Map.of(), Map.of("server.bind", "0.0.0.0", "lookout.enabled", "false"))
                .lookout()
                .enabled())
        .isFalse();
    for (String loopback : new String[] {"127.0.0.1", "127.0.1.1", "localhost", "::1", "[::1]"}) {
      assertThat(
              ConfigLoader.load(null, Map.of(), Map.of("server.bind", loopback))
                  .lookout()
                  .developmentMode())
          .as(loopback)
          .isTrue();
    }
  }
}
