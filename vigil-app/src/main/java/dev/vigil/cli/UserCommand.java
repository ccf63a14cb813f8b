package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.config.ConfigLoader;
import dev.vigil.config.VigilConfig;
import dev.vigil.engine.VigilException;
import dev.vigil.storage.Database;
import dev.vigil.user.Passwords;
import dev.vigil.user.UserBodies;
import dev.vigil.user.UserService;
import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vigil user}: the users of a server and their roles, through the API (an admin's token, or
 * a server that runs open). {@code vigil user create --direct} writes the first admin straight into
 * the server's database instead, before the server starts; {@code vigil user hash-password} makes
 * the hash that {@code security.admin-password-hash} takes. Passwords are given with {@code
 * --password}, or asked for on the terminal, unechoed.
 */
@Command(
    name = "user",
    mixinStandardHelpOptions = true,
    description = "Manage the users who sign in to Vigil, and their roles.",
    subcommands = {
      UserCommand.Create.class,
      UserCommand.ListUsers.class,
      UserCommand.SetRole.class,
      UserCommand.SetPassword.class,
      UserCommand.Delete.class,
      UserCommand.HashPassword.class
    })
public final class UserCommand implements Runnable {
  static final String PATH = "/api/v1/users";

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static String path(String name) {
    return PATH + "/" + ApiClient.encode(name);
  }

  /** The {@code --password} option: a value, or asked for when given without one. */
  static final class PasswordOption {
    @Option(
        names = "--password",
        paramLabel = "PASSWORD",
        arity = "0..1",
        interactive = true,
        description =
            "The password (a new one has 12 characters at least); asked for on the terminal,"
                + " unechoed, when no value is given or the option is left out.")
    String password;

    /** A new password: the one given, or asked for twice on the terminal. */
    String get(CommandSpec spec, String prompt) {
      if (password != null) {
        return password;
      }
      char[] first = console(spec).readPassword("%s: ", prompt);
      char[] again = console(spec).readPassword("%s again: ", prompt);
      if (first == null || again == null || !Arrays.equals(first, again)) {
        throw new VigilException("the two passwords differ; nothing was changed");
      }
      return new String(first);
    }

    /** An existing password, to sign in with: the one given, or asked for once. */
    String getOnce(CommandSpec spec, String prompt) {
      if (password != null) {
        return password;
      }
      char[] typed = console(spec).readPassword("%s: ", prompt);
      if (typed == null) {
        throw new VigilException("no password was given");
      }
      return new String(typed);
    }

    private static Console console(CommandSpec spec) {
      Console console = System.console();
      if (console == null) {
        throw new ParameterException(
            spec.commandLine(),
            "no terminal to ask for the password on: give it with --password=PASSWORD");
      }
      return console;
    }
  }

  /** {@code vigil user create}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Create a user. The first user must be an admin (--admin); once one exists, Vigil asks"
            + " everyone to sign in.",
        "Through the API by default (an admin's token, or a server that runs open). With --direct,"
            + " in the server's database itself: for the first admin of a server that is not"
            + " running (the embedded database cannot be opened twice), with the server's own"
            + " --config, --data-dir and VIGIL_* variables."
      })
  static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;
    @Mixin PasswordOption password;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The name.")
    String name;

    @Option(
        names = "--role",
        paramLabel = "ROLE",
        description = "VIEWER (the default: reads everything), OPERATOR (also changes) or ADMIN.")
    String role;

    @Option(names = "--admin", description = "Same as --role ADMIN.")
    boolean admin;

    @Option(
        names = "--direct",
        description = "Write into the server's database, not through the API.")
    boolean direct;

    @Option(
        names = "--config",
        paramLabel = "FILE",
        description = "With --direct: the server's properties file.")
    Path configFile;

    @Option(
        names = "--data-dir",
        paramLabel = "DIR",
        description = "With --direct: the server's data directory (default ./vigil-data).")
    Path dataDir;

    @Override
    public Integer call() {
      if (admin && role != null && !role.equalsIgnoreCase("ADMIN")) {
        throw new ParameterException(
            spec.commandLine(), "--admin and --role " + role + " contradict each other");
      }
      if (!direct && (configFile != null || dataDir != null)) {
        throw new ParameterException(
            spec.commandLine(),
            "--config and --data-dir go with --direct: without it, the user is created through"
                + " the API of --server");
      }
      String roleName = admin ? "ADMIN" : role;
      String secret = password.get(spec, "Password for " + name);
      PrintWriter out = spec.commandLine().getOut();
      JsonNode user;
      if (direct) {
        user = createDirectly(roleName, secret);
      } else {
        ObjectNode body = ApiOptions.mapper().createObjectNode();
        body.put("name", name);
        InferenceCommand.putIfSet(body, "role", roleName);
        body.put("password", secret);
        user = api.client().post(PATH, body);
      }
      if (api.json()) {
        api.printJson(out, user);
      } else {
        out.printf("created user %s (%s)%n", Render.text(user, "name"), Render.text(user, "role"));
        out.flush();
      }
      return 0;
    }

    private JsonNode createDirectly(String roleName, String secret) {
      Map<String, String> overrides = new HashMap<>();
      if (dataDir != null) {
        overrides.put("data.dir", dataDir.toString());
      }
      VigilConfig config = ConfigLoader.load(configFile, System.getenv(), overrides);
      Database database;
      try {
        database = Database.open(config);
      } catch (VigilException e) {
        throw new VigilException(
            e.getMessage()
                + (config.database().embedded()
                    ? "; is `vigil server` running on "
                        + config.dataDirectory()
                        + "? Stop it, or create the user through its API (without --direct)"
                    : ""),
            e);
      }
      try (database) {
        UserBodies.Create body = new UserBodies.Create();
        body.name = name;
        body.role = roleName;
        body.password = secret;
        UserService users =
            new UserService(
                database, new Passwords(config.security().passwordHashCost()), Clock.systemUTC());
        return ApiOptions.mapper().valueToTree(users.create(body));
      }
    }
  }

  /** {@code vigil user list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the users.")
  static final class ListUsers implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;

    @Override
    public Integer call() {
      JsonNode answer = api.client().get(PATH);
      PrintWriter out = spec.commandLine().getOut();
      if (api.json()) {
        api.printJson(out, answer);
        return 0;
      }
      Table table = new Table("NAME", "ROLE", "CREATED", "UPDATED");
      for (JsonNode user : answer.path("users")) {
        table.add(
            Render.text(user, "name")
                + (user.path("fromConfig").asBoolean() ? " (configuration)" : ""),
            Render.text(user, "role"),
            Render.text(user, "createdAt"),
            Render.text(user, "updatedAt"));
      }
      table.printOr(out, "no users: the server runs open");
      return 0;
    }
  }

  /** {@code vigil user set-role}. */
  @Command(
      name = "set-role",
      mixinStandardHelpOptions = true,
      description = "Give a user another role: VIEWER, OPERATOR or ADMIN.")
  static final class SetRole implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;

    @Parameters(index = "0", paramLabel = "NAME", description = "The user.")
    String name;

    @Parameters(index = "1", paramLabel = "ROLE", description = "The new role.")
    String role;

    @Override
    public Integer call() {
      ObjectNode body = ApiOptions.mapper().createObjectNode();
      body.put("role", role);
      JsonNode user = api.client().put(path(name), body);
      PrintWriter out = spec.commandLine().getOut();
      if (api.json()) {
        api.printJson(out, user);
      } else {
        out.printf("user %s is now %s%n", Render.text(user, "name"), Render.text(user, "role"));
        out.flush();
      }
      return 0;
    }
  }

  /** {@code vigil user set-password}. */
  @Command(
      name = "set-password",
      mixinStandardHelpOptions = true,
      description = {
        "Set a user's password; their portal sessions end.",
        "Your own needs --current-password; an admin sets anyone's without it."
      })
  static final class SetPassword implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;
    @Mixin PasswordOption password;

    @Parameters(paramLabel = "NAME", description = "The user.")
    String name;

    @Option(
        names = "--current-password",
        paramLabel = "PASSWORD",
        arity = "0..1",
        interactive = true,
        description = "Your current password, when you change your own.")
    String currentPassword;

    @Override
    public Integer call() {
      ObjectNode body = ApiOptions.mapper().createObjectNode();
      InferenceCommand.putIfSet(body, "currentPassword", currentPassword);
      body.put("password", password.get(spec, "New password for " + name));
      api.client().put(path(name) + "/password", body);
      PrintWriter out = spec.commandLine().getOut();
      out.printf("password of user %s changed%n", name);
      out.flush();
      return 0;
    }
  }

  /** {@code vigil user delete}. */
  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Delete a user with their sessions and API tokens.")
  static final class Delete implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;

    @Parameters(paramLabel = "NAME", description = "The user.")
    String name;

    @Override
    public Integer call() {
      api.client().delete(path(name));
      PrintWriter out = spec.commandLine().getOut();
      out.printf("deleted user %s%n", name);
      out.flush();
      return 0;
    }
  }

  /** {@code vigil user hash-password}. */
  @Command(
      name = "hash-password",
      mixinStandardHelpOptions = true,
      description =
          "Print the bcrypt hash of a password, for security.admin-password-hash. Talks to no"
              + " server.")
  static final class HashPassword implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin PasswordOption password;

    @Option(
        names = "--cost",
        paramLabel = "COST",
        description = "bcrypt's cost, 10 to 16 (default: 12).")
    int cost = Passwords.DEFAULT_COST;

    @Override
    public Integer call() {
      if (cost < Passwords.MIN_COST || cost > Passwords.MAX_COST) {
        throw new ParameterException(
            spec.commandLine(),
            "--cost must be from " + Passwords.MIN_COST + " to " + Passwords.MAX_COST);
      }
      String hash = new Passwords(cost).hash(password.get(spec, "Password to hash"), "--password");
      PrintWriter out = spec.commandLine().getOut();
      out.println(hash);
      out.flush();
      return 0;
    }
  }
}
