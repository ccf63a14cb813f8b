package dev.vigil.portal;

import dev.vigil.hook.HookBodies;
import dev.vigil.hook.SmtpSecurity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fields of a new hook, a webhook or an email hook, named {@code hook.*}: on the hooks page and
 * inline in the alert settings of a new inference. Turns them into the hook service's body; a value
 * the portal must read first (a port, a timeout in seconds, a header line) that it cannot read is
 * refused here with a message for its field. Stateless and thread-safe.
 */
final class HookForm {
  /** The prefix of the hook fields in a form. */
  static final String PREFIX = "hook.";

  private HookForm() {}

  /** A value the portal could not read, with the form field it belongs to. */
  static final class Unreadable extends Exception {
    private static final long serialVersionUID = 1L;
    private final String field;

    Unreadable(String field, String message) {
      super(message);
      this.field = field;
    }

    String field() {
      return field;
    }
  }

  /** The form field showing a refusal of the hook service about {@code field}. */
  static String formField(String field) {
    return PREFIX + field;
  }

  /** The fields, filled with {@code values}, with the messages of {@code errors}. */
  static Html fields(FormValues values, FormErrors errors) {
    String type = values.get(PREFIX + "type", "webhook");
    List<Field.Option> securities = new ArrayList<>();
    for (SmtpSecurity security : SmtpSecurity.values()) {
      securities.add(new Field.Option(security.name(), security.name()));
    }
    return Html.of(
        """
        <div class="row">{}{}</div>
        <div class="hook-kind webhook"><div class="row">{}{}</div>{}</div>
        <div class="hook-kind email"><div class="row">{}{}{}</div>
        <div class="row">{}{}</div><div class="row">{}{}</div></div>{}""",
        Field.text(PREFIX + "name")
            .label("Hook name")
            .value(values.get(PREFIX + "name"))
            .placeholder("team-chat")
            .errors(errors)
            .render(),
        Field.radios(
                PREFIX + "type",
                List.of(new Field.Option("webhook", "Webhook"), new Field.Option("email", "Email")))
            .label("Kind")
            .value(type)
            .render(),
        Field.text(PREFIX + "webhook.url")
            .label("URL")
            .value(values.get(PREFIX + "webhook.url"))
            .placeholder("https://chat.plant.example/hooks/vigil")
            .errors(errors)
            .render(),
        Field.password(PREFIX + "webhook.secret")
            .label("Signing secret (optional)")
            .hint("Signs each alert with HMAC-SHA256; never shown again.")
            .errors(errors)
            .render(),
        Field.textarea(PREFIX + "webhook.headers")
            .label("Extra headers (optional)")
            .value(values.get(PREFIX + "webhook.headers"))
            .rows(2)
            .placeholder("Authorization: Bearer ...")
            .hint("One header a line, name: value.")
            .errors(errors)
            .render(),
        Field.text(PREFIX + "email.host")
            .label("SMTP host")
            .value(values.get(PREFIX + "email.host"))
            .placeholder("smtp.plant.example")
            .errors(errors)
            .render(),
        Field.text(PREFIX + "email.port")
            .label("Port")
            .value(values.get(PREFIX + "email.port"))
            .placeholder("587")
            .numeric()
            .errors(errors)
            .render(),
        Field.select(PREFIX + "email.security", securities)
            .label("Security")
            .value(values.get(PREFIX + "email.security", "STARTTLS"))
            .errors(errors)
            .render(),
        Field.text(PREFIX + "email.username")
            .label("User (optional)")
            .value(values.get(PREFIX + "email.username"))
            .errors(errors)
            .render(),
        Field.password(PREFIX + "email.password")
            .label("Password (optional)")
            .errors(errors)
            .render(),
        Field.text(PREFIX + "email.from")
            .label("From")
            .value(values.get(PREFIX + "email.from"))
            .placeholder("Vigil <vigil@plant.example>")
            .errors(errors)
            .render(),
        Field.text(PREFIX + "email.to")
            .label("To")
            .value(values.get(PREFIX + "email.to"))
            .placeholder("oncall@plant.example, lead@plant.example")
            .errors(errors)
            .render(),
        Field.text(PREFIX + "timeout")
            .label("Timeout in seconds (optional)")
            .value(values.get(PREFIX + "timeout"))
            .placeholder("10")
            .numeric()
            .hint("How long one delivery attempt may take, 1 to 60 seconds.")
            .errors(errors)
            .render());
  }

  /**
   * The hook service's body for the submitted fields.
   *
   * @throws Unreadable naming the field the portal could not read
   */
  static HookBodies.Create body(FormValues values) throws Unreadable {
    HookBodies.Create body = new HookBodies.Create();
    body.name = values.optional(PREFIX + "name");
    String timeout = values.optional(PREFIX + "timeout");
    if (timeout != null) {
      body.timeout = "PT" + whole(PREFIX + "timeout", "timeout", timeout) + "S";
    }
    if (values.get(PREFIX + "type", "webhook").equals("email")) {
      HookBodies.Email email = new HookBodies.Email();
      email.host = values.optional(PREFIX + "email.host");
      String port = values.optional(PREFIX + "email.port");
      email.port = port == null ? null : whole(PREFIX + "email.port", "port", port);
      String security = values.optional(PREFIX + "email.security");
      try {
        email.security = security == null ? null : SmtpSecurity.valueOf(security);
      } catch (IllegalArgumentException e) {
        throw new Unreadable(
            PREFIX + "email.security", "security '" + security + "' is not STARTTLS, TLS or NONE");
      }
      email.username = values.optional(PREFIX + "email.username");
      email.password = values.optional(PREFIX + "email.password");
      email.from = values.optional(PREFIX + "email.from");
      List<String> to = new ArrayList<>();
      for (String address : values.get(PREFIX + "email.to").split(",")) {
        if (!address.isBlank()) {
          to.add(address.strip());
        }
      }
      email.to = to;
      body.email = email;
    } else {
      HookBodies.Webhook webhook = new HookBodies.Webhook();
      webhook.url = values.optional(PREFIX + "webhook.url");
      webhook.secret = values.optional(PREFIX + "webhook.secret");
      Map<String, String> headers = new LinkedHashMap<>();
      String[] lines = values.get(PREFIX + "webhook.headers").split("\\R");
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i].strip();
        if (line.isEmpty()) {
          continue;
        }
        int colon = line.indexOf(':');
        if (colon <= 0) {
          throw new Unreadable(
              PREFIX + "webhook.headers",
              "line " + (i + 1) + " ('" + line + "') is not a header: write 'Name: value'");
        }
        headers.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
      }
      webhook.headers = headers.isEmpty() ? null : headers;
      body.webhook = webhook;
    }
    return body;
  }

  private static int whole(String field, String what, String text) throws Unreadable {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new Unreadable(field, what + " '" + text + "' is not a whole number");
    }
  }
}
