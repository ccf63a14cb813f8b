package dev.vigil.server;

import dev.vigil.alert.AlertFeature;
import dev.vigil.api.AlertRoutes;
import dev.vigil.api.ApiRoutes;
import dev.vigil.api.DatasetRoutes;
import dev.vigil.api.HookRoutes;
import dev.vigil.api.InferenceChartRoutes;
import dev.vigil.api.InferenceInputRoutes;
import dev.vigil.api.InferenceResultRoutes;
import dev.vigil.api.InferenceSchedulerRoutes;
import dev.vigil.api.IngestionRoutes;
import dev.vigil.api.LabelGroupRoutes;
import dev.vigil.api.ModelRoutes;
import dev.vigil.api.OperationsRoutes;
import dev.vigil.config.VigilConfig;
import dev.vigil.dataset.DatasetService;
import dev.vigil.dataset.DatasetUsage;
import dev.vigil.inference.EngineSettings;
import dev.vigil.inference.InferenceFeature;
import dev.vigil.inference.InferenceListener;
import dev.vigil.inference.ScoreChart;
import dev.vigil.ingestion.IngestionService;
import dev.vigil.jobs.WorkerPool;
import dev.vigil.label.LabelService;
import dev.vigil.lookout.LookoutEndpoint;
import dev.vigil.metrics.SchedulerHealth;
import dev.vigil.metrics.VigilMetrics;
import dev.vigil.model.ModelService;
import dev.vigil.objectstore.ObjectStore;
import dev.vigil.portal.Portal;
import dev.vigil.storage.Database;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Builds each feature's service over the shared infrastructure, and the API routes over the
 * services. Stateless.
 */
final class Features {
  private Features() {}

  /**
   * Builds every feature, adds its routes, and returns what must be closed on shutdown, in the
   * order to close it.
   */
  static List<AutoCloseable> wire(
      VigilConfig config,
      Database database,
      ObjectStore objects,
      WorkerPool workers,
      Clock clock,
      List<ApiRoutes> routes,
      VigilMetrics metrics,
      InferenceListener observer) {
    VigilConfig.LookoutSettings lookout = config.lookout();
    List<DatasetUsage> datasetUsages = new CopyOnWriteArrayList<>();
    DatasetService datasets = new DatasetService(database, clock, datasetUsages);
    IngestionService ingestion = new IngestionService(database, objects, workers, clock, datasets);
    LabelService labels = new LabelService(database, objects, clock);
    ModelService models = ModelService.create(database, datasets, labels, workers, clock);
    datasetUsages.add(models.datasetUsage());

    // Jobs that were running when Vigil stopped cannot resume mid-way: say so on each.
    ingestion.failInterruptedJobs();
    models.failInterruptedTraining();

    // Features built after inference add their listeners here before the engine starts.
    List<InferenceListener> inferenceListeners = new CopyOnWriteArrayList<>();
    InferenceFeature inference =
        InferenceFeature.create(
            database,
            models,
            objects,
            engineSettings(config.inference()),
            config.inference().threads(),
            clock,
            InferenceListener.all(inferenceListeners));

    routes.add(new DatasetRoutes(datasets));
    routes.add(new IngestionRoutes(ingestion));
    routes.add(new ModelRoutes(models));
    routes.add(new InferenceSchedulerRoutes(inference.schedulers(), inference.replays()));
    routes.add(new InferenceResultRoutes(inference.results()));
    routes.add(new InferenceInputRoutes(inference.pushes()));
    ScoreChart chart = new ScoreChart(database, inference.schedulers());
    routes.add(new InferenceChartRoutes(chart));

    AlertFeature alerts =
        AlertFeature.create(
            database, clock, inference.schedulers(), config.alerts(), metrics.alertStats());
    inferenceListeners.add(alerts.listener());
    inferenceListeners.add(metrics.inferenceListener());
    inferenceListeners.add(observer);
    routes.add(new OperationsRoutes(metrics, new SchedulerHealth(database, clock)));
    routes.add(new HookRoutes(alerts.hooks()));
    routes.add(new AlertRoutes(alerts.configurations(), alerts.history()));
    routes.add(new LabelGroupRoutes(labels));
    routes.add(
        Portal.create(
            datasets,
            ingestion,
            models,
            labels,
            inference.schedulers(),
            inference.replays(),
            inference.results(),
            chart,
            alerts.configurations(),
            alerts.hooks(),
            alerts.history(),
            clock));
    if (lookout.enabled()) {
      routes.add(
          LookoutEndpoint.create(
              lookout,
              database,
              datasets,
              ingestion,
              models,
              inference.schedulers(),
              inference.results(),
              labels,
              clock));
    }

    inference.start();
    alerts.start();
    // Inference stops first, so that no alert is decided once the delivery workers are gone.
    return List.of(inference, alerts);
  }

  private static EngineSettings engineSettings(VigilConfig.InferenceSettings settings) {
    return new EngineSettings(
        settings.catchUpHorizon(),
        settings.maxConsecutiveFailures(),
        EngineSettings.DEFAULT_MAX_WINDOWS_PER_RUN,
        settings.replayMaxPoints());
  }
}
