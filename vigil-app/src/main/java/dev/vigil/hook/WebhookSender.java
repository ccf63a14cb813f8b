package dev.vigil.hook;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Posts notifications to webhooks: the JSON document as the body, {@code Content-Type:
 * application/json}, the hook's custom headers, and Vigil's headers: {@code X-Vigil-Alert-Id} (the
 * same at every attempt), {@code X-Vigil-Delivery-Attempt}, {@code X-Vigil-Timestamp} (epoch
 * seconds of the attempt) and, when the hook has a secret, {@link WebhookSignature#HEADER}. A 2xx
 * answer is a delivery; anything else, no answer within the hook's timeout (the body included), or
 * no connection is a failed attempt with the reason. Redirects are not followed.
 *
 * <p>Thread-safe. The HTTP client runs on its own small, named pool, shut down by {@link #close()}.
 */
final class WebhookSender implements AutoCloseable {
  /** Headers Vigil sets itself, or that HTTP does not let a caller set; hooks may not set them. */
  static final java.util.Set<String> RESERVED_HEADERS =
      java.util.Set.of("connection", "content-length", "content-type", "expect", "host", "upgrade");

  /** Prefix of Vigil's own headers, which custom headers may not use. */
  static final String VIGIL_HEADER_PREFIX = "x-vigil-";

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final int HTTP_THREADS = 2;

  private final Clock clock;
  private final ExecutorService executor;
  private final HttpClient http;

  WebhookSender(Clock clock) {
    this.clock = clock;
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newFixedThreadPool(
            HTTP_THREADS,
            runnable -> {
              Thread thread =
                  new Thread(runnable, "vigil-webhook-http-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.http =
        HttpClient.newBuilder()
            .executor(executor)
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  DeliveryOutcome send(WebhookTarget target, Duration timeout, Notification notification) {
    byte[] body = notification.json().getBytes(StandardCharsets.UTF_8);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target.url())
            .timeout(timeout)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .header("Content-Type", "application/json")
            .header("User-Agent", "Vigil")
            .header("X-Vigil-Alert-Id", notification.alertId())
            .header("X-Vigil-Delivery-Attempt", Integer.toString(notification.attempt()))
            .header("X-Vigil-Timestamp", Long.toString(clock.instant().getEpochSecond()));
    for (Map.Entry<String, String> header : target.headers().entrySet()) {
      request.header(header.getKey(), header.getValue());
    }
    if (target.secret() != null) {
      request.header(WebhookSignature.HEADER, WebhookSignature.sign(target.secret(), body));
    }
    long start = System.nanoTime();
    CompletableFuture<HttpResponse<String>> answer =
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    try {
      HttpResponse<String> response = answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      int status = response.statusCode();
      String reply = response.body();
      if (status >= 200 && status < 300) {
        return new DeliveryOutcome(true, status, reply, null, took);
      }
      return new DeliveryOutcome(false, status, reply, "the webhook answered HTTP " + status, took);
    } catch (TimeoutException e) {
      answer.cancel(true);
      return failed(start, noAnswer(timeout));
    } catch (ExecutionException e) {
      return failed(start, describe(e.getCause(), target, timeout));
    } catch (InterruptedException e) {
      answer.cancel(true);
      Thread.currentThread().interrupt();
      return failed(start, "interrupted while Vigil was shutting down");
    }
  }

  private static DeliveryOutcome failed(long start, String error) {
    return new DeliveryOutcome(
        false, null, null, error, Duration.ofNanos(System.nanoTime() - start));
  }

  private static String noAnswer(Duration timeout) {
    return "no answer within the hook's timeout of " + timeout;
  }

  private static String describe(Throwable cause, WebhookTarget target, Duration timeout) {
    String where = target.url().getHost() + ":" + port(target);
    if (cause instanceof HttpConnectTimeoutException) {
      return "cannot connect to " + where + ": no connection within " + CONNECT_TIMEOUT;
    }
    if (cause instanceof HttpTimeoutException) {
      return noAnswer(timeout);
    }
    Throwable root = cause;
    while (root.getCause() != null && root.getMessage() == null) {
      root = root.getCause();
    }
    if (cause instanceof ConnectException || root instanceof ConnectException) {
      return "cannot connect to "
          + where
          + ": "
          + (root.getMessage() == null ? "connection refused" : root.getMessage());
    }
    if (root instanceof UnresolvedAddressException
        || root instanceof java.net.UnknownHostException) {
      return "cannot connect to " + where + ": unknown host";
    }
    if (cause instanceof IOException) {
      return "the connection to "
          + where
          + " failed: "
          + (root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage());
    }
    return "the request to " + where + " failed: " + cause;
  }

  private static int port(WebhookTarget target) {
    int port = target.url().getPort();
    if (port >= 0) {
      return port;
    }
    return "https".equalsIgnoreCase(target.url().getScheme()) ? 443 : 80;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
