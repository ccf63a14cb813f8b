package dev.vigil.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.Vigil;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
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
 * {@code vigil hook}: creates, lists, describes, updates, tests and deletes the hooks of a server,
 * and lists the delivery attempts through one. Secrets are given with {@code --secret} or {@code
 * --password}; without a value, they are asked for on the terminal, unechoed.
 */
@Command(
    name = "hook",
    mixinStandardHelpOptions = true,
    description = "Manage where alerts go: webhooks and email.",
    subcommands = {
      HookCommand.CreateWebhook.class,
      HookCommand.CreateEmail.class,
      HookCommand.ListHooks.class,
      HookCommand.Describe.class,
      HookCommand.Update.class,
      HookCommand.Test.class,
      HookCommand.Attempts.class,
      HookCommand.Delete.class
    })
public final class HookCommand implements Runnable {
  static final String PATH = "/api/v1/hooks";

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static String path(String name) {
    return PATH + "/" + ApiClient.encode(name);
  }

  /** A webhook's options, shared by create-webhook and update. */
  static final class WebhookOptions {
    @Option(names = "--url", paramLabel = "URL", description = "The http:// or https:// URL.")
    String url;

    @Option(
        names = "--header",
        paramLabel = "'NAME: VALUE'",
        description =
            "A custom header sent with every alert (repeatable); its value is write-only. On"
                + " update, replaces every custom header.")
    List<String> headers;

    @Option(
        names = "--secret",
        paramLabel = "SECRET",
        arity = "0..1",
        interactive = true,
        description =
            "Sign each alert with HMAC-SHA256 in X-Vigil-Signature; asked for when no value is"
                + " given. An empty value removes it on update.")
    String secret;

    boolean any() {
      return url != null || headers != null || secret != null;
    }

    ObjectNode body(CommandSpec spec) {
      ObjectNode webhook = ApiOptions.mapper().createObjectNode();
      InferenceCommand.putIfSet(webhook, "url", url);
      if (headers != null) {
        ObjectNode map = webhook.putObject("headers");
        for (String header : headers) {
          int colon = header.indexOf(':');
          if (colon <= 0) {
            throw new ParameterException(
                spec.commandLine(),
                "--header '"
                    + header
                    + "' is not 'NAME: VALUE', such as 'Authorization: Bearer x'");
          }
          map.put(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
        }
      }
      InferenceCommand.putIfSet(webhook, "secret", secret);
      return webhook;
    }
  }

  /** An email hook's options, shared by create-email and update. */
  static final class EmailOptions {
    @Option(names = "--smtp-host", paramLabel = "HOST", description = "The SMTP server.")
    String host;

    @Option(
        names = "--smtp-port",
        paramLabel = "PORT",
        description = "Its port. Default: 587 with STARTTLS, 465 with TLS, 25 with NONE.")
    Integer port;

    @Option(
        names = "--security",
        paramLabel = "MODE",
        description = "STARTTLS (default: required, never plain text), TLS or NONE.")
    String security;

    @Option(names = "--username", paramLabel = "USER", description = "The SMTP account.")
    String username;

    @Option(
        names = "--password",
        paramLabel = "PASSWORD",
        arity = "0..1",
        interactive = true,
        description =
            "The account's password, write-only; asked for when no value is given. An empty value"
                + " removes it on update.")
    String password;

    @Option(names = "--from", paramLabel = "ADDRESS", description = "The sender.")
    String from;

    @Option(
        names = "--to",
        paramLabel = "ADDRESS",
        description = "A recipient (repeatable). On update, replaces every recipient.")
    List<String> to;

    boolean any() {
      return host != null
          || port != null
          || security != null
          || username != null
          || password != null
          || from != null
          || to != null;
    }

    ObjectNode body() {
      ObjectNode email = ApiOptions.mapper().createObjectNode();
      InferenceCommand.putIfSet(email, "host", host);
      if (port != null) {
        email.put("port", port);
      }
      InferenceCommand.putIfSet(email, "security", security);
      InferenceCommand.putIfSet(email, "username", username);
      InferenceCommand.putIfSet(email, "password", password);
      InferenceCommand.putIfSet(email, "from", from);
      if (to != null) {
        ArrayNode list = email.putArray("to");
        to.forEach(list::add);
      }
      return email;
    }
  }

  /** The timeout option of create and update. */
  static final class TimeoutOption {
    @Option(
        names = "--timeout",
        paramLabel = "DURATION",
        description = "How long one delivery may take, PT1S to PT1M. Default on create: PT10S.")
    String timeout;
  }

  /** Prints a hook as JSON, or one line of text. */
  static void report(ApiOptions api, CommandSpec spec, JsonNode hook, String what) {
    PrintWriter out = spec.commandLine().getOut();
    if (api.json()) {
      api.printJson(out, hook);
      return;
    }
    out.printf(
        "%s hook %s (%s): %s%n",
        what, Render.text(hook, "name"), Render.text(hook, "type"), target(hook));
    out.flush();
  }

  /** Where a hook delivers, in a few words. */
  static String target(JsonNode hook) {
    JsonNode webhook = hook.get("webhook");
    if (webhook != null) {
      return Render.text(webhook, "url")
          + (webhook.path("secretSet").asBoolean() ? ", signed" : ", unsigned");
    }
    JsonNode email = hook.path("email");
    return Render.text(email, "host")
        + ":"
        + Render.text(email, "port")
        + " "
        + Render.text(email, "security")
        + ", from "
        + Render.text(email, "from")
        + " to "
        + Render.text(email, "to");
  }

  /** {@code vigil hook create-webhook}. */
  @Command(
      name = "create-webhook",
      mixinStandardHelpOptions = true,
      description = {
        "Create a webhook: each alert is POSTed to the URL as JSON.",
        "With a secret, the body is signed: X-Vigil-Signature: sha256=<HMAC-SHA256 hex>."
      })
  static final class CreateWebhook implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;
    @Mixin WebhookOptions webhook;
    @Mixin TimeoutOption timeout;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The name.")
    String name;

    @Override
    public Integer call() {
      if (webhook.url == null) {
        throw new ParameterException(spec.commandLine(), "Missing required option: '--url=URL'");
      }
      ObjectNode body = ApiOptions.mapper().createObjectNode();
      body.put("name", name);
      body.set("webhook", webhook.body(spec));
      InferenceCommand.putIfSet(body, "timeout", timeout.timeout);
      report(api, spec, api.client().post(PATH, body), "created");
      return 0;
    }
  }

  /** {@code vigil hook create-email}. */
  @Command(
      name = "create-email",
      mixinStandardHelpOptions = true,
      description = "Create an email hook: each alert is mailed through the SMTP server.")
  static final class CreateEmail implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;
    @Mixin EmailOptions email;
    @Mixin TimeoutOption timeout;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The name.")
    String name;

    @Override
    public Integer call() {
      ObjectNode body = ApiOptions.mapper().createObjectNode();
      body.put("name", name);
      body.set("email", email.body());
      InferenceCommand.putIfSet(body, "timeout", timeout.timeout);
      report(api, spec, api.client().post(PATH, body), "created");
      return 0;
    }
  }

  /** {@code vigil hook list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the hooks.")
  static final class ListHooks implements Callable<Integer> {
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
      Table table = new Table("NAME", "TYPE", "TIMEOUT", "TARGET");
      for (JsonNode hook : answer.path("hooks")) {
        table.add(
            Render.text(hook, "name"),
            Render.text(hook, "type"),
            Render.text(hook, "timeout"),
            target(hook));
      }
      table.printOr(out, "no hooks");
      return 0;
    }
  }

  /** {@code vigil hook describe}. */
  @Command(
      name = "describe",
      mixinStandardHelpOptions = true,
      description = "Show a hook's settings (secrets only as whether they are set).")
  static final class Describe implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;

    @Parameters(paramLabel = "NAME", description = "The hook.")
    String name;

    @Override
    public Integer call() {
      JsonNode hook = api.client().get(path(name));
      PrintWriter out = spec.commandLine().getOut();
      if (api.json()) {
        api.printJson(out, hook);
        return 0;
      }
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("Name", Render.text(hook, "name"));
      fields.put("Id", Render.text(hook, "id"));
      fields.put("Type", Render.text(hook, "type"));
      fields.put("Timeout", Render.text(hook, "timeout"));
      JsonNode webhook = hook.get("webhook");
      if (webhook != null) {
        fields.put("URL", Render.text(webhook, "url"));
        fields.put("Headers", Render.text(webhook, "headerNames"));
        fields.put("Secret", webhook.path("secretSet").asBoolean() ? "set" : "not set");
      } else {
        JsonNode email = hook.path("email");
        fields.put("SMTP server", Render.text(email, "host") + ":" + Render.text(email, "port"));
        fields.put("Security", Render.text(email, "security"));
        fields.put("Username", Render.text(email, "username"));
        fields.put("Password", email.path("passwordSet").asBoolean() ? "set" : "not set");
        fields.put("From", Render.text(email, "from"));
        fields.put("To", Render.text(email, "to"));
      }
      fields.put("Created", Render.text(hook, "createdAt"));
      fields.put("Updated", Render.text(hook, "updatedAt"));
      Table.fields(out, fields);
      out.flush();
      return 0;
    }
  }

  /** {@code vigil hook update}. */
  @Command(
      name = "update",
      mixinStandardHelpOptions = true,
      description = "Change a hook; options left out keep their value.")
  static final class Update implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;
    @Mixin WebhookOptions webhook;
    @Mixin EmailOptions email;
    @Mixin TimeoutOption timeout;

    @Parameters(paramLabel = "NAME", description = "The hook.")
    String name;

    @Override
    public Integer call() {
      ObjectNode body = ApiOptions.mapper().createObjectNode();
      if (webhook.any()) {
        body.set("webhook", webhook.body(spec));
      }
      if (email.any()) {
        body.set("email", email.body());
      }
      InferenceCommand.putIfSet(body, "timeout", timeout.timeout);
      report(api, spec, api.client().put(path(name), body), "updated");
      return 0;
    }
  }

  /** {@code vigil hook test}. */
  @Command(
      name = "test",
      mixinStandardHelpOptions = true,
      description = {
        "Send a test message through a hook now and show what came of it.",
        "Exits with 1 when it was not delivered."
      })
  static final class Test implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;

    @Parameters(paramLabel = "NAME", description = "The hook.")
    String name;

    @Override
    public Integer call() {
      JsonNode answer = api.client().post(path(name) + "/test", null);
      PrintWriter out = spec.commandLine().getOut();
      boolean delivered = answer.path("delivered").asBoolean();
      if (api.json()) {
        api.printJson(out, answer);
      } else {
        StringBuilder line =
            new StringBuilder("hook ")
                .append(name)
                .append(": test ")
                .append(delivered ? "delivered" : "not delivered");
        if (answer.has("httpStatus")) {
          line.append(" (HTTP ").append(answer.get("httpStatus").asInt()).append(')');
        }
        if (answer.has("error")) {
          line.append(": ").append(answer.get("error").asText());
        } else if (answer.has("reply")) {
          line.append(": ").append(answer.get("reply").asText());
        }
        line.append(" in ").append(answer.path("durationMillis").asLong()).append(" ms");
        out.println(line);
        out.flush();
      }
      return delivered ? 0 : Vigil.EXIT_FAILED;
    }
  }

  /** {@code vigil hook attempts}. */
  @Command(
      name = "attempts",
      mixinStandardHelpOptions = true,
      description = "List the latest delivery attempts through a hook, newest first.")
  static final class Attempts implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;

    @Parameters(paramLabel = "NAME", description = "The hook.")
    String name;

    @Option(names = "--limit", paramLabel = "N", description = "At most N attempts. Default: 100.")
    Integer limit;

    @Override
    public Integer call() {
      JsonNode answer =
          api.client().get(path(name) + "/attempts" + (limit == null ? "" : "?limit=" + limit));
      PrintWriter out = spec.commandLine().getOut();
      if (api.json()) {
        api.printJson(out, answer);
        return 0;
      }
      Table table = new Table("STARTED", "ALERT", "ATTEMPT", "RESULT", "MS", "REPLY", "ERROR");
      for (JsonNode attempt : answer.path("attempts")) {
        table.add(
            Render.text(attempt, "startedAt"),
            Render.text(attempt, "alertId"),
            Render.text(attempt, "attempt"),
            AlertCommand.result(attempt),
            Render.text(attempt, "durationMillis"),
            Render.text(attempt, "reply"),
            Render.text(attempt, "error"));
      }
      table.printOr(out, "no delivery attempts through hook " + name);
      return 0;
    }
  }

  /** {@code vigil hook delete}. */
  @Command(
      name = "delete",
      mixinStandardHelpOptions = true,
      description = "Delete a hook that no alert configuration uses.")
  static final class Delete implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api;

    @Parameters(paramLabel = "NAME", description = "The hook.")
    String name;

    @Override
    public Integer call() {
      api.client().delete(path(name));
      PrintWriter out = spec.commandLine().getOut();
      if (!api.json()) {
        out.printf("deleted hook %s%n", name);
        out.flush();
      }
      return 0;
    }
  }
}
