package dev.vigil.portal;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A plant team's webhook receiver on loopback: answers 204 to every POST and keeps each body with
 * its signature header. Thread-safe: the server's threads add, the test reads.
 */
final class Receiver implements AutoCloseable {
  /** One request received. */
  record Received(String signature, String body) {}

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();

  Receiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          received.add(
              new Received(
                  exchange.getRequestHeaders().getFirst("X-Vigil-Signature"),
                  new String(body, StandardCharsets.UTF_8)));
          exchange.sendResponseHeaders(204, -1);
          try (OutputStream out = exchange.getResponseBody()) {
            out.flush();
          }
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/vigil";
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  /** Waits until a request matches; answers it, or null after {@code timeout}. */
  Received await(Predicate<Received> matching, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (Received each : received) {
        if (matching.test(each)) {
          return each;
        }
      }
      synchronized (this) {
        wait(TimeUnit.MILLISECONDS.toMillis(50));
      }
    }
    return null;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
