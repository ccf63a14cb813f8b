package dev.vigil.cli;

import dev.vigil.config.ConfigLoader;
import dev.vigil.config.VigilConfig;
import dev.vigil.server.VigilServer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vigil server}: runs the service until it is stopped (Ctrl-C or SIGTERM). */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    description = {
      "Run the Vigil service: the portal at /, the native API under /api/v1, the Lookout for"
          + " Equipment endpoint (POST /), /health and /metrics.",
      "Embedded default: metadata in <data-dir>/vigil.mv.db, objects in <data-dir>/objects/<bucket>/."
          + " Settings come from --config FILE, then VIGIL_* environment variables, then options."
    })
public final class ServerCommand implements Callable<Integer> {
  @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (default 8080).")
  Integer port;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      description = "Address to listen on (default 127.0.0.1).")
  String bind;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Data directory (default ./vigil-data).")
  Path dataDir;

  @Option(names = "--config", paramLabel = "FILE", description = "A properties file of settings.")
  Path configFile;

  @Override
  public Integer call() throws InterruptedException {
    Map<String, String> overrides = new HashMap<>();
    if (port != null) {
      overrides.put("server.port", port.toString());
    }
    if (bind != null) {
      overrides.put("server.bind", bind);
    }
    if (dataDir != null) {
      overrides.put("data.dir", dataDir.toString());
    }
    VigilConfig config = ConfigLoader.load(configFile, System.getenv(), overrides);
    VigilServer server = VigilServer.start(config, Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "vigil-shutdown"));
    stopped.await();
    return 0;
  }
}
