package dev.vigil.inference;

import dev.vigil.config.ConfigLoader;
import dev.vigil.objectstore.ObjectStore;
import dev.vigil.server.VigilServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Vigil as a process of its own, for tests that kill it: the real server on the embedded default,
 * with a clock the test sets by writing epoch milliseconds to a file, and optionally a gate that
 * freezes the process right after it has written the results of one window (its object is in the
 * store, its execution is not yet committed), so that the test can kill it at that very point.
 *
 * <p>Arguments: data directory, clock file, port file (written once the server is ready), gate
 * directory, and the window id to freeze on ({@code -} for none).
 */
public final class CrashableVigil {
  private CrashableVigil() {}

  public static void main(String[] args) throws Exception {
    Path dataDir = Path.of(args[0]);
    Path clockFile = Path.of(args[1]);
    Path portFile = Path.of(args[2]);
    Path gateDir = Path.of(args[3]);
    String gateWindow = args[4];
    VigilServer server =
        VigilServer.start(
            ConfigLoader.load(
                null, Map.of(), Map.of("server.port", "0", "data.dir", dataDir.toString())),
            new FileClock(clockFile),
            store -> gateWindow.equals("-") ? store : new Gate(store, gateDir, gateWindow));
    Path temporary = portFile.resolveSibling(portFile.getFileName() + ".tmp");
    Files.writeString(temporary, Integer.toString(server.port()));
    Files.move(temporary, portFile, StandardCopyOption.ATOMIC_MOVE);
    new CountDownLatch(1).await();
  }

  /**
   * A clock that the test sets by writing an instant, in epoch milliseconds, to a file, and that
   * runs on from there at the speed of real time: db-scheduler waits between polls by this clock,
   * so it must move on its own, and the windows are minutes apart, far more than a test waits.
   */
  static final class FileClock extends Clock {
    private final Path file;
    private long setTo;
    private long setAtNanos;

    FileClock(Path file) throws IOException {
      this.file = file;
      this.setTo = read();
      this.setAtNanos = System.nanoTime();
    }

    private long read() throws IOException {
      return Long.parseLong(Files.readString(file).trim());
    }

    @Override
    public synchronized Instant instant() {
      try {
        long value = read();
        if (value != setTo) {
          setTo = value;
          setAtNanos = System.nanoTime();
        }
      } catch (IOException | NumberFormatException e) {
        // The test replaces the file atomically; keep the last setting meanwhile.
      }
      return Instant.ofEpochMilli(setTo + (System.nanoTime() - setAtNanos) / 1_000_000);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  /** Writes the results of the gated window, says so with a file, and never returns. */
  private static final class Gate implements ObjectStore {
    private final ObjectStore delegate;
    private final Path gateDir;
    private final String window;

    Gate(ObjectStore delegate, Path gateDir, String window) {
      this.delegate = delegate;
      this.gateDir = gateDir;
      this.window = window;
    }

    @Override
    public void put(String bucket, String key, byte[] content) {
      delegate.put(bucket, key, content);
      if (key.endsWith("/" + window + "/results.jsonl")) {
        try {
          Files.writeString(gateDir.resolve("reached"), key);
          new CountDownLatch(1).await();
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }

    @Override
    public InputStream open(String bucket, String key) {
      return delegate.open(bucket, key);
    }

    @Override
    public List<ObjectInfo> list(String bucket, String prefix) {
      return delegate.list(bucket, prefix);
    }

    @Override
    public void delete(String bucket, String key) {
      delegate.delete(bucket, key);
    }

    @Override
    public String describe(String bucket, String key) {
      return delegate.describe(bucket, key);
    }
  }
}
