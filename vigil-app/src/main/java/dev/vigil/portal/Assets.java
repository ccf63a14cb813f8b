package dev.vigil.portal;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The portal's static files under {@code /assets/}: its own style sheet and script, and htmx and
 * uPlot from their WebJars on the classpath (no Node.js, no download at run time). Only these files
 * are served, from memory, with an ETag so that a browser revalidates cheaply. Read once at
 * start-up: a missing file stops Vigil from starting rather than breaking pages later.
 *
 * <p>Thread-safe: immutable after construction.
 */
final class Assets {
  private final Map<String, Asset> assets = new LinkedHashMap<>();

  /** One file: its bytes, type and ETag. */
  private record Asset(byte[] bytes, String contentType, String etag) {}

  Assets() {
    String htmx = webjar("htmx.org");
    String uplot = webjar("uplot");
    add("vigil.css", "/portal/vigil.css", "text/css; charset=utf-8");
    add("portal.js", "/portal/portal.js", "text/javascript; charset=utf-8");
    add("htmx.min.js", htmx + "/dist/htmx.min.js", "text/javascript; charset=utf-8");
    add("uPlot.iife.min.js", uplot + "/dist/uPlot.iife.min.js", "text/javascript; charset=utf-8");
    add("uPlot.min.css", uplot + "/dist/uPlot.min.css", "text/css; charset=utf-8");
    add("favicon.svg", "/portal/favicon.svg", "image/svg+xml");
  }

  void addTo(RoutesConfig routes) {
    routes.get("/assets/{file}", this::serve);
  }

  private void serve(Context ctx) {
    Asset asset = assets.get(ctx.pathParam("file"));
    if (asset == null) {
      ctx.attribute("vigil-error", Boolean.TRUE);
      ctx.status(HttpStatus.NOT_FOUND).result("no such asset");
      return;
    }
    ctx.header("ETag", asset.etag());
    ctx.header("Cache-Control", "no-cache");
    if (asset.etag().equals(ctx.header("If-None-Match"))) {
      ctx.status(HttpStatus.NOT_MODIFIED);
      return;
    }
    ctx.contentType(asset.contentType()).result(asset.bytes());
  }

  private void add(String name, String resource, String contentType) {
    byte[] bytes = read(resource);
    assets.put(name, new Asset(bytes, contentType, "\"" + digest(bytes) + "\""));
  }

  /** The classpath folder of a WebJar's files, for the version on the classpath. */
  private static String webjar(String artifact) {
    String properties = "/META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties";
    Properties pom = new Properties();
    try (InputStream in = Assets.class.getResourceAsStream(properties)) {
      if (in == null) {
        throw new IllegalStateException(
            "the " + artifact + " WebJar is missing from the classpath");
      }
      pom.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + properties, e);
    }
    return "/META-INF/resources/webjars/" + artifact + "/" + pom.getProperty("version");
  }

  private static byte[] read(String resource) {
    try (InputStream in = Assets.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("portal asset " + resource + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read portal asset " + resource, e);
    }
  }

  private static String digest(byte[] bytes) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
      return HexFormat.of().formatHex(hash, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }
}
