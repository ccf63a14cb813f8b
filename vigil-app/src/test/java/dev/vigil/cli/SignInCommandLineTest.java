package dev.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.config.ConfigLoader;
import dev.vigil.server.VigilServer;
import dev.vigil.user.Passwords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil user} and {@code vigil token} against a real server, and how every command finds its
 * token: {@code --token}, {@code VIGIL_TOKEN}, the token file. The environment and the token file
 * are a process's, so those runs start the CLI as a separate JVM with its own environment; the
 * others run in this one.
 */
class SignInCommandLineTest {
  private static final String PASSWORD = "correct-horse-battery";

  @TempDir Path dataDir;
  @TempDir Path home;

  private VigilServer start() {
    return VigilServer.start(
        ConfigLoader.load(
            null,
            Map.of(),
            Map.of(
                "server.port",
                "0",
                "data.dir",
                dataDir.toString(),
                "security.password-hash-cost",
                "10")),
        Clock.systemUTC());
  }

  private static CliRun vigil(VigilServer server, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--server");
    all.add("http://127.0.0.1:" + server.port());
    return CliRun.of(all.toArray(String[]::new));
  }

  /** The CLI in a JVM of its own, with {@code environment} added to this one's. */
  private static CliRun process(Map<String, String> environment, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.vigil.Vigil");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().remove("VIGIL_TOKEN");
    builder.environment().putAll(environment);
    Process process = builder.start();
    // Read both streams before waiting: a full pipe would block the child.
    byte[] out = process.getInputStream().readAllBytes();
    byte[] err = process.getErrorStream().readAllBytes();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new CliRun(
        process.exitValue(),
        new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }

  @Test
  void the_first_admin_is_created_through_an_open_server_then_every_command_needs_a_token() {
    try (VigilServer server = start()) {
      CliRun created =
          vigil(server, "user", "create", "--admin", "--name", "alice", "--password=" + PASSWORD);
      assertThat(created.exit()).as(created.err()).isZero();
      assertThat(created.out()).isEqualTo("created user alice (ADMIN)\n");

      CliRun refused = vigil(server, "dataset", "list");
      assertThat(refused.exit()).isEqualTo(1);
      assertThat(refused.err())
          .startsWith(
              "vigil: sign-in required: send an API token as 'Authorization: Bearer <token>', or"
                  + " sign in at /sign-in (the CLI sends the API token of --token, of the"
                  + " VIGIL_TOKEN environment variable, or of the file ")
          .endsWith("; `vigil token create --user NAME --save` makes one)\n");

      CliRun token =
          vigil(
              server,
              "token",
              "create",
              "--name",
              "laptop",
              "--user",
              "alice",
              "--password=" + PASSWORD);
      assertThat(token.exit()).as(token.err()).isZero();
      assertThat(token.err())
          .contains("API token laptop (", ") of user alice; it is shown this once:");
      String secret = token.out().strip();
      assertThat(secret).startsWith("vigil_");

      CliRun listed = vigil(server, "dataset", "list", "--token", secret);
      assertThat(listed.exit()).as(listed.err()).isZero();
      assertThat(listed.out()).isEqualTo("no datasets\n");

      CliRun viewer =
          vigil(
              server,
              "user",
              "create",
              "--name",
              "victor",
              "--password=" + PASSWORD,
              "--token",
              secret);
      assertThat(viewer.out()).isEqualTo("created user victor (VIEWER)\n");
      CliRun users = vigil(server, "user", "list", "--token", secret);
      assertThat(users.out()).contains("alice ", "ADMIN", "victor", "VIEWER");

      String id =
          vigil(server, "token", "list", "--json", "--token", secret)
              .outJson()
              .at("/tokens/0/id")
              .asText();
      CliRun revoked = vigil(server, "token", "revoke", id, "--token", secret);
      assertThat(revoked.out()).isEqualTo("revoked API token " + id + "\n");
      CliRun after = vigil(server, "dataset", "list", "--token", secret);
      assertThat(after.exit()).isEqualTo(1);
      assertThat(after.err())
          .startsWith("vigil: the API token 'laptop' of user alice was revoked at ");
    }
  }

  @Test
  void the_first_admin_is_written_into_the_database_of_a_stopped_server() {
    CliRun created =
        CliRun.of(
            "user",
            "create",
            "--admin",
            "--name",
            "root",
            "--password=" + PASSWORD,
            "--direct",
            "--data-dir",
            dataDir.toString());
    assertThat(created.exit()).as(created.err()).isZero();
    assertThat(created.out()).isEqualTo("created user root (ADMIN)\n");
    try (VigilServer server = start()) {
      assertThat(vigil(server, "dataset", "list").exit()).as("sign-in is required").isEqualTo(1);
      CliRun token =
          vigil(
              server,
              "token",
              "create",
              "--name",
              "ops",
              "--user",
              "root",
              "--password=" + PASSWORD);
      assertThat(token.exit()).as(token.err()).isZero();
    }
    CliRun misplaced = CliRun.of("user", "create", "--name", "x", "--data-dir", dataDir.toString());
    assertThat(misplaced.exit()).isEqualTo(2);
    assertThat(misplaced.err())
        .startsWith(
            "--config and --data-dir go with --direct: without it, the user is created through"
                + " the API of --server");
  }

  @Test
  void the_database_of_a_running_embedded_server_is_not_written_directly()
      throws IOException, InterruptedException {
    try (VigilServer server = start()) {
      assertThat(server.ready()).isTrue();
      CliRun refused =
          process(
              Map.of(),
              "user",
              "create",
              "--admin",
              "--name",
              "root",
              "--password=" + PASSWORD,
              "--direct",
              "--data-dir",
              dataDir.toString());
      assertThat(refused.exit()).isEqualTo(1);
      assertThat(refused.err())
          .startsWith("vigil: cannot connect to the database at jdbc:h2:file:")
          .contains("The file is locked")
          .endsWith(
              "; is `vigil server` running on "
                  + dataDir
                  + "? Stop it, or create the user through its API (without --direct)\n");
    }
  }

  @Test
  void a_hash_for_the_configuration_is_printed_by_hash_password() {
    CliRun hashed = CliRun.of("user", "hash-password", "--password=" + PASSWORD, "--cost", "10");
    assertThat(hashed.exit()).as(hashed.err()).isZero();
    String hash = hashed.out().strip();
    assertThat(Passwords.isHash(hash)).isTrue();
    assertThat(hash).startsWith("$2a$10$");
    assertThat(new Passwords(10).matches(PASSWORD, hash)).isTrue();
  }

  @Test
  void the_cli_finds_its_token_in_the_environment_then_in_the_token_file()
      throws IOException, InterruptedException {
    try (VigilServer server = start()) {
      String url = "http://127.0.0.1:" + server.port();
      assertThat(
              vigil(
                      server,
                      "user",
                      "create",
                      "--admin",
                      "--name",
                      "alice",
                      "--password=" + PASSWORD)
                  .exit())
          .isZero();
      Map<String, String> environment =
          Map.of("XDG_CONFIG_HOME", home.toString(), "HOME", home.toString());

      CliRun saved =
          process(
              environment,
              "token",
              "create",
              "--name",
              "laptop",
              "--user",
              "alice",
              "--password=" + PASSWORD,
              "--save",
              "--server",
              url);
      assertThat(saved.exit()).as(saved.err()).isZero();
      Path file = home.resolve("vigil/token");
      assertThat(saved.err()).contains("of user alice saved to " + file);
      assertThat(saved.out()).isEmpty();
      assertThat(Files.readString(file)).startsWith("vigil_");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");

      CliRun fromFile = process(environment, "dataset", "list", "--server", url);
      assertThat(fromFile.exit()).as(fromFile.err()).isZero();
      assertThat(fromFile.out()).isEqualTo("no datasets\n");

      String other =
          vigil(
                  server,
                  "token",
                  "create",
                  "--name",
                  "ci",
                  "--user",
                  "alice",
                  "--password=" + PASSWORD)
              .out()
              .strip();
      Map<String, String> withVariable =
          Map.of("XDG_CONFIG_HOME", home.resolve("empty").toString(), "VIGIL_TOKEN", other);
      CliRun fromVariable = process(withVariable, "token", "list", "--server", url);
      assertThat(fromVariable.exit()).as(fromVariable.err()).isZero();
      assertThat(fromVariable.out()).contains("laptop", "ci");

      // --token comes first, then VIGIL_TOKEN, then the file.
      CliRun overridden =
          process(
              Map.of("XDG_CONFIG_HOME", home.toString(), "VIGIL_TOKEN", "vigil_wrong"),
              "dataset",
              "list",
              "--server",
              url);
      assertThat(overridden.exit()).isEqualTo(1);
      assertThat(overridden.err()).startsWith("vigil: the API token is not known to this server");
      CliRun option =
          process(
              Map.of("VIGIL_TOKEN", "vigil_wrong"),
              "dataset",
              "list",
              "--token",
              other,
              "--server",
              url);
      assertThat(option.exit()).as(option.err()).isZero();
    }
  }
}
