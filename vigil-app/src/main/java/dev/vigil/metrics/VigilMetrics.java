package dev.vigil.metrics;

import com.zaxxer.hikari.HikariDataSource;
import dev.vigil.alert.AlertStats;
import dev.vigil.inference.InferenceListener;
import dev.vigil.storage.Database;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Vigil's metrics, in a Micrometer registry written in the Prometheus text format ({@code GET
 * /metrics}): inference windows and wake-to-result latency ({@link #inferenceListener()}), alerts
 * and delivery attempts ({@link #alertStats()}), HTTP requests by route template and status ({@link
 * #httpRequest}), jobs by status from the database, the JVM, and the HikariCP pool of the metadata
 * database. One registry per server, so that servers in one JVM (tests) count apart.
 *
 * <p>Thread-safe. Close it once, with the server.
 */
public final class VigilMetrics implements AutoCloseable {
  /** The Prometheus text format's content type. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /** Methods named in metrics; any other is {@code OTHER}, so that clients cannot add series. */
  private static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

  private final PrometheusMeterRegistry registry;
  private final JvmGcMetrics gc;
  private final StoredJobs jobs;
  private final InferenceMetrics inference;
  private final AlertMetrics alerts;

  private VigilMetrics(PrometheusMeterRegistry registry, JvmGcMetrics gc, StoredJobs jobs) {
    this.registry = registry;
    this.gc = gc;
    this.jobs = jobs;
    this.inference = new InferenceMetrics(registry);
    this.alerts = new AlertMetrics(registry);
  }

  /** The metrics of a server over {@code database}, whose pool it instruments. */
  public static VigilMetrics create(Database database) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    try {
      database.dataSource().unwrap(HikariDataSource.class).setMetricRegistry(registry);
    } catch (SQLException e) {
      throw new IllegalStateException("the metadata database's pool is not HikariCP's", e);
    }
    return new VigilMetrics(registry, gc, new StoredJobs(database, registry));
  }

  /** Counts finished windows and system pauses; add it to inference's listeners. */
  public InferenceListener inferenceListener() {
    return inference;
  }

  /** Counts alerts and delivery attempts; give it to the alert feature. */
  public AlertStats alertStats() {
    return alerts;
  }

  /**
   * Counts an HTTP request and its time.
   *
   * @param route the route template, never the raw path (which would make a series per id)
   */
  public void httpRequest(String method, String route, int status, long nanos) {
    Timer.builder("http.server.requests")
        .description("HTTP requests answered, by method, route template and status")
        .tag("method", METHODS.contains(method) ? method : "OTHER")
        .tag("route", route)
        .tag("status", Integer.toString(status))
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Every metric in the Prometheus text format, with the job counts read now. */
  public String scrape() {
    jobs.refresh();
    return registry.scrape();
  }

  /** The registry, for instrumentation added by embedders. */
  public MeterRegistry registry() {
    return registry;
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
