package dev.vigil.api;

import dev.vigil.inference.ScoreChart;
import io.javalin.config.RoutesConfig;

/**
 * {@code GET /api/v1/inference-schedulers/{name}/chart}: a scheduler's anomaly score over a range,
 * reduced on the server to at most {@code points} entries that keep every peak, with the threshold
 * of a sensitivity, the anomalous ranges and the model versions that scored the range. The portal's
 * results chart draws it.
 *
 * <p>Thread-safe: it holds only the service.
 */
public final class InferenceChartRoutes implements ApiRoutes {
  private final ScoreChart chart;

  public InferenceChartRoutes(ScoreChart chart) {
    this.chart = chart;
  }

  @Override
  public void addTo(RoutesConfig routes) {
    routes.get(
        "/api/v1/inference-schedulers/{name}/chart",
        ctx ->
            ctx.json(
                chart.chart(
                    ctx.pathParam("name"),
                    ctx.queryParam("from"),
                    ctx.queryParam("to"),
                    ctx.queryParam("points"),
                    ctx.queryParam("sensitivity"))));
  }
}
