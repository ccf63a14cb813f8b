package dev.vigil.label;

import java.util.List;

/**
 * Where models read the known anomalies they are evaluated on, besides labels given inline: the
 * ANOMALY labels of a label group, or label files in the object store (Lookout for Equipment's
 * {@code LabelsInputConfiguration}). Implemented by {@link LabelService}; thread-safe.
 */
public interface LabelSource {
  /**
   * The labels rated ANOMALY of a group, in time order.
   *
   * @throws dev.vigil.request.NotFoundException when there is no such group
   */
  List<KnownAnomaly> anomalies(String labelGroupName);

  /**
   * The periods of the label files under a location: every object under {@code prefix} is a CSV
   * file without header whose lines are a start and an end timestamp. In time order.
   *
   * @param field the request field of the location, for messages
   * @throws dev.vigil.request.InvalidRequestException naming {@code field} when there is no file,
   *     the bucket does not exist or a line cannot be read
   */
  List<KnownAnomaly> anomaliesInFiles(String bucket, String prefix, String field);

  /** A source for services built without labels: it knows no group and reads no file. */
  LabelSource NONE =
      new LabelSource() {
        @Override
        public List<KnownAnomaly> anomalies(String labelGroupName) {
          throw new dev.vigil.request.NotFoundException(
              "label group '" + labelGroupName + "' does not exist");
        }

        @Override
        public List<KnownAnomaly> anomaliesInFiles(String bucket, String prefix, String field) {
          throw new dev.vigil.request.InvalidRequestException(
              field, "label files cannot be read by this service");
        }
      };
}
