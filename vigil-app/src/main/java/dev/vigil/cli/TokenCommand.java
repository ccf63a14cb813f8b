package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vigil token}: the API tokens the CLI and scripts send. The first one is made with a user
 * name and password ({@code --user}); {@code --save} writes it where every later command finds it
 * ({@link TokenFile}).
 */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = {
      "Manage API tokens: what the CLI and scripts send (Authorization: Bearer).",
      "The CLI sends the token of --token, else of the VIGIL_TOKEN environment variable, else the"
          + " first line of $XDG_CONFIG_HOME/vigil/token (~/.config/vigil/token)."
    },
    subcommands = {
      TokenCommand.Create.class,
      TokenCommand.ListTokens.class,
      TokenCommand.Revoke.class
    })
public final class TokenCommand implements Runnable {
  static final String PATH = "/api/v1/tokens";

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code vigil token create}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Create an API token for yourself; it is shown once.",
        "With --user, signs in with that user's password (asked for when not given) instead of a"
            + " token: how the first token is made. With --save, the token goes into"
            + " ~/.config/vigil/token (readable by you only) instead of the terminal."
      })
  static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;
    @Mixin UserCommand.PasswordOption password;

    @Option(
        names = "--name",
        required = true,
        paramLabel = "NAME",
        description = "What the token is for, e.g. laptop or ci.")
    String name;

    @Option(
        names = "--expires-at",
        paramLabel = "INSTANT",
        description = "When it stops working, e.g. 2027-01-01T00:00:00Z. Default: never.")
    String expiresAt;

    @Option(
        names = "--user",
        paramLabel = "USER",
        description = "Sign in as this user with their password, rather than with a token.")
    String user;

    @Option(names = "--save", description = "Write the token to the token file.")
    boolean save;

    @Override
    public Integer call() {
      if (user == null && password.password != null) {
        throw new ParameterException(spec.commandLine(), "--password goes with --user");
      }
      ObjectNode body = ApiOptions.mapper().createObjectNode();
      body.put("name", name);
      InferenceCommand.putIfSet(body, "expiresAt", expiresAt);
      ApiClient client = api.client();
      if (user != null) {
        String credentials = user + ":" + password.getOnce(spec, "Password of " + user);
        client =
            api.client(
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
      }
      JsonNode created = client.post(PATH, body);
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (save) {
        Path file = TokenFile.save(created.path("token").asText(), System.getenv());
        err.printf(
            "API token %s (%s) of user %s saved to %s%n",
            Render.text(created, "name"),
            Render.text(created, "id"),
            Render.text(created, "user"),
            file);
        err.flush();
        return 0;
      }
      if (api.json()) {
        api.printJson(out, created);
        return 0;
      }
      err.printf(
          "API token %s (%s) of user %s; it is shown this once:%n",
          Render.text(created, "name"), Render.text(created, "id"), Render.text(created, "user"));
      err.flush();
      out.println(created.path("token").asText());
      out.flush();
      return 0;
    }
  }

  /** {@code vigil token list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List your API tokens (an admin: anyone's, with --user or --all).")
  static final class ListTokens implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;

    @Option(names = "--user", paramLabel = "USER", description = "The tokens of this user.")
    String user;

    @Option(names = "--all", description = "Every user's tokens.")
    boolean all;

    @Override
    public Integer call() {
      String query = all ? "?all=true" : user != null ? "?user=" + ApiClient.encode(user) : "";
      JsonNode answer = api.client().get(PATH + query);
      PrintWriter out = spec.commandLine().getOut();
      if (api.json()) {
        api.printJson(out, answer);
        return 0;
      }
      Table table = new Table("ID", "NAME", "USER", "STATUS", "CREATED", "LAST USED", "EXPIRES");
      for (JsonNode token : answer.path("tokens")) {
        table.add(
            Render.text(token, "id"),
            Render.text(token, "name"),
            Render.text(token, "user"),
            Render.text(token, "status"),
            Render.text(token, "createdAt"),
            Render.text(token, "lastUsedAt"),
            Render.text(token, "expiresAt"));
      }
      table.printOr(out, "no API tokens");
      return 0;
    }
  }

  /** {@code vigil token revoke}. */
  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = "Revoke an API token: requests that carry it are refused from now on.")
  static final class Revoke implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;

    @Parameters(paramLabel = "ID", description = "The token's id (see token list).")
    String id;

    @Override
    public Integer call() {
      api.client().delete(PATH + "/" + ApiClient.encode(id));
      PrintWriter out = spec.commandLine().getOut();
      out.printf("revoked API token %s%n", id);
      out.flush();
      return 0;
    }
  }
}
