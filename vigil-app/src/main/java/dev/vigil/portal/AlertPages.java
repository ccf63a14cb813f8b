package dev.vigil.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vigil.json.Json;
import dev.vigil.request.RequestRefusedException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The alert and hook pages: the alert history, newest first, with where each delivery stands; an
 * alert with every delivery attempt and its outcome and the document sent; the hooks with their
 * latest attempts, a "send test" for each, and a new hook (a webhook or an email).
 *
 * <p>Thread-safe: it holds only the services.
 */
final class AlertPages {
  private final Services services;

  AlertPages(Services services) {
    this.services = services;
  }

  void addTo(RoutesConfig routes) {
    routes.get("/alerts", Responses.page(Layout.Section.ALERTS, this::list));
    routes.get("/alerts/{id}", Responses.page(Layout.Section.ALERTS, this::detail));
    routes.get("/hooks", Responses.page(Layout.Section.HOOKS, ctx -> hooks(ctx, null, null)));
    routes.post("/hooks", Responses.page(Layout.Section.HOOKS, this::createHook));
    routes.post("/hooks/{name}/test", Responses.page(Layout.Section.HOOKS, this::test));
  }

  /** A table of alerts with their deliveries, each linking to its page. */
  static Html alertTable(JsonNode alerts) {
    List<Html> rows = new ArrayList<>();
    for (JsonNode alert : alerts) {
      List<Html> deliveries = new ArrayList<>();
      for (JsonNode delivery : alert.path("deliveries")) {
        deliveries.add(
            Html.of(
                "<li data-hook=\"{}\" data-delivery=\"{}\">{}: {} ({} {})</li>",
                delivery.path("hook").asText(),
                delivery.path("status").asText(),
                delivery.path("hook").asText(),
                deliveryBadge(delivery.path("status").asText()),
                delivery.path("attempts").asInt(),
                delivery.path("attempts").asInt() == 1 ? "attempt" : "attempts"));
      }
      String id = alert.path("id").asText();
      String what =
          alert.has("anomalyStart")
              ? Text.time(alert.path("anomalyStart").asText())
                  + " to "
                  + Text.time(alert.path("anomalyEnd").asText())
                  + ", peak "
                  + Text.score(alert.path("peakScore").asDouble())
              : alert.path("reason").asText("");
      rows.add(
          Html.of(
              "<tr data-alert=\"{}\"><td><a href=\"/alerts/{}\">{}</a></td><td>{}{}</td>"
                  + "<td>{}</td><td><a href=\"/inferences/{}\">{}</a></td><td>{}</td>"
                  + "<td><ul class=\"plain\">{}</ul></td></tr>",
              id,
              id,
              Text.time(alert.path("createdAt").asText()),
              kind(alert.path("type").asText()),
              Html.when(alert.path("replay").asBoolean(), Html.raw(" <em>(replay)</em>")),
              alert.path("configurationName").asText(),
              alert.path("schedulerName").asText(),
              alert.path("schedulerName").asText(),
              what,
              deliveries));
    }
    return Layout.table(
        "alert-list",
        List.of("Decided", "Type", "Alert settings", "Inference", "What", "Deliveries"),
        rows,
        "No alert.");
  }

  private static String kind(String type) {
    return switch (type) {
      case "ANOMALY" -> "Anomaly";
      case "EXECUTION_FAILED" -> "Failed execution";
      case "SYSTEM_PAUSE" -> "System pause";
      default -> type;
    };
  }

  static Html deliveryBadge(String status) {
    return switch (status) {
      case "DELIVERED" -> Layout.badge("Delivered", "good");
      case "FAILED" -> Layout.badge("Failed", "bad");
      case "CANCELLED" -> Layout.badge("Cancelled", "idle");
      default -> Layout.badge("Pending", "busy");
    };
  }

  private void list(Context ctx) {
    Viewer viewer = Viewer.of(ctx);
    String inference = ctx.queryParam("inference");
    JsonNode alerts =
        Services.tree(services.alerts().alerts(null, inference, null, null, "200")).path("alerts");
    Html content =
        Html.of(
            "{}{}",
            Layout.heading(
                "Alerts",
                inference == null
                    ? Html.raw("Every alert, newest first, with where each delivery stands.")
                    : Html.of(
                        "Alerts of inference <a href=\"/inferences/{}\">{}</a>.",
                        inference,
                        inference),
                Html.EMPTY),
            Layout.card("Alert history", alertTable(alerts)));
    Responses.html(ctx, Layout.page(viewer, Layout.Section.ALERTS, "Alerts", content));
  }

  private void detail(Context ctx) {
    Viewer viewer = Viewer.of(ctx);
    String id = ctx.pathParam("id");
    JsonNode alert = Services.tree(services.alerts().describe(id));
    List<Html> deliveries = new ArrayList<>();
    for (JsonNode delivery : alert.path("deliveries")) {
      deliveries.add(
          Html.of(
              "<tr data-hook=\"{}\"><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td>"
                  + "<td>{}</td><td>{}</td></tr>",
              delivery.path("hook").asText(),
              delivery.path("hook").asText(),
              deliveryBadge(delivery.path("status").asText()),
              delivery.path("attempts").asInt(),
              Text.time(delivery.path("deliveredAt").asText("")),
              Text.time(delivery.path("nextAttemptAt").asText("")),
              delivery.path("lastError").asText("")));
    }
    List<Html> attempts = new ArrayList<>();
    for (JsonNode attempt : alert.path("attempts")) {
      attempts.add(
          Html.of(
              "<tr data-hook=\"{}\" data-attempt=\"{}\" data-delivered=\"{}\"><td>{}</td>"
                  + "<td class=\"num\">{}</td><td>{}</td><td class=\"num\">{} ms</td><td>{}</td>"
                  + "<td>{}</td><td>{}</td></tr>",
              attempt.path("hook").asText(),
              attempt.path("attempt").asInt(),
              attempt.path("delivered").asBoolean(),
              attempt.path("hook").asText(),
              attempt.path("attempt").asInt(),
              Text.time(attempt.path("startedAt").asText()),
              attempt.path("durationMillis").asLong(),
              attempt.path("delivered").asBoolean()
                  ? Layout.badge("Delivered", "good")
                  : Layout.badge("Failed", "bad"),
              attempt.has("httpStatus") ? "HTTP " + attempt.path("httpStatus").asInt() : "",
              attempt.path("error").asText(attempt.path("reply").asText(""))));
    }
    String payload;
    try {
      payload =
          Json.mapper()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(alert.path("payload"));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write the alert's payload", e);
    }
    Html facts =
        Layout.facts(
            List.of(
                Layout.fact("type", "Type", kind(alert.path("type").asText())),
                Layout.fact("createdAt", "Decided", Text.time(alert.path("createdAt").asText())),
                Layout.fact(
                    "configuration", "Alert settings", alert.path("configurationName").asText()),
                Layout.fact(
                    "inference",
                    "Inference",
                    Html.of(
                        "<a href=\"/inferences/{}\">{}</a>",
                        alert.path("schedulerName").asText(),
                        alert.path("schedulerName").asText())),
                Layout.fact(
                    "anomaly",
                    "Anomaly",
                    alert.has("anomalyStart")
                        ? Text.time(alert.path("anomalyStart").asText())
                            + " to "
                            + Text.time(alert.path("anomalyEnd").asText())
                        : ""),
                Layout.fact(
                    "peakScore",
                    "Peak score",
                    alert.has("peakScore") ? Text.score(alert.path("peakScore").asDouble()) : ""),
                Layout.fact(
                    "replay",
                    "Raised by",
                    alert.path("replay").asBoolean() ? "a replay" : "the schedule"),
                Html.when(
                    alert.has("reason"),
                    Layout.fact("reason", "Reason", alert.path("reason").asText("")))));
    Html content =
        Html.of(
            "{}{}{}{}{}",
            Layout.heading(
                "Alert " + id.substring(0, Math.min(8, id.length())),
                Html.of("{}", alert.path("id").asText()),
                Html.EMPTY),
            Layout.card("What happened", facts),
            Layout.card(
                "Deliveries",
                Layout.table(
                    "deliveries",
                    List.of(
                        "Hook", "Status", "Attempts", "Delivered", "Next attempt", "Last error"),
                    deliveries,
                    "No hook was to get this alert.")),
            Layout.card(
                "Every delivery attempt",
                Layout.table(
                    "attempts",
                    List.of("Hook", "Attempt", "Started", "Took", "Outcome", "Answer", "Error"),
                    attempts,
                    "No attempt yet: the first is due now.")),
            Layout.card(
                "Document sent",
                Html.of("<pre class=\"payload\" id=\"payload\">{}</pre>", payload)));
    Responses.html(ctx, Layout.page(viewer, Layout.Section.ALERTS, "Alert", content));
  }

  private void hooks(Context ctx, FormValues submitted, FormErrors refused) {
    Viewer viewer = Viewer.of(ctx);
    FormValues values = submitted == null ? FormValues.of(Map.of()) : submitted;
    FormErrors errors = refused == null ? FormErrors.none() : refused;
    List<Html> rows = new ArrayList<>();
    for (JsonNode hook : Services.tree(services.hooks().list()).path("hooks")) {
      String name = hook.path("name").asText();
      JsonNode attempts =
          Services.tree(services.alerts().attemptsOfHook(name, "5")).path("attempts");
      List<Html> latest = new ArrayList<>();
      for (JsonNode attempt : attempts) {
        latest.add(
            Html.of(
                "<li>{} {} <a href=\"/alerts/{}\">alert</a></li>",
                Text.time(attempt.path("startedAt").asText()),
                attempt.path("delivered").asBoolean()
                    ? Layout.badge("Delivered", "good")
                    : Layout.badge("Failed", "bad"),
                attempt.path("alertId").asText()));
      }
      rows.add(
          Html.of(
              "<tr data-hook=\"{}\"><td>{}</td><td>{}</td><td class=\"target\">{}</td>"
                  + "<td><ul class=\"plain\">{}</ul></td><td>{}</td></tr>",
              name,
              name,
              hook.path("type").asText().equals("WEBHOOK") ? "Webhook" : "Email",
              target(hook),
              latest,
              testButton(viewer, name)));
    }
    Html form =
        Html.when(
            viewer.canAdminister(),
            Layout.card(
                "new-hook",
                "Create a hook",
                Html.of(
                    """
                    <form method="post" action="/hooks" id="hook-form" class="form hook-form"
                     novalidate>{}{}{}<div class="buttons"><button type="submit" class="primary"
                     id="create-hook">Create hook</button></div></form>""",
                    viewer.csrfField(),
                    errors.summary(),
                    HookForm.fields(values, errors))));
    Html content =
        Html.of(
            "{}{}{}{}",
            Layout.heading(
                "Hooks",
                Html.raw("Where alerts go: webhooks (signed JSON) and email."),
                Html.EMPTY),
            ctx.queryParam("notice") != null && ctx.queryParam("notice").equals("created")
                ? Layout.notice("Hook created.", false)
                : Html.EMPTY,
            Layout.card(
                "All hooks",
                Layout.table(
                    "hook-list",
                    List.of("Name", "Kind", "Target", "Latest attempts", ""),
                    rows,
                    "No hook yet.")),
            form);
    Responses.html(
        ctx,
        refused == null ? HttpStatus.OK : HttpStatus.BAD_REQUEST,
        Layout.page(viewer, Layout.Section.HOOKS, "Hooks", content));
  }

  /** Where a hook sends: its URL, or its SMTP server and recipients. */
  static String target(JsonNode hook) {
    if (hook.has("webhook")) {
      return hook.path("webhook").path("url").asText()
          + (hook.path("webhook").path("secretSet").asBoolean() ? " (signed)" : "");
    }
    JsonNode email = hook.path("email");
    return String.join(", ", InferencePages.texts(email.path("to")))
        + " via "
        + email.path("host").asText()
        + ":"
        + email.path("port").asInt();
  }

  /** "Send test" for a hook, with the place its outcome shows. */
  static Html testButton(Viewer viewer, String name) {
    if (!viewer.canOperate()) {
      return Html.EMPTY;
    }
    return Html.of(
        "<button type=\"button\" class=\"small\" id=\"test-{}\" hx-post=\"/hooks/{}/test\""
            + " hx-params=\"none\" hx-target=\"#test-result-{}\">Send test</button>"
            + " <span class=\"test-result\" id=\"test-result-{}\" aria-live=\"polite\"></span>",
        name,
        name,
        name,
        name);
  }

  private void createHook(Context ctx) {
    FormValues values = FormValues.of(ctx);
    try {
      services.hooks().create(HookForm.body(values));
    } catch (HookForm.Unreadable e) {
      hooks(ctx, values, FormErrors.none().put(e.field(), e.getMessage()));
      return;
    } catch (RequestRefusedException e) {
      hooks(ctx, values, FormErrors.of(e, HookForm::formField, "hook.name"));
      return;
    }
    Responses.redirect(ctx, "/hooks?notice=created");
  }

  private void test(Context ctx) {
    JsonNode outcome = Services.tree(services.hooks().test(ctx.pathParam("name")));
    boolean delivered = outcome.path("delivered").asBoolean();
    String detail =
        outcome.has("httpStatus")
            ? "HTTP " + outcome.path("httpStatus").asInt()
            : outcome.path("reply").asText(outcome.path("error").asText(""));
    if (!delivered && outcome.has("error")) {
      detail = outcome.path("error").asText();
    }
    Responses.html(
        ctx,
        Html.of(
            "<span class=\"test-outcome\" data-delivered=\"{}\">{} {} in {} ms</span>",
            delivered,
            delivered ? Layout.badge("Delivered", "good") : Layout.badge("Not delivered", "bad"),
            detail,
            outcome.path("durationMillis").asLong()));
  }
}
