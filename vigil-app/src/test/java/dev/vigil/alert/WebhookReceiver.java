package dev.vigil.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vigil.hook.WebhookSignature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on loopback, as a team would run one: it checks each request's signature with
 * the shared secret, and records what it received. Tests make it answer an error, hang until
 * released, or go down (its port closed) and come back up on the same port.
 *
 * <p>Thread-safe.
 */
final class WebhookReceiver implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request as received. */
  record Request(
      String alertId,
      int attempt,
      String timestamp,
      String signature,
      boolean signatureValid,
      Map<String, String> headers,
      String body,
      int answered) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private final String secret;
  private final int port;
  private final ExecutorService threads;
  private final List<Request> requests = new ArrayList<>();
  private HttpServer server;
  private volatile int status = 200;
  private volatile CountDownLatch hang;

  private WebhookReceiver(String secret, int port) throws IOException {
    this.secret = secret;
    AtomicInteger counter = new AtomicInteger();
    this.threads =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "test-webhook-" + counter.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.server = listen(port);
    this.port = server.getAddress().getPort();
  }

  /** A receiver on a free port; {@code secret} may be null for unsigned hooks. */
  static WebhookReceiver start(String secret) {
    try {
      return new WebhookReceiver(secret, 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpServer listen(int onPort) throws IOException {
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 0);
    http.setExecutor(threads);
    http.createContext("/", this::handle);
    http.start();
    return http;
  }

  String url() {
    return "http://127.0.0.1:" + port + "/hooks/vigil";
  }

  /** Answers every request with {@code code} from now on. */
  void answer(int code) {
    this.status = code;
  }

  /** Holds every request from now on (recorded on arrival) until {@link #release()}. */
  void hang() {
    hang = new CountDownLatch(1);
  }

  /** Lets held requests go (they are answered) and stops holding new ones. */
  void release() {
    CountDownLatch held = hang;
    hang = null;
    if (held != null) {
      held.countDown();
    }
  }

  /** Closes the port: connections are refused. */
  synchronized void down() {
    server.stop(0);
  }

  /** Listens again on the same port. */
  synchronized void up() {
    try {
      server = listen(port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
    int code = status;
    String signature = headers.get(WebhookSignature.HEADER);
    Request request =
        new Request(
            headers.get("X-Vigil-Alert-Id"),
            Integer.parseInt(headers.getOrDefault("X-Vigil-Delivery-Attempt", "0")),
            headers.get("X-Vigil-Timestamp"),
            signature,
            secret != null && WebhookSignature.verify(secret, body, signature),
            headers,
            new String(body, StandardCharsets.UTF_8),
            code);
    synchronized (this) {
      requests.add(request);
      notifyAll();
    }
    CountDownLatch held = hang;
    if (held != null) {
      try {
        held.await(2, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    byte[] answer = (code < 300 ? "ok" : "receiver says no").getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(code, answer.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(answer);
    }
  }

  /** Every request received, in order. */
  synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The requests answered with 2xx, in order. */
  synchronized List<Request> delivered() {
    return requests.stream().filter(r -> r.answered() < 300).toList();
  }

  /** Waits until {@code count} requests were received. */
  synchronized boolean awaitRequests(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (requests.size() < count) {
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, remaining);
    }
    return true;
  }

  @Override
  public void close() {
    release();
    server.stop(0);
    threads.shutdownNow();
  }
}
