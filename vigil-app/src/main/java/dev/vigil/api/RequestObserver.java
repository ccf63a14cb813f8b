package dev.vigil.api;

/**
 * Hears of every HTTP request the server answered, for metrics. Called on the request's thread
 * after its answer is decided: it must be quick. Implementations must be thread-safe.
 */
public interface RequestObserver {
  /** Hears nothing. */
  RequestObserver NONE = (method, route, status, nanos) -> {};

  /**
   * A request was answered.
   *
   * @param method the HTTP method
   * @param route the route template that matched ({@code /api/v1/models/{name}}), never the raw
   *     path; {@code (unmatched)} when none did
   * @param status the HTTP status answered
   * @param nanos how long the server took
   */
  void completed(String method, String route, int status, long nanos);
}
