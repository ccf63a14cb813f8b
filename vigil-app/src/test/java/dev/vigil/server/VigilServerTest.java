package dev.vigil.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vigil.config.ConfigLoader;
import dev.vigil.config.VigilConfig;
import dev.vigil.engine.VigilException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VigilServerTest {
  @TempDir Path dataDir;

  private VigilConfig config(Map<String, String> overrides) {
    Map<String, String> all = new java.util.HashMap<>(overrides);
    all.put("server.port", "0");
    all.put("data.dir", dataDir.toString());
    return ConfigLoader.load(null, Map.of(), all);
  }

  @Test
  void the_embedded_default_answers_health_and_keeps_its_data_under_the_data_directory()
      throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    try (VigilServer server = VigilServer.start(config(Map.of()), clock)) {
      HttpResponse<String> health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + server.port() + "/health"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
      assertThat(server.ready()).isTrue();
    }
    assertThat(dataDir.resolve("vigil.mv.db")).exists();
    // A second start on the same data directory finds its database and migrates nothing twice.
    try (VigilServer again = VigilServer.start(config(Map.of()), Clock.systemUTC())) {
      assertThat(again.ready()).isTrue();
    }
  }

  @Test
  void an_unreachable_database_stops_start_up_with_the_address() {
    VigilConfig config =
        config(Map.of("database.url", "jdbc:postgresql://127.0.0.1:1/vigil?password=hunter2"));
    assertThatThrownBy(() -> VigilServer.start(config, Clock.systemUTC()))
        .isInstanceOf(VigilException.class)
        .hasMessageStartingWith(
            "cannot connect to the database at jdbc:postgresql://127.0.0.1:1/vigil?password=****: ")
        .hasMessageNotContaining("hunter2");
    assertThat(Files.exists(dataDir.resolve("vigil.mv.db"))).isFalse();
  }
}
