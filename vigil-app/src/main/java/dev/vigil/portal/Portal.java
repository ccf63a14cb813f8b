package dev.vigil.portal;

import dev.vigil.alert.AlertConfigurationService;
import dev.vigil.alert.AlertHistory;
import dev.vigil.api.ApiRoutes;
import dev.vigil.dataset.DatasetService;
import dev.vigil.hook.HookService;
import dev.vigil.inference.InferenceResults;
import dev.vigil.inference.ReplayService;
import dev.vigil.inference.SchedulerService;
import dev.vigil.inference.ScoreChart;
import dev.vigil.ingestion.IngestionService;
import dev.vigil.label.LabelService;
import dev.vigil.model.ModelService;
import io.javalin.config.RoutesConfig;
import java.time.Clock;

/**
 * The web portal, served at {@code /} by the same server as the API: server-rendered HTML pages
 * that htmx updates without reloads and uPlot draws charts in, over the feature services (which
 * know nothing of HTTP). Its pages follow the workflow of Azure Metrics Advisor for Equipment:
 * datasets, models and their evaluation, the inferences of a model, creating an inference with its
 * alert settings and hooks, using an existing inference with another model, the inference detail
 * with its results chart, events, executions and replays, alerts with every delivery attempt, and
 * the health of the scheduler. docs/portal.md describes every page.
 *
 * <p>Every form carries the CSRF token and every page shows who is signed in; actions the viewer's
 * role may not take are not offered (the authentication filter enforces the roles).
 *
 * <p>Thread-safe: it holds only the services.
 */
public final class Portal implements ApiRoutes {
  private final Services services;

  private Portal(Services services) {
    this.services = services;
  }

  /** The portal over the feature services and Vigil's clock. */
  public static Portal create(
      DatasetService datasets,
      IngestionService ingestion,
      ModelService models,
      LabelService labels,
      SchedulerService schedulers,
      ReplayService replays,
      InferenceResults results,
      ScoreChart chart,
      AlertConfigurationService alertConfigurations,
      HookService hooks,
      AlertHistory alerts,
      Clock clock) {
    return new Portal(
        new Services(
            datasets,
            ingestion,
            models,
            labels,
            schedulers,
            replays,
            results,
            chart,
            alertConfigurations,
            hooks,
            alerts,
            clock));
  }

  @Override
  public void addTo(RoutesConfig routes) {
    new Assets().addTo(routes);
    InferencePages inferences = new InferencePages(services);
    new OverviewPages(services, inferences).addTo(routes);
    new DatasetPages(services).addTo(routes);
    new ModelPages(services, new EvaluationScores(services.models(), services.datasets()))
        .addTo(routes);
    new InferenceForms(services).addTo(routes);
    inferences.addTo(routes);
    new AlertPages(services).addTo(routes);
  }
}
