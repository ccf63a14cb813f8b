package dev.vigil.hook;

import static dev.vigil.request.RequiredFields.required;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.json.Json;
import dev.vigil.request.ConflictException;
import dev.vigil.request.InvalidRequestException;
import dev.vigil.request.NotFoundException;
import dev.vigil.storage.Database;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hooks feature: creates, lists, describes, updates and deletes hooks (webhooks and email),
 * sends a test message through one, and delivers notifications for the alert feature. Secrets (a
 * webhook's signing secret and header values, an SMTP password) are accepted and stored but never
 * answered nor logged: answers say whether a secret is set and name the headers.
 *
 * <p>Thread-safe: state lives in the database.
 */
public final class HookService {
  /** How long a delivery attempt may take when the hook does not say. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  /** The shortest timeout a hook may have. */
  public static final Duration MIN_TIMEOUT = Duration.ofSeconds(1);

  /** The longest timeout a hook may have: a test from the API waits this long at most. */
  public static final Duration MAX_TIMEOUT = Duration.ofMinutes(1);

  /** Most custom headers a webhook may have. */
  static final int MAX_HEADERS = 20;

  /** Most recipients an email hook may have. */
  static final int MAX_RECIPIENTS = 50;

  private static final Logger LOG = LoggerFactory.getLogger(HookService.class);
  private static final Pattern NAME = Pattern.compile("^[0-9a-zA-Z_-]{1,200}$");
  private static final Pattern HEADER_NAME = Pattern.compile("^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$");
  private static final Pattern HOST = Pattern.compile("^[0-9A-Za-z._:\\[\\]-]{1,255}$");
  private static final int MAX_SECRET = 1_000;
  private static final int MAX_HEADER_VALUE = 4_096;
  private static final ObjectMapper JSON = Json.mapper();

  private final HookRepository repository;
  private final Clock clock;
  private final HookSenders senders;
  private final HookUsage usage;

  /**
   * @param senders delivers tests and alerts
   * @param usage who uses a hook, consulted at every delete
   */
  public HookService(Database database, Clock clock, HookSenders senders, HookUsage usage) {
    this.repository = new HookRepository(database);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.senders = Objects.requireNonNull(senders, "senders");
    this.usage = Objects.requireNonNull(usage, "usage");
  }

  /** Creates a hook; answers it. */
  public Map<String, Object> create(HookBodies.Create body) {
    String name = checkName(required(body.name, "name"));
    if ((body.webhook == null) == (body.email == null)) {
      throw new InvalidRequestException(null, "give exactly one of 'webhook' and 'email'");
    }
    Duration timeout = timeout(body.timeout, DEFAULT_TIMEOUT);
    HookTarget target =
        body.webhook != null ? webhook(body.webhook, null) : email(body.email, null);
    if (repository.findByName(name).isPresent()) {
      throw duplicate(name);
    }
    Instant now = clock.instant();
    Hook hook = new Hook(UUID.randomUUID().toString(), name, target, timeout, now, now);
    if (!repository.insert(hook)) {
      throw duplicate(name);
    }
    LOG.info("hook {} created ({})", name, hook.type());
    return json(hook);
  }

  /** Every hook, in name order. */
  public Map<String, Object> list() {
    List<Map<String, Object>> hooks = new ArrayList<>();
    for (Hook hook : repository.list()) {
      hooks.add(json(hook));
    }
    return Map.of("hooks", hooks);
  }

  /** One hook. */
  public Map<String, Object> describe(String name) {
    return json(byName(name));
  }

  /** Changes a hook's settings; absent fields keep their value. Answers the hook. */
  public Map<String, Object> update(String name, HookBodies.Update body) {
    Hook current = byName(name);
    if (body.webhook == null && body.email == null && body.timeout == null) {
      throw new InvalidRequestException(
          null, "the update changes nothing: give at least one of webhook, email, timeout");
    }
    HookTarget target = current.target();
    if (current.target() instanceof WebhookTarget webhook) {
      if (body.email != null) {
        throw new InvalidRequestException(
            "email", "hook '" + name + "' is a webhook: give 'webhook' settings, not 'email'");
      }
      if (body.webhook != null) {
        target = webhook(body.webhook, webhook);
      }
    } else {
      if (body.webhook != null) {
        throw new InvalidRequestException(
            "webhook",
            "hook '" + name + "' is an email hook: give 'email' settings, not 'webhook'");
      }
      if (body.email != null) {
        target = email(body.email, (EmailTarget) current.target());
      }
    }
    Duration timeout = timeout(body.timeout, current.timeout());
    Hook updated =
        new Hook(
            current.id(), current.name(), target, timeout, current.createdAt(), clock.instant());
    if (!repository.update(updated)) {
      throw notFound(name);
    }
    LOG.info("hook {} updated", name);
    return json(updated);
  }

  /** Deletes a hook that no alert configuration uses. */
  public void delete(String name) {
    Hook hook = byName(name);
    List<String> users = usage.usersOf(hook.id());
    if (!users.isEmpty() || !repository.delete(hook.id())) {
      throw new ConflictException(
          "hook '"
              + name
              + "' is used by "
              + (users.isEmpty() ? "an alert configuration" : String.join(", ", users))
              + ": remove it from "
              + (users.size() == 1 ? "it" : "them")
              + " first");
    }
    LOG.info("hook {} deleted", name);
  }

  /**
   * Sends a test message through a hook now and answers what came of it: delivered or not, the HTTP
   * status or SMTP reply, the error. Waits for the hook's timeout at most; the test is not an alert
   * and is not kept in history.
   */
  public Map<String, Object> test(String name) {
    Hook hook = byName(name);
    Instant now = clock.instant();
    String id = "test-" + UUID.randomUUID();
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("id", id);
    document.put("type", "TEST");
    document.put("hook", hook.name());
    document.put("message", "This is a test of hook '" + hook.name() + "' from Vigil.");
    document.put("createdAt", now.toString());
    String json;
    try {
      json = JSON.writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the test message as JSON", e);
    }
    Notification notification =
        new Notification(
            id,
            1,
            json,
            "[Vigil] Test of hook " + hook.name(),
            "This is a test of hook '"
                + hook.name()
                + "' from Vigil, sent at "
                + now
                + ".\nAlerts of the alert configurations that use this hook will arrive like this"
                + " one.\n\nTest id: "
                + id
                + "\n");
    DeliveryOutcome outcome = senders.send(hook, notification);
    if (outcome.delivered()) {
      LOG.info("hook {} tested: delivered", name);
    } else {
      LOG.warn("hook {} tested: not delivered: {}", name, outcome.error());
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("hook", hook.name());
    answer.put("testId", id);
    answer.put("delivered", outcome.delivered());
    if (outcome.httpStatus() != null) {
      answer.put("httpStatus", outcome.httpStatus());
    }
    if (outcome.reply() != null) {
      answer.put("reply", outcome.reply());
    }
    if (outcome.error() != null) {
      answer.put("error", outcome.error());
    }
    answer.put("durationMillis", outcome.duration().toMillis());
    return answer;
  }

  /** The hook named {@code name}. */
  public Hook byName(String name) {
    return repository.findByName(name).orElseThrow(() -> notFound(name));
  }

  /** The hook of that id, empty when it was deleted. */
  public Optional<Hook> findById(String id) {
    return repository.findById(id);
  }

  /** One attempt to deliver {@code notification} through {@code hook}; never throws. */
  public DeliveryOutcome send(Hook hook, Notification notification) {
    return senders.send(hook, notification);
  }

  /** The hook as the API shows it: settings without secrets, and whether each is set. */
  static Map<String, Object> json(Hook hook) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", hook.name());
    json.put("id", hook.id());
    json.put("type", hook.type().name());
    json.put("timeout", hook.timeout().toString());
    if (hook.target() instanceof WebhookTarget webhook) {
      Map<String, Object> settings = new LinkedHashMap<>();
      settings.put("url", webhook.url().toString());
      settings.put("headerNames", List.copyOf(webhook.headers().keySet()));
      settings.put("secretSet", webhook.secret() != null);
      json.put("webhook", settings);
    } else {
      EmailTarget email = (EmailTarget) hook.target();
      Map<String, Object> settings = new LinkedHashMap<>();
      settings.put("host", email.host());
      settings.put("port", email.port());
      settings.put("security", email.security().name());
      if (email.username() != null) {
        settings.put("username", email.username());
      }
      settings.put("passwordSet", email.password() != null);
      settings.put("from", email.from());
      settings.put("to", email.to());
      json.put("email", settings);
    }
    json.put("createdAt", hook.createdAt().toString());
    json.put("updatedAt", hook.updatedAt().toString());
    return json;
  }

  private static WebhookTarget webhook(HookBodies.Webhook body, WebhookTarget current) {
    URI url =
        body.url == null && current != null
            ? current.url()
            : url(required(body.url, "webhook.url"));
    Map<String, String> headers =
        body.headers == null
            ? current == null ? Map.of() : current.headers()
            : headers(body.headers);
    String secret;
    if (body.secret == null) {
      secret = current == null ? null : current.secret();
    } else if (body.secret.isEmpty()) {
      secret = null;
    } else if (body.secret.length() > MAX_SECRET) {
      throw new InvalidRequestException(
          "webhook.secret", "the secret is longer than " + MAX_SECRET + " characters");
    } else {
      secret = body.secret;
    }
    return new WebhookTarget(url, headers, secret);
  }

  private static URI url(String text) {
    URI url;
    try {
      url = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw notHttp(text);
    }
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
      throw notHttp(text);
    }
    return url;
  }

  private static InvalidRequestException notHttp(String text) {
    return new InvalidRequestException(
        "webhook.url", "url '" + text + "' is not an http:// or https:// URL with a host");
  }

  private static Map<String, String> headers(Map<String, String> given) {
    if (given.size() > MAX_HEADERS) {
      throw new InvalidRequestException(
          "webhook.headers",
          "a webhook has at most " + MAX_HEADERS + " custom headers, not " + given.size());
    }
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Map.Entry<String, String> header : given.entrySet()) {
      String name = header.getKey();
      String field = "webhook.headers." + name;
      if (!HEADER_NAME.matcher(name).matches()) {
        throw new InvalidRequestException(
            field, "header name '" + name + "' is not a valid HTTP header name");
      }
      String lower = name.toLowerCase(Locale.ROOT);
      if (WebhookSender.RESERVED_HEADERS.contains(lower)) {
        throw new InvalidRequestException(
            field,
            "header '"
                + name
                + "' is set by Vigil or by HTTP itself and cannot be a custom header");
      }
      if (lower.startsWith(WebhookSender.VIGIL_HEADER_PREFIX)) {
        throw new InvalidRequestException(
            field, "header '" + name + "' is reserved: X-Vigil-* headers are Vigil's own");
      }
      String value = header.getValue();
      if (value == null) {
        throw new InvalidRequestException(field, "header '" + name + "' needs a value");
      }
      if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
        throw new InvalidRequestException(
            field, "header '" + name + "' has a line break in its value");
      }
      if (value.length() > MAX_HEADER_VALUE) {
        throw new InvalidRequestException(
            field,
            "header '" + name + "' has a value longer than " + MAX_HEADER_VALUE + " characters");
      }
      if (headers.put(name, value) != null) {
        throw new InvalidRequestException(
            field, "header '" + name + "' is given twice (header names ignore case)");
      }
    }
    return headers;
  }

  private static EmailTarget email(HookBodies.Email body, EmailTarget current) {
    String host =
        body.host == null && current != null ? current.host() : required(body.host, "email.host");
    if (!HOST.matcher(host).matches()) {
      throw new InvalidRequestException("email.host", "host '" + host + "' is not a host name");
    }
    SmtpSecurity security =
        body.security != null
            ? body.security
            : current != null ? current.security() : SmtpSecurity.STARTTLS;
    int port =
        body.port != null ? body.port : current != null ? current.port() : security.defaultPort();
    if (port < 1 || port > 65535) {
      throw new InvalidRequestException(
          "email.port", "field 'email.port' must be between 1 and 65535, got " + port);
    }
    String username =
        body.username == null
            ? current == null ? null : current.username()
            : body.username.isEmpty() ? null : body.username;
    String password;
    if (body.password == null) {
      password = current == null ? null : current.password();
    } else if (body.password.isEmpty()) {
      password = null;
    } else if (body.password.length() > MAX_SECRET) {
      throw new InvalidRequestException(
          "email.password", "the password is longer than " + MAX_SECRET + " characters");
    } else {
      password = body.password;
    }
    String from =
        body.from == null && current != null ? current.from() : required(body.from, "email.from");
    address(from, "email.from", "sender");
    List<String> to = body.to == null && current != null ? current.to() : body.to;
    if (to == null || to.isEmpty()) {
      throw new InvalidRequestException(
          "email.to", "field 'email.to' needs at least one recipient");
    }
    if (to.size() > MAX_RECIPIENTS) {
      throw new InvalidRequestException(
          "email.to",
          "an email hook has at most " + MAX_RECIPIENTS + " recipients, not " + to.size());
    }
    for (int i = 0; i < to.size(); i++) {
      if (to.get(i) == null) {
        throw new InvalidRequestException("email.to[" + i + "]", "a recipient cannot be null");
      }
      address(to.get(i), "email.to[" + i + "]", "recipient");
    }
    return new EmailTarget(host, port, security, username, password, from, to);
  }

  private static void address(String text, String field, String what) {
    try {
      InternetAddress address = new InternetAddress(text, true);
      if (address.getAddress().indexOf('@') < 0) {
        throw new AddressException("missing '@'");
      }
    } catch (AddressException e) {
      throw new InvalidRequestException(
          field, what + " '" + text + "' is not an email address: " + e.getMessage());
    }
  }

  private static Duration timeout(String text, Duration absent) {
    if (text == null) {
      return absent;
    }
    Duration timeout;
    try {
      timeout = Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidRequestException(
          "timeout", "timeout '" + text + "' is not an ISO-8601 duration such as PT10S");
    }
    if (timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
      throw new InvalidRequestException(
          "timeout",
          "timeout must be between " + MIN_TIMEOUT + " and " + MAX_TIMEOUT + ", got " + timeout);
    }
    return timeout;
  }

  private static String checkName(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new InvalidRequestException(
          "name", "name '" + name + "' is not valid: use 1 to 200 letters, digits, '_' and '-'");
    }
    return name;
  }

  private static NotFoundException notFound(String name) {
    return new NotFoundException("hook '" + name + "' does not exist");
  }

  private static ConflictException duplicate(String name) {
    return new ConflictException("hook '" + name + "' already exists");
  }
}
