package dev.vigil.alert;

import dev.vigil.inference.StoredResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Correlation: turns the scored points of one window into the incidents they belong to, carrying
 * the latest incident over from the windows before. A point is anomalous when its score is above
 * the configuration's threshold. With {@link CorrelationMode#GROUP} and distance x, an anomalous
 * point joins the latest incident when at most x data points separate it from the incident's latest
 * anomalous point (the points of earlier windows count: x points are x points across a window
 * boundary too); otherwise it starts a new incident. With {@link CorrelationMode#EACH} every
 * anomalous point is an incident of its own.
 *
 * <p>Stateless and thread-safe: the state is the incident given and returned.
 */
final class IncidentTracker {
  private IncidentTracker() {}

  /**
   * What a window did to the incidents.
   *
   * @param touched the incidents that gained anomalous points in the window, in time order, each as
   *     it stood after its last point in the window
   * @param latest the latest incident after the window (to carry to the next one), null when there
   *     never was one
   * @param latestTouched whether {@code latest} is the last of {@code touched}
   */
  record Outcome(List<Incident> touched, Incident latest, boolean latestTouched) {
    Outcome {
      touched = List.copyOf(touched);
    }
  }

  /**
   * Judges a window's points.
   *
   * @param previous the latest incident before the window, or null
   * @param results the window's points, in time order
   * @param threshold a point whose score is above it is anomalous
   * @param mode group or each
   * @param withinPoints the correlation distance with GROUP
   */
  static Outcome judge(
      Incident previous,
      List<StoredResult> results,
      double threshold,
      CorrelationMode mode,
      int withinPoints) {
    Incident current = previous;
    List<Incident> touched = new ArrayList<>();
    boolean currentTouched = false;
    for (StoredResult result : results) {
      if (result.anomalyScore() > threshold) {
        if (current != null
            && mode == CorrelationMode.GROUP
            && current.pointsSinceAnomaly() < withinPoints) {
          current = current.with(result);
          if (currentTouched) {
            touched.set(touched.size() - 1, current);
          } else {
            touched.add(current);
            currentTouched = true;
          }
        } else {
          current = Incident.startingAt(result);
          touched.add(current);
          currentTouched = true;
        }
      } else if (current != null) {
        current = current.afterQuietPoint();
      }
    }
    return new Outcome(touched, current, currentTouched);
  }
}
