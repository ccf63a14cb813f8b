package dev.vigil.api.security;

import static dev.vigil.api.security.SecuredVigil.PASSWORD;
import static dev.vigil.api.security.SecuredVigil.error;
import static dev.vigil.api.security.SecuredVigil.json;
import static dev.vigil.api.security.SecuredVigil.send;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.storage.Database;
import dev.vigil.testing.LogCapture;
import dev.vigil.testing.TestDatabases;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Signing in to the portal as a browser does it: a real cookie jar ({@link CookieManager}) over
 * real HTTP, the sign-in form, the session cookie, CSRF tokens, sign-out, the lockout after
 * repeated wrong passwords; and API tokens, revoked or not.
 */
class SignInTest {
  private static final Pattern CSRF_FIELD =
      Pattern.compile("name=\"_csrf\" value=\"([A-Za-z0-9_-]+)\"");

  @TempDir Path dataDir;

  private SecuredVigil vigil;

  @AfterEach
  void stop() {
    if (vigil != null) {
      vigil.close();
    }
  }

  /** A browser: a cookie jar, redirects not followed (so that tests see them). */
  private static final class Browser {
    final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    final HttpClient http =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final String base;

    Browser(String base) {
      this.base = base;
    }

    HttpResponse<String> get(String path) {
      return send(
          http,
          HttpRequest.newBuilder(URI.create(base + path))
              .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8"));
    }

    HttpResponse<String> postForm(String path, Map<String, String> fields) {
      StringBuilder form = new StringBuilder();
      fields.forEach(
          (name, value) ->
              form.append(form.length() == 0 ? "" : "&")
                  .append(name)
                  .append('=')
                  .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
      return send(
          http,
          HttpRequest.newBuilder(URI.create(base + path))
              .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form.toString())));
    }

    HttpResponse<String> api(String method, String path, String body, String csrf) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(base + path))
              .header("Accept", "application/json")
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body));
      if (csrf != null) {
        request.header(RequestSecurity.CSRF_HEADER, csrf);
      }
      return send(http, request);
    }

    /** The CSRF token of the sign-in page's form. */
    String csrfOfSignInPage() {
      HttpResponse<String> page = get("/sign-in");
      assertThat(page.statusCode()).isEqualTo(200);
      Matcher matcher = CSRF_FIELD.matcher(page.body());
      assertThat(matcher.find()).as(page.body()).isTrue();
      return matcher.group(1);
    }

    HttpResponse<String> signIn(String user, String password, String next) {
      String csrf = csrfOfSignInPage();
      return postForm(
          "/sign-in",
          next == null
              ? Map.of("_csrf", csrf, "username", user, "password", password)
              : Map.of("_csrf", csrf, "username", user, "password", password, "next", next));
    }

    String cookie(String name) {
      return cookies.getCookieStore().getCookies().stream()
          .filter(cookie -> cookie.getName().equals(name))
          .map(HttpCookie::getValue)
          .findFirst()
          .orElse(null);
    }
  }

  static List<TestDatabases.Engine> engines() {
    return List.of(TestDatabases.Engine.H2, TestDatabases.Engine.POSTGRESQL);
  }

  @ParameterizedTest
  @MethodSource("engines")
  void a_signed_in_browser_uses_the_portal_and_the_api_until_it_signs_out(
      TestDatabases.Engine engine) {
    vigil = new SecuredVigil(dataDir, engine, Map.of());
    Browser browser = new Browser(vigil.base);

    HttpResponse<String> page = browser.get("/api/v1/session");
    assertThat(page.statusCode()).as("the API answers JSON, never a redirect").isEqualTo(401);
    HttpResponse<String> redirected = browser.get("/models?view=all");
    assertThat(redirected.statusCode()).isEqualTo(303);
    assertThat(redirected.headers().firstValue("Location"))
        .contains("/sign-in?next=%2Fmodels%3Fview%3Dall");

    HttpResponse<String> signedIn = browser.signIn("Alice", PASSWORD, "/models?view=all");
    assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
    assertThat(signedIn.headers().firstValue("Location")).contains("/models?view=all");
    String setCookie =
        signedIn.headers().allValues("Set-Cookie").stream()
            .filter(header -> header.startsWith(SecurityFilter.SESSION_COOKIE + "="))
            .findFirst()
            .orElseThrow();
    assertThat(setCookie).contains("HttpOnly", "SameSite=Lax", "Path=/").doesNotContain("Secure");

    HttpResponse<String> session = browser.api("GET", "/api/v1/session", null, null);
    assertThat(json(session).get("user").asText()).isEqualTo("alice");
    assertThat(json(session).get("role").asText()).isEqualTo("ADMIN");
    assertThat(json(session).get("authenticatedBy").asText()).isEqualTo("session");

    String csrf = browser.cookie(RequestSecurity.CSRF_COOKIE);
    HttpResponse<String> created =
        browser.api("POST", "/api/v1/label-groups", "{\"name\":\"faults\"}", csrf);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

    HttpResponse<String> signedOut = browser.postForm("/sign-out", Map.of("_csrf", csrf));
    assertThat(signedOut.statusCode()).isEqualTo(303);
    assertThat(signedOut.headers().firstValue("Location")).contains("/sign-in");
    HttpResponse<String> after = browser.api("GET", "/api/v1/session", null, null);
    assertThat(after.statusCode()).isEqualTo(401);
    assertThat(error(after))
        .isEqualTo(
            "sign-in required: send an API token as 'Authorization: Bearer <token>', or sign in"
                + " at /sign-in");
  }

  @Test
  void a_session_ends_when_its_time_is_up_and_the_browser_is_asked_to_sign_in_again() {
    vigil = new SecuredVigil(dataDir);
    Browser browser = new Browser(vigil.base);
    assertThat(browser.signIn("victor", PASSWORD, null).statusCode()).isEqualTo(303);
    assertThat(browser.api("GET", "/api/v1/datasets", null, null).statusCode()).isEqualTo(200);
    vigil.clock.advance(Duration.ofHours(12));
    HttpResponse<String> expired = browser.api("GET", "/api/v1/datasets", null, null);
    assertThat(expired.statusCode()).isEqualTo(401);
    assertThat(error(expired))
        .isEqualTo(
            "your session has ended (signed out, expired, or its user was changed): sign in"
                + " again at /sign-in");
  }

  @Test
  void the_session_cookie_is_secure_when_a_tls_proxy_says_so() {
    vigil = new SecuredVigil(dataDir);
    Browser browser = new Browser(vigil.base);
    String csrf = browser.csrfOfSignInPage();
    HttpResponse<String> signedIn =
        send(
            browser.http,
            HttpRequest.newBuilder(URI.create(vigil.base + "/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-Proto", "https")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "_csrf=" + csrf + "&username=alice&password=" + PASSWORD)));
    assertThat(signedIn.statusCode()).isEqualTo(303);
    assertThat(signedIn.headers().allValues("Set-Cookie"))
        .anyMatch(
            header ->
                header.startsWith(SecurityFilter.SESSION_COOKIE + "=")
                    && header.contains("Secure")
                    && header.contains("HttpOnly"));
  }

  @Test
  void repeated_wrong_passwords_lock_the_user_out_with_the_time_to_try_again() {
    vigil = new SecuredVigil(dataDir);
    Browser browser = new Browser(vigil.base);
    for (int i = 1; i <= 4; i++) {
      HttpResponse<String> wrong = browser.signIn("victor", "not-the-password", null);
      assertThat(wrong.statusCode()).isEqualTo(401);
      assertThat(wrong.body()).contains("role=\"alert\">wrong user name or password</p>");
    }
    HttpResponse<String> fifth = browser.signIn("victor", "not-the-password", null);
    assertThat(fifth.statusCode()).isEqualTo(429);
    assertThat(fifth.headers().firstValue("Retry-After")).contains("60");
    assertThat(fifth.body())
        .contains(
            "wrong user name or password; too many failed sign-ins for user &#39;victor&#39;:"
                + " try again in 1 minute (after 2026-03-01T10:01:00Z)");
    vigil.clock.advance(Duration.ofSeconds(20));
    HttpResponse<String> locked = browser.signIn("victor", PASSWORD, null);
    assertThat(locked.statusCode()).isEqualTo(429);
    assertThat(locked.body())
        .contains(
            "too many failed sign-ins for user &#39;victor&#39;: try again in 40 seconds (after"
                + " 2026-03-01T10:01:00Z)")
        .contains("value=\"victor\"");
    vigil.clock.advance(Duration.ofSeconds(40));
    assertThat(browser.signIn("victor", PASSWORD, null).statusCode()).isEqualTo(303);
  }

  @Test
  void a_change_made_with_the_session_cookie_needs_its_csrf_token() {
    vigil = new SecuredVigil(dataDir);
    Browser browser = new Browser(vigil.base);
    assertThat(browser.signIn("olga", PASSWORD, null).statusCode()).isEqualTo(303);
    String body = "{\"name\":\"faults\"}";

    HttpResponse<String> missing = browser.api("POST", "/api/v1/label-groups", body, null);
    assertThat(missing.statusCode()).isEqualTo(403);
    assertThat(json(missing).at("/error/code").asText()).isEqualTo("csrf_token_invalid");
    assertThat(error(missing))
        .isEqualTo(
            "the request has no valid CSRF token: a form repeats the vigil_csrf cookie's token in"
                + " its _csrf field, a script in the X-CSRF-Token header; reload the page and try"
                + " again");
    HttpResponse<String> mismatched =
        browser.api("POST", "/api/v1/label-groups", body, "another-sites-guess");
    assertThat(mismatched.statusCode()).isEqualTo(403);
    HttpResponse<String> form = browser.postForm("/sign-out", Map.of("_csrf", "stale"));
    assertThat(form.statusCode()).isEqualTo(403);
    assertThat(form.body()).contains("<h1>Not allowed</h1>", "the request has no valid CSRF token");
    assertThat(browser.api("GET", "/api/v1/label-groups/faults", null, null).statusCode())
        .as("nothing was created")
        .isEqualTo(404);
    // A GET needs no token, and a bearer token needs none either.
    assertThat(browser.api("GET", "/api/v1/label-groups", null, null).statusCode()).isEqualTo(200);
    assertThat(vigil.as("olga", "POST", "/api/v1/label-groups", body).statusCode()).isEqualTo(201);
  }

  @Test
  void the_sign_in_form_needs_its_csrf_token_too() {
    vigil = new SecuredVigil(dataDir);
    Browser browser = new Browser(vigil.base);
    HttpResponse<String> forged =
        browser.postForm("/sign-in", Map.of("username", "alice", "password", PASSWORD));
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body())
        .contains("the sign-in form expired (it lacks its CSRF token): sign in again");
    assertThat(browser.cookie(SecurityFilter.SESSION_COOKIE)).isNull();
  }

  @Test
  void after_signing_in_the_browser_stays_on_this_server() {
    vigil = new SecuredVigil(dataDir);
    for (String next : List.of("//evil.example/x", "https://evil.example", "/\\evil.example")) {
      HttpResponse<String> signedIn = new Browser(vigil.base).signIn("alice", PASSWORD, next);
      assertThat(signedIn.statusCode()).isEqualTo(303);
      assertThat(signedIn.headers().firstValue("Location")).as(next).hasValue("/");
    }
    assertThat(SignInRoutes.next("/models/pump?tab=inference"))
        .isEqualTo("/models/pump?tab=inference");
    assertThat(SignInRoutes.next("/sign-in?next=/x")).isNull();
  }

  @Test
  void htmx_requests_without_a_session_are_sent_to_the_sign_in_page() {
    vigil = new SecuredVigil(dataDir);
    HttpResponse<String> response =
        vigil.send(
            vigil
                .request("GET", "/models/pump/results", null)
                .header("Accept", "text/html")
                .header("HX-Request", "true"));
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("HX-Redirect"))
        .contains("/sign-in?next=%2Fmodels%2Fpump%2Fresults");
  }

  @Test
  void a_revoked_token_is_refused_with_401_naming_the_reason() {
    vigil = new SecuredVigil(dataDir);
    HttpResponse<String> created =
        vigil.as("olga", "POST", "/api/v1/tokens", "{\"name\":\"test\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    String token = json(created).get("token").asText();
    String id = json(created).get("id").asText();
    HttpResponse<String> listed =
        vigil.send(
            vigil
                .request("GET", "/api/v1/tokens", null)
                .header("Authorization", "Bearer " + token));
    assertThat(listed.statusCode()).isEqualTo(200);
    assertThat(listed.body()).contains(id).doesNotContain(token);
    HttpResponse<String> revoked =
        vigil.send(
            vigil
                .request("DELETE", "/api/v1/tokens/" + id, null)
                .header("Authorization", "Bearer " + token));
    assertThat(revoked.statusCode()).isEqualTo(204);
    HttpResponse<String> refused =
        vigil.send(
            vigil
                .request("GET", "/api/v1/datasets", null)
                .header("Authorization", "Bearer " + token));
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(error(refused))
        .isEqualTo("the API token 'test' of user olga was revoked at 2026-03-01T10:00:00Z");
    HttpResponse<String> unknown =
        vigil.send(
            vigil
                .request("GET", "/api/v1/datasets", null)
                .header("Authorization", "Bearer vigil_made-up"));
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(error(unknown)).startsWith("the API token is not known to this server");
    // The user's other token still works.
    assertThat(vigil.as("olga", "GET", "/api/v1/datasets", null).statusCode()).isEqualTo(200);
  }

  @Test
  void a_password_opens_only_the_creation_of_a_token() {
    vigil = new SecuredVigil(dataDir);
    HttpResponse<String> basic =
        vigil.send(
            vigil
                .request("GET", "/api/v1/datasets", null)
                .header("Authorization", SecuredVigil.basic("alice", PASSWORD)));
    assertThat(basic.statusCode()).isEqualTo(401);
    assertThat(error(basic))
        .isEqualTo(
            "a user name and password (Authorization: Basic) are accepted only to create an API"
                + " token (POST /api/v1/tokens); send the token as 'Authorization: Bearer"
                + " <token>'");
    HttpResponse<String> wrong =
        vigil.send(
            vigil
                .request("POST", "/api/v1/tokens", "{\"name\":\"x\"}")
                .header("Authorization", SecuredVigil.basic("alice", "wrong-password")));
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(error(wrong)).isEqualTo("wrong user name or password");
  }

  @Test
  void metrics_and_health_are_public_on_loopback() {
    vigil = new SecuredVigil(dataDir);
    assertThat(vigil.send(vigil.request("GET", "/health", null)).statusCode()).isEqualTo(200);
    HttpResponse<String> metrics = vigil.send(vigil.request("GET", "/metrics", null));
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type"))
        .contains("text/plain; version=0.0.4; charset=utf-8");
  }

  @Test
  void passwords_their_hashes_and_tokens_are_never_answered_nor_logged() {
    try (LogCapture logs = new LogCapture()) {
      vigil = new SecuredVigil(dataDir);
      Browser browser = new Browser(vigil.base);
      StringBuilder answers = new StringBuilder();
      answers.append(browser.signIn("alice", "a-wrong-password-1", null).body());
      answers.append(browser.signIn("alice", PASSWORD, null).body());
      answers.append(vigil.as("alice", "GET", "/api/v1/users", null).body());
      answers.append(vigil.as("alice", "GET", "/api/v1/users/victor", null).body());
      answers.append(vigil.as("alice", "GET", "/api/v1/tokens?all=true", null).body());
      answers.append(
          vigil
              .as(
                  "alice",
                  "PUT",
                  "/api/v1/users/victor/password",
                  "{\"password\":\"a-new-password-2\"}")
              .body());
      answers.append(
          vigil
              .as("alice", "POST", "/api/v1/users", "{\"name\":\"x\",\"password\":\"short\"}")
              .body());
      List<String> hashes =
          Jdbi.create(Database.embeddedUrl(dataDir), "sa", "")
              .withHandle(
                  h -> h.createQuery("SELECT password_hash FROM users").mapTo(String.class).list());
      assertThat(hashes).hasSize(3);
      String logged = logs.text();
      assertThat(logged).contains("user victor: password changed by alice");
      for (String secret : List.of(PASSWORD, "a-wrong-password-1", "a-new-password-2", "short")) {
        assertThat(answers.toString()).doesNotContain(secret);
        assertThat(logged).doesNotContain(secret);
      }
      for (String hash : hashes) {
        assertThat(answers.toString()).doesNotContain(hash);
        assertThat(logged).doesNotContain(hash);
      }
      assertThat(answers.toString()).doesNotContain("$2a$");
      for (String token : vigil.tokens.values()) {
        assertThat(logged).doesNotContain(token);
        assertThat(answers.toString()).doesNotContain(token);
      }
    }
  }
}
